"""The hub's database, clock, audit log, agreements, ingest and linkage (steward's side).

See :mod:`helpers.hub` for the whole picture; partner reports are in :mod:`helpers.hub.reports`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from pathlib import Path
from typing import Any, Iterable, Mapping

import duckdb
import pandas as pd

from helpers import linkage
from helpers.privacy import pseudonymize

from .parties import DISTRICT_ID, RESERVED, AccessRefused, Agreement, HubError, IngestError, as_date, party_id, quote

IDENTITY_COLUMNS = ["first_name", "last_name", "first_name_formal", "full_name", "dob", "dob_swapped", "dob_year",
                    "school", "zip", "gender", "shared_id", "street_address", "city", "phone", "email"]
_SCHEMA = """
CREATE TABLE IF NOT EXISTS hub_meta (name VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS agreements (
    party VARCHAR PRIMARY KEY, party_id VARCHAR UNIQUE, role VARCHAR, purpose VARCHAR, shares VARCHAR,
    may_see VARCHAR, signed_on DATE, expires DATE);
CREATE TABLE IF NOT EXISTS identities (
    party VARCHAR, record_key VARCHAR, source_id VARCHAR, first_name VARCHAR, last_name VARCHAR,
    first_name_formal VARCHAR, full_name VARCHAR, dob VARCHAR, dob_swapped VARCHAR, dob_year INTEGER,
    school VARCHAR, zip VARCHAR, gender VARCHAR, shared_id VARCHAR, street_address VARCHAR, city VARCHAR,
    phone VARCHAR, email VARCHAR);
CREATE SEQUENCE IF NOT EXISTS run_seq START 1;
CREATE TABLE IF NOT EXISTS links (
    party VARCHAR, run_id INTEGER, submission INTEGER, record_key VARCHAR, person_key VARCHAR,
    match_probability DOUBLE, linked_on DATE);
CREATE TABLE IF NOT EXISTS submissions (party VARCHAR PRIMARY KEY, submission INTEGER);
CREATE TABLE IF NOT EXISTS released (run_id INTEGER, party VARCHAR, submission INTEGER, person_key VARCHAR);
CREATE SEQUENCE IF NOT EXISTS audit_seq START 1;
CREATE TABLE IF NOT EXISTS audit_log (
    seq INTEGER DEFAULT nextval('audit_seq'), day DATE, party VARCHAR, action VARCHAR,
    outcome VARCHAR, detail VARCHAR);
"""


def _redact(text: str) -> str:
    """A message fit for the audit log: quoted values (which may be IDs, names or dates) removed."""
    text = re.sub(r"'[^']*'|\"[^\"]*\"", "[value]", str(text))
    return re.sub(r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}", "[date]", text)


class HubCore:
    """Database, clock, audit, agreements, ingest and linkage; :class:`helpers.hub.Hub` adds reports."""

    def __init__(self, folder: str | Path | None = None, *, key: str, name: str = "hub.duckdb",
                 min_cell: int = 10, suppress_zeros: bool = True, training_date: Any = None,
                 steward: str = "steward"):
        if not isinstance(key, (str, bytes)):
            raise HubError("The hub needs a secret key: key=helpers.privacy.generate_key().")
        if isinstance(min_cell, bool) or not isinstance(min_cell, int) or min_cell < 2:
            raise HubError(f"min_cell must be a whole number of at least 2, not {min_cell!r}.")
        self._key = key
        self.folder = Path(folder) if folder is not None else Path(tempfile.mkdtemp(prefix="riverbend-hub-"))
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / name
        self.min_cell = min_cell
        self.suppress_zeros = bool(suppress_zeros)
        self.steward = str(steward)
        self._clock = as_date(training_date, "training_date") if training_date is not None else None
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
        clock = (f"training clock set by {self.steward} to {self._clock} for this session"
                 if self._clock else "clock: the real date")
        self._log(self.steward, "open hub", "done", clock)

    # -- clock, log, housekeeping ---------------------------------------------------------------
    @property
    def today(self) -> dt.date:
        """The hub's date: the training date set when the hub was opened, otherwise the real date."""
        return self._clock or dt.date.today()

    def _check_today(self, today: Any) -> None:
        """Callers may no longer set the date; a ``today`` that differs from the hub's is refused."""
        if today is not None and as_date(today, "today") != self.today:
            raise HubError(f"The hub keeps its own clock (today is {self.today}); a request cannot set the "
                           "date. For training, the steward opens the hub with Hub(..., training_date=...).")

    def close(self) -> None:
        """Close the database file (the data stays in ``path``)."""
        self._con.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Hub({str(self.path)!r})"

    def _log(self, party: str, action: str, outcome: str, detail: str) -> None:
        self._con.execute("INSERT INTO audit_log (day, party, action, outcome, detail) VALUES (?, ?, ?, ?, ?)",
                          [self.today, party, action, outcome, detail])

    def _refuse(self, party: str, action: str, reason: str) -> AccessRefused:
        self._log(party, action, "refused", reason)
        return AccessRefused(f"Refused: {reason}")

    def _fail(self, party: str, action: str, err: Exception) -> None:
        self._log(party, action, "failed", f"{type(err).__name__}: {_redact(err)}")

    def audit_log(self) -> pd.DataFrame:
        """Every opening, agreement, ingest, link, identity access, query, refusal and failure, oldest
        first. It holds no names, IDs or birth dates: records appear only as counts."""
        return self._con.execute(
            "SELECT seq, day, party, action, outcome, detail FROM audit_log ORDER BY seq").df()

    # -- agreements -----------------------------------------------------------------------------
    def sign_agreement(self, party: str, *, role: str = "partner", purpose: str, shares: Iterable[str],
                       may_see: Iterable[str] = (), expires: Any, signed_on: Any) -> Agreement:
        """Record an agreement (replacing the party's earlier one).

        ``role`` is ``"district"`` (exactly one party) or ``"partner"``. ``shares`` lists the
        columns the party may send; ``may_see`` the district fields it may ask reports about.
        A partner whose identifier (:func:`helpers.hub.parties.party_id`) is reserved or
        already taken by another party is refused.
        """
        if role not in ("district", "partner"):
            raise HubError(f"role must be 'district' or 'partner', not {role!r}.")
        if not str(purpose).strip():
            raise HubError("Every agreement needs a purpose: what question will the data answer?")
        signed, ends = as_date(signed_on, "signed_on"), as_date(expires, "expires")
        if ends < signed:
            raise HubError(f"The agreement would expire ({ends}) before it is signed ({signed}).")
        pid = DISTRICT_ID if role == "district" else party_id(party)
        if role == "partner" and pid in RESERVED:
            raise HubError(f"{party!r} cannot be a partner's name: {pid!r} is reserved for the hub itself. "
                           "Choose another name.")
        taken = self._con.execute("SELECT party FROM agreements WHERE party_id = ? AND party <> ?",
                                  [pid, party]).fetchone()
        if taken:
            raise HubError(f"{party!r} is too close to {taken[0]!r}, already in this hub (both become "
                           f"{pid!r}). Each party needs a name of its own.")
        same = self._con.execute("SELECT role FROM agreements WHERE party = ?", [party]).fetchone()
        if same and same[0] != role:
            raise HubError(f"{party!r} is already in the hub as a {same[0]}; a party keeps its role.")
        fields = []
        for group in (shares, may_see):
            items = [group] if isinstance(group, str) else list(group)
            if not all(isinstance(f, str) and f for f in items):
                raise HubError("shares= and may_see= list field names (text).")
            fields.append(tuple(items))
        agreement = Agreement(party, role, str(purpose).strip(), fields[0], fields[1], signed, ends, pid)
        self._con.begin()
        self._con.execute("DELETE FROM agreements WHERE party = ?", [party])
        self._con.execute("INSERT INTO agreements VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                          [party, pid, role, agreement.purpose, json.dumps(agreement.shares),
                           json.dumps(agreement.may_see), signed, ends])
        self._log(party, "sign agreement", "done",
                  f"{role}; purpose: {agreement.purpose}; may send {len(agreement.shares)} fields; "
                  f"may see {', '.join(agreement.may_see) or 'no district fields'}; signed {signed}; "
                  f"expires {ends}")
        self._con.commit()
        return agreement

    def agreement(self, party: str) -> Agreement | None:
        """The party's agreement, or ``None``."""
        row = self._con.execute("SELECT party, role, purpose, shares, may_see, signed_on, expires, party_id "
                                "FROM agreements WHERE party = ?", [party]).fetchone()
        if row is None:
            return None
        return Agreement(row[0], row[1], row[2], tuple(json.loads(row[3])), tuple(json.loads(row[4])),
                         row[5], row[6], row[7])

    def agreements(self) -> pd.DataFrame:
        """All agreements, one row each."""
        return self._con.execute("SELECT party, role, purpose, shares, may_see, signed_on, expires "
                                 "FROM agreements ORDER BY role, party").df()

    def _district(self) -> Agreement | None:
        row = self._con.execute("SELECT party FROM agreements WHERE role = 'district'").fetchone()
        return self.agreement(row[0]) if row else None

    def _active(self, party: str, action: str) -> Agreement:
        """The party's agreement if it is in force today; otherwise a logged refusal."""
        agreement = self.agreement(party) if isinstance(party, str) else None
        if agreement is None:
            raise self._refuse(str(party), action, f"there is no agreement with {party}. Sign one first "
                               "(hub.sign_agreement).")
        if self.today > agreement.expires:
            raise self._refuse(party, action, f"the agreement with {party} expired on {agreement.expires}. "
                               "Access stops until it is renewed.")
        if self.today < agreement.signed_on:
            raise self._refuse(party, action, f"the agreement with {party} only starts on {agreement.signed_on}.")
        return agreement

    def _both_active(self, party: str, action: str) -> tuple[Agreement, Agreement]:
        """A partner's agreement and the district's, both in force (either refusal is logged)."""
        own = self._active(party, action)
        district = self._district()
        if district is None:
            raise self._refuse(party, action, "the district has not signed an agreement with the hub.")
        if district.party != party:
            if self.today > district.expires or self.today < district.signed_on:
                raise self._refuse(party, action, f"the district's own agreement with the hub is not in force "
                                   f"today (it runs {district.signed_on} to {district.expires}); no partner "
                                   "access until it is renewed.")
        return own, district

    def _steward_only(self, requested_by: Any, action: str, party: str) -> None:
        if requested_by != self.steward:
            raise self._refuse(str(requested_by), action, f"{action} of {party} is for the hub steward only "
                               "(identity-level data never leaves the hub).")

    # -- ingest ---------------------------------------------------------------------------------
    def ingest(self, party: str, table: pd.DataFrame, mapping: Mapping[str, str], *, today: Any = None):
        """Take in ``table`` from ``party`` under its agreement; replace what it sent before.

        ``mapping`` is the linkage column mapping (:data:`helpers.linkage.ROLES`) and must
        include ``record_id``. Refused when the party's (or, for a partner, the district's)
        agreement is missing or not in force, or the table has fields the agreement does not
        list. Fails, changing nothing, when the mapping does not fit, the table is empty, an ID
        repeats or a date of birth cannot be read. Every outcome is in the audit log.
        """
        from . import IngestReceipt

        self._check_today(today)
        agreement, _ = self._both_active(party, "ingest")
        try:
            if not isinstance(table, pd.DataFrame):
                raise IngestError(f"{party}: expected a table (pandas DataFrame), got a {type(table).__name__}.")
            extra = [c for c in table.columns if c not in agreement.shares]
            if extra:
                raise self._refuse(party, "ingest", f"{party} sent field(s) its agreement does not cover: "
                                   f"{', '.join(map(str, extra))}. Remove them before sending (collect only "
                                   "what the purpose needs), or amend the agreement.")
            if not isinstance(mapping, Mapping) or "record_id" not in mapping:
                raise linkage.MappingError(f"{party}: the mapping needs 'record_id' (which column is the ID?); "
                                           "the hub keys every record by it.")
            report = linkage.check_table(table, mapping, name=party)
            if report.unparseable_dates:
                raise linkage.LinkageInputError(
                    f"{party}: {report.unparseable_dates} date(s) of birth could not be read (for example "
                    f"{', '.join(repr(x) for x in report.unparseable_examples)}). Fix or blank them, then "
                    "send the table again.")
            prepared = linkage.prepare(table, mapping, name=party)
        except AccessRefused:
            raise
        except (linkage.LinkageInputError, IngestError) as err:
            self._fail(party, "ingest", err)
            message = str(err) if isinstance(err, IngestError) else f"{err} Nothing in the hub was changed."
            raise IngestError(message) from err
        except Exception as err:  # noqa: BLE001 - any other failure is logged, then explained
            self._fail(party, "ingest", err)
            raise IngestError(f"{party}: the table could not be read ({type(err).__name__}). Nothing in the hub "
                              "was changed.") from err
        canonical = linkage.canonical_mapping(mapping)
        identity_cols = {col for role, col in canonical.items() if role != "record_id"}
        attr_cols = [c for c in table.columns if c not in identity_cols and c != canonical["record_id"]]
        pid = agreement.party_id
        keys = pseudonymize([f"{pid}|{i}" for i in prepared["record_id"]], self._key)
        ident = prepared.assign(party=party, record_key=keys).rename(columns={"record_id": "source_id"})
        ident = ident[["party", "record_key", "source_id", *IDENTITY_COLUMNS]]
        attrs = table[attr_cols].copy()  # categorical columns become DuckDB ENUMs (their order is kept)
        attrs.insert(0, "record_key", keys)
        detail = f"{len(table):,} records; identity fields kept apart; other fields: {', '.join(attr_cols) or 'none'}"
        try:
            self._con.begin()
            self._con.execute("DELETE FROM identities WHERE party = ?", [party])
            self._con.execute("DELETE FROM links WHERE party = ?", [party])
            if agreement.role == "district":
                self._con.execute("DELETE FROM links")
            self._con.register("_incoming_ident", ident)
            self._con.execute("INSERT INTO identities SELECT * FROM _incoming_ident")
            self._write_attributes(pid, attrs)
            self._make_views(pid, agreement.role)
            self._con.execute("INSERT OR REPLACE INTO submissions VALUES (?, coalesce((SELECT submission FROM "
                              "submissions WHERE party = ?), 0) + 1)", [party, party])
            self._log(party, "ingest", "done", detail)
            self._con.commit()
        except Exception as err:
            self._con.rollback()
            self._fail(party, "ingest", err)
            raise IngestError(f"{party}: the hub could not store the table ({type(err).__name__}). Nothing was "
                              "changed.") from err
        finally:
            for view in ("_incoming_ident", "_incoming_attrs"):
                try:
                    self._con.unregister(view)
                except Exception:  # noqa: BLE001
                    pass
        return IngestReceipt(party, len(table), tuple(attr_cols))

    def _write_attributes(self, pid: str, attrs: pd.DataFrame) -> None:
        self._con.register("_incoming_attrs", attrs)
        self._con.execute(f"CREATE OR REPLACE TABLE {quote('attributes_' + pid)} AS SELECT * FROM _incoming_attrs")

    def _make_views(self, pid: str, role: str) -> None:
        table = quote("attributes_" + pid)
        if role == "district":
            self._con.execute(f"CREATE OR REPLACE VIEW {quote(pid + '_records')} AS SELECT * FROM {table}")
            return
        # no link status here: a partner never learns, child by child, who is a district student
        self._con.execute(
            f"CREATE OR REPLACE VIEW {quote(pid + '_roster')} AS "
            f"SELECT i.source_id AS your_id, a.* FROM {table} a JOIN identities i ON i.record_key = a.record_key")

    def _submission(self, party: str) -> int:
        row = self._con.execute("SELECT submission FROM submissions WHERE party = ?", [party]).fetchone()
        return int(row[0]) if row else 0

    # -- identity level: the steward only ---------------------------------------------------------
    def identities(self, party: str, *, requested_by: Any = None) -> pd.DataFrame:
        """The standardized identity fields the hub holds for ``party``, in
        :func:`helpers.linkage.prepare` form. For the hub steward only (``requested_by`` must be
        the steward's name); every call, granted or refused, is in the audit log."""
        self._steward_only(requested_by, "identities", party)
        try:
            df = self._held(party)
        except HubError:
            self._log(self.steward, "identities", "failed", f"no records held for {party}")
            raise
        self._log(self.steward, "identities", "done", f"viewed identity fields of {len(df):,} records of {party}")
        return df

    def link(self, party: str, *, requested_by: Any = None, threshold: float = 0.9, today: Any = None,
             **options: Any) -> linkage.ProbabilisticLinkage:
        """Link ``party``'s records to the district's with splink and store the links (steward only).

        Returns the :class:`helpers.linkage.ProbabilisticLinkage` (IDs are the parties' own, for
        the steward's checking); the hub stores only pseudonymous keys. A partner learns only
        counts (:meth:`link_summary`). ``options`` go to :func:`helpers.linkage.link_probabilistic`
        (``engine=spark_session`` runs it on Spark).
        """
        self._check_today(today)
        self._steward_only(requested_by, "link", party)
        self._both_active(party, "link")
        district = self._district()
        if district.party == party:
            raise HubError("Link a partner to the district, not the district to itself.")
        left = self._held(party)
        right = self._held(district.party)
        try:
            result = linkage.link_probabilistic(left, right, threshold=threshold, **options)
        except Exception as err:
            self._fail(party, "link", err)
            raise
        links = result.links()
        run_id = self._con.execute("SELECT nextval('run_seq')").fetchone()[0]
        rows = pd.DataFrame({
            "party": party, "run_id": run_id, "submission": self._submission(party),
            "record_key": pseudonymize([f"{self.agreement(party).party_id}|{i}" for i in links["left_id"]], self._key),
            "person_key": pseudonymize([f"{DISTRICT_ID}|{i}" for i in links["right_id"]], self._key),
            "match_probability": links["match_probability"].astype(float),
            "linked_on": self.today,
        })
        try:
            self._con.begin()
            self._con.execute("DELETE FROM links WHERE party = ?", [party])
            self._con.register("_incoming_links", rows)
            self._con.execute("INSERT INTO links SELECT * FROM _incoming_links")
            self._log(party, "link", "done", f"run {run_id}: {len(links):,} of {len(left):,} records linked to the "
                      f"district at match probability >= {threshold}; results seen by {self.steward} only")
            self._con.commit()
        except Exception as err:
            self._con.rollback()
            self._fail(party, "link", err)
            raise
        finally:
            self._con.unregister("_incoming_links")
        return result

    def _held(self, party: str) -> pd.DataFrame:
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
