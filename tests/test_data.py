"""helpers.data: typed loading by name, listings, and errors a non-programmer can act on."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from helpers import data
from helpers.data import DatasetFileMissingError, UnknownDatasetError, describe, list_datasets, load
from helpers.paths import datasets_dir


def test_load_types_columns_from_the_dictionary():
    s = load("students")
    assert len(s) == 6000
    assert pd.api.types.is_datetime64_any_dtype(s["date_of_birth"])
    assert s["iep"].dtype == "boolean"
    assert isinstance(s["grade"].dtype, pd.CategoricalDtype)
    assert list(s["grade"].cat.categories[:3]) == ["K", "1", "2"]
    assert s["student_id"].dtype == "string"
    assert s["date_of_birth"].isna().sum() > 0  # the messy school's blanks stay missing
    assert load("enrollment")["days_enrolled"].dtype == "Int64"
    assert load("course_marks")["credits"].dtype == "float64"
    assert pd.api.types.is_datetime64_any_dtype(load("attendance")["date"])


def test_messy_partner_dates_stay_text():
    a = load("afterschool_roster")
    assert a["date_of_birth"].dtype == "string"
    assert a["date_of_birth"].str.contains("/").any()
    assert pd.api.types.is_datetime64_any_dtype(a["enrolled_on"])


def test_every_listed_dataset_loads_with_the_listed_row_count():
    listing = list_datasets()
    assert listing.columns.tolist() == ["name", "folder", "rows", "description"]
    assert len(listing) >= 17
    for row in listing.itertuples():
        assert len(load(row.name)) == row.rows, row.name


def test_describe_lists_columns_with_identifier_classes():
    d = describe("students")
    assert d.columns.tolist() == ["name", "type", "identifier", "description"]
    ident = d.set_index("name")["identifier"]
    assert ident["first_name"] == "direct" and ident["zip"] == "quasi" and ident["iep"] == "sensitive"


def test_returned_frames_are_fresh_copies():
    first = load("schools")
    first.loc[0, "school_name"] = "Changed"
    first["zip"] = "99999"
    again = load("schools")
    assert again.loc[0, "school_name"] != "Changed" and again.loc[0, "zip"] != "99999"


def test_wrong_name_suggests_the_close_match():
    with pytest.raises(KeyError) as err:
        load("studnets")
    message = str(err.value)
    assert isinstance(err.value, UnknownDatasetError)
    assert "'students'" in message and "list_datasets()" in message
    with pytest.raises(UnknownDatasetError):
        describe("nothing_like_this")


def test_missing_file_says_how_to_rebuild(tmp_path, monkeypatch):
    shutil.copy(datasets_dir() / "datapackage.json", tmp_path / "datapackage.json")
    monkeypatch.setenv("RIVERBEND_DATA", str(tmp_path))
    with pytest.raises(DatasetFileMissingError) as err:
        load("students")
    assert "python -m helpers.riverbend --out datasets" in str(err.value)
    assert list_datasets()["rows"].isna().all()


def test_works_from_a_notebook_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("RIVERBEND_DATA", raising=False)
    monkeypatch.chdir(tmp_path)  # not inside the project: falls back to the package's project
    assert len(load("schools")) == 12


def test_loader_follows_the_dictionary_not_guesses(tmp_path, monkeypatch):
    src = datasets_dir()
    pkg = json.loads((src / "datapackage.json").read_text())
    shutil.copytree(src / "district", tmp_path / "district")
    for r in pkg["resources"]:
        if r["name"] == "schools":
            r["schema"]["fields"][2]["constraints"].pop("enum")
    (tmp_path / "datapackage.json").write_text(json.dumps(pkg))
    monkeypatch.setenv("RIVERBEND_DATA", str(tmp_path))
    assert load("schools")["level"].dtype == "string"
    assert data.load("students")["grade"].dtype == "category"
