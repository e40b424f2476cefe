"""Lesson 08 (capstone): its scenario module, its checks, and the order of its notebook."""

import copy
import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import capstone
from helpers.checks import lesson08 as q
from helpers.exercises import Question, ____
from helpers.ferpa import check_agreement

ROOT = Path(__file__).resolve().parents[1]


def _cells(folder: str) -> list[dict]:
    return json.loads((ROOT / folder / "08_capstone.ipynb").read_text(encoding="utf-8"))["cells"]


def _text(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


# -- the scenario module -------------------------------------------------------------------------
def test_year_status_labels_yes_no_and_not_enrolled_without_mutating():
    per_student = pd.DataFrame({"student_id": ["A", "B", "A"], "school_year": ["2024-25", "2024-25", "2025-26"],
                                "chronically_absent": [True, False, False]})
    ids = pd.Series(["A", "B", "C"])
    before = per_student.copy()
    assert capstone.year_status(per_student, ids, "2024-25").tolist() == ["yes", "no", "not enrolled"]
    assert capstone.year_status(per_student, ids, "2025-26").tolist() == ["no", "not enrolled", "not enrolled"]
    pd.testing.assert_frame_equal(per_student, before)


def test_extract_holds_the_same_children_in_both_years_and_is_a_fresh_copy():
    extract = capstone.district_extract()
    assert list(extract.columns) == capstone.DISTRICT_FIELDS
    assert set(extract[capstone.LAST]) == {"yes", "no"} and set(extract[capstone.NOW]) == {"yes", "no"}
    extract.loc[0, capstone.LAST] = "changed"
    assert capstone.district_extract().loc[0, capstone.LAST] != "changed"


def test_roster_sends_only_consented_mentees_and_only_the_linkage_fields():
    consented = capstone.roster()
    everyone = capstone.roster(consent_only=False)
    counts = capstone.consent_counts()
    assert list(consented.columns) == capstone.ROSTER_FIELDS
    assert len(consented) == counts["with consent"] < len(everyone) == counts["mentees"]
    source = pd.read_csv(ROOT / "datasets" / "partners" / "mentoring_roster.csv")
    allowed = set(source.loc[source["consent_on_file"].astype(str).str.lower() == "true", "mentee_id"])
    assert set(consented["mentee_id"]) == allowed


def test_the_trend_compares_the_same_children():
    """Issue 13: both years' counts are over one fixed group (no 'not enrolled' row or column)."""
    published = capstone.published_report()
    assert "not enrolled" not in published.index and "not enrolled" not in published.columns
    t = capstone.trend(published)
    assert t["last"] + int(published.loc["no", "Total"]) == t["children"]
    assert t["now"] + int(published.loc["Total", "no"]) == t["children"]
    assert t["still"] + t["newly"] == t["now"] and t["still"] + t["recovered"] == t["last"]


def test_trend_reads_hidden_cells_as_unknown():
    hidden = capstone.published_report(11)
    t = capstone.trend(hidden)
    assert t["recovered"] is None and t["still"] is None
    assert t["last"] is not None and t["now"] is not None


def test_hidden_small_counts_are_the_true_values_the_partner_was_not_shown():
    for limit in (10, 11):
        hidden = capstone.hidden_small_counts(limit)
        assert hidden and all(0 < n < limit for n in hidden)
        shown = capstone.published_report(limit).stack(future_stack=True).dropna().astype(int)
        assert not (hidden & {n for n in shown if n < limit})
    assert 10 in capstone.hidden_small_counts(11) and 10 not in capstone.hidden_small_counts(10)


def test_the_two_flows_are_honest():
    from helpers.ferpa import find_pathways

    district, mentors = capstone.flows().values()
    assert find_pathways(district).keys("fits") == ["school_official"]
    result = find_pathways(mentors)
    assert result.keys("fits") == [] and result.keys("possible") == ["de_identified"]


def test_draft_agreement_is_a_fresh_copy_and_only_the_model_passes():
    first = capstone.draft_hub_agreement()
    first["data_elements"].clear()
    first["scope"] = "changed"
    second = capstone.draft_hub_agreement()
    assert second["data_elements"] and second["scope"] == "TBD"
    assert not check_agreement(second).passes
    model = capstone.model_hub_agreement()
    assert check_agreement(model).passes and set(model["data_elements"]) == capstone.MINIMAL_FIELDS


def test_a_typo_in_a_field_is_no_such_field_not_a_refusal():
    """Issue 19.6: by="LAST" is a typo, answered as one and logged as a failure, not a legal refusal."""
    from helpers.hub import request_report

    hub = capstone.open_hub(10)
    try:
        answer = request_report(hub, capstone.PARTNER, by="LAST", measure=capstone.NOW)
        last = hub.audit_log().iloc[-1]
    finally:
        hub.close()
    assert not answer.granted and answer.message.startswith("No such field")
    assert "outside its agreement" not in answer.message and capstone.LAST in answer.message
    assert last["outcome"] == "failed" and "no such field" in last["detail"]


def test_worksheet_has_every_principle_and_keeps_what_was_written():
    sheet = capstone.worksheet({"question": "Q?", "3": "chronic absence"})
    for step, prompt in capstone.STEPS:
        assert step in sheet and prompt in sheet
    assert "Q?" in sheet and "chronic absence" in sheet
    assert capstone.worksheet().count("_" * 60) == 2 * len(capstone.STEPS)


IMPORT_GUARD = """
import helpers.data, pandas
def no_load(*args, **kwargs):
    raise AssertionError(f"loaded data {args} while importing")
helpers.data.load = no_load
pandas.read_csv = no_load
import helpers.capstone, helpers.checks.lesson08
"""


def test_importing_the_scenario_module_loads_no_data():
    done = subprocess.run([sys.executable, "-c", IMPORT_GUARD], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-1500:]


# -- the checks ------------------------------------------------------------------------------------
def test_placeholder_is_not_attempted_for_every_question():
    questions = [v for v in vars(q).values() if isinstance(v, Question)]
    assert len(questions) == 7
    assert all(question.evaluate(____).status == "unattempted" for question in questions)
    blank = dict.fromkeys(q.BRIEF_PARTS, "____")
    assert q.brief_text.evaluate(blank).status == "unattempted"


@pytest.mark.parametrize("value", range(10, 61))
def test_every_min_cell_that_keeps_the_promise_is_right(value):
    """Issue 19.2: 'cells under 10 suppressed' is kept by 10 and by any larger whole number."""
    assert q.min_cell.evaluate(value).correct


@pytest.mark.parametrize("value", range(0, 10))
def test_a_min_cell_under_the_promise_is_wrong_without_giving_the_answer(value):
    result = q.min_cell.evaluate(value)
    assert result.status == "incorrect" and "10" not in result.message


def test_the_trade_off_accepts_both_defensible_sides_and_explains_each_cost():
    for side in ("b", "d"):
        result = q.roster_choice.evaluate(side)
        assert result.correct and "cost" in result.message.lower()
    for side in ("a", "c"):
        assert q.roster_choice.evaluate(side).status == "incorrect"


def test_defense_checks_presence_only_and_says_so():
    for non_answer in ("yes", "We will figure this out later", "ok.", "because"):
        result = q.defense.evaluate(non_answer)
        assert result.status == "incorrect" and "Only whether" in result.message
    assert "Only its presence" in q.defense.evaluate("We send only consented mentees, which costs coverage.").message


def test_brief_rubric_aims_each_message_at_the_missing_element_without_leaking_the_model():
    model = q.model_brief()
    assert q.brief_text.evaluate(model).correct
    cases = {
        "takeaway": ("Most mentees are chronically absent and it is not improving.", "no number"),
        "limitation": ("The numbers are interesting to look at.", "cannot show"),
        "next_step": ("This is important for everybody here.", "what someone should do"),
    }
    for part, (text, expected) in cases.items():
        result = q.brief_text.evaluate({**model, part: text})
        assert result.status == "incorrect" and expected in result.message, (part, result.message)
        for sentence in model.values():
            assert sentence not in result.message
    no_source = q.brief_text.evaluate({**model, "data_note": "Counts under 10 are suppressed for privacy."})
    assert "where the numbers come from" in no_source.message
    no_rule = q.brief_text.evaluate({**model, "data_note": "The district linked the roster to its records."})
    assert "what was hidden" in no_rule.message


@pytest.mark.parametrize("leak", ["9 mentees were not found.", "Nine mentees could not be found."])
def test_brief_with_a_count_the_hub_hid_is_rejected(leak):
    model = q.model_brief()
    result = q.brief_text.evaluate({**model, "data_note": model["data_note"] + " " + leak})
    assert result.status == "incorrect" and "hid" in result.message


texts = st.one_of(st.none(), st.integers(), st.text(max_size=80),
                  st.sampled_from(["9", "nine", "10%", "1,234", "3.5", "____", " ", "yes"]))


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(list(q.BRIEF_PARTS) + ["other"]), texts, max_size=5))
def test_brief_rubric_never_fails_inside_on_any_answer(changes):
    answer = {**q.model_brief(), **changes}
    before = copy.deepcopy(answer)
    result = q.brief_text.evaluate(answer)
    assert result.status in ("correct", "incorrect", "unattempted")
    assert answer == before


