"""People helpers: gap scores, gaps -> principles, roles, training plan checks, bus factor.

Written against small synthetic frames built here, so the rules are tested on any data,
not only on Riverbend's survey.
"""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import people as p
from helpers.people import (
    MissingColumnError,
    PeopleError,
    PlanError,
    SurveyError,
    after_training,
    biggest_gaps,
    blocked_principles,
    bus_factor,
    check_plan,
    describe_gaps,
    gap_scores,
    overall_gaps,
    plan_costs,
    plan_timeline,
    plan_totals,
    principles_at_risk,
    ratings,
    role_for,
    single_points_of_failure,
    skill_principles,
    system_roles,
)


def survey():
    return pd.DataFrame({
        "respondent_id": ["A", "B", "C", "D", "E", "F"],
        "organization": ["District", "District", "District", "Mentors", "Mentors", "Hub"],
        "role": ["analyst", "teacher", "teacher", "coordinator", "coordinator", "analyst"],
        "data_privacy": [4, 2, 3, 1, 2, 4],
        "ferpa_knowledge": [3, 3, 4, 1, 1, 2],
        "record_linkage": [3, 1, 1, 1, 1, 4],
    })


def plan():
    return pd.DataFrame({
        "who": ["A", "B", "F", "D"],
        "organization": ["District", "District", "Hub", "Mentors"],
        "skill": ["record_linkage", "record_linkage", "data_privacy", "ferpa_knowledge"],
        "hours": [20, 10, 8, 6],
        "cost_per_hour": [50, 50, 40, 30],
        "month": [1, 2, 2, 3],
    })


# --- survey and gap scores -------------------------------------------------------------------


def test_overall_gaps_are_shares_below_target_biggest_first():
    gaps = overall_gaps(survey())
    assert list(gaps.index) == ["record_linkage", "data_privacy", "ferpa_knowledge"]
    assert gaps["record_linkage"] == pytest.approx(4 / 6)
    assert gaps["data_privacy"] == pytest.approx(3 / 6)
    assert gaps["ferpa_knowledge"] == pytest.approx(3 / 6)


def test_target_per_skill_and_higher_target_means_bigger_gaps():
    s = survey()
    strict = overall_gaps(s, target=4)
    assert strict["ferpa_knowledge"] == pytest.approx(5 / 6)
    mixed = overall_gaps(s, target={"data_privacy": 2, "ferpa_knowledge": 3, "record_linkage": 3})
    assert mixed["data_privacy"] == pytest.approx(1 / 6)
    with pytest.raises(PeopleError, match="record_linkage"):
        overall_gaps(s, target={"data_privacy": 2, "ferpa_knowledge": 3})


def test_gap_scores_by_group_and_small_groups_blanked():
    s = survey()
    by_org = gap_scores(s, by="organization", min_group=1)
    assert by_org.loc["Mentors", "record_linkage"] == 1.0
    assert by_org.loc["District", "data_privacy"] == pytest.approx(1 / 3)
    assert by_org.loc["Hub", "record_linkage"] == 0.0
    blanked = gap_scores(s, by="organization", min_group=2)
    assert blanked.loc["Hub"].isna().all()
    assert not blanked.loc["District"].isna().any()
    assert list(blanked.columns) == ["data_privacy", "ferpa_knowledge", "record_linkage"]


def test_blank_answers_are_left_out_of_the_share():
    s = survey()
    s["record_linkage"] = pd.array([3, None, 1, 1, 1, 4], dtype="Int64")
    assert overall_gaps(s)["record_linkage"] == pytest.approx(3 / 5)


def test_category_and_text_ratings_are_read_as_numbers():
    s = survey()
    s["data_privacy"] = s["data_privacy"].astype("category")
    s["ferpa_knowledge"] = s["ferpa_knowledge"].astype(str)
    pd.testing.assert_series_equal(overall_gaps(s), overall_gaps(survey()))


@pytest.mark.parametrize("bad,match", [(0, "outside"), (5, "outside"), (2.5, "outside"), ("three", "not a number")])
def test_ratings_outside_the_scale_are_refused(bad, match):
    s = survey().astype({"data_privacy": object})
    s.loc[2, "data_privacy"] = bad
    with pytest.raises(SurveyError, match=match) as err:
        ratings(s)
    assert "data_privacy" in str(err.value)


