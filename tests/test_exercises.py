"""The exercise framework: right, wrong, blank and hostile answers."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.exercises import (
    ChoiceQuestion,
    CustomQuestion,
    Incorrect,
    NumberQuestion,
    PickItemsQuestion,
    TableQuestion,
    ____,
    is_placeholder,
)


class Hostile:
    """An object whose every operation raises."""

    def __getattribute__(self, name):
        raise RuntimeError("boom")

    def __eq__(self, other):
        raise RuntimeError("boom")

    def __hash__(self):
        raise RuntimeError("boom")

    def __float__(self):
        raise RuntimeError("boom")

    def __str__(self):
        raise RuntimeError("boom")

    def __len__(self):
        raise RuntimeError("boom")

    def __iter__(self):
        raise RuntimeError("boom")


def questions():
    return [
        NumberQuestion("n", expected=lambda: 0.25, tolerance=0.001, mistakes={0.75: "You counted the ones present."}),
        ChoiceQuestion("c", options={"a": "Consent", "b": "School official"}, answer="b",
                       feedback={"a": "Consent works, but is not needed here."}),
        PickItemsQuestion("p", options=["grade", "school", "name", "date of birth"],
                          answer=["grade", "school"], why_not={"name": "An aggregate needs no names."}),
        TableQuestion("t", expected=lambda: pd.Series({"A": 1.0, "B": 2.0})),
        CustomQuestion("x", checker=lambda a: None if a == 3 else (_ for _ in ()).throw(Incorrect("no"))),
    ]


WEIRD = [None, "", "   ", 0, -1, 1e308, math.nan, math.inf, True, [], {}, set(), [____], (1, 2),
         pd.DataFrame(), pd.Series(dtype=float), np.array([1, 2]), np.float64("nan"), b"bytes",
         object(), print, type, Ellipsis]


@pytest.mark.parametrize("q", questions(), ids=lambda q: q.name)
def test_placeholder_is_not_attempted(q):
    assert q.evaluate(____).status == "unattempted"
    assert q.evaluate().status == "unattempted"


@pytest.mark.parametrize("q", questions(), ids=lambda q: q.name)
@pytest.mark.parametrize("answer", WEIRD, ids=lambda a: type(a).__name__)
def test_check_never_raises_and_rejects_nonsense(q, answer, capsys):
    result = q.evaluate(answer)
    assert result.status in {"incorrect", "unattempted"}
    assert result.message
    q.check(answer)  # displays, must not raise
    assert capsys.readouterr().out


@pytest.mark.parametrize("q", questions(), ids=lambda q: q.name)
def test_an_object_that_raises_on_everything_is_handled(q):
    result = q.evaluate(Hostile())
    assert result.status == "incorrect" and result.message


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(),
                 st.lists(st.text()), st.dictionaries(st.text(), st.integers())))
def test_no_answer_crashes_any_question(answer):
    for q in questions():
        assert q.evaluate(answer).status in {"correct", "incorrect", "unattempted"}


def test_number_question():
    q = questions()[0]
    assert q.evaluate(0.25).correct
    assert q.evaluate(np.float64(0.2504)).correct
    assert q.evaluate(pd.Series([0.25]).iloc[0]).correct
    wrong = q.evaluate(0.75)
    assert wrong.status == "incorrect" and "present" in wrong.message
    assert "percent" in q.evaluate(25).message  # gave a percent for a fraction
    assert "too low" in q.evaluate(0.1).message
    assert "text" in q.evaluate("0.25").message
    assert "missing" in q.evaluate(float("nan")).message


def test_messages_never_leak_the_answer():
    q = NumberQuestion("n", expected=0.3175, tolerance=1e-4)
    for guess in [0.1, 0.5, 31.75, 3.175, "x", [1]]:
        assert "0.3175" not in q.evaluate(guess).message
    c = questions()[1]
    for guess in ["a", "z", 1]:
        assert "School official" not in c.evaluate(guess).message
    p = questions()[2]
    for guess in [["grade"], ["school"], ["name"], ["grade", "school", "name"]]:
        msg = p.evaluate(guess).message
        assert "school'" not in msg.replace("'school'", "") or "grade" not in msg


def test_choice_question_accepts_key_or_text_and_explains_wrong_choice():
    c = questions()[1]
    assert c.evaluate("b").correct
    assert c.evaluate(" B ").correct
    assert c.evaluate("school official").correct
    assert "not needed" in c.evaluate("a").message
    assert "not one of the options" in c.evaluate("d").message


def test_pick_items_question():
    p = questions()[2]
    assert p.evaluate(["school", "grade"]).correct
    assert p.evaluate({"GRADE", "school"}).correct
    extra = p.evaluate(["grade", "school", "name"])
    assert extra.status == "incorrect" and "aggregate needs no names" in extra.message
    missing = p.evaluate(["grade"])
    assert "1 more item" in missing.message and "school" not in missing.message
    assert "not one of the options" in p.evaluate(["grades"]).message
    assert p.evaluate(["grade", ____]).status == "unattempted"


def test_table_question():
    t = questions()[3]
    assert t.evaluate(pd.Series({"B": 2.0, "A": 1.0})).correct
    assert t.evaluate(pd.Series({"A": 1.0, "B": 2.5})).status == "incorrect"
    assert "rows" in t.evaluate(pd.Series({"A": 1.0})).message
    assert "labelled" in t.evaluate(pd.Series({"A": 1.0, "C": 2.0})).message
    frame = TableQuestion("f", expected=pd.DataFrame({"k": [1, 2], "v": ["x", "y"]}))
    assert frame.evaluate(pd.DataFrame({"k": [1, 2], "v": ["x", "y"], "extra": 0})).correct
    assert "missing the column" in frame.evaluate(pd.DataFrame({"k": [1, 2]})).message


def test_custom_question():
    x = questions()[4]
    assert x.evaluate(3).correct
    assert x.evaluate(4).message == "no"


def test_hints_are_graduated_and_solution_shows(capsys):
    q = NumberQuestion("h", expected=1, hints=["first", "second"], solution_text="answer = 1")
    q.hint()
    q.hint()
    q.hint()
    out = capsys.readouterr().out
    assert out.index("first") < out.index("second")
    assert "Hint 2 of 2" in out
    q.solution()
    assert "answer = 1" in capsys.readouterr().out


def test_is_placeholder():
    assert is_placeholder(____) and is_placeholder([1, ____]) and is_placeholder("____")
    assert not is_placeholder(0) and not is_placeholder("") and not is_placeholder(None)


def test_result_renders_html_and_text():
    r = questions()[0].evaluate(0.25)
    assert "Correct" in str(r) and "Correct" in r._repr_html_()
    r = questions()[0].evaluate("<script>")
    assert "<script>" not in r._repr_html_()