# -- the notebook ----------------------------------------------------------------------------------
def test_consent_and_pathways_are_decided_before_any_data_moves():
    """Issue 13: the roster choice and the pathway question come before the hub receives anything."""
    code = [_text(c) for c in _cells("solutions") if c["cell_type"] == "code"]
    first = {name: next(i for i, src in enumerate(code) if name in src)
             for name in ("q.roster_choice.check", "q.open_question.check", "q.min_cell.check", "open_hub(")}
    assert first["q.open_question.check"] < first["q.roster_choice.check"] < first["open_hub("]
    assert first["q.min_cell.check"] < first["open_hub("]
    assert not any("ingest(" in src or "hub.link(" in src for src in code[:first["open_hub("]])


def test_the_learner_writes_the_brief_and_the_notebook_does_not():
    code = [_text(c) for c in _cells("lessons") if c["cell_type"] == "code"]
    writing = next(src for src in code if "q.brief_text.check" in src)
    for part in q.BRIEF_PARTS:
        assert f'{part} = "____"' in writing
    brief_cell = next(src for src in code if "make_brief(" in src)
    assert "takeaways=[takeaway, limitation, next_step]" in brief_cell and "data_note=data_note" in brief_cell


def test_opening_and_facilitator_guide_describe_the_paper_version():
    opening = " ".join(_text(c) for c in _cells("lessons")[:3])
    assert "30-minute paper version" in opening
    guide = (ROOT / "docs" / "facilitator-guide.md").read_text(encoding="utf-8")
    section = guide[guide.index("### 08"):]
    assert "30-minute paper version" in section


