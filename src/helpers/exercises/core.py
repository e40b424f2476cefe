"""The parts every checked question shares: the blank, results, computed fields, the base class.

A question's fields (options, answer, feedback, expected values, hints ...) hold either a
value or a function of no arguments that computes it from the data. :class:`Computed` is
the one accessor that resolves them: reading ``q.options`` calls the function then, never
at import, so importing a checks module does no work.

Example:
    >>> from helpers.exercises import NumberQuestion
    >>> calls = []
    >>> q = NumberQuestion("n", expected=lambda: calls.append(1) or 3)
    >>> calls  # nothing computed yet
    []
    >>> q.expected, calls
    (3, [1])
    >>> q.evaluate(3).status
    'correct'
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from typing import Any, ClassVar, Sequence

__all__ = ["____", "Placeholder", "is_placeholder", "Incorrect", "Result", "Text", "Computed", "resolve",
           "Question", "DEBUG_VARIABLE"]

#: Set this environment variable to 1 to re-raise errors inside checkers (for course authors).
DEBUG_VARIABLE = "HELPERS_DEBUG"


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
    """True when ``value`` is (or still contains) the placeholder ``____``.

    >>> is_placeholder(____), is_placeholder(["a", ____]), is_placeholder("____"), is_placeholder("b")
    (True, True, True, False)
    >>> is_placeholder({"zip": "quasi", "iep": "____"})
    True
    """
    if isinstance(value, Placeholder):
        return True
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(is_placeholder(v) for v in value if isinstance(v, (Placeholder, str)))
    if isinstance(value, dict):  # a template such as {"zip": "____", ...} still being filled in
        return any(is_placeholder(v) for v in value.values() if isinstance(v, (Placeholder, str)))
    if isinstance(value, str) and value.strip().strip("\"'") == "____":
        return True
    return False


class Incorrect(Exception):
    """Raised *inside* a checker to say "not quite", with a learner-facing message."""


def resolve(value: Any) -> Any:
    """A field's value: ``value()`` when it is a function of no arguments, else ``value``.

    >>> resolve(3), resolve(lambda: 4)
    (3, 4)
    """
    return value() if callable(value) else value


class Computed:
    """A question field that holds a value or a function of no arguments computing it.

    Reading the field calls the function each time (the helpers it calls cache their data),
    so answers follow the data and nothing is computed when a checks module is imported.
    ``Question.raw(name)`` gives what was stored, uncomputed.
    """

    def __init__(self, default: Any = None):
        self.default = default

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name
        self.slot = f"_raw_{name}"

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:  # class access: dataclasses read the default this way
            return self.default
        return resolve(obj.__dict__.get(self.slot, self.default))

    def __set__(self, obj: Any, value: Any) -> None:
        obj.__dict__[self.slot] = value


@dataclass(frozen=True)
class Result:
    """What a check concluded.

    ``status`` is 'correct', 'incorrect', 'unattempted', or 'error' (the checker itself
    failed: a problem in the course, not in the learner's answer).
    """

    status: str
    message: str
    question: str = ""

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    _LABELS = {"correct": "Correct", "incorrect": "Not quite", "unattempted": "Not attempted yet",
               "error": "Problem in the course"}
    _COLOURS = {"correct": "#0b6e4f", "incorrect": "#8a3b00", "unattempted": "#44546a", "error": "#5b2a86"}
    _ICONS = {"correct": "\u2714", "incorrect": "\u2716", "unattempted": "\u2026", "error": "\u26a0"}

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


def show(obj: Any) -> None:
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


def debugging() -> bool:
    """True when the author's debug switch (``HELPERS_DEBUG=1``) is on."""
    return os.environ.get(DEBUG_VARIABLE, "").strip().lower() in {"1", "true", "yes", "on"}


def what_is(answer: Any) -> str:
    """A plain description of a learner's value, for messages ("a list", "the function print").

    >>> what_is([1]), what_is(print), what_is(2.5)
    ('a list', 'the Python function print', 'a number')
    """
    import types

    if isinstance(answer, bool):
        return "True/False"
    if isinstance(answer, (int, float)):
        return "a number"
    if isinstance(answer, (types.FunctionType, types.BuiltinFunctionType, types.MethodType)):
        return f"the Python function {getattr(answer, '__name__', '')}".rstrip()
    if isinstance(answer, type):
        return f"the Python type {answer.__name__}"
    if isinstance(answer, types.ModuleType):
        return f"the module {answer.__name__}"
    names = {"str": "text", "list": "a list", "tuple": "a tuple", "dict": "a dictionary", "set": "a set",
             "DataFrame": "a table (DataFrame)", "Series": "a column of values (Series)", "NoneType": "None"}
    kind = type(answer).__name__
    return names.get(kind, f"{'an' if kind[:1].lower() in 'aeiou' else 'a'} {kind}")


@dataclass(eq=False, kw_only=True, repr=False)
class Question:
    """Base class for one checked exercise.

    A question type implements :meth:`judge` (return a short "correct" note or raise
    :class:`Incorrect` with a message aimed at the mistake), :meth:`describe_answer` (Markdown
    for the facilitator answer key) and, if it expects a particular kind of value,
    :attr:`form` and :meth:`read`. Everything else (the blank, never raising on a learner's
    answer, reporting a checker's own failure as such, hints, solution) lives here.

    ``scenario`` says whether the question is a judgement about a scenario (the lesson lint
    asks for at least one per lesson); each type sets its default and a question may
    override it.
    """

    name: str = field(kw_only=False)
    hints: Sequence[str] = Computed(())
    solution_text: str = Computed("")
    correct_note: str = Computed("Well done.")
    scenario: bool = False
    _hints_shown: int = field(default=0, init=False, repr=False)

    #: How to write the answer, shown when it is empty or of the wrong kind.
    form: ClassVar[str] = "your answer"

    # -- to override ------------------------------------------------------
    def read(self, answer: Any) -> Any:
        """Turn the learner's value into what :meth:`judge` compares (raise Incorrect if it cannot)."""
        answer.__class__  # an object that raises on every look is not an answer  # noqa: B018
        return answer

    def judge(self, answer: Any) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def describe_answer(self) -> list[str]:
        """Markdown lines with the expected answer, for the answer key."""
        return []

    # -- learner API ------------------------------------------------------
    def evaluate(self, answer: Any = ____) -> Result:
        """Judge ``answer`` and return a :class:`Result`. Never raises on a learner's answer.

        Set the environment variable ``HELPERS_DEBUG=1`` to re-raise a checker's own errors.
        """
        try:
            if is_placeholder(answer):
                return Result("unattempted", "Replace ____ with your answer, run the cell, then check again.",
                              self.name)
            value = self._read_safely(answer)
        except Incorrect as wrong:
            return Result("incorrect", str(wrong), self.name)
        except Exception as err:  # an object that raises even when asked what it is
            return Result("incorrect", f"Your answer could not be read ({type(err).__name__}). This question "
                          f"needs {self.form}.", self.name)
        try:
            note = self.judge(value)
            return Result("correct", note or self.correct_note, self.name)
        except Incorrect as wrong:
            return Result("incorrect", str(wrong), self.name)
        except Exception as err:
            if debugging():
                raise
            return Result(
                "error",
                f"Checking this answer failed ({type(err).__name__} inside the checker). This is a problem in "
                "the course, not in your answer; tell your facilitator. (Course authors: set the environment "
                f"variable {DEBUG_VARIABLE}=1 to see the full error.)",
                self.name,
            )

    def _read_safely(self, answer: Any) -> Any:
        if answer is None:
            raise Incorrect("Your answer is None (nothing). Did you print() the value instead of assigning it, "
                            f"or forget to return it? This question needs {self.form}.")
        if isinstance(answer, str):
            if not answer.strip():
                raise Incorrect(self.empty_message())
            if "____" in answer:
                raise Incorrect("Your answer still contains ____. Replace all of it with your answer.")
        try:
            return self.read(answer)
        except Incorrect:
            raise
        except Exception as err:  # any learner object, any failure: explain, don't crash
            raise Incorrect(f"Your answer could not be read ({type(err).__name__} when the checker looked at "
                            f"it). This question needs {self.form}.") from None

    def empty_message(self) -> str:
        """What to say when the answer is empty text: it depends on the kind of answer."""
        return f"Your answer is empty. This question needs {self.form}."

    def check(self, answer: Any = ____) -> None:
        """Show whether ``answer`` is correct. Safe to run on an unanswered exercise."""
        show(self.evaluate(answer))

    def hint(self, n: int | None = None) -> None:
        """Show the next hint (or hint number ``n``). Hints get more specific each time."""
        try:
            hints = list(self.hints or ())
        except Exception:
            if debugging():
                raise
            show(Text("The hints could not be shown: a problem in the course, not in your work. Tell your "
                      "facilitator."))
            return
        if not hints:
            show(Text("There are no hints for this one. Try solution() if you are stuck."))
            return
        if n is None:
            n = min(self._hints_shown + 1, len(hints))
        n = max(1, min(int(n), len(hints)))
        self._hints_shown = max(self._hints_shown, n)
        label = "Hint" if len(hints) == 1 else f"Hint {n} of {len(hints)}"
        show(Text(hints[n - 1], label))

    def solution(self) -> None:
        """Show a worked solution."""
        try:
            text = self.solution_text
        except Exception:
            if debugging():
                raise
            text = "The solution could not be shown: a problem in the course. See the solutions/ notebook."
        show(Text(text or "See the solutions/ notebook for this lesson.", "Solution"))

    # -- for authors and the answer key ------------------------------------
    def raw(self, name: str) -> Any:
        """The field ``name`` as stored (a value or the function that computes it), not computed."""
        slot = f"_raw_{name}"
        return self.__dict__[slot] if slot in self.__dict__ else getattr(self, name)

    def describe(self) -> str:
        """Markdown for the facilitator answer key: kind, expected answer, feedback, hints.

        >>> from helpers.exercises import NumberQuestion
        >>> print(NumberQuestion("n", expected=12, hints=["Count."]).describe())
        *NumberQuestion*
        <BLANKLINE>
        **Answer:** 12 (exactly, within 1e-06)...
        """
        lines = [f"*{type(self).__name__}*", ""]
        try:
            lines += self.describe_answer()
        except Exception as err:  # the key still renders; tests/test_checks.py catches real faults
            lines.append(f"**Answer:** computed from the data ({type(err).__name__} while computing here).")
        if self.solution_text:
            lines += ["", f"**Worked solution:** {self.solution_text}"]
        if self.correct_note:
            lines += ["", f"**Why:** {self.correct_note}"]
        if self.hints:
            lines += ["", "Hints, in order:", *[f"{i}. {h}" for i, h in enumerate(self.hints, 1)]]
        kept = [line for i, line in enumerate(lines) if line or (i > 0 and lines[i - 1])]  # no double blanks
        return "\n".join(kept).strip("\n")

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"
