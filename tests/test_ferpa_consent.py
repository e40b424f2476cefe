"""Consent coverage (34 CFR 99.30): messy yes/no values, clear errors, no mutation."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.ferpa import ConsentValueError, consent_coverage, normalize_consent
from helpers.ferpa.consent import CONSENT_VALUES, ConsentColumnError


def roster(values, column="consent_on_file"):
    return pd.DataFrame({"participant_id": [f"P{i}" for i in range(len(values))], column: values})


def test_messy_spellings_are_read_with_the_explicit_mapping():
    values = ["Y", "yes", "TRUE", " True ", 1, "1", "signed", "N", "no", "False", 0, "", None, float("nan"), pd.NA]
    got = normalize_consent(values).tolist()
    assert got == [True] * 7 + [False] * 8


def test_booleans_and_nullable_booleans_work():
    cov = consent_coverage(roster(pd.array([True, False, None, True], dtype="boolean")))
    assert (cov.n_with, cov.n_without, cov.n_total) == (2, 2, 4)
    assert cov.share == 0.5


def test_coverage_counts_share_and_split():
    r = roster(["Y", "N", "Y", "", "yes"])
    cov = consent_coverage(r)
    assert (cov.n_with, cov.n_without) == (3, 2)
    assert cov.share == pytest.approx(0.6)
    assert list(cov.with_consent["participant_id"]) == ["P0", "P2", "P4"]
    assert list(cov.without_consent["participant_id"]) == ["P1", "P3"]
    assert "de-identified aggregates" in cov.summary()
    table = cov.table()
    assert table["students"].sum() == 5 and table["share"].sum() == pytest.approx(1.0)


def test_unknown_values_raise_an_error_naming_them_and_the_fix():
    with pytest.raises(ConsentValueError) as err:
        consent_coverage(roster(["Y", "maybe", "maybe", "see file"]))
    msg = str(err.value)
    assert "'maybe' (2 rows)" in msg and "'see file' (1 row)" in msg
    assert "consent_on_file" in msg and "mapping=" in msg and "yes" in msg


def test_a_custom_mapping_resolves_unknown_values():
    cov = consent_coverage(roster(["Y", "On form", "see file"]), mapping={"on form": True, "see file": False})
    assert cov.n_with == 2
    with pytest.raises(ConsentValueError, match="True or False"):
        normalize_consent(["Y"], mapping={"ok": "yes"})


def test_missing_column_and_wrong_input():
    with pytest.raises(ConsentColumnError) as err:
        consent_coverage(roster(["Y"], column="consent"))
    assert "consent_on_file" in str(err.value) and "participant_id" in str(err.value)
    assert isinstance(err.value, KeyError)
    assert consent_coverage(roster(["Y"], column="consent"), consent_column="consent").n_with == 1
    with pytest.raises(ConsentValueError, match="DataFrame"):
        consent_coverage([["Y"]])


def test_empty_roster_has_zero_share():
    cov = consent_coverage(roster([]))
    assert (cov.n_total, cov.n_with, cov.share) == (0, 0, 0.0)
    assert cov.table()["share"].tolist() == [0.0, 0.0]


def test_the_roster_is_not_changed_and_results_are_copies():
    r = roster(["Y", "n", None])
    before = r.copy()
    cov = consent_coverage(r)
    cov.with_consent.loc[:, "consent_on_file"] = "changed"
    pd.testing.assert_frame_equal(r, before)


KNOWN = st.sampled_from([*CONSENT_VALUES, "Y", "YES", " no ", True, False, None, 1, 0])


@settings(max_examples=150, deadline=None)
@given(st.lists(KNOWN, max_size=40))
def test_every_row_lands_in_exactly_one_group(values):
    r = roster(values)
    cov = consent_coverage(r)
    assert cov.n_with + cov.n_without == cov.n_total == len(values)
    ids = sorted(cov.with_consent["participant_id"].tolist() + cov.without_consent["participant_id"].tolist())
    assert ids == sorted(r["participant_id"].tolist())
    assert 0.0 <= cov.share <= 1.0