def test_missing_columns_say_which_and_what_to_try():
    with pytest.raises(MissingColumnError, match="record_linkge"):
        overall_gaps(survey(), skills=["record_linkge"])
    with pytest.raises(MissingColumnError, match="by='role'"):
        gap_scores(survey(), by="department")
    with pytest.raises(SurveyError, match="skills="):
        overall_gaps(pd.DataFrame({"name": ["x"]}))
    with pytest.raises(PeopleError, match="DataFrame"):
        overall_gaps([1, 2, 3])


def test_biggest_gaps_and_description():
    assert biggest_gaps(survey(), n=2) == ["record_linkage", "data_privacy"]
    text = describe_gaps(gap_scores(survey(), by="organization", min_group=1), n=2)
    assert text.startswith("Biggest gaps: ")
    assert "Mentors" in text and "100%" in text
    with pytest.raises(PeopleError):
        biggest_gaps(survey(), n=0)


def test_heatmap_draws_every_cell_with_its_percent():
    import matplotlib

    matplotlib.use("Agg")
    from helpers.charts import figure

    gaps = gap_scores(survey(), by="organization", min_group=2)
    fig, ax = figure()
    p.draw_gap_heatmap(ax, gaps)
    texts = [t.get_text() for t in ax.texts]
    assert len(texts) == gaps.size
    assert "n<" in texts and "100%" in texts
    import matplotlib.pyplot as plt

    plt.close(fig)


# --- gaps -> principles ------------------------------------------------------------------------


def test_skill_areas_include_leading_the_work():
    assert set(p.SKILL_AREAS) == set(p.SURVEY_SKILLS)
    assert p.skills_in("leading the work") == ["convening_partners", "negotiating_agreements", "building_trust"]
    assert "record_linkage" in p.skills_in("working with data")
    with pytest.raises(PeopleError, match="leading the work"):
        p.skills_in("leadership")


def test_leading_the_work_gaps_put_principles_at_risk():
    table = skill_principles()
    for skill in p.skills_in("leading the work"):
        assert len(table.query("skill == @skill")) >= 1
    assert 4 in table.query("skill == 'building_trust'")["principle"].tolist()  # trust, turf and time
    assert 6 in table.query("skill == 'negotiating_agreements'")["principle"].tolist()
    assert principles_at_risk(pd.Series({"convening_partners": 0.7})) == [1, 5]


def test_mapping_table_is_complete_and_explained():
    table = skill_principles()
    assert set(table["skill"]) == set(p.SURVEY_SKILLS)
    assert table["why"].str.len().min() > 20
    assert set(table["principle"]) <= set(range(1, 8))
    assert table.query("skill == 'ferpa_knowledge'")["principle"].tolist() == [6]
    assert 5 in table.query("skill == 'record_linkage'")["principle"].tolist()
    assert 4 in table.query("skill == 'data_privacy'")["principle"].tolist()


def test_blocked_principles_follow_threshold_and_mapping():
    gaps = pd.Series({"ferpa_knowledge": 0.5, "data_privacy": 0.49, "record_linkage": 0.9, "unknown_skill": 1.0})
    blocked = blocked_principles(gaps, threshold=0.5)
    assert set(blocked["skill"]) == {"ferpa_knowledge", "record_linkage"}
    assert principles_at_risk(gaps) == [5, 6]
    assert principles_at_risk(gaps, threshold=0.95) == []
    custom = [("data_privacy", 2, "A made-up rule for this test.")]
    assert principles_at_risk(gaps, threshold=0.4, mapping=custom) == [2]
    with pytest.raises(PeopleError, match="one of the seven"):
        skill_principles([("data_privacy", 9, "x")])
    with pytest.raises(PeopleError, match="0 to 1"):
        blocked_principles(gaps, threshold=50)


def test_blocked_principles_on_a_group_table_names_the_group():
    table = gap_scores(survey(), by="organization", min_group=2)
    blocked = blocked_principles(table)
    assert "group" in blocked.columns
    assert "Hub" not in set(blocked["group"])  # blanked small group never blocks
    assert set(blocked.loc[blocked.group == "Mentors", "principle"]) == {4, 5, 6}


# --- roles ---------------------------------------------------------------------------------


