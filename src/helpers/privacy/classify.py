"""Classify columns: direct identifiers, quasi-identifiers, sensitive attributes, other.

* **direct** - identifies a person on its own (name, student ID, address, phone, email).
* **quasi** - harmless alone, identifying in combination (date of birth, ZIP, gender,
  school, grade, race/ethnicity, home language): the columns a linkage attack joins on.
* **sensitive** - what must not be tied to a person (disability plan, homelessness,
  foster care, discipline, attendance events).
* **none** ("other") - none of these (a school's public name, a program start date).

The Riverbend data dictionary (``datasets/datapackage.json``) records a class for every
column in its ``identifier`` property; :func:`classify_columns` reads it, and lets you
override single columns where your context differs (for example a school ID is a
quasi-identifier in a student file but not in a list of schools).

Example:
    >>> roles = classify_columns({"student_id": "direct", "zip": "quasi", "iep": "sensitive",
    ...                           "team": "other"}, overrides={"team": "quasi"})
    >>> roles.tolist()
    ['direct', 'quasi', 'sensitive', 'quasi']
    >>> columns_by_class(roles)["quasi"]
    ['zip', 'team']
"""

from __future__ import annotations

from typing import Any, Mapping

import pandas as pd

from .errors import PrivacyInputError

__all__ = ["CLASSES", "LABELS", "classify_columns", "columns_by_class", "normalize_class"]

#: The four classes, in the order tables show them.
CLASSES = ("direct", "quasi", "sensitive", "none")
#: Plain-language names for each class.
LABELS = {
    "direct": "direct identifier",
    "quasi": "quasi-identifier",
    "sensitive": "sensitive attribute",
    "none": "other",
}
_SYNONYMS = {
    "direct": "direct", "direct identifier": "direct", "direct-identifier": "direct", "identifier": "direct",
    "quasi": "quasi", "quasi-identifier": "quasi", "quasi identifier": "quasi", "indirect": "quasi",
    "indirect identifier": "quasi",
    "sensitive": "sensitive", "sensitive attribute": "sensitive",
    "none": "none", "other": "none", "neither": "none",
}


class ClassificationError(PrivacyInputError):
    """A column classification could not be understood."""


class UnknownSourceError(ClassificationError, KeyError):
    """``classify_columns`` was given a dataset name that does not exist (also a ``KeyError``)."""

    def __str__(self) -> str:  # KeyError would wrap the message in quotes
        return str(self.args[0]) if self.args else ""


def normalize_class(value: Any, column: str = "") -> str:
    """Map a class name or synonym to ``direct``, ``quasi``, ``sensitive`` or ``none``.

    >>> normalize_class("Quasi-identifier"), normalize_class("other")
    ('quasi', 'none')
    """
    if isinstance(value, str):
        key = " ".join(value.strip().lower().replace("_", " ").split())
        if key in _SYNONYMS:
            return _SYNONYMS[key]
    where = f" for column '{column}'" if column else ""
    raise ClassificationError(
        f"{value!r}{where} is not a class. Use one of 'direct', 'quasi', 'sensitive' or 'none' (other)."
    )


def _from_dictionary(resource: str) -> dict[str, str]:
    from helpers import data  # the data dictionary lives with the data loaders

    fields = data.describe(resource)
    return dict(zip(fields["name"], fields["identifier"]))


def classify_columns(source: Any, *, overrides: Mapping[str, str] | None = None) -> pd.Series:
    """The class of every column, as a Series indexed by column name (named ``identifier``).

    ``source`` is one of:

    * a dataset name (``"students"``): classes come from the data dictionary;
    * a dict ``{column: class}``;
    * a DataFrame with a ``name`` (or ``column``) column and an ``identifier`` (or
      ``class``) column, like :func:`helpers.data.describe` returns.

    ``overrides`` replaces the class of single columns (they must exist in ``source``).
    Class names accept synonyms ("quasi-identifier", "other").

    >>> classify_columns("students")[["student_id", "zip", "homeless"]].tolist()
    ['direct', 'quasi', 'sensitive']
    """
    if isinstance(source, str):
        try:
            mapping = _from_dictionary(source)
        except (KeyError, LookupError, ValueError, FileNotFoundError) as err:
            raise UnknownSourceError(
                f"Could not read the classes of dataset {source!r}: {str(err).strip(chr(34) + chr(39)).rstrip('.')}. "
                "You can also pass a dict {column: class} or a table."
            ) from None
    elif isinstance(source, pd.Series):
        mapping = source.to_dict()
    elif isinstance(source, Mapping):
        mapping = dict(source)
    elif isinstance(source, pd.DataFrame):
        name_col = next((c for c in ("name", "column") if c in source.columns), None)
        class_col = next((c for c in ("identifier", "class", "category") if c in source.columns), None)
        if name_col is None or class_col is None:
            raise ClassificationError(
                "A classification table needs a 'name' column (the column names) and an 'identifier' "
                f"column (their classes). This one has: {list(source.columns)}."
            )
        mapping = dict(zip(source[name_col], source[class_col]))
    else:
        raise ClassificationError(
            f"classify_columns() takes a dataset name, a dict or a table, not a {type(source).__name__}."
        )
    if not mapping:
        raise ClassificationError("There are no columns to classify.")
    if overrides is not None and not isinstance(overrides, Mapping):
        raise ClassificationError(
            f"overrides must be a dict {{column: class}}, for example {{'school_id': 'none'}}, not {overrides!r}."
        )
    roles = {str(col): normalize_class(cls, str(col)) for col, cls in mapping.items()}
    for col, cls in (overrides or {}).items():
        if col not in roles:
            raise ClassificationError(
                f"Cannot override '{col}': there is no such column. The columns are: {', '.join(roles)}."
            )
        roles[col] = normalize_class(cls, col)
    out = pd.Series(roles, name="identifier", dtype=object)
    out.index.name = "column"
    return out


def columns_by_class(roles: pd.Series | Mapping[str, str]) -> dict[str, list[str]]:
    """The columns of each class, in their original order (every class is present).

    >>> columns_by_class({"a": "direct", "b": "none"})
    {'direct': ['a'], 'quasi': [], 'sensitive': [], 'none': ['b']}
    """
    if isinstance(roles, pd.Series):
        roles = roles.to_dict()
    if not isinstance(roles, Mapping):
        raise ClassificationError(
            f"columns_by_class() takes the result of classify_columns() (or a dict {{column: class}}), "
            f"not a {type(roles).__name__}."
        )
    out: dict[str, list[str]] = {c: [] for c in CLASSES}
    for col, cls in roles.items():
        out[normalize_class(cls, str(col))].append(col)
    return out
