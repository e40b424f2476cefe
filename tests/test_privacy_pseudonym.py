"""Keyed pseudonyms and the dictionary attack on plain hashes."""

import datetime as dt
import hashlib
import hmac
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from helpers.privacy import (
    KeyFileExistsError,
    KeyRequirementError,
    PrivacyInputError,
    date_space,
    dictionary_attack,
    generate_key,
    load_key,
    normalize_value,
    plain_hash,
    pseudonymize,
    save_key,
    student_id_space,
)

KEY = "riverbend-hub-test-key-0123456789-abcdefgh"
OTHER = "a-completely-different-key-9876543210-zyx"
# HMAC pads short keys with zero bytes, so "k" and "k\x00" act alike: keys here hold no NULs
# (generate_key() makes URL-safe text).
keys = st.text(alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), min_size=32, max_size=64).filter(lambda k: k.strip() != "")
identifiers = st.text(alphabet=st.characters(categories=["L", "N"]), min_size=1, max_size=20)


def test_token_is_hmac_sha256_of_the_normalized_value():
    expected = hmac.new(KEY.encode(), b"rb100239", hashlib.sha256).hexdigest()[:20]
    assert pseudonymize("RB100239", KEY) == expected
    assert pseudonymize("RB100239", KEY, length=64) == hmac.new(KEY.encode(), b"rb100239", hashlib.sha256).hexdigest()


@settings(max_examples=200, deadline=None)
@given(identifiers, keys)
def test_deterministic(value, key):
    assert pseudonymize(value, key) == pseudonymize(value, key)
    assert len(pseudonymize(value, key)) == 20


@settings(max_examples=200, deadline=None)
@given(identifiers, keys, keys)
def test_key_dependent(value, key1, key2):
    if key1 != key2:
        assert pseudonymize(value, key1) != pseudonymize(value, key2)


@settings(max_examples=200, deadline=None)
@given(identifiers, st.sampled_from([str.upper, str.lower, str.title, str.swapcase]),
       st.text(alphabet=" \t", max_size=3), st.text(alphabet=" \t\n", max_size=3))
@example("\u0131", str.upper, "", "")  # Turkish dotless i: casefold alone is not case-invariant
@example("stra\u00dfe", str.upper, "", "")  # German sharp s
@example("\uff21bc", str.lower, " ", "")  # full-width letters
def test_normalization_invariant(value, case, before, after):
    assert pseudonymize(before + case(value) + after, KEY) == pseudonymize(value, KEY)


@settings(max_examples=200, deadline=None)
@given(identifiers, keys)
def test_never_equal_to_the_plain_hash(value, key):
    token = pseudonymize(value, key, length=64)
    for algorithm in ("sha256", "md5"):
        digest = plain_hash(value, algorithm=algorithm)
        assert token != digest and token[: len(digest)] != digest
        assert pseudonymize(value, key) != digest[:20]


def test_inner_whitespace_is_collapsed_but_words_stay_apart():
    assert pseudonymize("Maria  del   Carmen", KEY) == pseudonymize("maria del carmen", KEY)
    assert pseudonymize("mariadelcarmen", KEY) != pseudonymize("maria del carmen", KEY)


def test_dates_are_normalized_to_iso():
    forms = ["2014-03-07", "2014/3/7", "3/7/2014", "03/07/2014", dt.date(2014, 3, 7),
             dt.datetime(2014, 3, 7), pd.Timestamp("2014-03-07"), np.datetime64("2014-03-07")]
    tokens = {pseudonymize(f, KEY) for f in forms}
    assert len(tokens) == 1
    assert normalize_value("2014-02-30") == "2014-02-30"  # not a real date: left as text
    assert normalize_value(12345.0) == "12345" and normalize_value(12345) == "12345"


def test_shapes_and_missing_values():
    series = pd.Series(["RB1", None, np.nan, "  ", "rb1"], index=[10, 11, 12, 13, 14], name="student_id")
    before = series.copy()
    out = pseudonymize(series, KEY)
    pd.testing.assert_series_equal(series, before)  # input untouched
    assert isinstance(out, pd.Series) and out.name == "student_id" and list(out.index) == [10, 11, 12, 13, 14]
    assert out.isna().tolist() == [False, True, True, True, False]
    assert out[10] == out[14]
    values = ["RB1", None, float("nan")]
    listed = pseudonymize(values, KEY)
    assert isinstance(listed, list) and listed[1] is None and np.isnan(listed[2])
    assert values == ["RB1", None, values[2]]
    assert isinstance(pseudonymize("RB1", KEY), str)
    assert pseudonymize(None, KEY) is None


@pytest.mark.parametrize(
    "key, words",
    [(None, "none was given"), ("", "none was given"), ("short", "too short: 5 characters"),
     ("x" * 31, "too short"), (b"x" * 31, "too short: 31 bytes"), (12345678901234567890123456789012345, "text"),
     (["k"] * 40, "text"), ("k" * 31 + "\ud800", "UTF-8")],
)
def test_bad_keys_are_refused_with_a_clear_message(key, words):
    with pytest.raises(KeyRequirementError) as err:
        pseudonymize("RB1", key)
    assert words in str(err.value)
    assert isinstance(err.value, ValueError)