def test_roles_and_responsibilities():
    assert list(p.data_roles()["role"]) == ["owner", "steward", "custodian"]
    resp = p.responsibilities()
    assert set(resp["role"]) == {"owner", "steward", "custodian"}
    for text, role in zip(resp["responsibility"], resp["role"]):
        assert role_for(text.upper()) == role
    with pytest.raises(KeyError):
        role_for("Make the coffee")


def test_responsibilities_are_keyed_by_a_stable_id():
    """Issue 18 item 7: exercises name a task by its id, never by its position."""
    assert isinstance(p.RESPONSIBILITIES, dict)
    assert all(key.isidentifier() and key.islower() for key in p.RESPONSIBILITIES)
    resp = p.responsibilities()
    assert resp.index.name == "id" and list(resp.index) == list(p.RESPONSIBILITIES)
    assert resp.loc["sign_agreement", "role"] == "owner"
    assert resp.loc["define_indicator", "role"] == "steward"
    assert resp.loc["create_account", "role"] == "custodian"


def test_the_lesson_letters_follow_ids_not_positions(monkeypatch):
    """Reordering RESPONSIBILITIES must not re-letter lesson 07's roles exercise."""
    import importlib

    import helpers.checks.lesson07 as lesson07
    import helpers.people.roles as roles

    before = dict(lesson07.TASKS)
    reordered = dict(reversed(list(roles.RESPONSIBILITIES.items())))
    monkeypatch.setattr(roles, "RESPONSIBILITIES", reordered)
    monkeypatch.setattr(p, "RESPONSIBILITIES", reordered)
    try:
        assert importlib.reload(lesson07).TASKS == before
    finally:
        monkeypatch.undo()
        importlib.reload(lesson07)


def test_system_roles_reports_unrecorded_roles():
    systems = pd.DataFrame({"system_id": ["S1", "S2"], "system_name": ["SIS", "Sheet"],
                            "owner": ["CAO", None], "steward": ["Data manager", "  "]})
    long = system_roles(systems)
    assert len(long) == 6
    held = long.set_index(["system_id", "role"])["held_by"]
    assert held[("S1", "owner")] == "CAO"
    assert held[("S2", "owner")] == "not recorded"
    assert held[("S2", "steward")] == "not recorded"
    assert held[("S1", "custodian")] == "not recorded"
    with pytest.raises(MissingColumnError, match="system_name"):
        system_roles(systems.drop(columns="system_name"))


# --- training plan -------------------------------------------------------------------------


def test_plan_costs_totals_and_timeline():
    costs = plan_costs(plan())
    assert costs["cost"].tolist() == [1000.0, 500.0, 320.0, 180.0]
    by_org = plan_totals(plan())
    assert by_org.loc["District"].to_dict() == {"people": 2, "hours": 30.0, "cost": 1500.0}
    by_month = plan_totals(plan(), by="month")
    assert by_month["cost"].sum() == costs["cost"].sum()
    timeline = plan_timeline(plan(), months=4, budget=2500)
    assert timeline["cost"].tolist() == [1000.0, 820.0, 180.0, 0.0]
    assert timeline["cumulative_cost"].iloc[-1] == 2000.0
    assert timeline["budget_left"].iloc[-1] == 500.0
    with pytest.raises(PlanError, match="month 3"):
        plan_timeline(plan(), months=2)
    with pytest.raises(MissingColumnError, match="Cannot total by"):
        plan_totals(plan(), by="cost")


@pytest.mark.parametrize("column,value,match", [
    ("hours", -1, "negative"), ("hours", "lots", "number"), ("month", 0, "month"), ("month", 1.5, "month"),
    ("who", "", "blank"),
])
def test_impossible_plan_values_are_refused(column, value, match):
    bad = plan().astype({column: object})
    bad.loc[1, column] = value
    with pytest.raises(PlanError, match=match):
        plan_costs(bad)


def test_plan_missing_columns_and_unknown_skills():
    with pytest.raises(MissingColumnError, match="cost_per_hour"):
        plan_costs(plan().drop(columns="cost_per_hour"))
    with pytest.raises(PlanError, match="record_linkage"):
        plan_costs(plan(), skills=["data_privacy", "ferpa_knowledge"])


