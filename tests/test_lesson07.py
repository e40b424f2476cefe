"""Lesson 07 (invest in people): the survey it reads, the facts its text states, and issue 19's items.

Each test names what a first-time learner would meet if it failed.
"""

import json

import pandas as pd
import pytest

from helpers import authoring
from helpers.checks import lesson07 as q
from helpers.data import load
from helpers.people import bus_factor, gap_scores, overall_gaps, principles_at_risk, skills_in
from helpers.widgets.people import plan_adjuster

NONPROFITS = ["Bright Futures After-School", "Riverbend Mentors", "Riverbend Family Resource Center",
              "Riverbend Rising"]


@pytest.fixture(scope="module")
def survey():
    return load("staff_skills_survey")


def _solution():
    return json.loads((authoring.SOLUTIONS / "07_people.ipynb").read_text())


def _source(cell):
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


# --- the survey is plausible (issue 13) --------------------------------------------------------


def test_one_executive_director_per_nonprofit_and_none_at_the_district(survey):
    eds = survey[survey["role"] == "executive director"]
    assert eds["organization"].value_counts().to_dict() == {org: 1 for org in NONPROFITS}
    district = survey[survey["organization"] == "Riverbend Unified School District"]
    assert "executive director" not in set(district["role"])
    assert (survey["role"] == "hub director").sum() == 1


def test_role_mix_fits_each_organization(survey):
    sizes = survey["organization"].value_counts()
    assert sizes.idxmax() == "Riverbend Unified School District"
    for org, people in survey.groupby("organization"):
        leaders = (people["role_group"] == "leaders").sum()
        assert leaders < len(people) / 2, f"{org}: more leaders than staff"
    assert set(survey.loc[survey["role"] == "teacher", "organization"]) == {"Riverbend Unified School District"}
    assert set(survey.loc[survey["role"] == "case manager", "organization"]) == {"Riverbend Family Resource Center"}


def test_the_survey_asks_about_the_skills_of_leading_the_work(survey):
    for skill in ["convening_partners", "negotiating_agreements", "building_trust"]:
        assert skill in survey.columns and survey[skill].astype(int).between(1, 4).all()
    assert skills_in("leading the work") == ["convening_partners", "negotiating_agreements", "building_trust"]


def test_role_groups_are_large_enough_to_report(survey):
    assert survey["role_group"].value_counts().min() >= 5
    assert not gap_scores(survey, by="role_group").isna().any().any()


# --- the facts the lesson's text states ---------------------------------------------------------


def test_facts_the_lesson_text_rests_on(survey):
    overall = overall_gaps(survey, target=q.TARGET)
    assert overall.index[0] == "negotiating_agreements"  # "the biggest gap ... is negotiating agreements"
    assert overall.index[1] == "record_linkage"  # "Record linkage comes next"
    groups = gap_scores(survey, by="role_group", target=q.TARGET)
    assert groups.loc["teachers", "record_linkage"] > 0.9  # "almost every teacher"
    assert groups.loc["leaders", "convening_partners"] < 0.25 < groups.loc["leaders", "negotiating_agreements"]
    assert groups.loc["data staff", "convening_partners"] > 0.75
    assert principles_at_risk(overall, q.THRESHOLD) == [1, 4, 5, 6]  # "four of the seven"
    assert principles_at_risk(overall[skills_in("leading the work")], q.THRESHOLD) == [1, 4, 5, 6]
    teachers = bus_factor(survey, level=q.TEACH_LEVEL)
    assert teachers["negotiating_agreements"] == 1  # "rests on one"
    assert 2 <= teachers["record_linkage"] <= 6  # "a handful of people"
    assert q.must_cover() == ["record_linkage", "negotiating_agreements"]


def test_no_system_names_a_custodian():
    from helpers.people import system_roles

    roles = system_roles(load("data_systems"))
    unrecorded = (roles["held_by"] == "not recorded").groupby(roles["role"]).sum()
    assert unrecorded["custodian"] == len(load("data_systems")) and unrecorded["owner"] == 0


# --- issue 19: told right when wrong, boxes the check ignores, lists not shown, cut-off text ----


def test_an_hour_of_training_per_person_is_not_a_covered_gap():
    plan = q.model_plan()
    linkage = plan["skill"] == "record_linkage"
    plan.loc[linkage, "hours"] = 1
    result = q.training_plan.evaluate(plan)
    assert result.status == "incorrect"
    assert "Too few hours" in result.message and str(q.MIN_HOURS) in result.message
    assert "both gaps" not in result.message


def test_the_hours_rule_is_stated_in_the_lesson():
    text = "\n".join(_source(c) for c in _solution()["cells"] if c["cell_type"] == "markdown")
    assert f"at least {q.MIN_HOURS} hours" in text and "does not build one" in text


def test_the_budget_the_check_uses_is_not_an_editable_box():
    code = "\n".join(_source(c) for c in _solution()["cells"] if c["cell_type"] == "code")
    assert "budget_editable=False" in code and "budget=q.BUDGET" in code
    adjuster = plan_adjuster(q.starter_plan(), budget=q.BUDGET, must_cover=q.must_cover(), min_hours=q.MIN_HOURS,
                             budget_editable=False)
    assert adjuster.budget not in adjuster.box.children
    adjuster.set_plan(q.model_plan())
    assert adjuster.result().ok and q.training_plan.evaluate(adjuster.plan()).correct


def test_a_wrong_pick_is_answered_with_the_list_of_options():
    for question, bad in [(q.steward_tasks, "1, 4, 5"), (q.sustainability_budget, ["z"])]:
        message = question.evaluate(bad).message
        assert "not one of the options" in message and '"a"' in message and '"g"' in message


def test_long_text_is_shown_in_full():
    setup = next(c for c in _solution()["cells"] if "plumbing" in c["metadata"].get("tags", []))
    assert 'pd.set_option("display.max_colwidth", None)' in _source(setup)
    steward = q.TASKS["d"]
    assert len(steward) > 50
    printed = "".join("".join(o.get("text", "")) for c in _solution()["cells"] for o in c.get("outputs", []))
    assert steward in printed and q.SITUATIONS["d"] in printed and q.BUDGET_LINES["d"] in printed


def test_choice_answers_vary_in_letter_and_are_not_always_the_longest():
    choices = [q.gap_that_matters, q.who_leads, q.data_person_leaves]
    answers = [c.answer for c in choices]
    assert len(set(answers)) == len(answers)
    longest = [max(c.options, key=lambda k: len(c.options[k])) == c.answer for c in choices]
    assert not all(longest)


def test_label_answers_read_forgivingly():
    answer = {"a": "Convening partners", "b": "ferpa knowledge", "c": "negotiating-agreements",
              "d": " building_trust "}
    assert q.gap_in_action.evaluate(answer).correct


def test_no_check_only_copies_a_number():
    from helpers.exercises import NumberQuestion

    assert not [n for n, v in vars(q).items() if isinstance(v, NumberQuestion)]
