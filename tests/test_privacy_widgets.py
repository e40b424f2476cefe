"""The lesson 04 widgets are thin wiring: they show what the pure functions return."""

import pandas as pd
import pytest

from helpers.privacy import PrivacyInputError, k_anonymity, recover_suppressed, suppress_small_cells
from helpers.widgets.privacy import published_html, quasi_identifier_picker, suppression_explorer, suppression_view

COUNTS = pd.DataFrame({"housed": [40, 35, 52], "homeless": [3, 12, 14]}, index=["E01", "E02", "E03"])


def test_explorer_shows_the_same_result_as_the_functions():
    before = COUNTS.copy()
    w = suppression_explorer(COUNTS, threshold=10)
    published, recovery = w.result()
    pd.testing.assert_frame_equal(published, suppress_small_cells(COUNTS, 10))
    assert recovery.n_recovered == recover_suppressed(published).n_recovered == 0
    assert "suppressed" in w.output.value and "None of the" in w.output.value
    pd.testing.assert_frame_equal(COUNTS, before)


def test_explorer_reacts_to_the_slider_and_the_naive_switch():
    w = suppression_explorer(COUNTS, threshold=10)
    w.complementary.value = False
    assert w.result()[1].n_recovered == 1 and "Recovered 1 of 1" in w.output.value
    w.complementary.value = True
    w.slider.value = 2
    assert w.result()[0].notna().all().all() and "Nothing is hidden" in w.output.value
    w.slider.value = 15
    assert w.result()[0].isna().sum().sum() > 2


def test_explorer_refuses_bad_input():
    with pytest.raises(PrivacyInputError):
        suppression_explorer(COUNTS.assign(homeless=[-1, 2, 3]))
    with pytest.raises(PrivacyInputError, match="outside"):
        suppression_explorer(COUNTS, threshold=50)


def test_picker_tracks_ticked_columns():
    people = pd.DataFrame({"zip": ["1", "1", "2", "2"], "gender": ["F", "M", "F", "F"], "grade": ["1"] * 4})
    w = quasi_identifier_picker(people, ["zip", "gender", "grade"], target_k=2)
    assert w.selected() == ["zip", "gender", "grade"]
    assert w.result().k == k_anonymity(people, ["zip", "gender", "grade"]).k == 1
    w.checkboxes["gender"].value = False
    assert w.selected() == ["zip", "grade"] and w.result().k == 2
    assert "k = 2" in w.output.value
    for cb in w.checkboxes.values():
        cb.value = False
    assert w.result() is None and "nothing to link on" in w.output.value
    with pytest.raises(KeyError):
        quasi_identifier_picker(people, ["zip", "age"])
    with pytest.raises(PrivacyInputError):
        quasi_identifier_picker(people, ["zip"], value=["gender"])


def test_published_html_marks_hidden_cells():
    published, recovery = suppression_view(COUNTS, 10, complementary=False)
    text = published_html(published, recovery)
    assert text.count("suppressed") == 1 and "Recovered" in text
