"""Number questions, and the one rounding rule every number question follows.

**The rule.** A question declares how the lesson shows its number, with ``shown_as``:

* ``"percent0"``, ``"percent1"`` ...: a *share* (0 to 1) shown as a percent with 0, 1 ...
  decimals ("24%", "99.4%");
* ``"share2"``, ``"share3"`` ...: a share shown as a decimal with 2, 3 ... places ("0.92");
* ``"decimals0"``, ``"decimals1"`` ...: any other number shown with that many decimals;
* ``"whole"``: a count (the same as ``"decimals0"``);
* ``None`` (the default): the number is judged exactly, within ``tolerance``.

An answer is right when it rounds to the same figure as the exact value at that precision
(rounding half up, or as Python prints it, which rounds ties to even: both count), or is
within ``tolerance`` of it. So ``district_rate = 0.24`` is right for
0.2375 shown as 24%, and so are 0.238 and 0.2375. Declare the *coarsest* figure the lesson
shows or talks about: a share printed as 99.4% that the text calls "99%" is ``"percent0"``,
and then 0.99 and 0.994 are both right.

A share given as a percent (24 for 0.24) is not marked right, because the lesson keeps
shares as numbers from 0 to 1, but the message says so kindly: the number is right, write
it as a share.

Example:
    >>> q = NumberQuestion("rate", expected=lambda: 0.2375, shown_as="percent0")
    >>> [q.evaluate(a).status for a in (0.24, 0.238, 0.2375, 0.23)]
    ['correct', 'correct', 'correct', 'incorrect']
    >>> print(q.evaluate(24).message)
    Right number, written as a percent. This question asks for a share, a number from 0 to 1: write 0.24 instead of 24.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Any, ClassVar, Mapping, Sequence

from .core import Computed, Incorrect, Question
from .reading import as_number

__all__ = ["NumberQuestion", "Precision", "precision_of"]

_WIDE = Context(prec=400)  # enough digits to round any float
_SHOWN = re.compile(r"^(percent|share|decimals)(\d)$")


@dataclass(frozen=True)
class Precision:
    """How a lesson shows a number: as a share or not, and how many decimals of the value count."""

    share: bool
    decimals: int  # of the value itself (a share shown as 24% has 2)
    percent: bool = False

    def rounded(self, value: float) -> Decimal:
        """``value`` rounded half up to this precision (exact decimal arithmetic)."""
        exact = Decimal(repr(float(value)))
        return exact.quantize(Decimal(1).scaleb(-self.decimals), rounding=ROUND_HALF_UP, context=_WIDE)

    def figures(self, value: float) -> set[Decimal]:
        """The figures ``value`` may be shown as: rounded half up, and as Python prints it
        (``f"{0.125:.2f}"`` is 0.12: Python rounds the binary value, ties to even)."""
        return {self.rounded(value), Decimal(f"{float(value):.{self.decimals}f}")}

    def same_figure(self, a: float, b: float) -> bool:
        """True when ``a`` and ``b`` are shown as the same figure at this precision."""
        return bool(self.figures(a) & self.figures(b))

    def figure(self, value: float) -> str:
        """The value as the lesson prints it ("24%", "0.92", "168")."""
        if self.percent:
            return f"{float(value):.{self.decimals - 2}%}"
        return f"{float(value):,.{self.decimals}f}"


def precision_of(shown_as: str | None) -> Precision | None:
    """Parse ``shown_as`` ("percent0", "share2", "decimals1", "whole" or None).

    >>> precision_of("percent1")
    Precision(share=True, decimals=3, percent=True)
    >>> precision_of("whole")
    Precision(share=False, decimals=0, percent=False)
    """
    if shown_as is None:
        return None
    if shown_as == "whole":
        return Precision(share=False, decimals=0)
    match = _SHOWN.match(str(shown_as))
    if not match:
        raise ValueError(f"shown_as={shown_as!r} is not understood. Use 'percent0', 'percent1', 'share2', "
                         "'decimals1', 'whole' (digits: how many decimals the lesson shows) or None.")
    kind, digits = match.group(1), int(match.group(2))
    if kind == "percent":
        return Precision(share=True, decimals=digits + 2, percent=True)
    return Precision(share=kind == "share", decimals=digits)


@dataclass(eq=False, kw_only=True, repr=False)
class NumberQuestion(Question):
    """A single number, judged by the rounding rule of this module.

    Fields (each a value or a function of no arguments that computes it):

    * ``expected``: the exact value, computed from the data;
    * ``shown_as``: how the lesson shows it (see the module docstring); None judges exactly;
    * ``tolerance`` (absolute, or relative to ``expected`` when ``relative=True``);
    * ``mistakes``: ``{wrong value: message about that mistake}`` (matched by the same rule);
    * ``also_accept``: other right values (a list, or ``{value: note}`` to say why it is also
      right), matched by the same rule;
    * ``accept_between``: ``(low, high)``: every answer in that range (inclusive) is right,
      for judgements with a range of reasonable answers.

    >>> q = NumberQuestion("min_cell", expected=10, accept_between=(10, 20))
    >>> q.evaluate(11).status, q.evaluate(9).status
    ('correct', 'incorrect')
    """

    expected: Any = Computed(None)
    shown_as: str | None = Computed(None)
    tolerance: float = Computed(1e-6)
    relative: bool = False
    mistakes: Mapping[float, str] | None = Computed(None)
    also_accept: Sequence[float] | Mapping[float, str] | None = Computed(None)
    accept_between: tuple[float, float] | None = Computed(None)

    form: ClassVar[str] = "a number, without quotes (for example 0.25 or 168)"

    def __post_init__(self) -> None:
        shown = self.raw("shown_as")
        if not callable(shown):
            precision_of(shown)  # an author's typo fails at once, with advice

    def empty_message(self) -> str:
        return ("Your answer is empty text (two quotes with nothing between). This question needs a number: "
                "type the number itself, without quotes, for example 0.25.")

    def read(self, answer: Any) -> float:
        return as_number(answer)

    def _matches(self, value: float, target: float, precision: Precision | None) -> bool:
        tol = self.tolerance * abs(target) if self.relative else self.tolerance
        if abs(value - target) <= tol:
            return True
        return precision is not None and precision.same_figure(value, target)

    def _right(self, value: float, precision: Precision | None) -> str | None:
        """The correct note if ``value`` is right, else None."""
        if self._matches(value, float(self.expected), precision):
            return self.correct_note
        also = self.also_accept or ()
        notes = also if isinstance(also, Mapping) else {v: "" for v in also}
        for other, note in notes.items():
            if self._matches(value, float(other), precision):
                return note or self.correct_note
        if self.accept_between is not None:
            low, high = self.accept_between
            if float(low) <= value <= float(high):
                return self.correct_note
        return None

    def judge(self, value: float) -> str:
        precision = precision_of(self.shown_as)
        note = self._right(value, precision)
        if note is not None:
            return note
        for wrong, message in (self.mistakes or {}).items():
            if self._matches(value, float(wrong), precision):
                raise Incorrect(message)
        target = float(self.expected)
        if precision is not None and precision.share:
            if value > 1 and self._right(value / 100, precision) is not None:
                share = format(Decimal(repr(value)).scaleb(-2).normalize(), "f")
                raise Incorrect(f"Right number, written as a percent. This question asks for a share, a number "
                                f"from 0 to 1: write {share} instead of {value:g}.")
            if value > 1:
                raise Incorrect("This question asks for a share, a number from 0 to 1 (24% is 0.24). Yours is "
                                "above 1: if you meant a percent, divide by 100, then compare with the definition.")
        elif target != 0 and self._matches(value * 100, target, precision):
            raise Incorrect("Close: your answer looks like a share (0 to 1). This question asks for a percent.")
        elif target != 0 and precision is None and self._matches(value / 100, target, precision):
            raise Incorrect("Close: your answer looks like a percent. This question asks for a share (0 to 1).")
        direction = "high" if value > target else "low"
        raise Incorrect(f"Your number is too {direction}. Re-read the definition, then try again.")

    def describe_answer(self) -> list[str]:
        value = float(self.expected)
        precision = precision_of(self.shown_as)
        if precision is None:
            rule = f"exactly, within {self.tolerance:g}{' relative' if self.relative else ''}"
        else:
            rule = f"shown as {precision.figure(value)}: any value that rounds to it is right"
            if precision.share:
                rule += "; a percent gets a kind 'write it as a share'"
        lines = [f"**Answer:** {value:,.4g} ({rule}); the check computes it, so it follows the data."]
        also = self.also_accept or ()
        if also:
            lines.append("Also right: " + ", ".join(f"{float(v):,.4g}" for v in also) + ".")
        if self.accept_between is not None:
            low, high = self.accept_between
            lines.append(f"Any answer from {float(low):,.4g} to {float(high):,.4g} is right.")
        wrong = self.mistakes or {}
        if wrong:
            lines += ["", "Known mistakes:", *[f"- {float(k):,.4g}: {m}" for k, m in wrong.items()]]
        return lines

