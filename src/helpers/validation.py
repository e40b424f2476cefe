"""Checks that a table has the shape a helper needs, with errors a non-programmer can act on.

Every helper that takes a table uses these (directly, or through a module's own error class
built on :class:`MissingColumnsError`), so one ``except MissingColumnsError`` catches a
missing column anywhere in the project.

Example:
    >>> import pandas as pd
    >>> require_columns(pd.DataFrame({"id": [1], "date": ["2025-09-02"]}), ["id", "date"]).shape
    (1, 2)
"""

from __future__ import annotations

from typing import Any, Iterable

import pandas as pd

__all__ = ["DataShapeError", "MissingColumnsError", "EmptyTableError", "NotATableError",
           "require_table", "require_columns"]


class DataShapeError(ValueError):
    """A table does not have the shape a helper needs (base class for the errors below)."""


class MissingColumnsError(KeyError, DataShapeError):
    """A table lacks columns a helper needs. The message names them and lists what exists."""

    def __str__(self) -> str:  # KeyError would otherwise wrap the message in quotes
        return str(self.args[0]) if self.args else ""


class EmptyTableError(DataShapeError):
    """A table has no rows, so there is nothing to compute."""


class NotATableError(TypeError, DataShapeError):
    """Something that is not a pandas DataFrame was passed where a table is needed."""


def require_table(df: Any, name: str = "table", *, allow_empty: bool = False) -> pd.DataFrame:
    """Return ``df`` if it is a non-empty DataFrame, else raise an error that says what to do.

    ``allow_empty=True`` accepts a table with columns but no rows (for example an
    attendance file in a week when nobody was absent).

    >>> require_table([1, 2], "attendance")
    Traceback (most recent call last):
    ...
    helpers.validation.NotATableError: attendance should be a table (a pandas DataFrame) but is a list. Load it with helpers.data.load("attendance") or pd.read_csv(...).
    """
    if not isinstance(df, pd.DataFrame):
        raise NotATableError(
            f"{name} should be a table (a pandas DataFrame) but is a {type(df).__name__}. "
            f'Load it with helpers.data.load("{name}") or pd.read_csv(...).'
        )
    if df.empty and not (allow_empty and len(df.columns)):
        raise EmptyTableError(
            f"{name} has no rows. Check the filter you applied before this step "
            "(for example a school year or school ID that does not exist)."
        )
    return df


def require_columns(
    df: Any, columns: Iterable[str], name: str = "table", *, allow_empty: bool = False
) -> pd.DataFrame:
    """Check that ``df`` is a non-empty table with ``columns``; name any that are missing.

    >>> import pandas as pd
    >>> require_columns(pd.DataFrame({"id": [1]}), ["id", "date"], "attendance")
    Traceback (most recent call last):
    ...
    helpers.validation.MissingColumnsError: attendance is missing the column 'date'. It has: 'id'. Check the spelling, or rename a column with df.rename(columns={"old": "new"}).
    """
    require_table(df, name, allow_empty=allow_empty)
    missing = [c for c in columns if c not in df.columns]
    if missing:
        plural = "s" if len(missing) > 1 else ""
        have = ", ".join(repr(str(c)) for c in df.columns)
        raise MissingColumnsError(
            f"{name} is missing the column{plural} {', '.join(repr(c) for c in missing)}. "
            f"It has: {have}. Check the spelling, or rename a column with "
            'df.rename(columns={"old": "new"}).'
        )
    return df
