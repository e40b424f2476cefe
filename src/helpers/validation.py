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

import math
import numbers
from typing import Any, Iterable

import pandas as pd

__all__ = ["DataShapeError", "MissingColumnsError", "EmptyTableError", "NotATableError",
           "missing_columns_message", "require_table", "require_columns", "require_number"]


class DataShapeError(ValueError):
    """A table does not have the shape a helper needs (base class for the errors below)."""


class MissingColumnsError(KeyError, DataShapeError):
    """A table lacks columns a helper needs. The message names them and lists what exists.

    Besides the message, the error carries the facts: ``missing`` (the columns asked for
    that are not there), ``available`` (the table's columns) and ``table`` (its name), so
    code can act on them without reading the text. A module's own missing-column error
    subclasses this one, so ``except MissingColumnsError`` catches a missing column
    anywhere in the project.

    >>> err = MissingColumnsError("attendance lacks 'date'.", missing=["date"], available=["id"])
    >>> err.missing, err.available, str(err)
    (['date'], ['id'], "attendance lacks 'date'.")
    """

    #: Defaults when an error is raised with a message only.
    missing: list[str] = []
    available: list[str] = []
    table: str = "table"

    def __init__(
        self,
        message: str | None = None,
        *,
        missing: Iterable[Any] | None = None,
        available: Iterable[Any] | None = None,
        table: str | None = None,
    ) -> None:
        # Attributes are set only when given, so a subclass may set them before calling this.
        if missing is not None:
            self.missing = [str(c) for c in missing]
        if available is not None:
            self.available = [str(c) for c in available]
        if table is not None:
            self.table = table
        if message is None:
            message = missing_columns_message(self.missing, self.available, self.table)
        super().__init__(message)

    def __str__(self) -> str:  # KeyError would otherwise wrap the message in quotes
        return str(self.args[0]) if self.args else ""


def missing_columns_message(missing: Iterable[Any], available: Iterable[Any], table: str = "table") -> str:
    """The standard sentence for missing columns: what is missing, what exists, what to try.

    Long column lists are cut after 25 names.

    >>> print(missing_columns_message(["date"], ["id", "event"], "attendance"))
    attendance is missing the column 'date'. It has: 'id', 'event'. Check the spelling, or rename a column with df.rename(columns={"old": "new"}).
    """
    missing = [str(c) for c in missing]
    available = [str(c) for c in available]
    plural = "s" if len(missing) > 1 else ""
    have = ", ".join(repr(c) for c in available[:25]) or "no columns"
    if len(available) > 25:
        have += f" ... ({len(available) - 25} more)"
    return (
        f"{table} is missing the column{plural} {', '.join(repr(c) for c in missing)}. "
        f"It has: {have}. Check the spelling, or rename a column with "
        'df.rename(columns={"old": "new"}).'
    )


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
    df: Any,
    columns: str | Iterable[str],
    name: str = "table",
    *,
    allow_empty: bool = False,
    error: type[MissingColumnsError] = MissingColumnsError,
) -> pd.DataFrame:
    """Check that ``df`` is a non-empty table with ``columns``; name any that are missing.

    ``columns`` is one name or a list of names. Returns ``df`` unchanged, so a helper can
    write ``df = require_columns(df, [...], "attendance")``. ``error`` is the class raised
    for missing columns (a module's own subclass of :class:`MissingColumnsError`).

    >>> import pandas as pd
    >>> require_columns(pd.DataFrame({"id": [1]}), ["id", "date"], "attendance")
    Traceback (most recent call last):
    ...
    helpers.validation.MissingColumnsError: attendance is missing the column 'date'. It has: 'id'. Check the spelling, or rename a column with df.rename(columns={"old": "new"}).
    >>> try:
    ...     require_columns(pd.DataFrame({"id": [1]}), "date", "attendance")
    ... except MissingColumnsError as err:
    ...     print(err.missing, err.available, err.table)
    ['date'] ['id'] attendance
    """
    if not (isinstance(error, type) and issubclass(error, MissingColumnsError)):
        raise TypeError(f"error must be MissingColumnsError or a subclass of it; got {error!r}.")
    require_table(df, name, allow_empty=allow_empty)
    wanted = [columns] if isinstance(columns, str) else list(columns)
    missing = [c for c in wanted if c not in df.columns]
    if missing:
        raise error(missing=missing, available=list(df.columns), table=name)
    return df


def require_number(
    value: Any,
    name: str,
    *,
    at_least: float | None = None,
    above: float | None = None,
    at_most: float | None = None,
    whole: bool = False,
    meaning: str = "",
    error: type[Exception] = ValueError,
) -> Any:
    """Return ``value`` if it is a number in range, else raise ``error`` saying what is expected.

    ``at_least`` / ``above`` give the lower bound (inclusive / exclusive), ``at_most`` the
    upper one; ``whole=True`` asks for a whole number (an ``int``). ``meaning`` is a short
    reminder of what the setting means, shown in the message. True/False and NaN are
    never accepted as numbers.

    >>> require_number(0.5, "threshold", at_least=0, at_most=1)
    0.5
    >>> require_number(0, "min_group", at_least=1, whole=True)
    Traceback (most recent call last):
    ...
    ValueError: min_group should be a whole number of at least 1, not 0.
    >>> require_number(50, "threshold", at_least=0, at_most=1, meaning="0.5 = half the staff")
    Traceback (most recent call last):
    ...
    ValueError: threshold should be a number from 0 to 1 (0.5 = half the staff), not 50.
    """
    kinds = (numbers.Integral,) if whole else (numbers.Real,)
    ok = isinstance(value, kinds) and not isinstance(value, bool) and not math.isnan(value)
    if ok:
        ok = ((at_least is None or value >= at_least) and (above is None or value > above)
              and (at_most is None or value <= at_most))
    if ok:
        return value
    low = f"above {above:g}" if above is not None else f"at least {at_least:g}" if at_least is not None else ""
    if low and at_most is not None:
        bounds = f"from {at_least:g} to {at_most:g}" if at_least is not None else f"{low} and at most {at_most:g}"
    elif low:
        bounds = low if above is not None else f"of {low}"
    else:
        bounds = f"of at most {at_most:g}" if at_most is not None else ""
    kind = "a whole number" if whole else "a number"
    note = f" ({meaning})" if meaning else ""
    raise error(f"{name} should be {' '.join(filter(None, [kind, bounds]))}{note}, not {value!r}.")
