"""helpers.standardize: the one date reader and the one school-name normalizer.

These rules decide whether a facilitator's own records match, so each documented
behaviour is pinned here, including the cases where the two older readers disagreed.
"""

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.standardize import (
    FUTURE_YEARS,
    StandardizeError,
    normalize_school_name,
    parse_date,
    read_date,
    two_digit_year,
)

D = dt.date


# --------------------------------------------------------------------- disagreements
def test_two_digit_45_is_a_past_birth_year_not_2045():
    # crosswalk read 1945 and linkage 2045 before; a birth year in the future is never right.
    assert parse_date("3/9/45") == D(1945, 3, 9)


def test_day_month_name_is_read():
    # crosswalk returned None for this before; linkage read it.
    assert parse_date("9 March 2014") == D(2014, 3, 9)
    assert read_date("9 March 2014")["format"] == "D Month YYYY"


# ------------------------------------------------------------------- two-digit years
@pytest.mark.parametrize("yy,today,year", [
    (14, D(2026, 1, 1), 2014), (0, D(2026, 1, 1), 2000), (36, D(2026, 1, 1), 2036),
    (37, D(2026, 1, 1), 1937), (99, D(2026, 1, 1), 1999), (45, D(2026, 12, 31), 1945),
    (40, D(2030, 6, 1), 2040), (41, D(2030, 6, 1), 1941), (5, D(2099, 1, 1), 2105),
])
def test_sliding_two_digit_year_window(yy, today, year):
    assert two_digit_year(yy, today=today) == year


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 99), st.dates(min_value=D(1950, 1, 1), max_value=D(2200, 1, 1)))
def test_sliding_window_is_the_hundred_years_ending_ten_years_ahead(yy, today):
    year = two_digit_year(yy, today=today)
    assert year % 100 == yy
    assert today.year + FUTURE_YEARS - 99 <= year <= today.year + FUTURE_YEARS


def test_default_uses_this_year():
    this_year = dt.date.today().year
    assert parse_date("1/2/%02d" % (this_year % 100)) == D(this_year, 1, 2)
    last_century = (this_year + FUTURE_YEARS + 1) % 100
    assert parse_date("1/2/%02d" % last_century).year == this_year + FUTURE_YEARS + 1 - 100


@pytest.mark.parametrize("pivot,text,year", [
    (30, "3/9/30", 2030), (30, "3/9/31", 1931), (68, "3/9/45", 2045), (0, "3/9/00", 2000),
    (0, "3/9/01", 1901), (99, "3/9/99", 2099),
])
def test_fixed_pivot(pivot, text, year):
    assert parse_date(text, pivot=pivot).year == year


@pytest.mark.parametrize("bad", [-1, 100, 30.5, "30", True])
def test_bad_pivot_is_explained(bad):
    with pytest.raises(StandardizeError, match="pivot must be a whole number from 0 to 99"):
        parse_date("3/9/14", pivot=bad)


def test_four_digit_years_ignore_the_pivot():
    assert parse_date("3/9/2045", pivot=30) == D(2045, 3, 9)
    assert parse_date("3/9/1912") == D(1912, 3, 9)


# ------------------------------------------------------------------ day and month
def test_ambiguous_dates_are_flagged_and_read_by_order():
    mdy, dmy = read_date("03/09/2014"), read_date("03/09/2014", order="DMY")
    assert mdy["ambiguous"] and dmy["ambiguous"]
    assert (mdy["date"], mdy["format"]) == (D(2014, 3, 9), "MM/DD/YYYY")
    assert (dmy["date"], dmy["format"]) == (D(2014, 9, 3), "DD/MM/YYYY")
    assert "month first" in mdy["note"] and "day first" in dmy["note"]


def test_only_possible_reading_is_used_and_not_flagged():
    r = read_date("25/12/2013")
    assert (r["date"], r["ambiguous"], r["format"]) == (D(2013, 12, 25), False, "DD/MM/YYYY")
    assert "day first" in r["note"]
    r = read_date("12/25/2013", order="DMY")
    assert (r["date"], r["ambiguous"], r["format"]) == (D(2013, 12, 25), False, "MM/DD/YYYY")
    assert "month first" in r["note"]
    same = read_date("09/09/2014")
    assert not same["ambiguous"] and same["date"] == D(2014, 9, 9)


