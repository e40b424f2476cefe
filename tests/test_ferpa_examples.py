"""The worked Riverbend examples give what examples.yaml says they give (lessons 06 and 08 use them)."""

import pytest

from helpers.ferpa import AnswerError, find_pathways
from helpers.ferpa.examples import example_answers, examples


@pytest.mark.parametrize("name", list(examples()))
def test_each_worked_example_gives_its_expected_pathways(name):
    result = find_pathways(example_answers(name))
    for status, keys in examples()[name]["expect"].items():
        assert result.keys(status) == keys, (name, result)
    if "possible" in examples()[name]["expect"]:
        assert result.keys("fits") == [] and all(p.open_questions for p in result)


def test_unknown_example_names_suggest_the_nearest():
    with pytest.raises(AnswerError, match="Did you mean 'R03'"):
        example_answers("R3")


def test_examples_are_copies():
    a = example_answers("R01")
    a["data"] = "de_identified"
    assert example_answers("R01")["data"] == "pii"
