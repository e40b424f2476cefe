"""helpers.validation: one require_columns and one missing-column error for the project."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.validation import (
    DataShapeError,
    EmptyTableError,
    MissingColumnsError,
    NotATableError,
    missing_columns_message,
    require_columns,
    require_number,
    require_table,
)


def test_missing_columns_are_named_and_structured():
    df = pd.DataFrame({"id": [1], "event": ["absent"]})
    with pytest.raises(MissingColumnsError) as info:
        require_columns(df, ["id", "date", "school"], "attendance")
    err = info.value
    assert err.missing == ["date", "school"] and err.available == ["id", "event"]
    assert err.table == "attendance"
    assert str(err).startswith("attendance is missing the columns 'date', 'school'. It has: 'id', 'event'.")
    assert isinstance(err, KeyError) and isinstance(err, ValueError) and isinstance(err, DataShapeError)


def test_one_column_name_is_not_read_letter_by_letter():
    df = pd.DataFrame({"date": [1]})
    assert require_columns(df, "date") is df
    with pytest.raises(MissingColumnsError) as info:
        require_columns(df, "day")
    assert info.value.missing == ["day"]


def test_returns_the_same_table_unchanged():
    df = pd.DataFrame({"a": [1, 2]})
    before = df.copy()
    assert require_columns(df, ["a"]) is df
    pd.testing.assert_frame_equal(df, before)


def test_not_a_table_and_empty_table():
    with pytest.raises(NotATableError, match="should be a table"):
        require_columns([1, 2], ["a"], "students")
    with pytest.raises(EmptyTableError, match="has no rows"):
        require_columns(pd.DataFrame({"a": []}), ["a"])
    assert require_columns(pd.DataFrame({"a": []}), ["a"], allow_empty=True).empty
    assert require_table(pd.DataFrame({"a": [1]})).shape == (1, 1)


def test_a_module_can_raise_its_own_subclass():
    class SurveyColumnError(MissingColumnsError):
        pass

    with pytest.raises(SurveyColumnError) as info:
        require_columns(pd.DataFrame({"x": [1]}), ["y"], "survey", error=SurveyColumnError)
    assert info.value.missing == ["y"] and info.value.available == ["x"]
    with pytest.raises(TypeError, match="subclass"):
        require_columns(pd.DataFrame({"x": [1]}), ["y"], error=ValueError)


def test_error_with_a_message_only_still_has_the_attributes():
    err = MissingColumnsError("The survey needs a 'who' column.")
    assert str(err) == "The survey needs a 'who' column." and err.missing == [] and err.available == []


def test_subclass_that_sets_attributes_first_keeps_them():
    """The privacy toolkit's error sets .missing/.available, then passes only its message."""

    class Legacy(MissingColumnsError):
        def __init__(self, missing, available):
            self.missing, self.available = list(missing), list(available)
            super().__init__("custom text")

    err = Legacy(["zip"], ["name"])
    assert (err.missing, err.available, str(err)) == (["zip"], ["name"], "custom text")


def test_long_column_lists_are_shortened():
    text = missing_columns_message(["zz"], [f"c{i}" for i in range(40)], "students")
    assert "'c24'" in text and "'c25'" not in text and "(15 more)" in text


@pytest.mark.parametrize("value,kwargs,ok", [
    (1, dict(at_least=1, whole=True), True), (0, dict(at_least=1, whole=True), False),
    (2.0, dict(at_least=1, whole=True), False), (True, dict(at_least=0), False),
    (float("nan"), dict(at_least=0), False), (float("inf"), dict(at_least=0), True),
    (1, dict(above=1, at_most=4), False), (4, dict(above=1, at_most=4), True),
    (0.5, dict(at_least=0, at_most=1), True), ("0.5", dict(at_least=0, at_most=1), False),
    (None, {}, False),
])
def test_require_number(value, kwargs, ok):
    if ok:
        assert require_number(value, "x", **kwargs) is value
    else:
        with pytest.raises(ValueError, match=r"^x should be a"):
            require_number(value, "x", **kwargs)


def test_require_number_raises_the_callers_error_with_the_meaning():
    class PlanError(ValueError):
        pass

    with pytest.raises(PlanError, match=r"budget should be a number of at least 0 \(an amount of money\), not -1\."):
        require_number(-1, "budget", at_least=0, meaning="an amount of money", error=PlanError)


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.integers(-5, 10), st.floats(allow_nan=True), st.booleans(), st.text(max_size=3)))
def test_require_number_accepts_exactly_the_numbers_in_range(value):
    in_range = (isinstance(value, (int, float)) and not isinstance(value, bool) and value == value
                and 0 <= value <= 5)
    try:
        require_number(value, "x", at_least=0, at_most=5)
        accepted = True
    except ValueError:
        accepted = False
    assert accepted == in_range