# ------------------------------------------------------------------------- formats
@pytest.mark.parametrize("text,fmt", [
    ("2014-03-09", "YYYY-MM-DD"), ("2014-3-9", "YYYY-MM-DD"), ("2014-03-09 10:30:00", "YYYY-MM-DD"),
    ("2014-03-09T10:30:00Z", "YYYY-MM-DD"), ("20140309", "YYYYMMDD"), ("03/09/2014", "MM/DD/YYYY"),
    ("3/9/14", "MM/DD/YY"), ("3-9-2014", "MM/DD/YYYY"), ("3.9.2014", "MM/DD/YYYY"),
    ("March 9, 2014", "Month D, YYYY"), ("Mar. 9 2014", "Month D, YYYY"), ("march 9th, 2014", "Month D, YYYY"),
    ("Sept 9, 2014", "Month D, YYYY"), ("9 March 2014", "D Month YYYY"), ("9th Mar 2014", "D Month YYYY"),
    ("2014 March 9", "YYYY Month D"), ("  March   9,  2014 ", "Month D, YYYY"),
])
def test_formats(text, fmt):
    r = read_date(text)
    assert r["format"] == fmt
    assert r["date"] in (D(2014, 3, 9), D(2014, 9, 9))


@pytest.mark.parametrize("value", [dt.date(2014, 3, 9), dt.datetime(2014, 3, 9, 8, 0),
                                   pd.Timestamp("2014-03-09"), np.datetime64("2014-03-09")])
def test_date_objects(value):
    assert read_date(value) == {"date": D(2014, 3, 9), "format": "date", "ambiguous": False, "note": ""}


@pytest.mark.parametrize("text,note", [
    ("", "blank"), ("   ", "blank"), (None, "blank"), (float("nan"), "blank"), (pd.NaT, "blank"),
    ("02/30/2014", "not a real date"), ("2014-02-30", "not a real date"), ("13/13/2014", "not a real date"),
    ("February 30, 2014", "not a real date"), ("yesterday", "format not recognized"),
    ("March 2014", "format not recognized"), ("9 March 14", "format not recognized"),
    ("1/2/345", "format not recognized"), ("Smarch 9, 2014", "format not recognized"),
])
def test_unreadable_values_say_why(text, note):
    r = read_date(text)
    assert r["date"] is None and r["note"] == note


def test_bad_order_is_explained():
    with pytest.raises(StandardizeError, match='"MDY"'):
        read_date("1/2/2014", order="YMD")


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2099, 12, 31)))
def test_every_format_round_trips(d):
    for text in (d.isoformat(), d.strftime("%Y%m%d"), f"{d.month}/{d.day}/{d.year}",
                 f"{d.month:02d}-{d.day:02d}-{d.year}", f"{d:%B} {d.day}, {d.year}",
                 f"{d.day} {d:%b} {d.year}"):
        assert parse_date(text) == d, text
    assert parse_date(f"{d.day}/{d.month}/{d.year}", order="DMY") == d
    assert read_date(f"{d.month}/{d.day}/{d.year}")["ambiguous"] == (d.day <= 12 and d.day != d.month)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=30), st.integers(), st.floats(), st.none()))
def test_never_raises_on_any_value(value):
    r = read_date(value)
    assert set(r) == {"date", "format", "ambiguous", "note"}
    assert r["date"] is None or isinstance(r["date"], dt.date)
    assert isinstance(normalize_school_name(value), str)


# ---------------------------------------------------------------------- school names
@pytest.mark.parametrize("a,b", [
    ("Heron Park Elem.", "heron park elementary"), ("Heron Park Elem", "Heron Park Elementary School"),
    ("HERON PARK ES", "heron park"), ("Old Mill Elemntary Scool", "Old Mill"),
    ("Riverbend South H.S.", "Riverbend South High School"), ("Riverbend South HS", "riverbend south high"),
    ("Millrace MS", "Millrace Middle School"), ("St. Brendan Academy", "Saint Brendan"),
    ("St Mary's", "Saint Marys"), ("Mt. Vernon", "Mount Vernon"), ("N. Shore", "North Shore"),
    ("José Martí", "Jose Marti"), ("Lewis & Clark", "Lewis and Clark"), ("The Heron Park School", "Heron Park"),
    ("Heron-Park", "heron park"),
])
def test_same_school_written_differently(a, b):
    assert normalize_school_name(a) == normalize_school_name(b) != ""


@pytest.mark.parametrize("a,b", [
    ("Riverbend South HS", "Riverbend South MS"), ("Riverbend North Middle", "Riverbend South Middle"),
    ("Heron Park Elementary", "Heron Park Middle"), ("St. Brendan", "Brendan St."),
])
def test_different_schools_stay_different(a, b):
    assert normalize_school_name(a) != normalize_school_name(b)


def test_st_is_saint_first_and_street_elsewhere():
    assert normalize_school_name("St. Brendan") == "saint brendan"
    assert normalize_school_name("Main St. Elementary") == "main street"


def test_blank_school_is_empty_text():
    assert [normalize_school_name(v) for v in (None, "", "  ", float("nan"))] == ["", "", "", ""]


def test_inputs_not_changed():
    s = pd.Series(["3/9/14", "Heron Park Elem."])
    before = s.copy()
    read_date(s[0]), normalize_school_name(s[1])
    pd.testing.assert_series_equal(s, before)
