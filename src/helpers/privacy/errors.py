"""The errors the privacy toolkit raises, each one saying what to fix.

All are ``ValueError`` (or ``KeyError``) subclasses, so ``except ValueError`` catches them.

Example:
    >>> issubclass(CountsTableError, ValueError), issubclass(MissingColumnError, KeyError)
    (True, True)
"""

from __future__ import annotations

from typing import Iterable

from helpers.validation import MissingColumnsError, require_columns


class PrivacyInputError(ValueError):
    """Something given to a privacy helper is not what it expects."""


class CountsTableError(PrivacyInputError):
    """A table of counts is empty, not numeric, negative, fractional or has blanks."""


class InconsistentTableError(PrivacyInputError):
    """A published table's cells and totals do not add up."""


class KeyRequirementError(PrivacyInputError):
    """A pseudonymization key is missing, too short or of the wrong kind."""


class KeyFileExistsError(PrivacyInputError, FileExistsError):
    """``save_key`` refused to overwrite an existing file."""


class MissingColumnError(MissingColumnsError):
    """A column the helper needs is not in the table (a ``KeyError`` and a ``ValueError``)."""

    def __init__(self, missing: Iterable[str], available: Iterable[str], table: str = "the table"):
        self.missing = list(missing)
        self.available = list(available)
        names = ", ".join(f"'{m}'" for m in self.missing)
        shown = ", ".join(f"'{a}'" for a in self.available[:25])
        more = " ..." if len(self.available) > 25 else ""
        word = "column" if len(self.missing) == 1 else "columns"
        super().__init__(
            f"{table.capitalize()} has no {word} {names}. Its columns are: {shown}{more}. "
            "Check the spelling, or rename the column first."
        )

    def __str__(self) -> str:  # KeyError would wrap the message in quotes
        return str(self.args[0]) if self.args else ""


def column_list(df, columns: Iterable[str], table: str = "the table") -> list[str]:
    """``columns`` as a list, after checking their form and (with the project's one
    :func:`helpers.validation.require_columns`) that ``df`` has them; a missing one raises
    :class:`MissingColumnError`.

    >>> import pandas as pd
    >>> column_list(pd.DataFrame({"zip": []}), "zip")
    ['zip']
    """
    import pandas as pd

    if isinstance(columns, (dict, set, frozenset, pd.DataFrame, pd.Series)):
        raise PrivacyInputError(
            f"Give column names as one name or a list of names, like ['zip', 'gender'], not a {type(columns).__name__}."
        )
    if not isinstance(columns, (list, tuple)) and not hasattr(columns, "tolist"):
        columns = [columns]
    columns = list(columns)
    for col in columns:
        try:
            hash(col)
        except TypeError:
            raise PrivacyInputError(
                f"{col!r} is not a column name. Give column names as text, like ['zip', 'gender']."
            ) from None
    if not columns:
        raise PrivacyInputError("No columns were given. Pass a list of column names, like ['zip', 'gender'].")
    require_columns(require_frame(df, table), columns, table, allow_empty=True, error=MissingColumnError)
    return columns


def require_frame(df, what: str = "the table"):
    """Raise a clear error unless ``df`` is a pandas DataFrame."""
    import pandas as pd

    if not isinstance(df, pd.DataFrame):
        raise PrivacyInputError(
            f"Expected {what} as a pandas DataFrame (a table) but got a {type(df).__name__}. "
            "Load or build the table first, for example with helpers.data.load(...)."
        )
    return df


def require_flag(value, name: str) -> bool:
    """``value`` as a bool, refusing text such as ``"no"`` (which Python treats as True).

    >>> require_flag(False, "suppress_zeros")
    False
    >>> require_flag("no", "suppress_zeros")
    Traceback (most recent call last):
    ...
    helpers.privacy.errors.PrivacyInputError: suppress_zeros must be True or False (without quotes), not 'no'.
    """
    import numpy as np

    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise PrivacyInputError(f"{name} must be True or False (without quotes), not {value!r}.")
