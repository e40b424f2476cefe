"""Data-quality profiles count what they say they count."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.profiling import (
    compare_sources,
    duplicate_rows,
    is_missing,
    profile,
    quality_by_group,
    valid_mask,
)
from helpers.validation import DataShapeError, MissingColumnsError


@pytest.fixture
def students():
    return pd.DataFrame({
        "student_id": ["S1", "S2", "S3", "S3", "S5"],
        "school_id": ["E01", "E01", "E06", "E06", "E06"],
        "date_of_birth": ["2015-01-02", "2014-05-06", None, None, "not a date"],
        "grade": ["K", "3", "14", "14", " "],
    })


def test_profile_counts_missing_invalid_and_distinct(students):
    p = profile(students, rules={"grade": {"K", *map(str, range(1, 13))}, "date_of_birth": "date"}).set_index("column")
    assert p.loc["grade", "missing"] == 1  # blank text is missing
    assert p.loc["grade", "invalid"] == 2  # the two "14"s
    assert p.loc["date_of_birth", "missing"] == 2 and p.loc["date_of_birth", "invalid"] == 1
    assert p.loc["date_of_birth", "validity"] == pytest.approx(2 / 3)
    assert pd.isna(p.loc["student_id", "validity"])  # no rule, no verdict
    assert p.loc["school_id", "completeness"] == 1.0 and p.loc["school_id", "distinct"] == 2


def test_quality_by_group_surfaces_the_poor_school(students):
    q = quality_by_group(students, "school_id", key="student_id",
                         rules={"grade": {"K", *map(str, range(1, 13))}}).set_index("school_id")
    assert q.loc["E01", "completeness"] == 1.0
    assert q.loc["E06", "completeness"] == pytest.approx(6 / 9)  # 3 rows x 3 columns, 3 blank
    assert q.loc["E06", "duplicate_rows"] == 1 and q.loc["E01", "duplicate_rows"] == 0
    assert q.loc["E06", "validity"] == 0.0 and q.loc["E01", "validity"] == 1.0


def test_compare_sources_side_by_side(students):
    other = students.drop_duplicates("student_id")
    c = compare_sources({"district": other, "partner": students}, keys={"partner": "student_id"})
    assert c["source"].tolist() == ["district", "partner"]
    assert c["duplicate_rows"].tolist() == [0, 1]


def test_rules_of_every_kind():
    s = pd.Series(["a1", "b2", "zz", None])
    assert valid_mask(s, r"[a-z]\d").tolist() == [True, True, False, True]
    assert valid_mask(s, ["a1"]).tolist() == [True, False, False, True]
    assert valid_mask(s, lambda v: v.str.startswith("b")).tolist() == [False, True, False, True]
    assert valid_mask(pd.Series([1, 5, 11]), (1, 10)).tolist() == [True, True, False]
    with pytest.raises(DataShapeError, match="rule"):
        valid_mask(s, 42)


def test_errors_name_the_column_and_inputs_untouched(students):
    before = students.copy()
    with pytest.raises(MissingColumnsError, match="'school'.*It has: 'student_id'"):
        quality_by_group(students, "school")
    profile(students, rules={"grade": {"K"}})
    quality_by_group(students, "school_id", key="student_id")
    duplicate_rows(students, "student_id")
    pd.testing.assert_frame_equal(students, before)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), st.sampled_from(["", " ", "a", "b", "K"])), min_size=1, max_size=30))
def test_shares_are_fractions_and_missing_adds_up(values):
    df = pd.DataFrame({"g": ["x", "y"] * (len(values) // 2) + ["x"] * (len(values) % 2), "v": values})
    p = profile(df, rules={"v": {"a", "K"}}).set_index("column")
    assert p.loc["v", "missing"] == sum(v is None or not str(v).strip() for v in values)
    assert 0 <= p.loc["v", "completeness"] <= 1
    q = quality_by_group(df, "g", rules={"v": {"a"}})
    assert q["rows"].sum() == len(df)
    assert q["completeness"].dropna().between(0, 1).all() and q["validity"].dropna().between(0, 1).all()
    assert is_missing(df["v"]).sum() == p.loc["v", "missing"]
    assert np.all(duplicate_rows(df).to_numpy() == df.duplicated().to_numpy())


def test_one_base_class_catches_a_missing_column_anywhere():
    """profiling, privacy and people all raise a MissingColumnsError (KeyError and ValueError)."""
    import pandas as pd
    import pytest

    from helpers import people, privacy
    from helpers.validation import MissingColumnsError, require_columns

    frame = pd.DataFrame({"a": [1]})
    with pytest.raises(MissingColumnsError, match="'b'"):
        require_columns(frame, ["b"], "t")
    with pytest.raises(MissingColumnsError, match="'b'"):
        privacy.k_anonymity(frame, ["b"])
    with pytest.raises(MissingColumnsError, match="'b'"):
        people.skill_columns(frame, ["b"])
    assert issubclass(MissingColumnsError, KeyError) and issubclass(MissingColumnsError, ValueError)
