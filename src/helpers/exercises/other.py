"""Table answers (:class:`TableQuestion`) and anything else (:class:`CustomQuestion`).

Example:
    >>> import pandas as pd
    >>> t = TableQuestion("counts", expected=lambda: pd.Series({"A": 1, "B": 2}))
    >>> t.evaluate(pd.Series({"B": 2, "A": 1})).status
    'correct'
    >>> def at_least_ten(answer):
    ...     if answer < 10:
    ...         raise Incorrect("Riverbend promised cells under 10 are suppressed.")
    >>> c = CustomQuestion("min_cell", checker=at_least_ten, accepts=int, form="a whole number")
    >>> c.evaluate(12).status, c.evaluate("12").message
    ('correct', 'That is text. This question needs a whole number.')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

from .core import Computed, Incorrect, Question, what_is

__all__ = ["TableQuestion", "CustomQuestion"]


@dataclass(eq=False, kw_only=True, repr=False)
class TableQuestion(Question):
    """A pandas DataFrame or Series compared with an expected one.

    ``expected`` is usually a function of no arguments (computed from the data). ``columns``
    lists the columns that must be present and compared; index order is ignored unless
    ``check_order``.
    """

    expected: Any = Computed(None)
    columns: Sequence[str] | None = Computed(None)
    tolerance: float = Computed(1e-6)
    check_order: bool = False

    form = "a table (DataFrame) or a column of values (Series)"

    def empty_message(self) -> str:
        return "Your answer is empty text. This question needs a table: assign the table itself, without quotes."

    def read(self, answer: Any) -> Any:
        import pandas as pd

        if not isinstance(answer, (pd.DataFrame, pd.Series)):
            raise Incorrect(f"Expected a table (DataFrame) or a column of values (Series) but got {what_is(answer)}.")
        return answer

    def judge(self, answer: Any) -> str:
        import pandas as pd

        target = self.expected
        if isinstance(target, pd.Series):
            if not isinstance(answer, pd.Series):
                if answer.shape[1] != 1:
                    raise Incorrect("Expected a single column of values (a Series) but got a table with "
                                    f"{answer.shape[1]} columns.")
                answer = answer.iloc[:, 0]
            answer = answer.to_frame("value")
            target = target.to_frame("value")
        elif not isinstance(answer, pd.DataFrame):
            raise Incorrect("Expected a table (DataFrame) but got a single column of values (a Series).")
        columns = list(self.columns or target.columns)
        missing = [c for c in columns if c not in answer.columns]
        if missing:
            raise Incorrect(f"Your table is missing the column(s) {missing}. Check the names and spelling.")
        if len(answer) != len(target):
            raise Incorrect(f"Your table has {len(answer)} rows; it should have {len(target)}. "
                            "Did you filter or group by the right thing?")
        got, want = answer[columns], target[columns]
        if not self.check_order:
            try:
                got, want = got.sort_index(), want.sort_index()
            except TypeError:
                pass
        if not got.index.equals(want.index):
            raise Incorrect("Your rows are labelled differently. Did you group by the right column?")
        for col in columns:
            a, b = got[col], want[col]
            if isinstance(a, pd.DataFrame):
                raise Incorrect(f"Your table has more than one column called '{col}'. Keep one.")
            if pd.api.types.is_numeric_dtype(b) and pd.api.types.is_numeric_dtype(a):
                diff = (a.astype(float) - b.astype(float)).abs()
                both_nan = a.isna() & b.isna()
                if not ((diff <= self.tolerance) | both_nan).all():
                    raise Incorrect(f"The numbers in column '{col}' are not right yet. Re-check how you computed them.")
            elif not a.astype(str).equals(b.astype(str)):
                raise Incorrect(f"The values in column '{col}' are not right yet.")
        return self.correct_note

    def describe_answer(self) -> list[str]:
        target = self.expected
        shape = f"{len(target)} rows" if target is not None else "computed from the data"
        return [f"**Answer:** the table the solution computes ({shape}); the check computes it, so it follows "
                "the data."]


@dataclass(eq=False, kw_only=True, repr=False)
class CustomQuestion(Question):
    """Any other check: ``checker(answer)`` returns a note or raises :class:`Incorrect`.

    ``accepts`` (a type or tuple of types) turns away other kinds of answer with a message
    built from ``form`` ("a table (DataFrame)"), so the checker only sees what it can judge.
    The checker is a function of the answer, so it is not computed. An error inside it is
    reported as a problem in the course, not a wrong answer: raise :class:`Incorrect` for
    every answer it cannot accept.
    """

    checker: Callable[[Any], str | None] | None = None
    accepts: type | tuple[type, ...] | None = None
    form: str = "the kind of answer the exercise asks for"
    expected_text: str = Computed("")

    def read(self, answer: Any) -> Any:
        answer.__class__  # an object that raises on every look is not an answer  # noqa: B018
        if self.accepts is not None and not isinstance(answer, self.accepts):
            raise Incorrect(f"That is {what_is(answer)}. This question needs {self.form}.")
        return answer

    def judge(self, answer: Any) -> str:
        if self.checker is None:  # pragma: no cover - author error
            raise Incorrect("This question has no checker yet.")
        return self.checker(answer) or self.correct_note

    def describe_answer(self) -> list[str]:
        return [f"**Answer:** {self.expected_text}"] if self.expected_text else []