def test_check_plan_budget_coverage_and_workload():
    result = check_plan(plan(), budget=2000, must_cover=["record_linkage"])
    assert result.ok, result.problems
    over = check_plan(plan(), budget=1999.99)
    assert not over.ok and over.problems[0].startswith("Over budget")
    single = check_plan(plan(), budget=5000, must_cover=["data_privacy", "sql_or_python"])
    assert any("Single point of failure" in x and "data_privacy" in x for x in single.problems)
    assert any("nobody" in x and "sql_or_python" in x for x in single.problems)
    heavy = check_plan(plan(), budget=5000, max_hours_per_month=15)
    assert any("A has 20 training hours in month 1" in x for x in heavy.problems)
    assert "problem" in str(heavy) and "<li>" in heavy._repr_html_()


def test_zero_hour_rows_do_not_count_as_trained():
    pl = plan()
    pl.loc[1, "hours"] = 0
    assert check_plan(pl, budget=5000, must_cover=["record_linkage"]).trained == {"record_linkage": ["A"]}


def test_an_hour_of_training_does_not_count_as_trained():
    """Issue 19 item 3: one hour per person is an introduction, not a covered gap."""
    pl = plan()
    pl.loc[[0, 1], "hours"] = 1
    assert check_plan(pl, budget=5000, must_cover=["record_linkage"]).ok  # without a rule, any hours count
    strict = check_plan(pl, budget=5000, must_cover=["record_linkage"], min_hours=8)
    assert not strict.ok and strict.trained == {"record_linkage": []}
    assert strict.problems == ["Too few hours: A and B have under 8 hours each in record_linkage, so nobody counts "
                               "as trained in it yet (need at least 2 people with 8 hours or more)."]
    pl.loc[0, "hours"] = 8  # one person reaches the rule: still a single person
    one = check_plan(pl, budget=5000, must_cover=["record_linkage"], min_hours=8)
    assert one.trained == {"record_linkage": ["A"]} and "only 1 person counts" in one.problems[0]
    pl.loc[1, "hours"] = 8
    assert check_plan(pl, budget=5000, must_cover=["record_linkage"], min_hours=8).ok


def test_hours_add_up_across_rows_of_the_same_person_and_skill():
    pl = pd.DataFrame({"who": ["A", "A", "B"], "organization": ["X"] * 3, "skill": ["s", "s", "s"],
                       "hours": [4, 4, 8], "cost_per_hour": [10, 10, 10], "month": [1, 2, 1]})
    assert check_plan(pl, budget=1000, must_cover=["s"], min_hours=8).trained == {"s": ["A", "B"]}


def test_check_plan_refuses_bad_settings():
    with pytest.raises(PlanError):
        check_plan(plan(), budget="a lot")
    with pytest.raises(PlanError):
        check_plan(plan(), budget=100, min_people=0)
    with pytest.raises(PlanError, match="min_hours"):
        check_plan(plan(), budget=100, min_hours=-1)


# --- bus factor --------------------------------------------------------------------------


def test_bus_factor_overall_and_by_group():
    assert bus_factor(survey(), level=4).to_dict() == {"data_privacy": 2, "ferpa_knowledge": 1, "record_linkage": 1}
    by_org = bus_factor(survey(), level=3, by="organization")
    assert by_org.loc["District", "record_linkage"] == 1
    assert by_org.loc["Mentors", "ferpa_knowledge"] == 0
    with pytest.raises(PeopleError):
        bus_factor(survey(), level=7)


def test_single_points_of_failure_lists_ones_and_zeros():
    spof = single_points_of_failure(survey(), level=3)
    assert (spof["people"] <= 1).all()
    assert {"organization", "skill", "people"} == set(spof.columns)
    rows = set(map(tuple, spof[["organization", "skill"]].values))
    assert ("District", "record_linkage") in rows and ("Mentors", "record_linkage") in rows
    assert ("District", "ferpa_knowledge") not in rows


def test_after_training_raises_only_trained_people_and_skills():
    s = survey()
    trained = after_training(s, plan(), level=3)
    assert trained.loc[1, "record_linkage"] == 3  # B trained
    assert trained.loc[0, "record_linkage"] == 3  # A already 3, unchanged
    assert trained.loc[2, "record_linkage"] == 1  # C not trained
    assert trained.loc[3, "ferpa_knowledge"] == 3
    assert trained.loc[3, "data_privacy"] == 1  # D trained in FERPA, not privacy
    assert bus_factor(trained, by="organization").loc["District", "record_linkage"] == 2
    stranger = plan()
    stranger.loc[0, "who"] = "Z"
    with pytest.raises(PlanError, match="'Z'"):
        after_training(s, stranger)


