"""The rule-based matcher: each rule does what it says, ambiguity is not guessed."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.linkage import RULES, ambiguous_records, edit_distance, exact_match, match_rules, prepare

M = {"record_id": "id", "first_name": "f", "last_name": "l", "date_of_birth": "d"}


def table(rows):
    return prepare(pd.DataFrame(rows, columns=["id", "f", "l", "d"]), M)


DISTRICT = table([
    ("S1", "William", "Stone", "2014-03-09"),
    ("S2", "Ana", "Ruiz", "2013-05-01"),
    ("S3", "Maria", "Garcia", "2012-07-15"),
    ("S4", "Omar", "Haddad", "2011-02-03"),
    ("S5", "Lena", "Kowalski", "2010-10-10"),
])


def test_each_rule_names_itself():
    partner = table([
        ("P1", "William", "Stone", "03/09/2014"),   # exact
        ("P2", "Bill", "Stone", "2014-03-09"),      # nickname
        ("P3", "Ruiz", "Ana", "2013-05-01"),        # swapped names
        ("P4", "Maria", "Garcia", "15/07/2012"),    # only readable day-first: exact after parsing
        ("P5", "Omar", "Haddad", "2011-03-02"),     # day/month swapped
        ("P6", "Lena", "Kowalsky", "2010-10-10"),   # one typo
        ("P7", "Zed", "Nobody", "2001-01-01"),      # no match
    ])
    out = match_rules(partner, DISTRICT)
    got = dict(zip(out["left_id"], zip(out["right_id"], out["rule"])))
    assert got == {
        "P1": ("S1", "exact"), "P2": ("S1", "nickname"), "P3": ("S2", "swapped names"),
        "P4": ("S3", "exact"), "P5": ("S4", "day/month swapped"), "P6": ("S5", "one typo"),
    }
    assert list(out.columns) == ["left_id", "right_id", "rule"]
    assert set(out["rule"]) <= set(RULES)


def test_exact_match_uses_only_the_strict_rule():
    partner = table([("P1", "William", "Stone", "2014-03-09"), ("P2", "Bill", "Stone", "2014-03-09")])
    assert exact_match(partner, DISTRICT)["left_id"].tolist() == ["P1"]


def test_two_candidates_are_ambiguous_not_linked():
    twins = table([("S1", "Ann", "Lee", "2014-01-02"), ("S2", "Ann", "Lee", "2014-01-02")])
    partner = table([("P1", "Ann", "Lee", "2014-01-02")])
    assert match_rules(partner, twins).empty
    amb = ambiguous_records(partner, twins)
    assert amb["right_id"].tolist() == ["S1", "S2"] and set(amb["rule"]) == {"exact"}


def test_missing_dates_never_match_on_date():
    partner = table([("P1", "William", "Stone", "")])
    assert match_rules(partner, DISTRICT).empty


def test_inputs_are_not_changed():
    partner = table([("P2", "Bill", "Stone", "2014-03-09")])
    before_l, before_r = partner.copy(deep=True), DISTRICT.copy(deep=True)
    match_rules(partner, DISTRICT)
    pd.testing.assert_frame_equal(partner, before_l)
    pd.testing.assert_frame_equal(DISTRICT, before_r)


def test_unprepared_tables_and_unknown_rules_are_explained():
    with pytest.raises(ValueError, match="prepare"):
        match_rules(pd.DataFrame({"x": [1]}), DISTRICT)
    with pytest.raises(ValueError, match="Choose from"):
        match_rules(DISTRICT, DISTRICT, ["fuzzy"])


names = st.text(alphabet="abcdefghij", min_size=1, max_size=8)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(names, names, st.dates()), min_size=1, max_size=8, unique=True))
def test_a_table_matched_with_itself_links_every_distinct_person_exactly(people):
    rows = [(f"R{i}", f, l, d.isoformat()) for i, (f, l, d) in enumerate(people)]
    t = table(rows)
    out = exact_match(t, t)
    keys = t.set_index("record_id")[["first_name", "last_name", "dob"]].apply(tuple, axis=1)
    unique_people = keys[~keys.duplicated(keep=False)].index
    assert set(out["left_id"]) == set(unique_people)
    assert (out["left_id"] == out["right_id"]).all()


@settings(max_examples=200, deadline=None)
@given(names, names)
def test_edit_distance_is_symmetric_and_zero_only_for_equal(a, b):
    assert edit_distance(a, b) == edit_distance(b, a)
    assert (edit_distance(a, b) == 0) == (a == b)
    assert edit_distance(a, a + "x") == 1
