"""Pointing the lessons at a facilitator's own data: checks and loud warnings."""

import warnings

import pandas as pd
import pytest

from helpers import data, own_data
from helpers.own_data import DirectIdentifierWarning, OwnDataError, check_file, prepare_folder


def schools(**changes):
    frame = data.load("schools").head(3).astype(str)
    frame["principal"] = ""  # a person's name: a facilitator's file leaves it blank
    for k, v in changes.items():
        frame[k] = v
    return frame


def test_clean_file_passes_without_warning(tmp_path):
    path = tmp_path / "s.csv"
    schools().to_csv(path, index=False)
    before = path.read_bytes()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        report = check_file(path, "schools")
    assert report.ok and report.rows == 3
    assert not report.direct_identifiers, "school_name is not a person's name"
    assert path.read_bytes() == before


def test_missing_columns_and_bad_values_are_named(tmp_path):
    path = tmp_path / "s.csv"
    schools(level=["high", "college", "middle"]).drop(columns="zip").to_csv(path, index=False)
    report = check_file(path, "schools")
    assert report.missing_columns == ["zip"]
    assert "level" in report.bad_values and "college" in report.bad_values["level"]
    assert not report.ok


@pytest.mark.parametrize(
    "column,values,why",
    [
        ("contact", ["123-45-6789", "987-65-4321", "111-22-3333"], "SSN"),
        ("contact", ["a@b.org", "c@d.com", "e@f.net"], "e-mail"),
        ("contact", ["(212) 555-0100", "212-555-0101", "2125550102"], "phone"),
        ("home", ["12 Oak St", "5 Elm Street", "9 River Rd"], "street address"),
        ("student_name", ["x", "y", "z"], "names"),
        ("last_name", ["x", "y", "z"], "names"),
    ],
)
def test_direct_identifiers_warn_loudly(tmp_path, column, values, why):
    path = tmp_path / "s.csv"
    schools(**{column: values}).to_csv(path, index=False)
    with pytest.warns(DirectIdentifierWarning, match="STOP"):
        report = check_file(path, "schools")
    assert why in report.direct_identifiers[column]


def test_dictionary_direct_identifiers_are_flagged(tmp_path):
    path = tmp_path / "students.csv"
    data.load("students").head(5).to_csv(path, index=False)
    with pytest.warns(DirectIdentifierWarning):
        report = check_file(path, "students")
    assert {"student_id", "first_name", "last_name", "guardian_email"} <= set(report.direct_identifiers)


def test_prepare_folder_makes_a_folder_the_loader_reads(tmp_path, monkeypatch):
    path = tmp_path / "mine.csv"
    schools(school_name=["North", "South", "East"]).to_csv(path, index=False)
    out = prepare_folder({"schools": path}, tmp_path / "my_data")
    monkeypatch.setenv("RIVERBEND_DATA", str(out))
    loaded = data.load("schools")
    assert loaded["school_name"].tolist() == ["North", "South", "East"]
    assert list(data.list_datasets()["name"]) == ["schools"]


def test_prepare_folder_refuses_identifiers_and_writes_nothing(tmp_path):
    path = tmp_path / "students.csv"
    data.load("students").head(5).to_csv(path, index=False)
    with pytest.warns(DirectIdentifierWarning), pytest.raises(OwnDataError, match="Nothing was written"):
        prepare_folder({"students": path}, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_bad_input_gets_clear_errors(tmp_path):
    with pytest.raises(OwnDataError, match="no file"):
        check_file(tmp_path / "nope.csv", "schools")
    path = tmp_path / "s.csv"
    schools().to_csv(path, index=False)
    with pytest.raises(KeyError, match="Did you mean 'schools'"):
        check_file(path, "shools")
    schools().head(0).to_csv(path, index=False)
    with pytest.raises(OwnDataError, match="no rows"):
        check_file(path, "schools")
    with pytest.raises(OwnDataError, match="at least one file"):
        prepare_folder({}, tmp_path / "out")


def test_a_de_identified_student_file_is_accepted(tmp_path):
    """Names emptied, IDs replaced by keyed pseudonyms, spreadsheet TRUE/FALSE: accepted."""
    from helpers.privacy import generate_key, pseudonymize

    students = data.load("students").head(20)
    key = generate_key()
    students["student_id"] = pseudonymize(students["student_id"], key)
    students["state_id"] = pseudonymize(students["state_id"].astype(str), key)
    for col in ["first_name", "middle_name", "last_name", "street_address", "guardian_name",
                "guardian_phone", "guardian_email"]:
        students[col] = None
    students["iep"] = students["iep"].map({True: "TRUE", False: "FALSE"})
    path = tmp_path / "students.csv"
    students.to_csv(path, index=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        report = check_file(path, "students", pseudonymized=["student_id", "state_id"])
    assert report.ok, report
    with pytest.warns(DirectIdentifierWarning, match="student_id"):
        check_file(path, "students", pseudonymized=["state_id"])


def test_real_ids_declared_as_pseudonyms_are_still_flagged(tmp_path):
    path = tmp_path / "students.csv"
    students = data.load("students").head(5)
    students[["student_id", "grade", "school_id"]].to_csv(path, index=False)
    with pytest.warns(DirectIdentifierWarning, match="not keyed-pseudonym tokens"):
        report = check_file(path, "students", pseudonymized=["student_id"])
    assert "student_id" in report.direct_identifiers


def test_a_relative_data_folder_is_found_from_a_lesson_folder(tmp_path, monkeypatch):
    from helpers.paths import datasets_dir

    path = tmp_path / "mine.csv"
    schools().to_csv(path, index=False)
    prepare_folder({"schools": path}, tmp_path / "my_data")
    (tmp_path / "lessons").mkdir()
    monkeypatch.chdir(tmp_path / "lessons")
    monkeypatch.setenv("RIVERBEND_DATA", "my_data")
    assert datasets_dir() == tmp_path / "my_data"
