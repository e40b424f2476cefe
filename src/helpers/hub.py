"""A trusted local data hub in one embedded database file (DuckDB): agreements, linkage, safe outputs.

A hub is the one place a district and its partners trust with their records. This one:

* **ingests** each party's table only under a signed, unexpired **agreement** (party,
  purpose, the fields it may send, the fields it may see in reports, expiry date), and only
  the fields the agreement lists;
* keeps identities (names, dates of birth) apart from everything else, and keys every
  record with a **keyed pseudonym** (:func:`helpers.privacy.pseudonymize`). The key is held
  by the :class:`Hub` object, never written to the database;
* **links** a partner's records to the district's (splink, :mod:`helpers.linkage`);
* gives each party access **only through its own views**, and never row-level district data
  to a partner;
* answers a partner's **report request** with counts that pass
  :func:`helpers.privacy.suppress_small_cells`;
* writes every ingest, link, query and refusal to an **audit log** anyone can read.

Every call that reads or writes takes ``today``: agreements expire, and lessons and tests
must give the same answer every day. A failed ingest changes nothing (it runs in a
transaction) and is logged.

Example:
    >>> import pandas as pd
    >>> from helpers.privacy import generate_key
    >>> hub = Hub(key=generate_key())
    >>> _ = hub.sign_agreement("district", role="district", purpose="improve attendance supports",
    ...     shares=["student_id", "first_name", "last_name", "dob", "school_id"],
    ...     may_see=[], expires="2026-06-30", signed_on="2025-08-01")
    >>> students = pd.DataFrame({"student_id": ["S1", "S2"], "first_name": ["Ana", "Ben"],
    ...     "last_name": ["Ruiz", "Okafor"], "dob": ["2014-03-09", "2013-05-01"], "school_id": ["E01", "E02"]})
    >>> print(hub.ingest("district", students, {"record_id": "student_id", "first_name": "first_name",
    ...     "last_name": "last_name", "date_of_birth": "dob"}, today="2025-09-15"))
    district: stored 2 records (identities kept apart; other fields: school_id).
    >>> hub.audit_log()[["party", "action", "outcome"]].values.tolist()
    [['district', 'sign agreement', 'done'], ['district', 'ingest', 'done']]
    >>> hub.close()
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import duckdb
import pandas as pd

from helpers import linkage
from helpers.privacy import pseudonymize, suppress_small_cells

__all__ = ["Hub", "Agreement", "IngestReceipt", "ReportResponse", "HubError", "IngestError",
           "AccessRefused", "request_report"]

IDENTITY_ROLES = ("first_name", "last_name", "full_name", "date_of_birth", "zip", "gender", "school")


class HubError(ValueError):
    """The hub was asked for something it cannot do as asked (the message says what to fix)."""


class IngestError(HubError):
    """A table could not be taken in; nothing in the hub changed."""


class AccessRefused(PermissionError):
    """The hub refused a request under the agreements (the refusal is in the audit log)."""


def _date(value: Any, what: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    parsed = linkage.parse_date(value) if isinstance(value, str) else None
    if parsed is None:
        raise HubError(f"{what} must be a date like '2026-06-30', not {value!r}.")
    return parsed


def slug(party: str) -> str:
    """A party's name as a safe table-name part: 'Bright Futures' -> 'bright_futures'.

    >>> slug("Bright Futures After-School")
    'bright_futures_after_school'
    """
    text = re.sub(r"[^a-z0-9]+", "_", str(party).casefold()).strip("_")
    if not text:
        raise HubError(f"A party needs a name with letters or digits, not {party!r}.")
    return text


@dataclass(frozen=True)
class Agreement:
    """One signed agreement: who, why, what they may send and see, and until when."""

    party: str
    role: str
    purpose: str
    shares: tuple[str, ...]
    may_see: tuple[str, ...]
    signed_on: dt.date
    expires: dt.date

    def active(self, today: dt.date) -> bool:
        return self.signed_on <= today <= self.expires


@dataclass(frozen=True)
class IngestReceipt:
    """What an ingest stored."""

    party: str
    rows: int
    attributes: tuple[str, ...]

    def __str__(self) -> str:
        other = ", ".join(self.attributes) or "none"
        return f"{self.party}: stored {self.rows:,} records (identities kept apart; other fields: {other})."


@dataclass(frozen=True)
class ReportResponse:
    """The answer to a report request: granted with a table, or refused with the reason."""

    granted: bool
    message: str
    table: pd.DataFrame | None = None


_SCHEMA = """
CREATE TABLE IF NOT EXISTS hub_meta (name VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS agreements (
    party VARCHAR PRIMARY KEY, role VARCHAR, purpose VARCHAR, shares VARCHAR, may_see VARCHAR,
    signed_on DATE, expires DATE);
CREATE TABLE IF NOT EXISTS identities (
    party VARCHAR, record_key VARCHAR, source_id VARCHAR, first_name VARCHAR, last_name VARCHAR,
    first_name_formal VARCHAR, full_name VARCHAR, dob VARCHAR, dob_swapped VARCHAR, dob_year INTEGER,
    school VARCHAR, zip VARCHAR, gender VARCHAR);
CREATE TABLE IF NOT EXISTS links (
    party VARCHAR, record_key VARCHAR, person_key VARCHAR, match_probability DOUBLE, linked_on DATE);
CREATE SEQUENCE IF NOT EXISTS audit_seq START 1;
CREATE TABLE IF NOT EXISTS audit_log (
    seq INTEGER DEFAULT nextval('audit_seq'), day DATE, party VARCHAR, action VARCHAR,
    outcome VARCHAR, detail VARCHAR);
"""


class Hub:
    """A data hub stored in ``folder/name`` (a new temporary folder by default).

    ``key`` is the hub's secret for keyed pseudonyms (at least 32 characters; make one with
    :func:`helpers.privacy.generate_key`). It stays in memory. Reopening an existing hub file
    with a different key is refused, because the pseudonyms would no longer line up.
    ``min_cell`` is the smallest count a report may show; ``suppress_zeros`` also hides
    zeros (a partner knows who its participants are, so "0 chronically absent at E01" tells
    it something about every one of them).
    """

    def __init__(self, folder: str | Path | None = None, *, key: str, name: str = "hub.duckdb",
                 min_cell: int = 10, suppress_zeros: bool = True):
        if not isinstance(key, (str, bytes)):
            raise HubError("The hub needs a secret key: key=helpers.privacy.generate_key().")
        self._key = key
        self.folder = Path(folder) if folder is not None else Path(tempfile.mkdtemp(prefix="riverbend-hub-"))
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / name
        self.min_cell = int(min_cell)
        self.suppress_zeros = bool(suppress_zeros)
        self._con = duckdb.connect(str(self.path))
        self._con.execute(_SCHEMA)
        check = pseudonymize("hub key check", self._key)
        stored = self._con.execute("SELECT value FROM hub_meta WHERE name = 'key_check'").fetchone()
        if stored is None:
            self._con.execute("INSERT INTO hub_meta VALUES ('key_check', ?)", [check])
        elif stored[0] != check:
            self._con.close()
            raise HubError(f"{self.path} was made with a different key. Open it with the key it was made "
                           "with, or start a new hub in another folder.")

    # -- housekeeping ---------------------------------------------------------------------
    def close(self) -> None:
        """Close the database file (the data stays in ``path``)."""
        self._con.close()

    def __enter__(self) -> "Hub":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Hub({str(self.path)!r})"

    def _log(self, day: dt.date | None, party: str, action: str, outcome: str, detail: str) -> None:
        self._con.execute("INSERT INTO audit_log (day, party, action, outcome, detail) VALUES (?, ?, ?, ?, ?)",
                          [day, party, action, outcome, detail])

    def _refuse(self, day: dt.date | None, party: str, action: str, reason: str) -> AccessRefused:
        self._log(day, party, action, "refused", reason)
        return AccessRefused(f"Refused: {reason}")

    def audit_log(self) -> pd.DataFrame:
        """Every agreement, ingest, link, query and refusal, oldest first."""
        return self._con.execute(
            "SELECT seq, day, party, action, outcome, detail FROM audit_log ORDER BY seq").df()

    # -- agreements -----------------------------------------------------------------------
    def sign_agreement(self, party: str, *, role: str = "partner", purpose: str, shares: Iterable[str],
                       may_see: Iterable[str] = (), expires: Any, signed_on: Any) -> Agreement:
        """Record an agreement (replacing the party's earlier one).

        ``role`` is ``"district"`` (exactly one party) or ``"partner"``. ``shares`` lists the
        columns the party may send; ``may_see`` the district fields it may ask reports about.
        """
        if role not in ("district", "partner"):
            raise HubError(f"role must be 'district' or 'partner', not {role!r}.")
        if not str(purpose).strip():
            raise HubError("Every agreement needs a purpose: what question will the data answer?")
        signed, ends = _date(signed_on, "signed_on"), _date(expires, "expires")
        if ends < signed:
            raise HubError(f"The agreement would expire ({ends}) before it is signed ({signed}).")
        slug(party)
        if role == "district":
            other = self._con.execute("SELECT party FROM agreements WHERE role = 'district' AND party <> ?",
                                      [party]).fetchone()
            if other:
                raise HubError(f"{other[0]!r} is already the district in this hub; a hub serves one district.")
        agreement = Agreement(party, role, str(purpose).strip(), tuple(shares), tuple(may_see), signed, ends)
        self._con.execute("DELETE FROM agreements WHERE party = ?", [party])
        self._con.execute("INSERT INTO agreements VALUES (?, ?, ?, ?, ?, ?, ?)",
                          [party, role, agreement.purpose, json.dumps(agreement.shares),
                           json.dumps(agreement.may_see), signed, ends])
        self._log(signed, party, "sign agreement", "done",
                  f"{role}; purpose: {agreement.purpose}; may send {len(agreement.shares)} fields; "
                  f"may see {', '.join(agreement.may_see) or 'no district fields'}; expires {ends}")
        return agreement

    def agreement(self, party: str) -> Agreement | None:
        """The party's agreement, or ``None``."""
        row = self._con.execute("SELECT * FROM agreements WHERE party = ?", [party]).fetchone()
        if row is None:
            return None
        return Agreement(row[0], row[1], row[2], tuple(json.loads(row[3])), tuple(json.loads(row[4])),
                         row[5], row[6])

    def agreements(self) -> pd.DataFrame:
        """All agreements, one row each."""
        return self._con.execute("SELECT party, role, purpose, shares, may_see, signed_on, expires "
                                 "FROM agreements ORDER BY role, party").df()

    def _active(self, party: str, today: dt.date, action: str) -> Agreement:
        agreement = self.agreement(party)
        if agreement is None:
            raise self._refuse(today, party, action, f"there is no agreement with {party!r}. "
                               "Sign one first (hub.sign_agreement).")
        if today > agreement.expires:
            raise self._refuse(today, party, action, f"the agreement with {party!r} expired on "
                               f"{agreement.expires}. Access stops until it is renewed.")
        if today < agreement.signed_on:
            raise self._refuse(today, party, action, f"the agreement with {party!r} only starts on "
                               f"{agreement.signed_on}.")
        return agreement

    def _district(self) -> str | None:
        row = self._con.execute("SELECT party FROM agreements WHERE role = 'district'").fetchone()
        return row[0] if row else None

    # -- ingest ---------------------------------------------------------------------------
    def ingest(self, party: str, table: pd.DataFrame, mapping: Mapping[str, str], *, today: Any) -> IngestReceipt:
        """Take in ``table`` from ``party`` under its agreement; replace what it sent before.

        ``mapping`` is the linkage column mapping (:data:`helpers.linkage.ROLES`) and must
        include ``record_id``. Refused when the agreement is missing or expired, or the table
        has fields the agreement does not list. Fails, changing nothing, when the mapping does
        not fit, the table is empty, an ID repeats or a date of birth cannot be read.
        """
        day = _date(today, "today")
        agreement = self._active(party, day, "ingest")
        if not isinstance(table, pd.DataFrame):
            self._log(day, party, "ingest", "failed", "not a table")
            raise IngestError(f"{party}: expected a table (pandas DataFrame), got a {type(table).__name__}.")
        extra = [c for c in table.columns if c not in agreement.shares]
        if extra:
            raise self._refuse(day, party, "ingest",
                               f"{party} sent field(s) its agreement does not cover: {', '.join(map(str, extra))}. "
                               "Remove them before sending (collect only what the purpose needs), "
                               "or amend the agreement.")
        try:
            if "record_id" not in mapping:
                raise linkage.MappingError(f"{party}: the mapping needs 'record_id' (which column is the ID?); "
                                           "the hub keys every record by it.")
            report = linkage.check_table(table, mapping, name=party)
            if report.unparseable_dates:
                raise linkage.LinkageInputError(
                    f"{party}: {report.unparseable_dates} date(s) of birth could not be read (for example "
                    f"{', '.join(repr(x) for x in report.unparseable_examples)}). Fix or blank them, then "
                    "send the table again.")
            prepared = linkage.prepare(table, mapping, name=party)
        except linkage.LinkageInputError as err:
            self._log(day, party, "ingest", "failed", str(err))
            raise IngestError(f"{err} Nothing in the hub was changed.") from err
        identity_cols = {mapping[r] for r in IDENTITY_ROLES if r in mapping}
        attr_cols = [c for c in table.columns if c not in identity_cols and c != mapping["record_id"]]
        keys = pseudonymize([f"{party}|{i}" for i in prepared["record_id"]], self._key)
        ident = prepared.assign(party=party, record_key=keys).rename(columns={"record_id": "source_id"})
        ident = ident[["party", "record_key", "source_id", "first_name", "last_name", "first_name_formal",
                       "full_name", "dob", "dob_swapped", "dob_year", "school", "zip", "gender"]]
        attrs = table[attr_cols].copy()  # categorical columns become DuckDB ENUMs (their order is kept)
        attrs.insert(0, "record_key", keys)
        name = slug(party)
        try:
            self._con.begin()
            self._con.execute("DELETE FROM identities WHERE party = ?", [party])
            self._con.execute("DELETE FROM links WHERE party = ?", [party])
            if agreement.role == "district":
                self._con.execute("DELETE FROM links")
            self._con.register("_incoming_ident", ident)
            self._con.execute("INSERT INTO identities SELECT * FROM _incoming_ident")
            self._write_attributes(name, attrs)
            self._make_views(party, agreement.role)
            self._con.commit()
        except Exception as err:
            self._con.rollback()
            self._log(day, party, "ingest", "failed", f"{type(err).__name__}: {err}")
            raise IngestError(f"{party}: the hub could not store the table ({err}). Nothing was changed.") from err
        finally:
            for view in ("_incoming_ident", "_incoming_attrs"):
                try:
                    self._con.unregister(view)
                except Exception:
                    pass
        detail = f"{len(table):,} records; identity fields kept apart; other fields: {', '.join(attr_cols) or 'none'}"
        if report.missing_dates:
            detail += f"; {report.missing_dates} without a date of birth"
        self._log(day, party, "ingest", "done", detail)
        return IngestReceipt(party, len(table), tuple(attr_cols))

    def _write_attributes(self, name: str, attrs: pd.DataFrame) -> None:
        self._con.register("_incoming_attrs", attrs)
        self._con.execute(f'CREATE OR REPLACE TABLE "attributes_{name}" AS SELECT * FROM _incoming_attrs')

    def _make_views(self, party: str, role: str) -> None:
        name = slug(party)
        if role == "district":
            self._con.execute(f'CREATE OR REPLACE VIEW "{name}_records" AS SELECT * FROM "attributes_{name}"')
            return
        party_sql = party.replace("'", "''")
        self._con.execute(
            f'CREATE OR REPLACE VIEW "{name}_roster" AS '
            f"SELECT i.source_id AS your_id, a.*, (l.person_key IS NOT NULL) AS linked_to_district "
            f'FROM "attributes_{name}" a JOIN identities i ON i.record_key = a.record_key '
            f"AND i.party = '{party_sql}' "
            f"LEFT JOIN links l ON l.record_key = a.record_key AND l.party = '{party_sql}'")

    def identities(self, party: str) -> pd.DataFrame:
        """The standardized identity fields the hub holds for ``party`` (for the hub's own
        linkage work: the steward's eyes only), in :func:`helpers.linkage.prepare` form."""
        df = self._con.execute("SELECT * EXCLUDE (party, record_key) FROM identities WHERE party = ? "
                               "ORDER BY source_id", [party]).df()
        if df.empty:
            raise HubError(f"The hub holds no records from {party!r}. Ingest its table first.")
        df = df.rename(columns={"source_id": "record_id"})
        df["dob_year"] = df["dob_year"].astype("Int64")
        for col in df.columns:
            if col != "dob_year":
                df[col] = df[col].astype(object).where(df[col].notna(), None)
        return df

    # -- linkage --------------------------------------------------------------------------
    def link(self, party: str, *, today: Any, threshold: float = 0.9, **options: Any) -> linkage.ProbabilisticLinkage:
        """Link ``party``'s records to the district's with splink and store the links.

        Returns the :class:`helpers.linkage.ProbabilisticLinkage` (IDs are the parties' own,
        for checking); the hub stores only pseudonymous keys. ``options`` go to
        :func:`helpers.linkage.link_probabilistic`.
        """
        day = _date(today, "today")
        self._active(party, day, "link")
        district = self._district()
        if district is None or district == party:
            raise HubError("Link a partner to the district: sign the district's agreement and ingest its "
                           "records first.")
        self._active(district, day, "link")
        left, right = self.identities(party), self.identities(district)
        result = linkage.link_probabilistic(left, right, threshold=threshold, **options)
        links = result.links()
        rows = pd.DataFrame({
            "party": party,
            "record_key": pseudonymize([f"{party}|{i}" for i in links["left_id"]], self._key),
            "person_key": pseudonymize([f"{district}|{i}" for i in links["right_id"]], self._key),
            "match_probability": links["match_probability"].astype(float),
            "linked_on": day,
        })
        try:
            self._con.begin()
            self._con.execute("DELETE FROM links WHERE party = ?", [party])
            self._con.register("_incoming_links", rows)
            self._con.execute("INSERT INTO links SELECT * FROM _incoming_links")
            self._con.commit()
        except Exception:
            self._con.rollback()
            raise
        finally:
            self._con.unregister("_incoming_links")
        self._log(day, party, "link", "done",
                  f"{len(links):,} of {len(left):,} records linked to {district} at match probability "
                  f">= {threshold}")
        return result

    # -- access ---------------------------------------------------------------------------
    def views(self, party: str) -> list[str]:
        """The views ``party`` may read."""
        agreement = self.agreement(party)
        if agreement is None:
            return []
        suffix = "_records" if agreement.role == "district" else "_roster"
        name = f"{slug(party)}{suffix}"
        exists = self._con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = ?", [name]).fetchone()[0]
        return [name] if exists else []

    def read(self, party: str, view: str, *, today: Any) -> pd.DataFrame:
        """Rows of one of ``party``'s own views; anything else is refused and logged."""
        day = _date(today, "today")
        agreement = self._active(party, day, "read")
        own = self.views(party)
        if view not in own:
            district = self._district()
            if agreement.role == "partner" and (district and view.startswith(slug(district)) or
                                                view in ("identities", "links") or view.startswith("attributes_")):
                reason = (f"{party} asked for row-level data ({view!r}). Partners never receive row-level "
                          "district records or the hub's internal tables; ask for a report (counts by "
                          "group) instead.")
            else:
                reason = (f"{party} asked for {view!r}, which is not one of its views "
                          f"({', '.join(own) or 'none yet'}).")
            raise self._refuse(day, party, "read", reason)
        df = self._con.execute(f'SELECT * FROM "{view}" ORDER BY 1').df()
        self._log(day, party, "read", "done", f"{view}: {len(df):,} rows")
        return df

    def report(self, party: str, *, by: str, measure: str, today: Any) -> pd.DataFrame:
        """Counts of ``party``'s linked participants by ``by`` and ``measure`` (district fields).

        Each district student is counted once (even if registered twice). Small cells and
        their complements are hidden with :func:`helpers.privacy.suppress_small_cells`
        (``min_cell``; zeros too unless the hub was made with ``suppress_zeros=False``).
        """
        day = _date(today, "today")
        agreement = self._active(party, day, "report")
        if agreement.role != "partner":
            raise HubError("Reports are for partners; the district reads its own records directly.")
        outside = [f for f in (by, measure) if f not in agreement.may_see]
        if outside:
            raise self._refuse(day, party, "report",
                               f"{party} asked about {', '.join(map(repr, outside))}, outside its agreement "
                               f"(it may see: {', '.join(agreement.may_see) or 'nothing'}). Amend the "
                               "agreement first if the purpose needs it.")
        if by == measure:
            raise HubError("Choose two different fields for by= and measure=.")
        district = self._district()
        if district is None:
            raise HubError("The hub has no district records yet.")
        table = f"attributes_{slug(district)}"
        cols = set(self._con.execute(f'SELECT * FROM "{table}" LIMIT 0').df().columns)
        missing = [f for f in (by, measure) if f not in cols]
        if missing:
            raise HubError(f"The district did not send {', '.join(map(repr, missing))}; it sent: "
                           f"{', '.join(sorted(cols - {'record_key'}))}.")
        linked = self._con.execute("SELECT count(*) FROM links WHERE party = ?", [party]).fetchone()[0]
        if not linked:
            raise HubError(f"No records of {party!r} are linked yet: run hub.link({party!r}, today=...) first.")
        rows = self._con.execute(
            f'SELECT d."{by}" AS grp, d."{measure}" AS val, count(DISTINCT d.record_key) AS n '
            f'FROM (SELECT DISTINCT person_key FROM links WHERE party = ?) l '
            f'JOIN "{table}" d ON d.record_key = l.person_key GROUP BY ALL', [party]).df()
        counts = _crosstab(rows, by, measure)
        published = suppress_small_cells(counts, threshold=self.min_cell, suppress_zeros=self.suppress_zeros)
        hidden = int(published.isna().sum().sum())
        self._log(day, party, "report", "done",
                  f"counts by {by} and {measure}; {len(counts)} groups; {hidden} cell(s) suppressed "
                  f"(minimum cell {self.min_cell})")
        return published


def _label(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "unknown"
    return str(value)


def _crosstab(rows: pd.DataFrame, by: str, measure: str) -> pd.DataFrame:
    natural = ([_label(c) for c in rows["val"].cat.categories]
               if isinstance(rows["val"].dtype, pd.CategoricalDtype) else [])
    rows = rows.assign(grp=rows["grp"].astype(object).map(_label), val=rows["val"].astype(object).map(_label))
    counts = rows.pivot_table(index="grp", columns="val", values="n", aggfunc="sum", fill_value=0)
    rank = {c: i for i, c in enumerate(natural)}
    order = sorted(counts.columns, key=lambda c: (c not in ("yes", "no"), c != "yes", rank.get(c, len(rank)), c))
    counts = counts[order].astype(int)
    counts.index.name, counts.columns.name = by, measure
    return counts


def request_report(hub: Hub, party: str, *, by: str, measure: str, today: Any) -> ReportResponse:
    """:meth:`Hub.report` that never raises: a granted table, or the refusal as a message
    (for forms and widgets)."""
    try:
        table = hub.report(party, by=by, measure=measure, today=today)
    except (AccessRefused, HubError) as err:
        return ReportResponse(False, str(err))
    hidden = int(table.isna().sum().sum())
    return ReportResponse(True, f"Granted: counts by {by} and {measure}; {hidden} small or revealing "
                                f"cell(s) hidden.", table)
