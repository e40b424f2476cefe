"""Point the lessons at your own (de-identified) data, safely.

A facilitator who wants participants to practise on local data can prepare a folder that
looks like ``datasets/`` to the lessons: the same file names and columns, a data
dictionary copied from Riverbend's, and nothing that identifies a person. This module
checks each file against the Riverbend dictionary and **warns loudly** when a file looks
like it holds direct identifiers (names, addresses, phone numbers, e-mail addresses,
SSN-like numbers): those have no place in a training room.

    >>> import pandas as pd, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> pd.DataFrame({"school_id": ["S1"], "school_name": ["North"], "level": ["high"],
    ...               "grades": ["9-12"], "zip": ["00101"], "principal": [""]}
    ...              ).to_csv(folder / "my_schools.csv", index=False)
    >>> report = check_file(folder / "my_schools.csv", like="schools")
    >>> report.ok, report.missing_columns
    (True, [])

Then ``prepare_folder({"schools": "my_schools.csv", ...}, "my_data")`` writes a
``my_data/`` folder with a ``datapackage.json``; start JupyterLab with the environment
variable ``RIVERBEND_DATA=my_data`` and ``helpers.data.load`` reads from it.
"""

from __future__ import annotations

import json
import re
import shutil
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import data

PATTERNS = {
    "SSN-like number": re.compile(r"^\d{3}-\d{2}-\d{4}$"),
    "e-mail address": re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I),
    "phone number": re.compile(r"^\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}$"),
    "street address": re.compile(r"^\d+\s+\w+.*\b(st|street|rd|road|ave|avenue|ln|lane|ct|dr|drive|blvd|way)\b", re.I),
}
TOKEN = re.compile(r"^[0-9a-f]{16,64}$")
NAME_HINT = re.compile(r"^(first|last|middle|full|given|family|guardian|parent|student|child|person)_?name$", re.I)


class OwnDataError(ValueError):
    """A file cannot stand in for a Riverbend dataset."""


class DirectIdentifierWarning(UserWarning):
    """A file looks like it contains information that directly identifies people."""


