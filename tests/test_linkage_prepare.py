"""Column mappings, checks and standardization for linkage (small made-up tables only)."""

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.linkage import (
    DuplicateIdError,
    EmptyTableError,
    LinkageInputError,
    MappingError,
    check_table,
    formal_first_name,
    parse_date,
    prepare,
    split_full_name,
    standardize_name,
    standardize_school,
    swap_day_month,
)

MAPPING = {"record_id": "id", "first_name": "first", "last_name": "last", "date_of_birth": "dob"}


def roster(**overrides):
    data = {"id": ["A1", "A2", "A3"], "first": ["Bill", "Zoë", "Ana"], "last": ["Smith", "O'Neil", "Peña-Ruiz"],
            "dob": ["03/09/2014", "2013-12-01", "March 9, 2012"]}
    data.update(overrides)
    return pd.DataFrame(data)


def test_prepare_standardizes_names_nicknames_and_dates():
    out = prepare(roster(), MAPPING)
    assert out["first_name"].tolist() == ["bill", "zoe", "ana"]
    assert out["first_name_formal"].tolist() == ["william", "zoe", "ana"]
    assert out["last_name"].tolist() == ["smith", "oneil", "pena ruiz"]
    assert out["dob"].tolist() == ["2014-03-09", "2013-12-01", "2012-03-09"]
    assert out["dob_swapped"].tolist() == ["2014-09-03", "2013-01-12", "2012-09-03"]
    assert out["record_id"].tolist() == ["A1", "A2", "A3"]


def test_prepare_does_not_change_its_input():
    df = roster()
    before = df.copy(deep=True)
    prepare(df, MAPPING)
    pd.testing.assert_frame_equal(df, before)


def test_full_name_column_in_either_order():
    df = pd.DataFrame({"n": ["Rivera, Ana Luisa", "Ben Okafor"], "d": ["2014-01-01", "2014-01-02"]})
    out = prepare(df, {"full_name": "n", "date_of_birth": "d"})
    assert out["first_name"].tolist() == ["ana", "ben"]
    assert out["last_name"].tolist() == ["rivera", "okafor"]
    assert out["record_id"].tolist() == ["row-1", "row-2"]


def test_misnamed_mapping_column_names_the_column_and_lists_the_real_ones():
    with pytest.raises(MappingError, match=r"'DOB'.*columns are: 'id', 'first', 'last', 'dob'"):
        check_table(roster(), {**MAPPING, "date_of_birth": "DOB"})


def test_unknown_role_and_missing_roles_are_explained():
    with pytest.raises(MappingError, match="not a role"):
        check_table(roster(), {**MAPPING, "birthday": "dob"})
    with pytest.raises(MappingError, match="first_name.*last_name.*full_name"):
        check_table(roster(), {"date_of_birth": "dob", "first_name": "first"})
    with pytest.raises(MappingError, match="twice"):
        check_table(roster(), {**MAPPING, "dob": "dob"})
    without_dates = prepare(roster(), {"first_name": "first", "last_name": "last"})
    assert without_dates["dob"].isna().all(), "a date of birth is optional: it is then a missing comparison"


def test_empty_table_and_duplicate_ids_are_refused():
    with pytest.raises(EmptyTableError):
        check_table(roster().iloc[0:0], MAPPING)
    with pytest.raises(DuplicateIdError, match="'A1'"):
        check_table(roster(id=["A1", "A1", "A2"]), MAPPING)
    with pytest.raises(DuplicateIdError, match="no ID"):
        check_table(roster(id=["A1", None, "A2"]), MAPPING)
    assert issubclass(DuplicateIdError, ValueError) and issubclass(MappingError, LinkageInputError)


def test_unparseable_dates_are_counted_with_examples_not_raised():
    report = check_table(roster(dob=["31/31/2014", "", "next Tuesday"]), MAPPING, name="roster")
    assert report.unparseable_dates == 2 and report.missing_dates == 1
    assert report.unparseable_examples == ("31/31/2014", "next Tuesday")
    assert "2 with a date of birth that could not be read" in str(report)
    out = prepare(roster(dob=["31/31/2014", "", "2014-01-01"]), MAPPING)
    assert out["dob"].tolist() == [None, None, "2014-01-01"]


@pytest.mark.parametrize("text,expected", [
    ("2014-03-09", dt.date(2014, 3, 9)), ("03/09/2014", dt.date(2014, 3, 9)), ("3/9/14", dt.date(2014, 3, 9)),
    ("3-9-2014", dt.date(2014, 3, 9)), ("20140309", dt.date(2014, 3, 9)), ("March 9, 2014", dt.date(2014, 3, 9)),
    ("9 Mar 2014", dt.date(2014, 3, 9)), ("25/12/2013", dt.date(2013, 12, 25)), ("2/30/2014", None),
    ("", None), (None, None), ("soon", None), ("12/31/99", dt.date(1999, 12, 31)),
])
def test_parse_date_formats(text, expected):
    assert parse_date(text) == expected


def test_day_first_reading_when_asked():
    assert parse_date("03/09/2014", day_first=True) == dt.date(2014, 9, 3)


dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31))


@settings(max_examples=200, deadline=None)
@given(dates)
def test_every_written_form_of_a_date_reads_back(date):
    forms = [date.isoformat(), f"{date.month:02d}/{date.day:02d}/{date.year}", date.strftime("%B %d, %Y"),
             f"{date.month}/{date.day}/{date.year}"]
    for text in forms:
        assert parse_date(text) == date


@settings(max_examples=200, deadline=None)
@given(dates)
def test_swapping_day_and_month_twice_gives_the_date_back(date):
    swapped = swap_day_month(date)
    if swapped is not None:
        assert swapped != date and swap_day_month(swapped) == date
    else:
        assert date.day > 12 or date.day == date.month


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_standardize_name_is_idempotent_and_plain(text):
    once = standardize_name(text)
    assert standardize_name(once) == once
    if once is not None:
        assert once == once.strip() and "  " not in once and once == once.lower()


def test_nicknames_and_schools():
    assert formal_first_name("BILLY") == "william" and formal_first_name("Liz") == "elizabeth"
    assert formal_first_name("Ronnie") == "ronnie", "an ambiguous nickname is not guessed"
    assert standardize_school("Heron Park Elem.") == standardize_school("heron park elementary")
    assert standardize_school("Riverbend South HS") != standardize_school("Riverbend South MS")


def test_split_full_name_edge_cases():
    assert split_full_name("  ") == (None, None)
    assert split_full_name("Ng,  Li") == ("Li", "Ng")
    assert split_full_name("Mary Ann van Dyke") == ("Mary", "Dyke")


def test_prepare_rejects_non_tables():
    with pytest.raises(LinkageInputError, match="DataFrame"):
        prepare([1, 2], MAPPING)
