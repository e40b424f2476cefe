"""Checked exercises: ``check()``, graduated ``hint()`` and ``solution()``.

The pattern follows Kaggle's learntools: each lesson has small question objects
(see ``helpers.checks``). A learner writes an answer into a variable that starts
as the placeholder ``____``, then calls ``q.check(answer)``. The check reports one
of three things and never raises, whatever it is given:

* **Correct** - with a short note on why it matters;
* **Not quite** - with a message aimed at the likely mistake, never the answer;
* **Not attempted yet** - the answer is still the placeholder (so "Run All" on a
  fresh notebook is safe).

Example:
    >>> from helpers.exercises import NumberQuestion, ____
    >>> q = NumberQuestion("warmup", expected=12, hints=["Count the rows."])
    >>> q.evaluate(____).status
    'unattempted'
    >>> q.evaluate(12).status
    'correct'
    >>> q.evaluate("twelve").status
    'incorrect'

Nothing is recorded or sent anywhere: there is no tracking of learners.
"""

from __future__ import annotations

import html
import math
import numbers
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence

__all__ = [
    "____",
    "Placeholder",
    "Result",
    "Question",
    "NumberQuestion",
    "ChoiceQuestion",
    "PickItemsQuestion",
    "TableQuestion",
    "CustomQuestion",
    "Incorrect",
]


class Placeholder:
    """The blank a learner replaces. It does nothing, so 'Run All' never fails on it."""

    _instance: "Placeholder | None" = None

    def __new__(cls) -> "Placeholder":  # a single shared blank
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "____"

    def __bool__(self) -> bool:
        return False


#: The placeholder learners replace with their answer.
____ = Placeholder()


def is_placeholder(value: Any) -> bool:
    """True when ``value`` is (or still contains) the placeholder ``____``."""
    if isinstance(value, Placeholder):
        return True
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(isinstance(v, Placeholder) for v in value)
    if isinstance(value, str) and value.strip() == "____":
        return True
    return False


class Incorrect(Exception):
    """Raised *inside* a checker to say "not quite", with a learner-facing message."""


@dataclass(frozen=True)
class Result:
    """What a check concluded. ``status`` is 'correct', 'incorrect' or 'unattempted'."""

    status: str
    message: str
    question: str = ""

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    _LABELS = {"correct": "Correct", "incorrect": "Not quite", "unattempted": "Not attempted yet"}
    _COLOURS = {"correct": "#0b6e4f", "incorrect": "#8a3b00", "unattempted": "#44546a"}
    _ICONS = {"correct": "\u2714", "incorrect": "\u2716", "unattempted": "\u2026"}

    def __str__(self) -> str:
        head = f"{self._LABELS[self.status]}"
        if self.question:
            head += f" ({self.question})"
        return f"{head}: {self.message}" if self.message else head

    __repr__ = __str__

    def _repr_html_(self) -> str:
        colour = self._COLOURS[self.status]
        label = self._LABELS[self.status]
        name = f" <small>({html.escape(self.question)})</small>" if self.question else ""
        return (
            f'<div role="status" style="border-left:4px solid {colour};padding:4px 10px;'
            f'margin:4px 0;color:{colour}"><strong>{self._ICONS[self.status]} {label}</strong>'
            f"{name}: <span style=\"color:#222\">{html.escape(self.message)}</span></div>"
        )


def _show(obj: Any) -> None:
    """Display in a notebook when IPython is around, else print."""
    try:
        from IPython.display import display

        display(obj)
    except Exception:  # pragma: no cover - only without IPython
        print(obj)


@dataclass(frozen=True)
class Text:
    """A block of Markdown shown for hints and solutions."""

    text: str
    kind: str = "Hint"

    def __str__(self) -> str:
        return f"{self.kind}: {self.text}"

    __repr__ = __str__

    def _repr_markdown_(self) -> str:
        return f"**{self.kind}:** {self.text}"


