"""The lesson 05 widgets are thin wiring: they show what the pure functions return."""

import pandas as pd

from helpers.hub import Hub, request_report
from helpers.linkage import threshold_summary
from helpers.privacy import generate_key
from helpers.widgets.hub import report_form, threshold_explorer


class Scored:
    scored = pd.DataFrame({"left_id": ["a", "b", "c"], "right_id": ["1", "2", "3"],
                           "match_probability": [0.99, 0.6, 0.3]})

    def links(self, t):
        return self.scored[self.scored["match_probability"] >= t][["left_id", "right_id"]]


TRUTH = pd.DataFrame({"left_id": ["a", "b", "c"], "right_id": ["1", "", "3"]})


def test_threshold_summary_marks_linked_and_true_pairs():
    q, near = threshold_summary(Scored(), TRUTH, 0.5, n=3)
    assert (q.links, q.correct) == (2, 1)
    assert near["linked"].tolist() == [True, True, False]
    assert near["same_person"].tolist() == [True, False, True]


def test_slider_updates_the_shown_quality():
    w = threshold_explorer(Scored(), TRUTH, threshold=0.5)
    assert "precision 0.500" in w.output.value
    w.slider.value = 0.95
    assert "precision 1.000" in w.output.value and "1 links" in w.output.value


def test_report_form_shows_refusals_and_tables():
    h = Hub(key=generate_key(), training_date="2025-06-01")
    h.sign_agreement("P", purpose="p", shares=["x"], may_see=["school", "absent"], expires="2026-01-01",
                     signed_on="2025-01-01")
    form = report_form(h, "P")
    assert [o for o in form.by.options] == ["school", "absent"]
    form.submit()
    expected = request_report(h, "P", by="school", measure="absent")
    assert not expected.granted and expected.message.split(":")[0] in form.output.value
    h.close()
