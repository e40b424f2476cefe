"""The attacks of lesson 04 work on files made with standard tools, and report only true recoveries.

Files here are hashed with plain ``hashlib`` (not with the project's plain_hash), the way a
partner's script or a spreadsheet add-on would do it.
"""

import datetime as dt
import hashlib

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.privacy import (
    PrivacyInputError,
    age_on,
    birth_year,
    birth_year_band,
    date_space,
    dictionary_attack,
    generate_key,
    k_anonymity,
    l_diversity,
    load_key,
    pseudonymize,
    save_key,
    student_id_space,
    suppress_small_cells,
)

IDS = ["RB100239", "RB100336", "RB100399"]
ID_SPACE = list(student_id_space("RB", 6, start=100000, stop=100500))
DATES = ["3/7/2014", "2013-11-30", "03/09/2012", "20150101"]
DATE_SPACE = date_space("2012-01-01", "2015-12-31")


def hexdigest(algorithm, text):
    return hashlib.new(algorithm, text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize("algorithm", ["md5", "sha1", "sha256", "sha512", "sha224", "sha384"])
def test_raw_ids_hashed_with_hashlib_are_recovered(algorithm):
    hashed = pd.Series([hexdigest(algorithm, i) for i in IDS] + [None])
    result = dictionary_attack(hashed, ID_SPACE)
    assert result.n_targets == 3 and result.n_recovered == 3
    assert sorted(result.recovered["value"]) == IDS
    assert set(result.recovered["algorithm"]) == {algorithm} or algorithm == "sha256"
    for row in result.recovered.itertuples():  # every reported recovery is a true one
        assert hashlib.new(row.algorithm, row.hashed_text.encode()).hexdigest() == row.hash


@pytest.mark.parametrize("written", [str.lower, str.upper, str.strip])
def test_common_spellings_of_ids_are_recovered(written):
    hashed = [hexdigest("sha256", written(i)) for i in IDS]
    result = dictionary_attack(hashed, ID_SPACE)
    assert result.n_recovered == 3, result.summary()


@pytest.mark.parametrize("algorithm", ["md5", "sha1", "sha256", "sha512"])
def test_dates_hashed_as_written_are_recovered(algorithm):
    hashed = [hexdigest(algorithm, d) for d in DATES]
    result = dictionary_attack(hashed, DATE_SPACE)
    assert result.n_recovered == 4, result.summary()
    assert sorted(result.recovered["hashed_text"]) == sorted(DATES)
    assert sorted(result.recovered["value"]) == ["2012-03-09", "2013-11-30", "2014-03-07", "2015-01-01"]


def test_date_objects_as_candidates():
    days = [dt.date(2014, 3, 7), pd.Timestamp("2013-11-30")]
    hashed = [hexdigest("sha1", "3/7/2014"), hexdigest("sha1", "11/30/2013")]
    assert dictionary_attack(hashed, days).n_recovered == 2


def test_no_false_recoveries_from_text_or_tokens():
    # "a", "b", "abc" are hex characters but no hash function makes digests that short: never "3 of 3"
    assert dictionary_attack(["a", "b", "abc"], ["a", "b", "abc"]).n_recovered == 0
    with pytest.raises(PrivacyInputError, match="hex"):
        dictionary_attack(["not a hash"], ["not a hash"])
    key = generate_key()
    for length in (8, 20, 32, 64):
        tokens = pseudonymize(IDS, key, length=length)
        result = dictionary_attack(tokens, ID_SPACE)
        assert result.n_recovered == 0, (length, result.recovered)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=5), st.sampled_from(["md5", "sha1", "sha256"]))
def test_a_recovery_is_always_an_exact_digest_match(candidates, algorithm):
    real = [hexdigest(algorithm, c) for c in candidates[:2]]
    result = dictionary_attack(real + ["0" * 64, "f" * 32], candidates)
    assert set(real) <= set(result.recovered["hash"])  # the hashed candidates themselves are found
    assert not {"0" * 64, "f" * 32} & set(result.recovered["hash"])
    for row in result.recovered.itertuples():
        assert hashlib.new(row.algorithm, row.hashed_text.encode("utf-8")).hexdigest() == row.hash


