"""Indicators follow their stated rules, on small hand-made frames and for any input."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.indicators import (
    IndicatorError,
    chronic_absence,
    chronic_absence_rate,
    early_warning_flags,
    freshman_on_track,
)
from helpers.validation import EmptyTableError, MissingColumnsError, NotATableError


def frames(absences, enrolled, year="2025-26"):
    """absences: {student: [(day, event), ...]}, enrolled: {student: days}."""
    enr = pd.DataFrame({"student_id": list(enrolled), "school_id": "E01", "school_year": year,
                        "days_enrolled": list(enrolled.values())})
    rows = [(s, "E01", year, d, e) for s, evs in absences.items() for d, e in evs]
    att = pd.DataFrame(rows, columns=["student_id", "school_id", "school_year", "date", "event"])
    return att, enr


def test_ten_percent_of_enrolled_days_any_reason_counts():
    att, enr = frames(
        {"A": [(d, "excused_absence") for d in range(9)] + [(9, "suspension")],  # 10 of 100
         "B": [(d, "unexcused_absence") for d in range(9)] + [(9, "tardy")]},     # 9 of 100
        {"A": 100, "B": 100},
    )
    out = chronic_absence(att, enr).set_index("student_id")
    assert out.loc["A", "days_absent"] == 10 and bool(out.loc["A", "chronically_absent"])
    assert out.loc["B", "days_absent"] == 9 and not bool(out.loc["B", "chronically_absent"])


def test_exactly_on_the_threshold_counts():
    att, enr = frames({"A": [(d, "excused_absence") for d in range(18)]}, {"A": 180})
    assert bool(chronic_absence(att, enr)["chronically_absent"].iloc[0])


def test_duplicate_event_rows_count_one_day():
    att, enr = frames({"A": [(1, "excused_absence")] * 5}, {"A": 10})
    assert chronic_absence(att, enr)["days_absent"].iloc[0] == 1


def test_min_days_enrolled_drops_short_enrollments_and_can_change_the_rate():
    att, enr = frames({"A": [(1, "excused_absence"), (2, "excused_absence")]}, {"A": 20, "B": 100})
    assert chronic_absence_rate(chronic_absence(att, enr))["rate"].iloc[0] == 0.5
    strict = chronic_absence(att, enr, min_days_enrolled=31)
    assert strict["student_id"].tolist() == ["B"]
    assert chronic_absence_rate(strict)["rate"].iloc[0] == 0.0


def test_school_year_filter_and_rate_by_group():
    a1, e1 = frames({"A": [(d, "excused_absence") for d in range(20)]}, {"A": 100}, "2024-25")
    a2, e2 = frames({"A": [(1, "excused_absence")]}, {"A": 100, "B": 100}, "2025-26")
    att, enr = pd.concat([a1, a2]), pd.concat([e1, e2])
    both = chronic_absence(att, enr)
    assert len(both) == 3
    prior = chronic_absence(att, enr, school_year="2024-25")
    assert prior["chronically_absent"].tolist() == [True]
    by = chronic_absence_rate(both, by="school_year").set_index("school_year")
    assert by.loc["2024-25", "rate"] == 1.0 and by.loc["2025-26", "rate"] == 0.0
    with pytest.raises(IndicatorError, match="2030-31"):
        chronic_absence(att, enr, school_year="2030-31")


def test_students_moving_schools_sum_their_days_and_keep_main_school():
    enr = pd.DataFrame({"student_id": ["A", "A"], "school_id": ["E01", "E02"],
                        "school_year": "2025-26", "days_enrolled": [30, 120]})
    att = pd.DataFrame({"student_id": ["A"] * 15, "school_year": "2025-26", "date": range(15),
                        "event": "unexcused_absence"})
    out = chronic_absence(att, enr)
    assert out[["school_id", "days_enrolled", "days_absent"]].values.tolist() == [["E02", 150, 15]]


def test_clear_errors():
    att, enr = frames({"A": [(1, "excused_absence")]}, {"A": 10})
    with pytest.raises(MissingColumnsError, match="'event'.*It has"):
        chronic_absence(att.drop(columns="event"), enr)
    with pytest.raises(IndicatorError, match="percent"):
        chronic_absence(att, enr, threshold=10)
    with pytest.raises(NotATableError):
        chronic_absence("attendance.csv", enr)
    with pytest.raises(EmptyTableError):
        chronic_absence(att, enr.iloc[0:0])
    with pytest.raises(IndicatorError, match="days_enrolled"):
        chronic_absence(att, enr.assign(days_enrolled="many"))
    assert issubclass(MissingColumnsError, KeyError) and issubclass(MissingColumnsError, ValueError)


def test_inputs_are_not_mutated():
    att, enr = frames({"A": [(1, "excused_absence"), (1, "excused_absence")]}, {"A": 10})
    marks = pd.DataFrame({"student_id": ["A"], "school_year": "2025-26", "subject": ["Math"],
                          "mark": ["F"], "credits": [0.5]})
    before = [x.copy() for x in (att, enr, marks)]
    chronic_absence(att, enr, min_days_enrolled=5)
    early_warning_flags(att, enr, marks)
    freshman_on_track(marks, ["A"])
    for a, b in zip((att, enr, marks), before):
        pd.testing.assert_frame_equal(a, b)


@st.composite
def attendance_data(draw):
    n = draw(st.integers(1, 6))
    enrolled = {f"S{i}": draw(st.integers(1, 40)) for i in range(n)}
    absences = {}
    for s, days in enrolled.items():
        k = draw(st.integers(0, days + 3))  # may exceed enrolled days: a data problem
        events = draw(st.lists(st.sampled_from(["excused_absence", "unexcused_absence", "suspension", "tardy"]),
                               min_size=k, max_size=k))
        absences[s] = list(enumerate(events))
    return frames(absences, enrolled)


@settings(max_examples=60, deadline=None)
@given(attendance_data(), st.floats(0.01, 1.0), st.floats(0.01, 1.0))
def test_rates_are_fractions_and_flags_are_monotone_in_threshold(data, t1, t2):
    att, enr = data
    low, high = sorted((t1, t2))
    a = chronic_absence(att, enr, threshold=low)
    b = chronic_absence(att, enr, threshold=high)
    assert a["absence_rate"].between(0, 1).all()
    assert (b["chronically_absent"] <= a["chronically_absent"]).all()
    rate = chronic_absence_rate(a)["rate"].iloc[0]
    assert 0 <= rate <= 1


@settings(max_examples=40, deadline=None)
@given(attendance_data(), st.integers(0, 40))
def test_minimum_enrollment_only_removes_students(data, minimum):
    att, enr = data
    everyone = set(chronic_absence(att, enr)["student_id"])
    kept = chronic_absence(att, enr, min_days_enrolled=minimum)
    assert set(kept["student_id"]) <= everyone
    assert (kept["days_enrolled"] >= minimum).all()


def test_abc_flags_each_follow_their_parameter():
    att, enr = frames({"A": [(d, "unexcused_absence") for d in range(11)],  # 89% attendance
                       "B": [(1, "suspension")], "C": []}, {"A": 100, "B": 100, "C": 100, "D": 100})
    disc = pd.DataFrame({"student_id": ["C", "C"], "school_year": "2025-26", "action": ["warning", "detention"]})
    marks = pd.DataFrame({"student_id": ["D", "D"], "school_year": "2025-26",
                          "subject": ["Science", "Math"], "mark": ["F", "D"]})
    out = early_warning_flags(att, enr, marks, disc).set_index("student_id")
    assert out["attendance_flag"].to_dict() == {"A": True, "B": False, "C": False, "D": False}
    assert out["behavior_flag"].to_dict() == {"A": False, "B": True, "C": True, "D": False}
    assert out["course_flag"].to_dict() == {"A": False, "B": False, "C": False, "D": False}
    stricter = early_warning_flags(att, enr, marks, disc, incidents_at_least=3, failing_marks=("D", "F"),
                                   attendance_below=0.85).set_index("student_id")
    assert not stricter.loc["C", "behavior_flag"] and stricter.loc["D", "course_flag"]
    assert not stricter.loc["A", "attendance_flag"]
    assert (out["flags"] == out[["attendance_flag", "behavior_flag", "course_flag"]].sum(axis=1)).all()


def test_freshman_on_track_rule():
    def marks(student, fs, n=10):
        return pd.DataFrame({"student_id": student, "subject": ["ELA", "Math", "Science", "Social Studies", "Art"] * 2,
                             "mark": ["F"] * fs + ["C"] * (n - fs), "credits": 1.0})
    m = pd.concat([marks("A", 0), marks("B", 1), marks("C", 2), marks("D", 6)])
    out = freshman_on_track(m, ["A", "B", "C", "D", "E"]).set_index("student_id")
    assert out["on_track"].to_dict() == {"A": True, "B": True, "C": False, "D": False, "E": False}
    assert out.loc["D", "credits_earned"] == 4.0 and out.loc["C", "core_semester_fs"] == 2
    lenient = freshman_on_track(m, ["C"], max_core_semester_fs=2)
    assert lenient["on_track"].tolist() == [True]
