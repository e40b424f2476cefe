"""Every lesson's checks accept the solution and reject known wrong answers.

Each ``helpers.checks.lessonNN`` module lists, in ``EXAMPLES``, right answers (values or
zero-argument functions that compute them the way the solution does) and known wrong
answers for each of its questions.
"""

import importlib
import pkgutil

import pytest

import helpers.checks
from helpers.exercises import Question, ____

MODULES = [importlib.import_module(m.name) for m in pkgutil.iter_modules(helpers.checks.__path__, "helpers.checks.")]
CASES = [
    (module.__name__.rsplit(".", 1)[1], name, question, getattr(module, "EXAMPLES", {}).get(name))
    for module in MODULES
    for name, question in sorted(vars(module).items())
    if isinstance(question, Question)
]


def _value(v):
    return v() if callable(v) else v


@pytest.mark.parametrize("lesson,name,question,examples", CASES, ids=[f"{c[0]}.{c[1]}" for c in CASES])
def test_question_accepts_right_and_rejects_wrong(lesson, name, question, examples):
    assert examples, f"{lesson}.{name}: add right and wrong answers to EXAMPLES"
    assert examples.get("right") and examples.get("wrong"), f"{lesson}.{name}: needs both right and wrong examples"
    for right in examples["right"]:
        result = question.evaluate(_value(right))
        assert result.correct, f"{lesson}.{name} rejected a right answer: {result.message}"
    for wrong in examples["wrong"]:
        result = question.evaluate(_value(wrong))
        assert result.status == "incorrect", f"{lesson}.{name} accepted a wrong answer {wrong!r}"
    assert question.evaluate(____).status == "unattempted"
    assert question.hints, f"{lesson}.{name}: give at least one hint"
    assert question.solution_text, f"{lesson}.{name}: give a solution"


def test_every_lesson_module_has_questions():
    assert MODULES
    for module in MODULES:
        assert any(isinstance(v, Question) for v in vars(module).values()), module.__name__


def test_lesson05_borderline_pairs_stay_labelled_on_a_bigger_community():
    """A bigger community has more borderline pairs than letters: keep the nearest ones."""
    import pandas as pd

    from helpers.checks import lesson05

    n = len(lesson05.LETTERS) * 3
    scored = pd.DataFrame({"left_id": [f"p{i:02d}" for i in range(n)], "right_id": [f"s{i:02d}" for i in range(n)],
                           "match_probability": [lesson05.BORDERLINE[0] + (lesson05.BORDERLINE[1] - lesson05.BORDERLINE[0]) * i / (n - 1) for i in range(n)]})

    class Result:
        pass

    result = Result()
    result.scored = scored
    pairs = lesson05.borderline_pairs(result)
    assert list(pairs["pair"]) == list(lesson05.LETTERS)
    middle = sum(lesson05.BORDERLINE) / 2
    assert (pairs["match_probability"] - middle).abs().max() <= (scored["match_probability"] - middle).abs().sort_values().iloc[len(lesson05.LETTERS) - 1] + 1e-12
