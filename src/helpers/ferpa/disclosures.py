"""Record of disclosures (34 CFR 99.32): an append-only log a district keeps.

**Training material, not legal advice.** FERPA asks a district to keep, with each
student's education records, a record of each request for and disclosure of personally
identifiable information, naming the parties and their legitimate interest. For a health
or safety emergency, the record also names the threat. No record is required for
disclosures to the parent or eligible student, to school officials, with written
consent, or of directory information (34 CFR 99.32(d)); de-identified data is not
personally identifiable, so it is not a disclosure the regulation asks you to record.

:class:`DisclosureLog` writes to a CSV file that it only ever appends to: there is no
method to change or delete an entry. :meth:`DisclosureLog.record` validates each entry,
and says when a record is *not* required (it then writes nothing unless
``keep_anyway=True``). :func:`read_disclosure_log` returns the log as a DataFrame.

Example:
    >>> import tempfile, pathlib
    >>> log = DisclosureLog(pathlib.Path(tempfile.mkdtemp()) / "disclosures.csv")
    >>> result = log.record(date="2025-10-02", recipient="Riverbend Data Collaborative",
    ...     legitimate_interest="Early-warning study for the district (DSA-01)",
    ...     records_disclosed="Grades 6-9 attendance and course marks, 2024-25",
    ...     pathway="studies", recorded_by="M. Ortiz, data office", today="2025-10-03")
    >>> result.written, result.required
    (True, True)
    >>> log.record(date="2025-10-02", recipient="Riverbend Mentors", legitimate_interest="tutoring",
    ...     records_disclosed="marks", pathway="school_official", recorded_by="M. Ortiz",
    ...     today="2025-10-03").written
    False
    >>> len(log.read())
    1
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .agreements import is_blank
from .pathways import _load_rules

__all__ = ["COLUMNS", "DisclosureLog", "DisclosureLogError", "RecordResult", "read_disclosure_log", "record_required"]

COLUMNS = ["date", "recipient", "legitimate_interest", "records_disclosed", "pathway", "citation", "threat",
           "recorded_by"]

#: Why no record is needed, by pathway (34 CFR 99.32(d), and de-identified data is not PII).
NOT_REQUIRED = {
    "parent_or_eligible_student": "Disclosures to the parent or eligible student need no record (34 CFR 99.32(d)).",
    "school_official": "Disclosures to school officials need no record (34 CFR 99.32(d)).",
    "consent": "Disclosures with the parent's or eligible student's written consent need no record (34 CFR 99.32(d)).",
    "directory_information": "Disclosures of directory information need no record (34 CFR 99.32(d)).",
    "de_identified": "De-identified data is not personally identifiable, so 34 CFR 99.32 asks for no record.",
}


class DisclosureLogError(ValueError):
    """An entry for the record of disclosures is incomplete or invalid, or the log file is not one."""


def _pathways() -> dict[str, dict]:
    return {p["key"]: p for p in _load_rules()["pathways"]}


def record_required(pathway: str) -> tuple[bool, str]:
    """Whether 34 CFR 99.32 requires a record for a disclosure under ``pathway``, and why.

    >>> record_required("studies")[0], record_required("consent")[0]
    (True, False)
    """
    known = _pathways()
    if pathway not in known:
        raise DisclosureLogError(f"{pathway!r} is not a pathway. Use one of: {', '.join(known)}.")
    if pathway in NOT_REQUIRED:
        return False, NOT_REQUIRED[pathway]
    extra = " Also record the threat and who received the information." if pathway == "health_safety_emergency" else ""
    return True, f"A record is required: the parties, their legitimate interest and what was disclosed (34 CFR 99.32).{extra}"


def _as_date(value: Any, name: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise DisclosureLogError(f"{name} should be a date written like 2025-10-02 (year-month-day), not {value!r}.")


@dataclass(frozen=True)
class RecordResult:
    """What :meth:`DisclosureLog.record` did."""

    required: bool
    written: bool
    message: str
    entry: dict

    def __str__(self) -> str:
        return self.message

    __repr__ = __str__


class DisclosureLog:
    """An append-only CSV record of disclosures. Entries can be added and read, never changed."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if self.path.exists():
            if self.path.is_dir():
                raise DisclosureLogError(f"{self.path} is a folder. Give a file name such as disclosures.csv.")
            header = self._header()
            if header is not None and header != COLUMNS:
                raise DisclosureLogError(
                    f"{self.path.name} exists but is not a disclosure log (its columns are {header}; expected "
                    f"{COLUMNS}). Use a new file name."
                )

    def _header(self) -> list[str] | None:
        with self.path.open(newline="", encoding="utf-8") as fh:
            return next(csv.reader(fh), None)

    def record(
        self,
        *,
        date: Any,
        recipient: str,
        legitimate_interest: str,
        records_disclosed: str,
        pathway: str,
        recorded_by: str,
        threat: str | None = None,
        keep_anyway: bool = False,
        today: Any = None,
    ) -> RecordResult:
        """Validate one disclosure and append it when a record is required (or ``keep_anyway``).

        ``pathway`` is a key from :func:`helpers.ferpa.pathway_keys` (its citation is filled in).
        For ``health_safety_emergency``, ``threat`` must describe the articulable and significant
        threat. ``today`` (default: the real date) is used to refuse dates in the future.
        """
        required, reason = record_required(pathway)
        when = _as_date(date, "date")
        now = _as_date(today, "today") if today is not None else dt.date.today()
        if when > now:
            raise DisclosureLogError(f"The date {when.isoformat()} is in the future. Record disclosures that happened.")
        texts = {"recipient": recipient, "legitimate_interest": legitimate_interest,
                 "records_disclosed": records_disclosed, "recorded_by": recorded_by}
        for name, value in texts.items():
            if not isinstance(value, str) or is_blank(value):
                raise DisclosureLogError(
                    f"{name} is missing or a placeholder ({value!r}). Write it out: 34 CFR 99.32 asks who received "
                    "the records, their legitimate interest and what was disclosed, and the log needs who recorded it."
                )
        if pathway == "health_safety_emergency" and (not isinstance(threat, str) or is_blank(threat)):
            raise DisclosureLogError(
                "For a health or safety emergency, describe the articulable and significant threat in `threat` "
                "(34 CFR 99.32 asks for it)."
            )
        if threat is not None and not isinstance(threat, str):
            raise DisclosureLogError(f"threat should be text, not {type(threat).__name__}.")
        entry = {
            "date": when.isoformat(),
            **{k: " ".join(v.split()) for k, v in texts.items()},
            "pathway": pathway,
            "citation": _pathways()[pathway]["citation"],
            "threat": " ".join((threat or "").split()),
        }
        entry = {c: entry[c] for c in COLUMNS}
        if not required and not keep_anyway:
            return RecordResult(False, False, f"Not written. {reason} Pass keep_anyway=True to log it anyway.", entry)
        self._append(entry)
        note = "" if required else f" (not required: {reason})"
        return RecordResult(required, True, f"Recorded: {entry['date']}, {entry['recipient']}, {pathway}{note}.", entry)

    def _append(self, entry: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        new = not self.path.exists() or self.path.stat().st_size == 0
        with self.path.open("a", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=COLUMNS)
            if new:
                writer.writeheader()
            writer.writerow(entry)

    def read(self) -> pd.DataFrame:
        """The log as a DataFrame (empty, with the right columns, if nothing is recorded yet)."""
        return read_disclosure_log(self.path)

    def __len__(self) -> int:
        return len(self.read())

    def __repr__(self) -> str:
        return f"DisclosureLog({str(self.path)!r}, {len(self)} entries)"


def read_disclosure_log(path: str | Path) -> pd.DataFrame:
    """Read a disclosure log file as a DataFrame of text columns."""
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return pd.DataFrame({c: pd.Series(dtype=str) for c in COLUMNS})
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(frame.columns) != COLUMNS:
        raise DisclosureLogError(f"{path.name} is not a disclosure log (columns {list(frame.columns)}).")
    return frame
