"""Lesson 08 (capstone): the pieces of its checks that hold logic of their own."""

import copy

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.checks import lesson08 as q
from helpers.exercises import Question, ____


def test_year_status_labels_yes_no_and_not_enrolled_without_mutating():
    per_student = pd.DataFrame({"student_id": ["A", "B", "A"], "school_year": ["2024-25", "2024-25", "2025-26"],
                                "chronically_absent": [True, False, False]})
    ids = pd.Series(["A", "B", "C"])
    before = per_student.copy()
    assert q.year_status(per_student, ids, "2024-25").tolist() == ["yes", "no", "not enrolled"]
    assert q.year_status(per_student, ids, "2025-26").tolist() == ["no", "not enrolled", "not enrolled"]
    pd.testing.assert_frame_equal(per_student, before)


def test_draft_agreement_is_a_fresh_copy_each_time():
    first = q.draft_hub_agreement()
    first["data_elements"].clear()
    first["scope"] = "changed"
    second = q.draft_hub_agreement()
    assert second["data_elements"] and second["scope"] == "TBD"


def test_agreement_check_does_not_change_the_learners_dict():
    model = q.model_hub_agreement()
    before = copy.deepcopy(model)
    assert q.hub_agreement.evaluate(model).correct
    assert model == before


def test_only_the_minimal_fields_pass_the_agreement_check():
    for extra in sorted(set(q.sis_elements()) - q.MINIMAL_FIELDS):
        answer = q.model_hub_agreement()
        answer["data_elements"] = sorted(q.MINIMAL_FIELDS | {extra})
        result = q.hub_agreement.evaluate(answer)
        assert result.status == "incorrect" and extra in result.message


values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=12),
                      lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                      max_leaves=8)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(q.model_hub_agreement()) + ["other"]), values, max_size=8))
def test_agreement_check_never_raises_on_any_dictionary(changes):
    answer = {**q.model_hub_agreement(), **changes}
    result = q.hub_agreement.evaluate(answer)
    assert result.status in ("correct", "incorrect")


def test_placeholder_is_not_attempted_for_every_question():
    questions = [v for v in vars(q).values() if isinstance(v, Question)]
    assert len(questions) == 10
    assert all(question.evaluate(____).status == "unattempted" for question in questions)
