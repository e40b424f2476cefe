"""The facilitator answer key is generated from the solutions and checks, and kept current."""

from helpers import answer_key
from helpers.exercises import ChoiceQuestion, NumberQuestion, PickItemsQuestion


def test_answer_key_is_current():
    assert answer_key.OUTPUT.exists(), "run: python -m helpers.answer_key"
    assert answer_key.OUTPUT.read_text() == answer_key.current(), "run: python -m helpers.answer_key"


def test_every_checked_question_is_in_the_key():
    import importlib
    import re

    text = answer_key.current()
    for path in answer_key.solution_paths():
        module = importlib.import_module(f"helpers.checks.lesson{path.name[:2]}")
        for name in set(re.findall(r"\bq\.(\w+)\.check\(", path.read_text())):
            if hasattr(module, name):
                assert f"### `q.{name}`" in text


def test_question_descriptions_show_the_answer_and_feedback():
    c = ChoiceQuestion("c", options={"a": "Consent", "b": "Studies"}, answer="b",
                       feedback={"a": "Not needed here."}, correct_note="It is for the district.")
    text = answer_key.describe_question(c)
    assert "**Answer:** b (Studies)" in text and "a: Not needed here." in text and "for the district" in text
    p = PickItemsQuestion("p", options=["grade", "name"], answer=["grade"], why_not={"name": "No names."})
    assert "**Answer:** `grade`" in answer_key.describe_question(p)
    n = NumberQuestion("n", expected=lambda: 0.2375, tolerance=0.001)
    assert "0.2375" in answer_key.describe_question(n)
