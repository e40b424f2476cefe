"""Row-level releases: classification, k-anonymity, l-diversity, generalization, linkage attack."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.privacy import (
    MissingColumnError,
    PrivacyInputError,
    age_band,
    age_on,
    birth_year,
    birth_year_band,
    classify_columns,
    columns_by_class,
    grade_band,
    k_anonymity,
    l_diversity,
    reidentify,
    top_bottom_code,
    uniqueness,
    uniqueness_table,
    zip3,
)
from helpers.privacy.classify import ClassificationError


# --- classification -----------------------------------------------------------------------
def test_classes_come_from_the_data_dictionary():
    from helpers.data import describe

    roles = classify_columns("students")
    fields = describe("students")
    assert roles.to_dict() == dict(zip(fields["name"], fields["identifier"]))
    groups = columns_by_class(roles)
    assert "first_name" in groups["direct"] and "date_of_birth" in groups["quasi"] and "iep" in groups["sensitive"]


def test_learner_overrides_and_other_sources():
    base = {"student_id": "direct identifier", "school_id": "Quasi-identifier", "team": "other"}
    roles = classify_columns(base, overrides={"school_id": "none"})
    assert roles.to_dict() == {"student_id": "direct", "school_id": "none", "team": "none"}
    assert base["school_id"] == "Quasi-identifier"  # input untouched
    table = pd.DataFrame({"name": ["zip", "iep"], "identifier": ["quasi", "sensitive"]})
    assert classify_columns(table).tolist() == ["quasi", "sensitive"]
    assert classify_columns(pd.Series({"zip": "quasi"})).tolist() == ["quasi"]


@pytest.mark.parametrize(
    "source, overrides, words",
    [({"zip": "secret"}, None, "not a class"), ({"zip": "quasi"}, {"zap": "none"}, "no such column"),
     (pd.DataFrame({"x": [1]}), None, "'name' column"), (42, None, "dataset name"), ({}, None, "no columns")],
)
def test_classification_errors(source, overrides, words):
    with pytest.raises(ClassificationError, match=words):
        classify_columns(source, overrides=overrides)


def test_unknown_dataset_is_reported():
    with pytest.raises(KeyError, match="no dataset"):
        classify_columns("studnets")


# --- k-anonymity and l-diversity ------------------------------------------------------------
releases = st.integers(1, 60).flatmap(lambda n: st.fixed_dictionaries({
    "zip": st.lists(st.sampled_from(["00101", "00102", "00103", None]), min_size=n, max_size=n),
    "gender": st.lists(st.sampled_from(["F", "M", "X"]), min_size=n, max_size=n),
    "iep": st.lists(st.booleans(), min_size=n, max_size=n),
}).map(pd.DataFrame))


@settings(max_examples=200, deadline=None)
@given(releases, st.integers(1, 10))
def test_k_anonymity_matches_a_direct_count(release, target):
    before = release.copy()
    report = k_anonymity(release, ["zip", "gender"], target_k=target)
    pd.testing.assert_frame_equal(release, before)
    keys = list(zip(release["zip"].fillna("<blank>"), release["gender"]))
    sizes = {key: keys.count(key) for key in set(keys)}
    assert report.k == min(sizes.values())
    assert report.n_groups == len(sizes)
    assert report.records_at_risk == sum(1 for key in keys if sizes[key] < target)
    assert report.groups["records"].sum() == len(release)
    assert report.groups["records"].is_monotonic_increasing
    assert report.share_at_risk == pytest.approx(report.records_at_risk / len(release))

    div = l_diversity(release, ["zip", "gender"], "iep")
    values = {}
    for key, v in zip(keys, release["iep"]):
        values.setdefault(key, set()).add(v)
    assert div.l == min(len(v) for v in values.values())
    assert div.records_at_risk == sum(1 for key in keys if len(values[key]) < 2)


def test_generalization_raises_k():
    rng = np.random.default_rng(3)
    n = 400
    release = pd.DataFrame({
        "date_of_birth": pd.to_datetime("2010-01-01") + pd.to_timedelta(rng.integers(0, 3 * 365, n), unit="D"),
        "zip": rng.choice(["00101", "00102", "00201"], n),
        "gender": rng.choice(["F", "M"], n),
    })
    careless = k_anonymity(release, ["date_of_birth", "zip", "gender"])
    safer = release.assign(birth_year=birth_year(release["date_of_birth"]), zip3=zip3(release["zip"]))
    better = k_anonymity(safer, ["birth_year", "zip3", "gender"])
    assert careless.k == 1 and better.k >= 5 and better.records_at_risk == 0


@pytest.mark.parametrize(
    "call, error, words",
    [(lambda df: k_anonymity(df, ["zip", "grade"]), MissingColumnError, "'grade'"),
     (lambda df: k_anonymity(df.iloc[0:0], ["zip"]), PrivacyInputError, "no rows"),
     (lambda df: k_anonymity(df, []), PrivacyInputError, "No columns"),
     (lambda df: k_anonymity(df, ["zip"], target_k=0), PrivacyInputError, "target_k"),
     (lambda df: k_anonymity(df, ["zip", "zip"]), PrivacyInputError, "twice"),
     (lambda df: k_anonymity(df.to_dict(), ["zip"]), PrivacyInputError, "DataFrame"),
     (lambda df: l_diversity(df, ["zip"], "zip"), PrivacyInputError, "both"),
     (lambda df: l_diversity(df, ["zip"], "iep"), MissingColumnError, "'iep'")],
)
def test_release_measure_errors(call, error, words):
    df = pd.DataFrame({"zip": ["00101"], "gender": ["F"]})
    with pytest.raises(error, match=words):
        call(df)


# --- generalization -------------------------------------------------------------------------
def test_generalizers_keep_index_name_and_blanks_and_never_mutate():
    dob = pd.Series(pd.to_datetime(["2014-03-07", None, "2011-12-31"]), index=[5, 6, 7], name="date_of_birth")
    before = dob.copy()
    years = birth_year(dob)
    assert years.tolist()[0] == 2014 and pd.isna(years.iloc[1]) and list(years.index) == [5, 6, 7]
    assert years.name == "date_of_birth"
    assert age_on(dob, "2025-03-06").tolist()[0] == 10 and age_on(dob, "2025-03-07").tolist()[0] == 11
    assert birth_year_band(dob, width=5).tolist()[2] == "2010-2014"
    pd.testing.assert_series_equal(dob, before)
    assert age_band([0, 4, 5, 99], width=5, top=90).tolist() == ["0-4", "0-4", "5-9", "90+"]
    assert age_band([7], width=1).tolist() == ["7"]


def test_zip3_grade_band_and_top_coding():
    assert zip3(pd.Series(["00101", " 00102 ", 203, "00101-4321"])).tolist() == ["001**", "001**", "002**", "001**"]
    grades = pd.Series(["PK", "K", "KG", "0", "01", 5, "6", 8.0, "12"], dtype=object)
    assert grade_band(grades).tolist() == ["K-2", "K-2", "K-2", "K-2", "K-2", "3-5", "6-8", "6-8", "9-12"]
    absences = pd.Series([0, 4, 41, 170], name="days_absent")
    coded = top_bottom_code(absences, top=30)
    assert coded.tolist() == [0, 4, 30, 30] and absences.tolist() == [0, 4, 41, 170]
    assert top_bottom_code([1, 5, 9], bottom=3, top=7).tolist() == [3, 5, 7]


@pytest.mark.parametrize(
    "call, words",
    [(lambda: zip3(["ABCDE"]), "not a ZIP"), (lambda: grade_band(["13"]), "not in any band"),
     (lambda: birth_year(["yesterday"]), "as a date"), (lambda: age_band([1], width=0), "width"),
     (lambda: age_band(["ten"]), "not numbers"), (lambda: top_bottom_code([1, 2]), "needs a top"),
     (lambda: top_bottom_code(["a"], top=3), "works on numbers"), (lambda: top_bottom_code([1], bottom=5, top=3), "larger"),
     (lambda: zip3(pd.DataFrame({"zip": ["00101"]})), "one column"), (lambda: age_on(["2014-01-01"], "soon"), "as_of")],
)
def test_generalizer_errors(call, words):
    with pytest.raises(PrivacyInputError, match=words):
        call()


# --- linkage attack -------------------------------------------------------------------------
def _directory():
    return pd.DataFrame({
        "player_name": ["Ana Ruiz", "Ben Cho", "Cara Diaz", "Dee Diaz"],
        "birth_date": ["2014-03-07", "2013-01-02", "2012-05-05", "2012-05-05"],
        "gender": ["F", "M", "F", "F"],
        "zip": ["00101", "00102", "00103", "00103"],
    })


def test_reidentify_singles_out_unique_matches_only():
    release = pd.DataFrame({
        "date_of_birth": pd.to_datetime(["2014-03-07", "2013-01-02", "2012-05-05", "2011-11-11", None]),
        "gender": ["f", "M", "F", "M", "F"],
        "zip": [101, "00102", "00103", "00101", "00101"],
        "homeless": [True, False, True, False, True],
    })
    before, directory = release.copy(), _directory()
    result = reidentify(release, directory)
    pd.testing.assert_frame_equal(release, before)
    assert (result.n_singled_out, result.n_ambiguous, result.n_no_match) == (2, 1, 2)
    assert result.matches["name"].tolist() == ["Ana Ruiz", "Ben Cho"]
    assert result.matches["homeless"].tolist() == [True, False]
    assert result.share_singled_out == pytest.approx(0.4)
    assert "2 of 5" in result.summary()


def test_reidentify_column_mapping_options():
    release = pd.DataFrame({"dob": ["2014-03-07"], "sex": ["F"], "postcode": ["00101"]})
    directory = _directory()
    by_dict = reidentify(release, directory, on={"postcode": "zip", "dob": "birth_date", "sex": "gender"})
    by_list = reidentify(release, directory, on=["postcode", "dob", "sex"], directory_on=["zip", "birth_date", "gender"])
    assert by_dict.n_singled_out == by_list.n_singled_out == 1
    with pytest.raises(MissingColumnError, match="The directory has no column 'postcode'"):
        reidentify(release, directory, on=["postcode"])
    with pytest.raises(PrivacyInputError, match="name_column"):
        reidentify(release, directory.rename(columns={"player_name": "who"}), on={"postcode": "zip"})
    with pytest.raises(PrivacyInputError, match="same number"):
        reidentify(release, directory, on=["postcode"], directory_on=["zip", "gender"])


def test_uniqueness_counts_records_alone_in_their_group():
    df = pd.DataFrame({"zip": ["1", "1", "2", "3"], "g": ["F", "M", "F", "F"]})
    assert uniqueness(df, ["zip"]) == 0.5
    assert uniqueness(df, ["zip", "g"]) == 1.0
    table = uniqueness_table(df, [["zip"], ["zip", "g"]])
    assert table["unique_records"].tolist() == [2, 4]
    with pytest.raises(MissingColumnError):
        uniqueness(df, ["grade"])


def test_riverbend_release_is_mostly_unique_on_zip_dob_gender():
    from helpers.data import load

    students = load("students")
    share = uniqueness(students, ["zip", "date_of_birth", "gender"])
    assert share > 0.5
    result = reidentify(students.drop(columns=["first_name", "last_name"]), load("community_directory"))
    assert result.n_singled_out > 0
    # every name the attack returns is that student's real name (checked against the district file)
    real = (students.loc[result.matches.index, "first_name"] + " " + students.loc[result.matches.index, "last_name"])
    assert (real.str.casefold() == result.matches["name"].str.casefold()).mean() > 0.9