def test_attack_is_told_which_algorithm():
    hashed = [hexdigest("sha512", IDS[0])]
    assert dictionary_attack(hashed, ID_SPACE, algorithm="sha512").n_recovered == 1
    assert dictionary_attack(hashed, ID_SPACE, algorithm=["md5", "sha512"]).n_recovered == 1
    assert dictionary_attack(hashed, ID_SPACE, algorithm="blake2b").n_recovered == 0


# --- dates: numbers by their shape, never as nanoseconds ---------------------------------------
def test_years_are_years():
    assert birth_year([2014, 2015]).tolist() == [2014, 2015]
    assert birth_year(pd.Series([2014, None, 2015.0])).tolist() == [2014, pd.NA, 2015]
    assert birth_year_band([2012, 2013, 2014], width=2).tolist() == ["2012-2013", "2012-2013", "2014-2015"]
    assert k_anonymity(pd.DataFrame({"by": birth_year([2014, 2015, 2015])}), ["by"]).n_groups == 2


def test_yyyymmdd_numbers_are_dates():
    assert birth_year([20140307, "20131130"]).tolist() == [2014, 2013]
    assert age_on([20140307], "2024-03-07").tolist() == [10]
    assert age_on(pd.Series([20140308]), 20240307).tolist() == [9]


def test_years_cannot_give_an_age():
    with pytest.raises(PrivacyInputError, match="full dates"):
        age_on([2014], "2025-09-01")
    with pytest.raises(PrivacyInputError, match="as_of"):
        age_on(["2014-03-07"], 2025)


@pytest.mark.parametrize("number", [5, 1_394_150_400_000_000_000, 123456789, 20141301, 1.5])
def test_other_numbers_are_refused(number):
    with pytest.raises(PrivacyInputError, match="YYYYMMDD|not a date"):
        birth_year([number])


def test_date_space_reads_years_and_yyyymmdd():
    days = date_space(2005, 2021)
    assert days[0] == "2005-01-01" and days[-1] == "2021-12-31" and len(days) == 6209
    assert date_space(20140227, 20140301) == ["2014-02-27", "2014-02-28", "2014-03-01"]
    assert date_space("3/7/2014", "3/8/2014") == ["2014-03-07", "2014-03-08"]


# --- the other listed bugs ------------------------------------------------------------------
def test_l_diversity_does_not_count_blanks_as_a_value():
    release = pd.DataFrame({"zip": ["1", "1", "2", "2"], "homeless": [True, None, True, False]})
    report = l_diversity(release, ["zip"], "homeless")
    assert report.l == 1 and report.records_at_risk == 2
    assert release["homeless"].tolist() == [True, None, True, False]


def test_key_file_with_a_trailing_newline_gives_the_same_tokens(tmp_path):
    key = generate_key()
    (tmp_path / "pasted.key").write_text(key + "\n")
    (tmp_path / "windows.key").write_bytes((key + "\r\n").encode())
    for name in ("pasted.key", "windows.key"):
        assert pseudonymize(IDS, load_key(tmp_path / name)) == pseudonymize(IDS, key)
    with pytest.warns(UserWarning):
        save_key(key, tmp_path / "saved.key")
    assert load_key(tmp_path / "saved.key") == key


@pytest.mark.parametrize("flag", ["no", "False", 0, 1, None])
def test_true_false_options_refuse_other_values(flag):
    counts = pd.DataFrame({"a": [3, 40], "b": [30, 50]})
    with pytest.raises(PrivacyInputError, match="True or False"):
        suppress_small_cells(counts, 10, suppress_zeros=flag)
    with pytest.raises(PrivacyInputError, match="True or False"):
        suppress_small_cells(counts, 10, add_totals=flag)


def test_numpy_booleans_are_accepted():
    counts = pd.DataFrame({"a": [0, 40], "b": [30, 50]})
    assert pd.isna(suppress_small_cells(counts, 10, suppress_zeros=np.bool_(True)).iloc[0, 0])