def test_bytes_keys_and_lengths():
    assert pseudonymize("RB1", KEY.encode()) == pseudonymize("RB1", KEY)
    assert len(pseudonymize("RB1", KEY, length=8)) == 8
    for bad in (7, 65, 20.0, True, "20"):
        with pytest.raises(PrivacyInputError, match="length"):
            pseudonymize("RB1", KEY, length=bad)


def test_tables_sets_and_odd_values_are_refused():
    with pytest.raises(PrivacyInputError, match="one column"):
        pseudonymize(pd.DataFrame({"a": ["x"]}), KEY)
    with pytest.raises(PrivacyInputError):
        pseudonymize({"RB1"}, KEY)
    with pytest.raises(PrivacyInputError, match="type"):
        pseudonymize([object()], KEY)


def test_generate_key_is_random_and_long_enough():
    generated = {generate_key() for _ in range(20)}
    assert len(generated) == 20 and all(len(k) >= 32 for k in generated)
    pseudonymize("RB1", generated.pop())


def test_save_key_warns_refuses_to_overwrite_and_round_trips(tmp_path):
    key = generate_key()
    path = tmp_path / "hub.key"
    with pytest.warns(UserWarning, match="apart from the data"):
        save_key(key, path)
    assert load_key(path) == key
    assert (path.stat().st_mode & 0o077) == 0
    with pytest.raises(KeyFileExistsError, match="never overwrites"):
        save_key(generate_key(), path)
    assert load_key(path) == key
    with pytest.raises(KeyRequirementError):
        save_key("short", tmp_path / "other.key")
    assert not (tmp_path / "other.key").exists()
    with pytest.raises(PrivacyInputError, match="does not exist"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            save_key(key, tmp_path / "missing" / "k.key")


def test_nothing_is_written_without_save_key(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pseudonymize(["RB1", "RB2"], generate_key())
    assert list(tmp_path.iterdir()) == []


# --- the dictionary attack ---------------------------------------------------------------
def test_plain_hashes_of_ids_fall_to_a_dictionary_attack():
    ids = pd.Series(["RB100239", "RB100336", None, "RB100399"])
    hashed = plain_hash(ids)
    result = dictionary_attack(hashed, student_id_space("RB", 6, start=100000, stop=101000))
    assert result.n_targets == 3 and result.n_recovered == 3 and result.share_recovered == 1
    assert set(result.recovered["value"]) == {"RB100239", "RB100336", "RB100399"}
    assert set(result.recovered["hashed_text"]) == {"rb100239", "rb100336", "rb100399"}  # plain_hash lower-cases
    assert result.candidates_tried == 400 and result.seconds >= 0  # stops once every hash is recovered


def test_md5_and_dates_are_recovered_and_detected_automatically():
    birthdays = ["2014-03-07", "3/9/2013"]
    hashed = plain_hash(birthdays, algorithm="md5")
    assert all(len(h) == 32 for h in hashed)
    result = dictionary_attack(hashed, date_space("2012-01-01", "2015-12-31"))
    assert sorted(result.recovered["value"]) == ["2013-03-09", "2014-03-07"]


def test_keyed_tokens_resist_the_same_attack():
    ids = [f"RB{100000 + i}" for i in range(0, 1000, 7)]
    tokens = pseudonymize(ids, KEY)
    space = list(student_id_space("RB", 6, start=100000, stop=101000))
    assert dictionary_attack(tokens, space).n_recovered == 0
    assert dictionary_attack(pseudonymize(ids, KEY, length=64), space).n_recovered == 0
    # ... but whoever holds the key can rebuild them: the key must be guarded
    rebuilt = {pseudonymize(c, KEY): c for c in space}
    assert all(rebuilt[t] == i for t, i in zip(tokens, ids))


def test_truncated_hashes_are_not_guessed_at():
    # only a full digest equal to the target counts: a 12-character prefix is not a hash we can verify
    short = [h[:12] for h in plain_hash(["RB100239"])]
    result = dictionary_attack(short, student_id_space("RB", 6, start=100200, stop=100300))
    assert result.n_recovered == 0 and "standard hash" in result.summary()


def test_attack_input_errors():
    with pytest.raises(PrivacyInputError, match="collection"):
        dictionary_attack(["ab"], "RB100239")
    with pytest.raises(PrivacyInputError):
        dictionary_attack(42, ["RB1"])
    with pytest.raises(PrivacyInputError, match="algorithm"):
        plain_hash("x", algorithm="sha3")
    with pytest.raises(PrivacyInputError, match="before"):
        date_space("2015-01-01", "2014-01-01")
    with pytest.raises(PrivacyInputError, match="digits"):
        list(student_id_space("RB", 0))
