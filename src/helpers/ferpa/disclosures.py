"""Record of requests and disclosures (34 CFR 99.32): an append-only log a district keeps.

**Training material, not legal advice.** FERPA asks a district to keep a record of each
*request* for access to, and each *disclosure* of, personally identifiable information from
a student's education records (99.32(a)(1)), kept with that student's records (99.32(a)(2)),
naming the parties and their legitimate interests (99.32(a)(3)); for a health or safety
emergency, also the threat (99.32(a)(5)). The parent or eligible student may inspect it
(99.32(c)). No record is required for requests from, or disclosures to, the parent or
eligible student, school officials, parties with written consent, or of directory
information (99.32(d)); de-identified data is not personally identifiable.

:class:`DisclosureLog` writes a CSV file that it only ever appends to: there is no method to
change or delete an entry. Each row carries a short checksum chained to the row before, so
a file changed by hand is *reported* (:class:`DisclosureLogError`, naming the line), never
silently rewritten. :meth:`~DisclosureLog.for_student` gives the per-student view and
:meth:`~DisclosureLog.answer_parent` answers "who got my child's data?".

Example:
    >>> import tempfile, pathlib
    >>> log = DisclosureLog(pathlib.Path(tempfile.mkdtemp()) / "disclosures.csv")
    >>> log.record_request(date="2025-09-22", requester="Riverbend Data Collaborative",
    ...     legitimate_interest="Early-warning study for the district", records_requested="attendance, marks",
    ...     students=["S-001", "S-002"], recorded_by="M. Ortiz", today="2025-10-03").written
    True
    >>> result = log.record(date="2025-10-02", recipient="Riverbend Data Collaborative",
    ...     legitimate_interest="Early-warning study for the district (DSA-01)",
    ...     records_disclosed="Attendance and course marks, 2024-25", students=["S-001", "S-002"],
    ...     pathway="studies", recorded_by="M. Ortiz", today="2025-10-03")
    >>> result.written, result.required
    (True, True)
    >>> len(log.for_student("S-001"))
    2
    >>> print(log.answer_parent("S-001").splitlines()[1])
    - 2025-10-02: Riverbend Data Collaborative received attendance and course marks, 2024-25, for: early-warning study for the district (DSA-01). Pathway: studies (34 CFR 99.31(a)(6)).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from .agreements import is_blank
from .pathways import _load_rules, did_you_mean

__all__ = ["COLUMNS", "DisclosureLog", "DisclosureLogError", "RecordResult", "read_disclosure_log", "record_required"]

COLUMNS = ["entry", "date", "student_id", "party", "legitimate_interest", "records", "pathway", "citation",
           "threat", "further_parties", "recorded_by", "chain"]
OLD_COLUMNS = ["date", "recipient", "legitimate_interest", "records_disclosed", "pathway", "citation", "threat",
               "recorded_by"]
ENTRIES = ("request", "disclosure")
KEPT_WITH = ("Not listed, because 34 CFR 99.32(d) does not require a record of them: requests from or disclosures to "
             "you, to school officials, with your written consent, or of directory information (unless the "
             "district chose to log them anyway).")


class DisclosureLogError(ValueError):
    """An entry is incomplete or invalid, or the log file is not one (or was changed by hand)."""


def _pathways() -> dict[str, dict]:
    return {p["key"]: p for p in _load_rules()["pathways"]}


def record_required(pathway: str | None) -> tuple[bool, str]:
    """Whether 34 CFR 99.32 requires a record under ``pathway``, and why (None: not decided yet).

    >>> record_required("studies")[0], record_required("consent")[0], record_required(None)[0]
    (True, False, True)
    """
    if pathway is None:
        return True, "The pathway is not decided yet, so record the request (34 CFR 99.32(a)(1))."
    known = _pathways()
    if pathway not in known:
        raise DisclosureLogError(f"{pathway!r} is not a pathway.{did_you_mean(pathway, known)} "
                                 f"Use one of: {', '.join(known)}.")
    rule = known[pathway]
    return rule["record_of_disclosure"] == "required", rule["record_reason"]


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


def _students(students: Any) -> list[str]:
    if students is None:
        return [""]
    if isinstance(students, (str, int)):
        students = [students]
    if not isinstance(students, Iterable) or isinstance(students, (bytes, dict)):
        raise DisclosureLogError(f"students should be a student ID or a list of IDs, not {type(students).__name__}.")
    ids = [str(s).strip() for s in students]
    if not ids or any(is_blank(s) or not isinstance(s0, (str, int)) for s, s0 in zip(ids, students)):
        raise DisclosureLogError(f"students should list real student IDs such as 'S-001', not {list(students)!r}.")
    return list(dict.fromkeys(ids))


def _link(previous: str, row: dict) -> str:
    text = previous + "\x1f".join(row[c] for c in COLUMNS if c != "chain")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class RecordResult:
    """What :meth:`DisclosureLog.record` or :meth:`DisclosureLog.record_request` did."""

    required: bool
    written: bool
    message: str
    entry: dict

    def __str__(self) -> str:
        return self.message

    __repr__ = __str__


class DisclosureLog:
    """An append-only CSV record of requests and disclosures. Entries can be added and read, never changed."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if self.path.exists():
            if self.path.is_dir():
                raise DisclosureLogError(f"{self.path} is a folder. Give a file name such as disclosures.csv.")
            read_disclosure_log(self.path)  # reports a broken or foreign file at once

    def record(self, *, date: Any, recipient: str, legitimate_interest: str, records_disclosed: str, pathway: str,
               recorded_by: str, threat: str | None = None, students: Any = None, further_parties: str | None = None,
               keep_anyway: bool = False, today: Any = None) -> RecordResult:
        """Validate one disclosure and append it (one row per student) when required or ``keep_anyway``.

        ``pathway`` is a key from :func:`helpers.ferpa.pathway_keys` (its citation is filled in).
        ``students``: the IDs whose records were disclosed, so each student's record shows it
        (99.32(a)(2)). For ``health_safety_emergency``, ``threat`` must describe the articulable and
        significant threat. ``further_parties``: parties the recipient may pass the data to on the
        district's behalf (99.32(b)). ``today`` (default: the real date) is used to refuse future dates.
        """
        required, reason = record_required(pathway)
        if pathway == "health_safety_emergency" and (not isinstance(threat, str) or is_blank(threat)):
            raise DisclosureLogError(
                "For a health or safety emergency, describe the articulable and significant threat in `threat` "
                "(34 CFR 99.32(a)(5))."
            )
        return self._write("disclosure", date=date, party=recipient, party_name="recipient",
                           legitimate_interest=legitimate_interest, records=records_disclosed,
                           records_name="records_disclosed", pathway=pathway, recorded_by=recorded_by, threat=threat,
                           students=students, further_parties=further_parties, required=required, reason=reason,
                           keep_anyway=keep_anyway, today=today)

    def record_request(self, *, date: Any, requester: str, legitimate_interest: str, records_requested: str,
                       recorded_by: str, students: Any = None, pathway: str | None = None, keep_anyway: bool = False,
                       today: Any = None) -> RecordResult:
        """Validate one request for access and append it (one row per student): 99.32(a)(1) asks for
        requests as well as disclosures, whether or not anything was disclosed. ``pathway``: the one
        the request would use, or None while undecided (a record is then kept)."""
        required, reason = record_required(pathway)
        return self._write("request", date=date, party=requester, party_name="requester",
                           legitimate_interest=legitimate_interest, records=records_requested,
                           records_name="records_requested", pathway=pathway or "", recorded_by=recorded_by,
                           threat=None, students=students, further_parties=None, required=required, reason=reason,
                           keep_anyway=keep_anyway, today=today)

    def _write(self, kind: str, *, date, party, party_name, legitimate_interest, records, records_name, pathway,
               recorded_by, threat, students, further_parties, required, reason, keep_anyway, today) -> RecordResult:
        when = _as_date(date, "date")
        now = _as_date(today, "today") if today is not None else dt.date.today()
        if when > now:
            raise DisclosureLogError(f"The date {when.isoformat()} is in the future. Record what happened.")
        texts = {party_name: party, "legitimate_interest": legitimate_interest, records_name: records,
                 "recorded_by": recorded_by}
        for name, value in texts.items():
            if not isinstance(value, str) or is_blank(value):
                raise DisclosureLogError(
                    f"{name} is missing or a placeholder ({value!r}). Write it out: 34 CFR 99.32(a)(3) asks for the "
                    "parties and their legitimate interests, and the log needs what was asked for or disclosed and "
                    "who recorded it."
                )
        for name, value in (("threat", threat), ("further_parties", further_parties)):
            if value is not None and not isinstance(value, str):
                raise DisclosureLogError(f"{name} should be text, not {type(value).__name__}.")
        ids = _students(students)
        base = {"entry": kind, "date": when.isoformat(), "party": " ".join(party.split()),
                "legitimate_interest": " ".join(legitimate_interest.split()), "records": " ".join(records.split()),
                "pathway": pathway, "citation": _pathways()[pathway]["citation"] if pathway else "",
                "threat": " ".join((threat or "").split()), "further_parties": " ".join((further_parties or "").split()),
                "recorded_by": " ".join(recorded_by.split())}
        entry = {**base, party_name: base["party"], records_name: base["records"], "students": [i for i in ids if i]}
        if pathway == "":
            entry["pathway"] = None
        if not required and not keep_anyway:
            return RecordResult(False, False, f"Not written. {reason} Pass keep_anyway=True to log it anyway.", entry)
        self._append([{**base, "student_id": sid} for sid in ids])
        note = "" if required else f" (not required: {reason})"
        who = (f" for {len(ids)} student(s)" if ids != [""] else
               " (no students named: add students=[...] so each student's record shows it, 34 CFR 99.32(a)(2))")
        return RecordResult(required, True, f"Recorded {kind}: {base['date']}, {base['party']}, "
                                            f"{pathway or 'pathway not decided'}{who}{note}.", entry)

    def _append(self, rows: list[dict]) -> None:
        existing = read_disclosure_log(self.path)  # refuses to add to a broken file
        previous = existing["chain"].iloc[-1] if len(existing) else ""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        new = not self.path.exists() or self.path.stat().st_size == 0
        with self.path.open("a", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=COLUMNS)
            if new:
                writer.writeheader()
            for row in rows:
                row = {c: row.get(c, "") for c in COLUMNS}
                row["chain"] = previous = _link(previous, row)
                writer.writerow(row)

    def read(self) -> pd.DataFrame:
        """The whole log as a DataFrame (empty, with the right columns, if nothing is recorded yet)."""
        return read_disclosure_log(self.path)

    def for_student(self, student_id: Any) -> pd.DataFrame:
        """The requests and disclosures recorded for one student: the record kept with their records."""
        frame = self.read()
        return frame[frame["student_id"] == str(student_id).strip()].reset_index(drop=True)

    def answer_parent(self, student_id: Any) -> str:
        """Who asked for, and who received, this student's records: a plain answer for a parent or
        eligible student, who may inspect this record (34 CFR 99.32(c))."""
        rows = self.for_student(student_id)
        lines = [f"Record of requests and disclosures for student {student_id} (34 CFR 99.32):"]
        for _, r in rows[rows["entry"] == "disclosure"].iterrows():
            cite = f" ({r['citation']})" if r["citation"] else ""
            lines.append(f"- {r['date']}: {r['party']} received {r['records'][:1].lower()}{r['records'][1:]}, for: "
                         f"{r['legitimate_interest'][:1].lower()}{r['legitimate_interest'][1:]}. Pathway: "
                         f"{r['pathway']}{cite}." + (f" Threat: {r['threat']}." if r["threat"] else ""))
        for _, r in rows[rows["entry"] == "request"].iterrows():
            lines.append(f"- {r['date']}: {r['party']} asked for {r['records']} ({r['legitimate_interest']}).")
        if len(lines) == 1:
            lines.append("- Nothing recorded for this student.")
        unnamed = int((self.read()["student_id"] == "").sum())
        if unnamed:
            lines.append(f"Also: {unnamed} entr{'y names' if unnamed == 1 else 'ies name'} no student; "
                         "ask the data office whether they concern this student.")
        lines.append(KEPT_WITH)
        return "\n".join(lines)

    def __len__(self) -> int:
        return len(self.read())

    def __repr__(self) -> str:
        return f"DisclosureLog({str(self.path)!r}, {len(self)} entries)"


