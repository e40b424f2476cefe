"""A trusted local data hub in one embedded database file (DuckDB): agreements, linkage, safe outputs.

A hub is the one place a district and its partners trust with their records. This one:

* **ingests** each party's table only under a signed agreement in force (party, purpose, the
  fields it may send, the district fields it may see in reports, start and expiry), and only
  the fields the agreement lists. Parties have unique identifiers; ``district`` is reserved;
* keeps identities (names, dates of birth, IDs, contact details) apart from everything else,
  and keys every record with a **keyed pseudonym** (:func:`helpers.privacy.pseudonymize`).
  The key is held by the :class:`Hub` object, never written to the database;
* **links** a partner's records to the district's (:mod:`helpers.linkage`), on DuckDB or, at
  state scale, on Apache Spark (``engine=``). Linkage, identity-level views and the Parquet
  export and load of identities and links (:mod:`helpers.hub.storage`) are for the
  **steward** only (``requested_by=hub.steward``) and logged;
* gives each partner only its own roster view (without link status), link **counts**, and
  **reports** of counts that pass :func:`helpers.privacy.suppress_small_cells`, after checking
  its own *and* the district's agreement, and refusing reports that could be differenced
  (see :mod:`helpers.hub.reports` for the rule and its limits);
* keeps its own **clock**: the real date, or a training date the steward sets once when opening
  the hub (recorded in the log). Callers cannot set the date;
* writes every opening, agreement, ingest, link, identity access, report, refusal and failure to
  an **audit log**, in the same transaction as the change it records. The log holds no names,
  IDs or birth dates.

Example:
    >>> import pandas as pd
    >>> from helpers.privacy import generate_key
    >>> hub = Hub(key=generate_key(), training_date="2025-09-15")
    >>> _ = hub.sign_agreement("district", role="district", purpose="improve attendance supports",
    ...     shares=["student_id", "first_name", "last_name", "dob", "school_id"],
    ...     may_see=[], expires="2026-06-30", signed_on="2025-08-01")
    >>> students = pd.DataFrame({"student_id": ["S1", "S2"], "first_name": ["Ana", "Ben"],
    ...     "last_name": ["Ruiz", "Okafor"], "dob": ["2014-03-09", "2013-05-01"], "school_id": ["E01", "E02"]})
    >>> print(hub.ingest("district", students, {"record_id": "student_id", "first_name": "first_name",
    ...     "last_name": "last_name", "date_of_birth": "dob"}))
    district: stored 2 records (identities kept apart; other fields: school_id).
    >>> hub.audit_log()[["party", "action", "outcome"]].values.tolist()
    [['steward', 'open hub', 'done'], ['district', 'sign agreement', 'done'], ['district', 'ingest', 'done']]
    >>> hub.close()
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from .parties import AccessRefused, Agreement, HubError, IngestError, party_id, quote
from .reports import HubReports
from .storage import HubStorage

__all__ = ["Hub", "Agreement", "IngestReceipt", "ReportResponse", "HubError", "IngestError",
           "AccessRefused", "request_report", "party_id", "quote"]


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


class Hub(HubReports, HubStorage):
    """A data hub stored in ``folder/name`` (a new temporary folder by default).

    ``key`` is the hub's secret for keyed pseudonyms (at least 32 characters; make one with
    :func:`helpers.privacy.generate_key`). It stays in memory. Reopening an existing hub file
    with a different key is refused, because the pseudonyms would no longer line up.
    ``min_cell`` is the smallest count a report may show; ``suppress_zeros`` also hides
    zeros (a partner knows who its participants are, so "0 chronically absent at E01" tells
    it something about every one of them). ``training_date`` sets the hub's clock for a
    training session (otherwise the real date); ``steward`` is the name the steward gives as
    ``requested_by`` for identity-level calls.
    """


def request_report(hub: Hub, party: str, *, by: str, measure: str, today: Any = None) -> ReportResponse:
    """:meth:`Hub.report` that never raises: a granted table, or the refusal as a message
    (for forms and widgets)."""
    try:
        table = hub.report(party, by=by, measure=measure, today=today)
    except (AccessRefused, HubError) as err:
        return ReportResponse(False, str(err))
    hidden = int(table.isna().sum().sum())
    return ReportResponse(True, f"Granted: counts by {by} and {measure}; {hidden} small or revealing "
                                f"cell(s) hidden.", table)