@dataclass(eq=False)
class Question:
    """Base class for one checked exercise.

    Subclasses implement :meth:`judge`, which returns a short "correct" note or raises
    :class:`Incorrect` with a message aimed at the mistake. Everything else (placeholder
    handling, never raising, hints, solution) lives here.
    """

    name: str
    hints: Sequence[str] = field(default_factory=tuple)
    solution_text: str = ""
    correct_note: str = "Well done."
    _hints_shown: int = field(default=0, init=False, repr=False)

    # -- to override ------------------------------------------------------
    def judge(self, answer: Any) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    # -- learner API ------------------------------------------------------
    def evaluate(self, answer: Any = ____) -> Result:
        """Judge ``answer`` and return a :class:`Result`. Never raises."""
        try:
            if is_placeholder(answer):
                return Result(
                    "unattempted",
                    "Replace ____ with your answer, run the cell, then check again.",
                    self.name,
                )
            if answer is None:
                raise Incorrect(
                    "Your answer is None (nothing). Did you print() the value instead of "
                    "assigning it, or forget to return it?"
                )
            if isinstance(answer, str) and not answer.strip():
                raise Incorrect("Your answer is an empty piece of text. Type your answer between the quotes.")
            note = self.judge(answer)
            return Result("correct", note or self.correct_note, self.name)
        except Incorrect as wrong:
            return Result("incorrect", str(wrong), self.name)
        except Exception as err:  # any learner object, any failure: explain, don't crash
            kind = type(err).__name__
            return Result(
                "incorrect",
                f"Checking your answer caused an error ({kind}). Look at what you assigned: "
                "is it the kind of thing the question asks for (a number, a list, a table)?",
                self.name,
            )

    def check(self, answer: Any = ____) -> None:
        """Show whether ``answer`` is correct. Safe to run on an unanswered exercise."""
        _show(self.evaluate(answer))

    def hint(self, n: int | None = None) -> None:
        """Show the next hint (or hint number ``n``). Hints get more specific each time."""
        if not self.hints:
            _show(Text("There are no hints for this one. Try solution() if you are stuck."))
            return
        if n is None:
            n = min(self._hints_shown + 1, len(self.hints))
        n = max(1, min(int(n), len(self.hints)))
        self._hints_shown = max(self._hints_shown, n)
        label = "Hint" if len(self.hints) == 1 else f"Hint {n} of {len(self.hints)}"
        _show(Text(self.hints[n - 1], label))

    def solution(self) -> None:
        """Show a worked solution."""
        _show(Text(self.solution_text or "See the solutions/ notebook for this lesson.", "Solution"))


def _as_number(answer: Any) -> float:
    if isinstance(answer, bool):
        raise Incorrect("That is True/False. This question needs a number.")
    if isinstance(answer, numbers.Number):
        value = float(answer)  # type: ignore[arg-type]
    else:
        item = getattr(answer, "item", None)  # numpy / pandas scalars, 1-element arrays
        if callable(item):
            try:
                value = float(item())
            except Exception:
                value = math.nan
        else:
            if isinstance(answer, str):
                raise Incorrect(
                    "That is text (it has quotes around it). Give the number itself, "
                    "without quotes."
                )
            raise Incorrect(
                f"That is a {type(answer).__name__}, not a single number. "
                "Did you mean to pick one value out of it?"
            )
    if math.isnan(value):
        raise Incorrect("That number is missing (NaN). Check for blank values in the data.")
    return value


@dataclass(eq=False)
class NumberQuestion(Question):
    """A single number, compared with a tolerance.

    ``expected`` may be a value or a function of no arguments (computed from the data,
    so answers are never hard-coded). ``mistakes`` maps a known wrong value to a message
    about that mistake, for example the result of forgetting to divide by 100.
    """

    expected: Any = None
    tolerance: float = 1e-6
    relative: bool = False
    mistakes: Mapping[float, str] | Callable[[], Mapping[float, str]] = field(default_factory=dict)

    def _expected(self) -> float:
        return float(self.expected() if callable(self.expected) else self.expected)

    def _close(self, a: float, b: float) -> bool:
        tol = self.tolerance * abs(b) if self.relative else self.tolerance
        return abs(a - b) <= tol

    def judge(self, answer: Any) -> str:
        value = _as_number(answer)
        target = self._expected()
        if self._close(value, target):
            return self.correct_note
        mistakes = self.mistakes() if callable(self.mistakes) else self.mistakes
        for wrong, message in mistakes.items():
            if self._close(value, float(wrong)):
                raise Incorrect(message)
        if target != 0 and self._close(value * 100, target):
            raise Incorrect("Close: your answer looks like a fraction. This asks for a percent.")
        if target != 0 and self._close(value / 100, target):
            raise Incorrect("Close: your answer looks like a percent. This asks for a fraction (0 to 1).")
        direction = "high" if value > target else "low"
        raise Incorrect(f"Your number is too {direction}. Re-read the definition, then try again.")


def _norm(text: Any) -> str:
    return " ".join(str(text).strip().lower().split())


@dataclass(eq=False)
class ChoiceQuestion(Question):
    """Pick one option (a scenario decision).

    ``options`` maps a short key ("a", "b", ...) to its text; the learner may answer with
    the key or the text. ``feedback`` maps a wrong key to a message on why that choice
    falls short.
    """

    options: Mapping[str, str] = field(default_factory=dict)
    answer: str = ""
    feedback: Mapping[str, str] = field(default_factory=dict)

    def _key_for(self, answer: Any) -> str:
        if not isinstance(answer, str):
            raise Incorrect(
                f"Answer with the letter of your choice in quotes, for example \"{next(iter(self.options), 'a')}\"."
            )
        given = _norm(answer).strip("()")
        for key, text in self.options.items():
            if given == _norm(key) or given == _norm(text):
                return key
        keys = ", ".join(f'"{k}"' for k in self.options)
        raise Incorrect(f"'{answer}' is not one of the options. Choose one of {keys}.")

    def judge(self, answer: Any) -> str:
        key = self._key_for(answer)
        if key == self.answer:
            return self.correct_note
        raise Incorrect(self.feedback.get(key, "That option does not fit the situation best. Re-read the scenario."))

    def show_options(self) -> None:
        """List the options."""
        lines = "\n".join(f"- **{k}**: {v}" for k, v in self.options.items())
        _show(Text("\n" + lines, "Options"))