# --- inputs are never changed ----------------------------------------------------------------


def test_no_function_changes_its_inputs():
    s, pl = survey(), plan()
    s_before, pl_before = s.copy(deep=True), pl.copy(deep=True)
    overall_gaps(s)
    gap_scores(s, by="role", min_group=1)
    table = gap_scores(s, by="organization", min_group=1)
    table_before = table.copy()
    blocked_principles(table)
    describe_gaps(table)
    bus_factor(s, by="organization")
    single_points_of_failure(s)
    after_training(s, pl)
    plan_costs(pl)
    plan_totals(pl)
    plan_timeline(pl)
    check_plan(pl, budget=100, must_cover=["record_linkage"], max_hours_per_month=5)
    pd.testing.assert_frame_equal(s, s_before)
    pd.testing.assert_frame_equal(pl, pl_before)
    pd.testing.assert_frame_equal(table, table_before)


# --- properties ------------------------------------------------------------------------------

rating = st.one_of(st.none(), st.integers(1, 4))
surveys = st.lists(
    st.tuples(st.sampled_from(["X", "Y", "Z"]), rating, rating, rating), min_size=1, max_size=40
).map(lambda rows: pd.DataFrame({
    "respondent_id": [f"R{i}" for i in range(len(rows))],
    "organization": [r[0] for r in rows],
    "data_privacy": pd.array([r[1] for r in rows], dtype="Int64"),
    "ferpa_knowledge": pd.array([r[2] for r in rows], dtype="Int64"),
    "record_linkage": pd.array([r[3] for r in rows], dtype="Int64"),
}))


@settings(max_examples=60, deadline=None)
@given(surveys, st.integers(2, 4))
def test_gaps_are_shares_and_grow_with_the_target(s, target):
    gaps = overall_gaps(s, target=target)
    for skill, value in gaps.items():
        answered = s[skill].dropna()
        if answered.empty:
            assert math.isnan(value)
            continue
        assert 0 <= value <= 1
        assert value == pytest.approx((answered < target).mean())
        if target < 4:
            assert overall_gaps(s, target=target + 1)[skill] >= value
    table = gap_scores(s, by="organization", target=target, min_group=1)
    assert ((table >= 0) & (table <= 1) | table.isna()).all().all()


@settings(max_examples=60, deadline=None)
@given(surveys, st.integers(1, 4))
def test_bus_factor_by_group_adds_up_and_falls_as_the_level_rises(s, level):
    overall = bus_factor(s, level=level)
    by_org = bus_factor(s, level=level, by="organization")
    assert (by_org.sum() == overall).all()
    if level < 4:
        assert (bus_factor(s, level=level + 1) <= overall).all()


plans = st.lists(
    st.tuples(st.sampled_from(["A", "B", "C"]), st.sampled_from(["s", "t"]), st.integers(0, 40),
              st.integers(0, 100), st.integers(1, 12)), min_size=1, max_size=15,
).map(lambda rows: pd.DataFrame({
    "who": [r[0] for r in rows], "organization": ["Org"] * len(rows), "skill": [r[1] for r in rows],
    "hours": [r[2] for r in rows], "cost_per_hour": [r[3] for r in rows], "month": [r[4] for r in rows],
}))


@settings(max_examples=60, deadline=None)
@given(plans, st.integers(0, 20000))
def test_plan_totals_agree_and_budget_check_matches_the_sum(pl, budget):
    total = float((pl["hours"] * pl["cost_per_hour"]).sum())
    assert plan_totals(pl)["cost"].sum() == pytest.approx(total)
    assert plan_totals(pl, by="month")["hours"].sum() == pytest.approx(pl["hours"].sum())
    assert plan_timeline(pl)["cumulative_cost"].iloc[-1] == pytest.approx(total)
    result = check_plan(pl, budget=budget, must_cover=["s"], min_people=2)
    budget_ok = bool(result.findings.loc[result.findings.check == "budget", "ok"].iloc[0])
    assert budget_ok == (total <= budget)
    trained_s = pl.loc[(pl.skill == "s") & (pl.hours > 0), "who"].nunique()
    assert result.ok == (total <= budget and trained_s >= 2)


# --- the plan adjuster widget is thin wiring ---------------------------------------------------


