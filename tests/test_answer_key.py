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


def test_a_new_question_type_describes_itself_without_touching_the_answer_key():
    from dataclasses import dataclass

    from helpers.exercises import Question

    @dataclass(eq=False, kw_only=True, repr=False)
    class YesNoQuestion(Question):
        yes: bool = True

        def judge(self, answer):
            return self.correct_note

        def describe_answer(self):
            return [f"**Answer:** {'yes' if self.yes else 'no'} (a yes/no judgement)"]

    text = answer_key.describe_question(YesNoQuestion("yn", yes=False, hints=["Think."]))
    assert "*YesNoQuestion*" in text and "**Answer:** no (a yes/no judgement)" in text and "1. Think." in text


def test_the_answer_key_does_not_switch_on_question_classes():
    import inspect

    source = inspect.getsource(answer_key)
    assert "_expected" not in source and "current_answer" not in source
    assert not any(hasattr(answer_key, n) for n in ("ChoiceQuestion", "NumberQuestion", "PickItemsQuestion"))


def test_labelling_and_several_right_answers_are_described():
    from helpers.exercises import LabelItemsQuestion

    q = LabelItemsQuestion("l", items=["zip", "home_language"], labels=["quasi", "sensitive"],
                           answer={"zip": "quasi", "home_language": ("quasi", "sensitive")})
    text = answer_key.describe_question(q)
    assert "| `zip` | quasi |" in text and "| `home_language` | quasi or sensitive |" in text
    c = ChoiceQuestion("c", options={"a": "x", "b": "y"}, answer=("a", "b"), feedback={"b": "Also fine."})
    assert "**Answer:** a (x) or b (y)" in answer_key.describe_question(c)
    assert "Also fine." in answer_key.describe_question(c)
    n = NumberQuestion("n", expected=lambda: 0.2375, shown_as="percent0")
    assert "shown as 24%" in answer_key.describe_question(n)