@dataclass(eq=False)
class PickItemsQuestion(Question):
    """Pick every item that belongs (for example the minimal fields for a question).

    ``why_not`` maps an item that should not be picked to the reason, shown when a
    learner includes it. Missing items are reported by count only, so the answer is
    not given away.
    """

    options: Sequence[str] | Callable[[], Sequence[str]] = field(default_factory=tuple)
    answer: Iterable[str] | Callable[[], Iterable[str]] = field(default_factory=frozenset)
    why_not: Mapping[str, str] = field(default_factory=dict)

    def current_options(self) -> list[str]:
        """The options, computed now if they come from the data."""
        return list(self.options() if callable(self.options) else self.options)

    def current_answer(self) -> list[str]:
        """The right picks, computed now if they come from the data."""
        return list(self.answer() if callable(self.answer) else self.answer)

    def judge(self, answer: Any) -> str:
        if isinstance(answer, str):
            answer = [answer]
        if not isinstance(answer, (list, tuple, set, frozenset)):
            raise Incorrect('Give your picks as a list in square brackets, like ["a", "b"].')
        lookup = {_norm(o): o for o in self.current_options()}
        picked: set[str] = set()
        for item in answer:
            key = _norm(item)
            if key not in lookup:
                raise Incorrect(f"'{item}' is not one of the options. Check the spelling against the list.")
            picked.add(lookup[key])
        wanted = {lookup[_norm(a)] for a in self.current_answer()}
        extra = sorted(picked - wanted)
        missing = wanted - picked
        if extra:
            reasons = [self.why_not.get(e, "") for e in extra]
            detail = " ".join(f"'{e}': {r}" for e, r in zip(extra, reasons) if r)
            n = len(extra)
            raise Incorrect(
                f"{n} of your picks {'is' if n == 1 else 'are'} not needed ({', '.join(extra)}). "
                + (detail or "Would the answer change without it?")
            )
        if missing:
            n = len(missing)
            raise Incorrect(
                f"Everything you picked is needed, but {n} more item{'s are' if n > 1 else ' is'} "
                "needed too. What else must you know to answer the question?"
            )
        return self.correct_note


@dataclass(eq=False)
class TableQuestion(Question):
    """A pandas DataFrame or Series compared with an expected one.

    ``expected`` may be a function of no arguments. ``columns`` lists the columns that
    must be present and compared; index order is ignored unless ``check_order``.
    """

    expected: Any = None
    columns: Sequence[str] | None = None
    tolerance: float = 1e-6
    check_order: bool = False

    def judge(self, answer: Any) -> str:
        import pandas as pd

        target = self.expected() if callable(self.expected) else self.expected
        if isinstance(target, pd.Series):
            if not isinstance(answer, pd.Series):
                if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
                    answer = answer.iloc[:, 0]
                else:
                    raise Incorrect(
                        f"Expected a single column of values (a Series) but got a {type(answer).__name__}."
                    )
            answer = answer.to_frame("value")
            target = target.to_frame("value")
        elif not isinstance(answer, pd.DataFrame):
            raise Incorrect(f"Expected a table (DataFrame) but got a {type(answer).__name__}.")
        columns = list(self.columns or target.columns)
        missing = [c for c in columns if c not in answer.columns]
        if missing:
            raise Incorrect(f"Your table is missing the column(s) {missing}. Check the names and spelling.")
        if len(answer) != len(target):
            raise Incorrect(
                f"Your table has {len(answer)} rows; it should have {len(target)}. "
                "Did you filter or group by the right thing?"
            )
        got = answer[columns]
        want = target[columns]
        if not self.check_order:
            try:
                got = got.sort_index()
                want = want.sort_index()
            except TypeError:
                pass
        if not got.index.equals(want.index):
            raise Incorrect("Your rows are labelled differently. Did you group by the right column?")
        for col in columns:
            a, b = got[col], want[col]
            if pd.api.types.is_numeric_dtype(b) and pd.api.types.is_numeric_dtype(a):
                diff = (a.astype(float) - b.astype(float)).abs()
                both_nan = a.isna() & b.isna()
                if not ((diff <= self.tolerance) | both_nan).all():
                    raise Incorrect(f"The numbers in column '{col}' are not right yet. Re-check how you computed them.")
            elif not a.astype(str).equals(b.astype(str)):
                raise Incorrect(f"The values in column '{col}' are not right yet.")
        return self.correct_note


@dataclass(eq=False)
class CustomQuestion(Question):
    """Any other check: ``checker(answer)`` returns a note or raises :class:`Incorrect`."""

    checker: Callable[[Any], str | None] | None = None

    def judge(self, answer: Any) -> str:
        if self.checker is None:  # pragma: no cover - author error
            raise Incorrect("This question has no checker yet.")
        return self.checker(answer) or self.correct_note
