"""Load the Riverbend datasets by name, correctly typed, from any notebook folder.

Example:
    >>> from helpers.data import load, list_datasets, describe
    >>> schools = load("schools")
    >>> schools.shape
    (12, 6)
    >>> str(load("students")["date_of_birth"].dtype).startswith("datetime64")
    True
    >>> "students" in set(list_datasets()["name"])
    True
    >>> describe("students").loc[0, ["name", "identifier"]].tolist()
    ['student_id', 'direct']
"""

from __future__ import annotations

import copy
import difflib
import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .paths import datasets_dir

REBUILD = "python -m helpers.riverbend --out datasets"


class UnknownDatasetError(KeyError):
    """There is no Riverbend dataset with that name."""

    def __str__(self) -> str:  # KeyError would show the message in quotes
        return str(self.args[0]) if self.args else ""


class DatasetFileMissingError(FileNotFoundError):
    """The dataset is listed in the data dictionary but its file is not on disk."""


def _package_path() -> Path:
    return datasets_dir() / "datapackage.json"


@lru_cache(maxsize=4)
def _package_cached(path: str, mtime: float) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _package() -> dict:
    path = _package_path()
    return _package_cached(str(path), path.stat().st_mtime)


def data_package() -> dict:
    """The data dictionary (``datapackage.json``) as a dict (a copy: changing it changes nothing).

    >>> data_package()["resources"][0]["name"]
    'schools'
    """
    return copy.deepcopy(_package())


def _csv_resources() -> dict[str, dict]:
    return {r["name"]: r for r in _package()["resources"] if r.get("format") == "csv"}


def resource(name: str) -> dict:
    """The dictionary entry for dataset ``name`` (a copy), with a close match suggested on a typo.

    >>> [f["name"] for f in resource("schools")["schema"]["fields"]][:2]
    ['school_id', 'school_name']
    """
    resources = _csv_resources()
    if not isinstance(name, str) or name not in resources:
        close = difflib.get_close_matches(str(name), list(resources), n=1, cutoff=0.5)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        raise UnknownDatasetError(
            f"There is no dataset called '{name}'.{hint} "
            "To see every name, run: list_datasets()"
        )
    return copy.deepcopy(resources[name])


def convert_column(raw: pd.Series, field: dict) -> pd.Series:
    """Turn a column of text (as read from CSV) into the type its dictionary ``field`` gives.

    >>> convert_column(pd.Series(["TRUE", "false", None]), {"type": "boolean"}).tolist()
    [True, False, <NA>]
    """
    kind = field["type"]
    enum = field.get("constraints", {}).get("enum")
    if kind == "integer":
        out = pd.to_numeric(raw).astype("Int64")
    elif kind == "number":
        out = pd.to_numeric(raw).astype("float64")
    elif kind == "boolean":
        out = raw.str.strip().str.lower().map({"true": True, "false": False}).astype("boolean")
    elif kind == "date":
        out = pd.to_datetime(raw, format="%Y-%m-%d")
    else:
        out = raw.astype("string")
    if enum is not None:
        cats = pd.Index(enum).astype(out.dtype) if kind != "string" else list(enum)
        out = pd.Categorical(out, categories=cats)
        out = pd.Series(out, index=raw.index, name=raw.name)
    return out


@lru_cache(maxsize=32)
def _read(path: str, mtime: float, fields_json: str) -> pd.DataFrame:
    fields = json.loads(fields_json)
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    return pd.DataFrame({f["name"]: convert_column(raw[f["name"]], f) for f in fields})


def load(name: str) -> pd.DataFrame:
    """The dataset ``name`` as a typed DataFrame (a fresh copy each call).

    Dates become datetime64, true/false columns become ``boolean``, columns with a fixed
    list of allowed values become ``category``; messy partner dates stay text.

    >>> students = load("students")
    >>> students["grade"].dtype.name, students["iep"].dtype.name
    ('category', 'boolean')
    >>> load("afterschool_roster")["date_of_birth"].dtype.name
    'string'
    >>> load("studnets")
    Traceback (most recent call last):
    ...
    helpers.data.UnknownDatasetError: There is no dataset called 'studnets'. Did you mean 'students'? To see every name, run: list_datasets()
    """
    entry = resource(name)
    path = datasets_dir() / entry["path"]
    if not path.exists():
        raise DatasetFileMissingError(
            f"The file for '{name}' is missing: {path}. Rebuild the data from the project folder with: {REBUILD}"
        )
    fields = json.dumps(entry["schema"]["fields"], sort_keys=True)
    return _read(str(path), path.stat().st_mtime, fields).copy(deep=True)


def list_datasets() -> pd.DataFrame:
    """Every dataset: name, folder, number of rows and a description.

    >>> list_datasets().columns.tolist()
    ['name', 'folder', 'rows', 'description']
    """
    rows = []
    for name, r in _csv_resources().items():
        path = datasets_dir() / r["path"]
        n = None
        if path.exists():
            with path.open("rb") as fh:
                n = sum(1 for _ in fh) - 1
        rows.append({"name": name, "folder": r["path"].split("/")[0], "rows": n, "description": r["description"]})
    return pd.DataFrame(rows, columns=["name", "folder", "rows", "description"])


def describe(name: str) -> pd.DataFrame:
    """The columns of dataset ``name``: name, type, identifier class and description.

    >>> describe("schools")["name"].tolist()
    ['school_id', 'school_name', 'level', 'grades', 'zip', 'principal']
    """
    fields = resource(name)["schema"]["fields"]
    return pd.DataFrame(
        [{"name": f["name"], "type": f["type"], "identifier": f["identifier"], "description": f["description"]}
         for f in fields],
        columns=["name", "type", "identifier", "description"],
    )
