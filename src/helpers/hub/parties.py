"""Who may do what in the hub: errors, party identifiers, agreements, quoting names for SQL.

Every party gets an identifier made from its name (lower case letters, digits and
underscores). Two names with the same identifier ("Bright Futures", "Bright-Futures") are
refused, so no party can read or overwrite another's tables; ``district`` (and ``hub``,
``steward``) are reserved for the hub itself. Every name that reaches SQL as an identifier
is quoted by :func:`quote` (a ``"`` inside it is doubled); every value is passed as a parameter.

>>> party_id("Bright Futures After-School")
'bright_futures_after_school'
>>> quote('a"b')
'"a""b"'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from helpers.linkage import parse_date

__all__ = ["HubError", "IngestError", "AccessRefused", "Agreement", "party_id", "quote", "as_date",
           "RESERVED", "DISTRICT_ID"]

#: Identifiers no partner may take.
RESERVED = ("district", "hub", "steward", "identities", "links", "agreements", "audit_log")
#: The district's tables always use this identifier, whatever the district is called.
DISTRICT_ID = "district"


class HubError(ValueError):
    """The hub was asked for something it cannot do as asked (the message says what to fix)."""


class IngestError(HubError):
    """A table could not be taken in; nothing in the hub changed."""


class AccessRefused(PermissionError):
    """The hub refused a request under the agreements (the refusal is in the audit log)."""


def as_date(value: Any, what: str) -> dt.date:
    """A date from a date or text like '2026-06-30' (HubError otherwise)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    parsed = parse_date(value) if isinstance(value, str) else None
    if parsed is None:
        raise HubError(f"{what} must be a date like '2026-06-30', not {value!r}.")
    return parsed


def party_id(name: Any) -> str:
    """A party's identifier: its name in lower case, runs of other characters as one underscore.

    >>> party_id("Kids' Club #2")
    'kids_club_2'
    """
    if not isinstance(name, str) or not name.strip():
        raise HubError(f"A party needs a name (text), not {name!r}.")
    if len(name) > 80 or any(ord(ch) < 32 for ch in name):
        raise HubError("A party's name must be one line of at most 80 characters.")
    text = re.sub(r"[^a-z0-9]+", "_", name.casefold()).strip("_")
    if not text:
        raise HubError(f"A party needs a name with letters or digits, not {name!r}.")
    return text


def quote(identifier: Any) -> str:
    """A table, view or column name quoted for SQL (any ``"`` inside is doubled)."""
    text = str(identifier)
    if "\x00" in text:
        raise HubError("A field name cannot contain a NUL character.")
    return '"' + text.replace('"', '""') + '"'


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
    party_id: str = ""

    def active(self, today: dt.date) -> bool:
        """True from the day it is signed to the day it expires, both included."""
        return self.signed_on <= today <= self.expires
