"""The pathway-finder widget is thin wiring over find_pathways."""

import pytest

from helpers.ferpa import AnswerError, find_pathways
from helpers.widgets.ferpa import pathway_finder


def test_widget_starts_from_answers_and_follows_the_dropdowns():
    w = pathway_finder({"requester": "community_organization", "data": "pii"})
    assert w.answers()["requester"] == "community_organization"
    assert w.result().keys() == find_pathways(w.answers()).keys()
    w.dropdowns["data"].value = "de_identified"
    assert w.result().keys("fits") == ["de_identified"]
    assert "De-identified data" in w.output.value and "not legal advice" in w.output.value


def test_every_question_has_a_not_sure_option():
    w = pathway_finder()
    for dd in w.dropdowns.values():
        assert dd.value == "unknown" and ("Not sure yet", "unknown") in [tuple(o) for o in dd.options]


def test_bad_starting_answers_are_refused():
    with pytest.raises(AnswerError):
        pathway_finder({"data": "names"})