@dataclass
class FileReport:
    """What :func:`check_file` found."""

    like: str
    rows: int
    missing_columns: list[str] = field(default_factory=list)
    extra_columns: list[str] = field(default_factory=list)
    bad_values: dict[str, str] = field(default_factory=dict)
    direct_identifiers: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when the file can stand in for the dataset and holds no direct identifiers."""
        return not (self.missing_columns or self.bad_values or self.direct_identifiers)


def _fields(like: str) -> list[dict]:
    return data.resource(like)["schema"]["fields"]


def _looks_direct(column: str, values: pd.Series) -> str | None:
    sample = values.dropna().astype(str).str.strip()
    sample = sample[sample != ""].head(200)
    if sample.empty:  # an emptied column identifies no one
        return None
    if NAME_HINT.search(column):
        return "its name says it holds people's names"
    for label, pattern in PATTERNS.items():
        share = sample.map(lambda v, p=pattern: bool(p.match(v))).mean()
        if share >= 0.5:
            return f"{share:.0%} of its values look like a {label}"
    return None


def check_file(path: str | Path, like: str, *, pseudonymized: list[str] | tuple[str, ...] = ()) -> FileReport:
    """Check a CSV file against the Riverbend dataset ``like`` (for example "students").

    Reports missing and extra columns, values that do not fit a column's type or allowed
    values, and columns that look like direct identifiers. Warns (``DirectIdentifierWarning``)
    when it finds any of the last kind. The file is only read, never changed.

    ``pseudonymized`` names ID columns you replaced with keyed pseudonyms (lesson 04,
    ``helpers.privacy.pseudonymize``). They are accepted only if every value looks like a
    token (16-64 hexadecimal characters); a column of real IDs is still flagged.
    """
    path = Path(path)
    if not path.is_file():
        raise OwnDataError(f"There is no file at {path}. Check the folder and the file name.")
    fields = _fields(like)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    except Exception as err:
        raise OwnDataError(f"{path.name} could not be read as a CSV file ({err}). Save it as CSV (UTF-8) and retry.")
    wanted = [f["name"] for f in fields]
    report = FileReport(like=like, rows=len(raw))
    if raw.empty:
        raise OwnDataError(f"{path.name} has no rows. Export the data again with its rows.")
    report.missing_columns = [c for c in wanted if c not in raw.columns]
    report.extra_columns = [c for c in raw.columns if c not in wanted]
    for f in fields:
        name = f["name"]
        if name not in raw.columns:
            continue
        try:
            with warnings.catch_warnings():  # values outside the allowed list are reported below
                warnings.simplefilter("ignore")
                converted = data.convert_column(raw[name], f)
        except Exception:
            examples = raw[name].dropna().head(3).tolist()
            report.bad_values[name] = f"expected {f['type']} values; found for example {examples}"
            continue
        lost = converted.isna() & raw[name].notna()
        if lost.any():
            examples = raw.loc[lost, name].head(3).tolist()
            report.bad_values[name] = f"{int(lost.sum())} value(s) not allowed here, for example {examples}"
        if f.get("identifier") == "direct" and raw[name].notna().any():
            report.direct_identifiers[name] = "the data dictionary classes it as a direct identifier"
    for name in pseudonymized:
        if name not in raw.columns:
            raise OwnDataError(f"pseudonymized names '{name}', but {path.name} has no such column.")
        values = raw[name].dropna().astype(str)
        if values.map(lambda v: bool(TOKEN.match(v))).all():
            report.direct_identifiers.pop(name, None)
        else:
            bad = values[~values.map(lambda v: bool(TOKEN.match(v)))].head(2).tolist()
            report.direct_identifiers[name] = (
                f"declared pseudonymized, but values such as {bad} are not keyed-pseudonym tokens"
            )
    for name in raw.columns:
        if name not in report.direct_identifiers and name not in pseudonymized:
            why = _looks_direct(name, raw[name])
            if why:
                report.direct_identifiers[name] = why
    if report.direct_identifiers:
        listing = "; ".join(f"{c}: {why}" for c, why in report.direct_identifiers.items())
        warnings.warn(
            f"STOP: {path.name} looks like it contains direct identifiers ({listing}). Training "
            "data must be de-identified: remove or replace these columns (for example with keyed "
            "pseudonyms, lesson 04) before anyone uses this file.",
            DirectIdentifierWarning,
            stacklevel=2,
        )
    return report


def prepare_folder(files: dict[str, str | Path], out: str | Path, *, allow_direct_identifiers: bool = False,
                   pseudonymized: dict[str, list[str]] | None = None) -> Path:
    """Copy checked files into a folder the lessons can read (set ``RIVERBEND_DATA`` to it).

    ``files`` maps a Riverbend dataset name to your CSV file. Every file is checked first;
    nothing is written unless all pass. Files with direct identifiers are refused unless
    ``allow_direct_identifiers=True`` (and even then the warning is shown). ``pseudonymized``
    maps a dataset name to its columns of keyed pseudonyms (see :func:`check_file`).
    """
    out = Path(out)
    if not files:
        raise OwnDataError("Give at least one file, for example {'students': 'my_students.csv'}.")
    pseudonymized = pseudonymized or {}
    reports = {like: check_file(path, like, pseudonymized=pseudonymized.get(like, ())) for like, path in files.items()}
    problems = []
    for like, r in reports.items():
        if r.missing_columns:
            problems.append(f"{like}: missing columns {r.missing_columns}")
        for col, why in r.bad_values.items():
            problems.append(f"{like}: column '{col}': {why}")
        if r.direct_identifiers and not allow_direct_identifiers:
            problems.append(f"{like}: direct identifiers in {sorted(r.direct_identifiers)}")
    if problems:
        raise OwnDataError("Nothing was written. Fix these first:\n- " + "\n- ".join(problems))
    package = data.data_package()
    keep = []
    for resource in package["resources"]:
        if resource["name"] in files:
            target = out / resource["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(files[resource["name"]], target)
            keep.append(resource)
    package["resources"] = keep
    package["description"] = "A facilitator's own de-identified data, laid out like Riverbend's."
    (out / "datapackage.json").write_text(json.dumps(package, indent=2) + "\n")
    return out
