"""Every lesson's checks accept the solution and reject known wrong answers.

Each ``helpers.checks.lessonNN`` module lists, in ``EXAMPLES``, right answers (values or
zero-argument functions that compute them the way the solution does) and known wrong
answers for each of its questions.
"""

import importlib
import pkgutil
import re

import pytest

import helpers.checks
from helpers.exercises import LabelItemsQuestion, NumberQuestion, Question, ____

# Lesson modules are helpers.checks.lessonNN; lessonNN_<part> modules hold parts they import.
MODULES = [importlib.import_module(m.name) for m in pkgutil.iter_modules(helpers.checks.__path__, "helpers.checks.")
           if re.fullmatch(r"helpers\.checks\.lesson\d\d", m.name)]
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


# -- importing a checks module does no work (issue 18.1) -----------------------------------------
IMPORT_GUARD = """
import builtins, importlib, sys
import pandas
import helpers.data, helpers.paths
data_dir = str(helpers.paths.datasets_dir())
real_open = builtins.open
def guarded_open(file, *args, **kwargs):
    if str(file).startswith(data_dir):
        raise AssertionError(f"read {file} while importing")
    return real_open(file, *args, **kwargs)
def no_load(*args, **kwargs):
    raise AssertionError(f"loaded data {args} while importing")
builtins.open = guarded_open
helpers.data.load = no_load
pandas.read_csv = no_load
importlib.import_module(sys.argv[1])
"""


@pytest.mark.parametrize("module", [m.__name__ for m in MODULES])
def test_importing_a_checks_module_loads_no_data(module):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", IMPORT_GUARD, module], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"importing {module} did work at import time:\n{done.stderr[-1500:]}"


# -- learners' odd answers are never a problem in the course (issue 18.10) ------------------------
ODD = [None, "", "zzz", 0, -1, 1e308, float("nan"), True, [], {}, ["zzz"], {"zzz": "zzz"}, print, object()]


@pytest.mark.parametrize("lesson,name,question,examples", CASES, ids=[f"{c[0]}.{c[1]}" for c in CASES])
def test_odd_answers_are_judged_not_crashed_on(lesson, name, question, examples):
    for answer in ODD:
        result = question.evaluate(answer)
        assert result.status != "error", f"{lesson}.{name} on {answer!r}: {result}"
        if not isinstance(answer, (int, float)) or isinstance(answer, bool):  # a number may happen to be right
            assert result.status == "incorrect", f"{lesson}.{name} accepted {answer!r}"


# -- one rounding rule for every number question (issue 19.1) -------------------------------------
NUMBERS = [(lesson, name, q) for lesson, name, q, _ in CASES if isinstance(q, NumberQuestion)]


@pytest.mark.parametrize("lesson,name,question", NUMBERS, ids=[f"{c[0]}.{c[1]}" for c in NUMBERS])
def test_a_number_that_is_not_whole_declares_how_the_lesson_shows_it(lesson, name, question):
    value = float(question.expected)
    if value != int(value):
        assert question.shown_as, f"{lesson}.{name}: declare shown_as (how the lesson shows {value:.4g})"


SHOWN = [("lesson04", "share_at_risk", 2), ("lesson05", "recall_at_strict", 2), ("lesson06", "consent_share", 2)]
# lesson07's family_center_privacy_gap copied a number from a table; a judgement question replaced it.


@pytest.mark.parametrize("lesson,name,decimals", SHOWN, ids=[f"{c[0]}.{c[1]}" for c in SHOWN])
def test_the_rounded_figure_the_lesson_shows_is_right(lesson, name, decimals):
    question = getattr(importlib.import_module(f"helpers.checks.{lesson}"), name)
    value = float(question.expected)
    assert question.evaluate(round(value, decimals)).correct, f"{lesson}.{name} rejects {round(value, decimals)}"
    percent = question.evaluate(round(value * 100))
    assert percent.status == "incorrect" and "share" in percent.message


def test_labelling_questions_in_lessons_04_and_06_use_the_shared_type():
    from helpers.checks import lesson04, lesson06

    assert isinstance(lesson04.classify, LabelItemsQuestion)
    assert isinstance(lesson06.classify_requests, LabelItemsQuestion)
