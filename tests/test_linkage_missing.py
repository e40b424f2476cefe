"""Blank values of every kind, in every role, are missing comparisons, never errors.

Covers blank, None, NaN, pandas NA, whitespace, one-word and non-Latin names, in prepare, the
rule matcher and splink, plus every identifier role a roster may carry.
"""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.linkage import link_probabilistic, match_rules, prepare
from helpers.linkage.fields import (
    is_blank,
    standardize_address,
    standardize_email,
    standardize_gender,
    standardize_phone,
    standardize_postcode,
    standardize_shared_id,
)
from helpers.linkage.prepare import PREPARED_COLUMNS, ROLES
from helpers.linkage.probabilistic import _demo_people

BLANKS = [None, float("nan"), np.nan, pd.NA, "", "   ", "\t"]
FULL = {"record_id": "id", "first_name": "f", "last_name": "l", "date_of_birth": "d", "shared_id": "sid",
        "school": "s", "street_address": "a", "city": "c", "postcode": "z", "phone": "p", "email": "e",
        "gender": "g"}


def roster_with_blanks() -> pd.DataFrame:
    n = len(BLANKS)
    base = {"id": [f"R{i}" for i in range(n)], "f": ["Ana"] * n, "l": ["Ruiz"] * n, "d": ["2014-03-09"] * n,
            "sid": ["123"] * n, "s": ["Heron Park"] * n, "a": ["1 Main St"] * n, "c": ["Riverbend"] * n,
            "z": ["00101"] * n, "p": ["555-010-1234"] * n, "e": ["a@b.org"] * n, "g": ["F"] * n}
    df = pd.DataFrame(base, dtype=object)
    for col in base:
        if col != "id":
            df[col] = pd.Series(BLANKS, dtype=object)
    return df


def test_every_role_accepts_every_kind_of_blank():
    out = prepare(roster_with_blanks(), FULL)
    assert list(out.columns) == PREPARED_COLUMNS
    values = out.drop(columns=["record_id", "dob_year"])
    assert values.isna().all().all(), values
    assert all(v is None for v in values.to_numpy().ravel()), "missing is None, not NaN"


@pytest.mark.parametrize("blank", BLANKS)
def test_blank_first_or_last_name_links_on_the_rest(blank):
    people = _demo_people(300, seed=4)
    m = {"record_id": "id", "first_name": "f", "last_name": "l", "date_of_birth": "d"}
    partner = people.iloc[:30].copy()
    partner["f"] = partner["f"].astype(object)
    partner.loc[partner.index[:5], "f"] = blank
    partner.loc[partner.index[5:10], "l"] = blank
    left, right = prepare(partner, m), prepare(people, m)
    assert left["first_name"].iloc[:5].isna().all()
    rules = match_rules(left, right)  # must not raise
    assert rules["left_id"].is_unique
    result = link_probabilistic(left, right, threshold=0.9)
    linked = set(result.links()["left_id"])
    assert len(linked) >= 25, "records with one name missing still link on the other fields"


def test_one_word_and_non_latin_full_names():
    people = pd.DataFrame({"id": ["A", "B", "C", "D", "E"],
                           "n": ["Cher", "李 小龍", "Σοφία Παππά", "  ", None],
                           "d": ["2014-03-09", "2013-01-02", "2012-05-06", "2011-07-08", ""]})
    out = prepare(people, {"record_id": "id", "full_name": "n", "date_of_birth": "d"})
    assert out["first_name"].tolist() == ["cher", "李", "σοφια", None, None]
    assert out["last_name"].tolist() == [None, "小龍", "παππα", None, None]
    crowd = prepare(_demo_people(300, seed=2), {"record_id": "id", "first_name": "f", "last_name": "l",
                                                "date_of_birth": "d"})
    district = pd.concat([crowd, out.assign(record_id=lambda t: "S" + t["record_id"])], ignore_index=True)
    result = link_probabilistic(out, district, threshold=0.5)
    assert dict(zip(result.links()["left_id"], result.links()["right_id"])) == {"A": "SA", "B": "SB", "C": "SC"}


def test_every_mapped_role_is_compared():
    people = _demo_people(200, seed=8)
    rng = np.random.default_rng(1)
    people = people.assign(sid=[f"ST{i:06d}" for i in range(len(people))],
                           a=[f"{i} Oak Street" for i in range(len(people))], c="Riverbend",
                           z=rng.choice(["00101", "00102"], len(people)),
                           p=[f"555-01{i:02d}-{i:04d}" for i in range(len(people))],
                           e=[f"kid{i}@example.org" for i in range(len(people))],
                           g=rng.choice(["F", "M"], len(people)), s="Heron Park")
    left, right = prepare(people.iloc[:40], FULL), prepare(people, FULL)
    result = link_probabilistic(left, right, threshold=0.9)
    assert set(result.comparisons) == {"first_name", "last_name", "dob", "shared_id", "school",
                                       "street_address", "city", "zip", "phone", "email", "gender"}
    assert len(result.links()) == 40


def test_shared_id_alone_links_records_that_carry_nothing_else():
    people = _demo_people(200, seed=9).assign(sid=lambda t: [f"ST{i:06d}" for i in range(len(t))])
    partner = people.iloc[:30].assign(f=None, l=None, d="")  # nothing but the shared ID
    m = {"record_id": "id", "first_name": "f", "last_name": "l", "date_of_birth": "d", "shared_id": "sid"}
    result = link_probabilistic(prepare(partner, m), prepare(people, m), threshold=0.9)
    assert result.comparisons == ["shared_id"], "fields one side lacks entirely are not compared"
    links = result.links(0.5)
    assert (links["left_id"] == links["right_id"]).all() and len(links) == 30


def test_identifier_forms():
    assert standardize_phone("+1 (555) 010-1234") == standardize_phone("555.010.1234") == "5550101234"
    assert standardize_postcode(101) == standardize_postcode("00101-9999") == "00101"
    assert standardize_postcode("sw1a 1aa") == "SW1A1AA"
    assert standardize_address("12 Oak Street") == standardize_address("12 oak st.")
    assert standardize_email("Kid@Example.org") == "kid@example.org" and standardize_email("n/a") is None
    assert [standardize_gender(g) for g in ("Female", "boy", "M", "nonbinary")] == ["F", "M", "M", "X"]
    assert standardize_shared_id(" 12-34 ") == "1234"
    for blank in BLANKS:
        assert is_blank(blank)
        for f in (standardize_phone, standardize_postcode, standardize_address, standardize_email,
                  standardize_gender, standardize_shared_id):
            assert f(blank) is None


def test_roles_are_documented():
    assert {"shared_id", "street_address", "city", "zip", "phone", "email", "gender"} <= set(ROLES)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.none(), st.just(math.nan), st.text(max_size=12)), min_size=1, max_size=6))
def test_prepare_never_raises_on_any_name_values(names):
    df = pd.DataFrame({"n": pd.Series(names, dtype=object), "g": pd.Series(names, dtype=object)})
    out = prepare(df, {"full_name": "n", "gender": "g", "email": "n", "phone": "n"})
    assert len(out) == len(names)
