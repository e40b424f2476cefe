"""The errors the people toolkit raises, each one saying what to fix.

All are ``ValueError`` or ``KeyError`` subclasses. A missing column is a
:class:`helpers.validation.MissingColumnsError` too, like anywhere in the project.

Example:
    >>> issubclass(PlanError, PeopleError), issubclass(MissingColumnError, KeyError)
    (True, True)
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.validation import MissingColumnsError

__all__ = ["PeopleError", "SurveyError", "PlanError", "MissingColumnError", "UnknownResponsibilityError",
           "require_frame"]


class PeopleError(ValueError):
    """Base class: a survey, plan or setting this module cannot use, with what to fix."""


class SurveyError(PeopleError):
    """A skills survey is missing columns or has ratings outside the scale."""


class PlanError(PeopleError):
    """A training plan is missing columns or has impossible values."""


class MissingColumnError(MissingColumnsError):
    """A needed column is not in the table (the message says which, and what to try)."""


class UnknownResponsibilityError(KeyError):
    """A task that is not in :data:`helpers.people.roles.RESPONSIBILITIES`."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "Unknown responsibility."


def require_frame(table: Any, what: str) -> pd.DataFrame:
    """Return ``table`` if it is a pandas DataFrame, else raise :class:`PeopleError` saying so.

    >>> require_frame([1, 2], "survey")
    Traceback (most recent call last):
    ...
    helpers.people.errors.PeopleError: The survey should be a table (a pandas DataFrame), but got a list.
    """
    if not isinstance(table, pd.DataFrame):
        raise PeopleError(f"The {what} should be a table (a pandas DataFrame), but got a {type(table).__name__}.")
    return table