def test_plan_adjuster_follows_its_controls():
    from helpers.widgets.people import plan_adjuster

    pl = plan()
    w = plan_adjuster(pl, budget=1500, must_cover=["record_linkage"])
    assert not w.result().ok and "Over budget" in w.report.value
    w.hours[0].value = 10
    w.hours[2].value = 0
    w.months[3].value = 5
    adjusted = w.plan()
    assert adjusted["hours"].tolist() == [10.0, 10.0, 0.0, 6.0] and adjusted["month"].tolist() == [1, 2, 2, 5]
    assert w.result().ok and "&#10004;" in w.report.value
    assert w.result().findings.equals(check_plan(adjusted, 1500, ["record_linkage"]).findings)
    w.budget.value = 100
    assert not w.result().ok
    pd.testing.assert_frame_equal(pl, plan())


def test_plan_adjuster_with_a_fixed_budget_shows_no_box_to_edit():
    """Issue 19: the lesson's check judges against a fixed budget, so the adjuster must not offer a box."""
    from helpers.widgets.people import plan_adjuster

    w = plan_adjuster(plan(), budget=1500, must_cover=["record_linkage"], budget_editable=False)
    assert w.budget not in w.box.children and w.budget_label in w.box.children
    assert "$1,500" in w.budget_label.value
    editable = plan_adjuster(plan(), budget=1500)
    assert editable.budget in editable.box.children and not editable.budget.disabled


def test_plan_adjuster_applies_the_hours_rule_and_can_be_set_from_a_plan():
    from helpers.widgets.people import plan_adjuster

    w = plan_adjuster(plan(), budget=5000, must_cover=["record_linkage"], min_hours=8)
    target = plan()
    target.loc[1, "hours"] = 1
    w.set_plan(target)
    assert w.plan()["hours"].tolist() == [20.0, 1.0, 8.0, 6.0]
    assert not w.result().ok and "Too few hours" in w.report.value
    with pytest.raises(ValueError, match="rows"):
        w.set_plan(plan().head(2))


# --- one module per concept, one guard for number settings ------------------------------------


def test_each_concept_has_its_own_module_and_people_reexports_them():
    import importlib
    from pathlib import Path

    import helpers.people as package

    for name in ["skills", "gap_impact", "roles", "training_plan", "sustainability", "errors"]:
        module = importlib.import_module(f"helpers.people.{name}")
        assert len(Path(module.__file__).read_text().splitlines()) <= 500
        for exported in getattr(module, "__all__", []):
            if exported != "require_frame":
                assert getattr(package, exported) is getattr(module, exported), exported
    assert not hasattr(package, "PRINCIPLE_NAMES")  # the alias of helpers.principles.PRINCIPLES is gone


@pytest.mark.parametrize("call,name", [
    (lambda: gap_scores(survey(), by="role", min_group=0), "min_group"),
    (lambda: gap_scores(survey(), by="role", min_group=2.0), "min_group"),
    (lambda: biggest_gaps(survey(), n=True), "n"),
    (lambda: overall_gaps(survey(), target=1), "target level"),
    (lambda: overall_gaps(survey(), target=float("nan")), "target level"),
    (lambda: blocked_principles(overall_gaps(survey()), threshold="half"), "threshold"),
    (lambda: plan_timeline(plan(), months=0), "months"),
    (lambda: check_plan(plan(), budget=-5), "budget"),
    (lambda: check_plan(plan(), budget=float("nan")), "budget"),
    (lambda: check_plan(plan(), budget=100, min_people=0), "min_people"),
    (lambda: bus_factor(survey(), level=5), "level"),
    (lambda: bus_factor(survey(), level="3"), "level"),
])
def test_every_number_setting_is_guarded_the_same_way(call, name):
    with pytest.raises(PeopleError, match=rf"{name}.* should be a (whole )?number .*, not "):
        call()


def test_missing_columns_carry_what_is_missing_and_what_exists():
    with pytest.raises(MissingColumnError) as err:
        plan_costs(plan().drop(columns=["hours", "month"]))
    assert err.value.missing == ["hours", "month"] and "who" in err.value.available
    with pytest.raises(MissingColumnError) as err:
        overall_gaps(survey(), skills=["record_linkge"])
    assert err.value.missing == ["record_linkge"] and "record_linkage" in err.value.available
    with pytest.raises(MissingColumnError) as err:
        system_roles(pd.DataFrame({"name": ["SIS"]}))
    assert err.value.missing == ["system_name"] and err.value.available == ["name"]
