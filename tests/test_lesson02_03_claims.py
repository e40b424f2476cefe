"""The claims lessons 02 and 03 make about Riverbend's data, checked against the data.

Each scenario answer in these lessons rests on a fact in the datasets (how often a system is
refreshed, what the indicator does with repeated rows, which requests state no action ...).
If the generator changes, these tests say which lesson text or answer has become untrue.
"""

import pandas as pd
import pytest

from helpers.checks import lesson02, lesson03
from helpers.data import load
from helpers.ecosystem import split_elements, systems_holding
from helpers.indicators import chronic_absence


@pytest.fixture(scope="module")
def systems():
    return load("data_systems")


@pytest.fixture(scope="module")
def year():
    return chronic_absence(load("attendance"), load("enrollment"), school_year="2025-26")


# ------------------------------------------------------------------ lesson 02
def test_only_the_hub_links_mentees_to_attendance_and_it_refreshes_termly(systems):
    """board_route's answer (the hub's termly return) fits a termly count, not a weekly list."""
    hub = systems_holding(systems, ["mentee_id", "attendance_rate"])
    assert hub["system_id"].tolist() == ["SYS10"]
    assert hub["refresh"].astype(str).tolist() == ["termly"]
    assert lesson02.board_route.evaluate("a").correct
    assert not lesson02.mentor_route.evaluate("a").correct


def test_the_system_of_record_for_attendance_refreshes_daily(systems):
    """mentor_route's answer (a weekly export from the SIS) needs a source updated at least weekly."""
    source = systems_holding(systems, ["attendance_events"])
    assert source["system_name"].tolist() == ["PowerRiver SIS"]
    assert source["refresh"].astype(str).tolist() == ["daily"]
    assert lesson02.mentor_route.evaluate("e").correct


def test_most_mentees_have_consent_on_file():
    """The lesson says 84% of mentees' parents signed consent."""
    share = load("mentoring_roster")["consent_on_file"].mean()
    assert round(share * 100) == 84


def test_source_of_truth_is_the_district_sis(systems):
    holding = systems_holding(systems, ["school", "grade"])
    sis = holding[holding["system_name"] == "PowerRiver SIS"]
    assert len(sis) == 1 and sis["refresh"].astype(str).iloc[0] == "daily"
    dashboard = holding[holding["system_name"] == "Community Dashboard"]
    assert not bool(dashboard["holds_pii"].iloc[0]), "the dashboard holds totals, not children"


def test_repeated_attendance_rows_do_not_change_chronic_absence(year):
    """gap_effect: the indicator counts each student's date once, so duplicates change nothing."""
    attendance = load("attendance")
    dup = attendance.duplicated(["student_id", "date", "event"])
    assert dup.sum() > 0, "the messy school's export repeats rows"
    cleaned = chronic_absence(attendance[~dup], load("enrollment"), school_year="2025-26")
    pd.testing.assert_frame_equal(cleaned.reset_index(drop=True), year.reset_index(drop=True))


def test_the_gap_makes_cedar_ridge_look_better(year):
    """gap_effect: counting only recorded days raises Cedar Ridge's rate to about its neighbors'."""
    attendance = load("attendance")
    e06 = attendance[(attendance["school_id"] == "E06") & (attendance["school_year"] == "2025-26")]
    january = e06[(e06["date"] >= "2026-01-05") & (e06["date"] <= "2026-01-23")]
    assert january["event"].astype(str).ne("tardy").sum() == 0, "three weeks with no absences recorded"
    cedar = year[year["school_id"] == "E06"]
    others = year[year["school_id"].str.startswith("E") & (year["school_id"] != "E06")]
    recorded = cedar["days_absent"] / (cedar["days_enrolled"] - 15).clip(lower=1) >= 0.10
    assert cedar["chronically_absent"].mean() < others["chronically_absent"].mean()
    assert recorded.mean() > cedar["chronically_absent"].mean()
    assert lesson02.worst_school() == "E06"


# ------------------------------------------------------------------ lesson 03
def test_the_rules_give_the_numbers_the_lesson_quotes(year):
    """which_rate: about 9%, 24% and 30% for the same students, and 76 left out by the minimum."""
    unexcused = chronic_absence(load("attendance"), load("enrollment"), school_year="2025-26",
                                count=["unexcused_absence"])
    minimum = chronic_absence(load("attendance"), load("enrollment"), school_year="2025-26", min_days_enrolled=31)
    assert round(unexcused["chronically_absent"].mean() * 100) == 9
    assert round(year["chronically_absent"].mean() * 100) == 24
    assert round((year["days_absent"] >= 15).mean() * 100) == 30
    assert len(year) - len(minimum) == 76


def test_triage_piles_follow_the_request_log():
    """request_triage: C = no action stated; B = a count question asking for student rows; A = neither."""
    log = load("data_requests").set_index("request_id")
    identifying = {"student_id", "student_name", "date_of_birth", "home_address", "guardian_phone"}
    for rid, pile in zip(lesson03.TRIAGE_REQUESTS, lesson03.TRIAGE_ANSWER):
        row = log.loc[rid]
        no_action = row["intended_action"].strip().lower() == "none stated"
        counts = row["question"].startswith(("How many", "Which school has the most"))
        rows_asked = bool(identifying & set(split_elements(row["fields_requested"])))
        assert (pile == "C") == no_action, rid
        if pile == "B":
            assert counts and rows_asked, rid


def test_the_first_list_fits_the_weekly_slots():
    counts = lesson03.middle_school_flag_counts()
    assert counts[3] <= lesson03.WEEKLY_ADULT_SLOTS < counts[2] + counts[3]
    assert lesson03.sized_for_action.evaluate("a").correct


def test_participants_start_near_a_floor_and_the_relative_reading_flips():
    """floor_effect: the points say 'a small benefit', the relative change says 'harm'."""
    r = lesson03.selection_rates()
    p0, p1 = r.loc["participants", "2024-25"], r.loc["participants", "2025-26"]
    n0, n1 = r.loc["non-participants", "2024-25"], r.loc["non-participants", "2025-26"]
    assert round(p0 * 100, 1) == 1.3 and round(n0 * 100, 1) == 19.6
    assert (p1 - p0) < (n1 - n0), "participants rose by fewer points"
    assert (p1 - p0) / p0 > (n1 - n0) / n0, "but by more relative to where they started"
    assert round((p1 - p0) / p0 * 100, -1) == 50 and round((n1 - n0) / n0 * 100) == 6, "the lesson quotes 50% and 6%"
    assert lesson03.floor_change_points() == ("0.6", "1.1")
