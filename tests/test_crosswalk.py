"""Crosswalk: transparent school matching, grade codes, and honest dates."""

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.crosswalk import (
    CrosswalkError,
    match_schools,
    normalize_school_name,
    parse_date,
    parse_dates,
    standardize_grade,
    standardize_grades,
)
from helpers.validation import MissingColumnsError

SCHOOLS = pd.DataFrame({
    "school_id": ["E01", "E04", "M01", "M03", "H01", "H02"],
    "school_name": ["Heron Park Elementary", "Old Mill Elementary", "Riverbend North Middle School",
                    "Riverbend South Middle School", "Riverbend High School", "Riverbend South High School"],
})


@pytest.mark.parametrize("text,expected", [
    ("Heron Park Elementary", "E01"), ("heron park", "E01"), ("Heron Park Elem", "E01"),
    ("Heron Park Eleemntary", "E01"), ("Ol dMill Elementary", "E04"), ("Riverbend North MS", "M01"),
    ("riverbend south middle", "M03"), ("Riverbend High School", "H01"), ("Riverbend South H.S.", "H02"),
    ("Riverbend HHigh School", "H01"),
])
def test_variants_find_their_school(text, expected):
    assert match_schools([text], SCHOOLS)["school_id"].iloc[0] == expected


def test_non_district_and_blank_and_override():
    m = match_schools(["St. Brendan Academy", "", None, "Riverbend Montessori", "RHS"], SCHOOLS,
                      overrides={"RHS": "H01"})
    assert m["school_id"].tolist() == [None, None, None, None, "H01"]
    assert m["method"].tolist() == ["no match", "blank", "blank", "no match", "override"]


def test_override_wins_and_can_say_not_a_district_school():
    m = match_schools(["Heron Park"], SCHOOLS, overrides={"heron park": None})
    assert m["school_id"].iloc[0] is None and m["method"].iloc[0] == "override"
    with pytest.raises(CrosswalkError, match="not a school_id"):
        match_schools(["x"], SCHOOLS, overrides={"x": "Z99"})


def test_close_calls_are_not_guessed():
    two = pd.DataFrame({"school_id": ["A", "B"], "school_name": ["Lakeside North", "Lakeside South"]})
    m = match_schools(["Lakeside Nouth"], two, min_score=0.8)
    assert m["method"].iloc[0] == "ambiguous" and m["school_id"].iloc[0] is None


def test_scores_are_reported_and_input_untouched():
    names = pd.Series(["Heron Prak", "Heron Park"])
    before = names.copy()
    schools_before = SCHOOLS.copy()
    m = match_schools(names, SCHOOLS)
    assert m["score"].between(0, 1).all() and m.loc[1, "score"] == 1.0
    pd.testing.assert_series_equal(names, before)
    pd.testing.assert_frame_equal(SCHOOLS, schools_before)
    with pytest.raises(MissingColumnsError, match="school_name"):
        match_schools(["x"], SCHOOLS.rename(columns={"school_name": "name"}))


@pytest.mark.parametrize("raw,code", [
    ("K", "K"), ("kindergarten", "K"), ("KG", "K"), ("Kinder", "K"), ("5th", "5"), ("05", "5"),
    ("Gr 5", "5"), ("grade 12", "12"), (9, "9"), (3.0, "3"), ("1st", "1"), ("Pre-K", "PK"),
    ("13", None), ("", None), (None, None), ("fifth", "5"), (True, None), (2.5, None),
])
def test_grades(raw, code):
    assert standardize_grade(raw) == code


def test_grades_column_keeps_index():
    s = pd.Series(["3rd", "K"], index=[10, 20])
    out = standardize_grades(s)
    assert out.index.tolist() == [10, 20] and out.tolist() == ["3", "K"]


def test_dates_ambiguity_is_reported_not_hidden():
    mdy = parse_date("03/09/2014")
    dmy = parse_date("03/09/2014", order="DMY")
    assert mdy["ambiguous"] and dmy["ambiguous"]
    assert mdy["date"] == dt.date(2014, 3, 9) and dmy["date"] == dt.date(2014, 9, 3)
    assert not parse_date("09/09/2014")["ambiguous"]  # same either way
    clear = parse_date("13/09/2014")
    assert clear["date"] == dt.date(2014, 9, 13) and not clear["ambiguous"] and "day first" in clear["note"]
    assert parse_date("3/9/14")["date"] == dt.date(2014, 3, 9)
    assert parse_date("3/9/95")["date"] == dt.date(1995, 3, 9)
    assert parse_date("September 3, 2014")["date"] == dt.date(2014, 9, 3)
    assert parse_date("02/30/2014")["note"] == "not a real date"
    assert parse_date("yesterday")["note"] == "format not recognized"
    with pytest.raises(CrosswalkError):
        parse_date("1/2/2014", order="YMD")


@settings(max_examples=80, deadline=None)
@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2029, 12, 31)))
def test_every_format_round_trips_and_ambiguity_is_exact(d):
    for text in (d.isoformat(), f"{d.month:02d}/{d.day:02d}/{d.year}", d.strftime("%B %d, %Y").replace(" 0", " ")):
        assert parse_date(text)["date"] == d
    r = parse_date(f"{d.month}/{d.day}/{d.year}")
    assert r["ambiguous"] == (d.day <= 12 and d.month != d.day)
    t = parse_dates(pd.Series([d.isoformat(), ""]))
    assert t["date"].iloc[0] == pd.Timestamp(d) and pd.isna(t["date"].iloc[1])


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=30))
def test_normalize_and_grades_never_raise_on_any_text(text):
    assert isinstance(normalize_school_name(text), str)
    assert standardize_grade(text) in {None, "PK", "K", *map(str, range(1, 13))}
    assert isinstance(parse_date(text)["note"], str)


def test_crosswalk_reads_dates_and_schools_as_linkage_does():
    """The two readers that used to disagree now share helpers.standardize."""
    from helpers import standardize

    assert parse_date("3/9/45")["date"] == dt.date(1945, 3, 9)  # a birth year, not 2045
    assert parse_date("9 March 2014")["date"] == dt.date(2014, 3, 9)  # was unreadable here
    assert parse_date("3/9/31", pivot=30)["date"] == dt.date(1931, 3, 9)
    for text in ["03/09/2014", "3/9/45", "9 March 2014", "20140309", "soon", ""]:
        assert parse_date(text) == standardize.read_date(text)
    assert normalize_school_name is standardize.normalize_school_name
    assert normalize_school_name("St. Brendan Elem.") == "saint brendan"