def read_disclosure_log(path: str | Path) -> pd.DataFrame:
    """Read a log file as a DataFrame of text, checking every row; a changed file is reported, not repaired."""
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return pd.DataFrame({c: pd.Series(dtype=str) for c in COLUMNS})
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], rows[1:]
    if header == OLD_COLUMNS:
        raise DisclosureLogError(f"{path.name} was written by an earlier version of this log (no request rows, no "
                                 "student column, no checksums). It was not changed. Start a new file for new entries.")
    if header != COLUMNS:
        raise DisclosureLogError(f"{path.name} is not a disclosure log (its columns are {header}; expected {COLUMNS}). "
                                 "Use a new file name.")
    previous = ""
    broken = ("was changed by hand, or a row before it was removed or reordered, after it was written. The file has "
              "not been changed: keep it as it is (it is evidence), tell your data office, and start a new log.")
    for number, values in enumerate(body, start=2):
        if len(values) != len(COLUMNS):
            raise DisclosureLogError(f"{path.name}, line {number}: has {len(values)} values, not {len(COLUMNS)}; "
                                     f"the row {broken}")
        row = dict(zip(COLUMNS, values))
        if row["entry"] not in ENTRIES or row["chain"] != _link(previous, row):
            raise DisclosureLogError(f"{path.name}, line {number}: the row {broken}")
        previous = row["chain"]
    return pd.DataFrame(body, columns=COLUMNS, dtype=str)