def test_what_the_notebook_says_about_the_hubs_answers_holds_for_the_data():
    """Section 5 says: both link counts are hidden, the report hides nothing at 10, and the two
    totals together give the hidden count; the solution's brief quotes the report's numbers."""
    report = capstone.published_report(10)
    assert not report.isna().any().any()
    hidden = capstone.hidden_small_counts(10)
    assert len(hidden) == 1
    assert len(capstone.roster()) - int(report.loc["Total", "Total"]) in hidden
    t = capstone.trend(report)
    solution = next(_text(c) for c in _cells("solutions") if "q.brief_text.check" in _text(c))
    takeaway = next(line for line in solution.splitlines() if line.startswith("takeaway ="))
    assert [int(n) for n in re.findall(r"\d+", takeaway)] == [t["children"], t["last"], t["now"]]
    assert "not improving" in takeaway and t["now"] >= t["last"]


def test_the_rubric_protects_what_the_learners_own_hub_hid():
    """With min_cell = 11 the hub hides the 10 mentees no longer chronically absent: a brief that
    prints 10 is then rejected, while with 10 the same sentence is fine."""
    sentence = " Of last year's chronically absent mentees, 10 no longer are."
    model = q.model_brief()
    try:
        capstone.open_hub(11).close()
        assert 10 in capstone.hidden_small_counts()
        result = q.brief_text.evaluate({**model, "takeaway": model["takeaway"] + sentence})
        assert result.status == "incorrect" and "10" in result.message
        capstone.open_hub(10).close()
        assert q.brief_text.evaluate({**model, "takeaway": model["takeaway"] + sentence}).correct
    finally:
        capstone._OPENED["min_cell"] = None
