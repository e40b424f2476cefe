"""The pathway-finder widget is thin wiring over find_pathways."""

import pytest

from helpers.ferpa import AnswerError, find_pathways, questions
from helpers.widgets.ferpa import pathway_finder


def test_widget_starts_from_answers_and_follows_the_dropdowns():
    w = pathway_finder({"requester": "community_organization", "data": "pii"})
    assert w.answers()["requester"] == "community_organization"
    assert w.result().keys() == find_pathways(w.answers()).keys()
    w.dropdowns["education_record"].value = "no"
    assert w.result().keys("fits") == ["not_education_record"]
    assert "not an education record" in w.output.value and "not legal advice" in w.output.value


def test_every_question_has_a_not_sure_option():
    w = pathway_finder()
    assert set(w.dropdowns) == set(questions())
    for dd in w.dropdowns.values():
        assert dd.value == "unknown" and ("Not sure yet", "unknown") in [tuple(o) for o in dd.options]


def test_no_label_reads_true_or_false():
    """Issue 19 item 11: YAML reads an unquoted No as a boolean, so "No" once showed as "False"."""
    labels = pathway_finder().labels()
    assert labels and not {"True", "False"} & set(labels)
    assert all(isinstance(label, str) and label.strip() for label in labels)
    assert any(label.startswith("No") for label in labels)


def test_bad_starting_answers_are_refused():
    with pytest.raises(AnswerError):
        pathway_finder({"data": "names"})
