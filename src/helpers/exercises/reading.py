"""Reading a learner's answer the way a person would: forgiving about form, strict about substance.

Copied option text matches whatever its case, punctuation, bullet ("- ") or final full stop;
a list of letters may be written ``["a", "c"]``, ``"a, c"``, ``"ac"`` or ``"A C"``; either
quote style is fine (Python treats ``'b'`` and ``"b"`` the same).

Example:
    >>> canon("- Keep the key apart.") == canon("keep the key apart")
    True
    >>> split_picks("a, C", ["a", "b", "c"])
    ['a', 'C']
    >>> split_picks("ac", ["a", "b", "c"])
    ['a', 'c']
    >>> as_number(0.5)
    0.5
"""

from __future__ import annotations

import math
import numbers
import re
import unicodedata
from typing import Any, Iterable, Sequence

from .core import Incorrect, what_is

__all__ = ["canon", "as_number", "split_picks", "items_of", "quoted_list"]

_BULLET = re.compile(r"^\s*(?:[-*\u2022\u2013\u2014>]+|\(?[0-9]{1,2}[.)])\s+")
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SEPARATORS = re.compile(r"\s*(?:,|;|/|\+|&|\band\b|\s)\s*", re.I)


def canon(text: Any) -> str:
    """Text reduced to what matters when matching: lower case, no bullets, punctuation or extra spaces.

    >>> canon("  \u201cSchool official\u201d. "), canon("- b)"), canon("data_privacy")
    ('school official', 'b', 'data privacy')
    """
    text = unicodedata.normalize("NFKC", str(text)).strip()
    text = _BULLET.sub("", text)
    text = _PUNCT.sub(" ", text.replace("_", " "))
    return " ".join(text.lower().split())


def quoted_list(values: Iterable[Any], last: str = "or") -> str:
    """``"a", "b" or "c"``: values in quotes, for messages.

    >>> quoted_list(["a", "b", "c"])
    '"a", "b" or "c"'
    """
    items = [f'"{v}"' for v in values]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def as_number(answer: Any) -> float:
    """A learner's answer as a float, or :class:`Incorrect` saying what it is instead."""
    if isinstance(answer, bool):
        raise Incorrect("That is True/False. This question needs a number.")
    if isinstance(answer, numbers.Number):
        try:
            value = float(answer)  # type: ignore[arg-type]
        except TypeError:
            raise Incorrect("That is a complex number. This question needs an ordinary number.") from None
    elif isinstance(answer, str):
        text = answer.strip().strip("\"'")
        if re.fullmatch(r"\d+,\d+", text):
            raise Incorrect(f"That is text, and it uses a comma for decimals. Type the number without quotes and "
                            f"with a point: {text.replace(',', '.')}")
        shown = text.replace(",", "")
        try:
            float(shown.rstrip("%").strip())
        except ValueError:
            raise Incorrect("That is text (it has quotes around it). This question needs a number: type the "
                            "number itself, without quotes.") from None
        if shown.endswith("%"):
            raise Incorrect(f"That is text ({answer!r}). Type the number without quotes and without the % sign.")
        raise Incorrect(f"That is text: the quotes make {answer!r} a word, not a number. Type the number "
                        f"without quotes: {shown}")
    elif isinstance(answer, tuple) and 1 <= len(answer) <= 2 and all(
            isinstance(x, numbers.Number) and not isinstance(x, bool) for x in answer):
        raise Incorrect(_comma_slip(answer))
    elif callable(answer):
        raise Incorrect(f"That is {what_is(answer)}, not a number. Assign the number itself (the result of "
                        "your calculation), not a function.")
    else:
        item = getattr(answer, "item", None)  # numpy / pandas scalars, 1-element arrays
        size = getattr(answer, "size", 1)
        if callable(item) and size == 1:
            try:
                value = float(item())
            except Exception:
                value = math.nan
        else:
            raise Incorrect(f"That is {what_is(answer)}, not a single number. Did you mean to pick one value "
                            "out of it?")
    if math.isnan(value):
        raise Incorrect("That number is missing (NaN). Check for blank values in the data.")
    if math.isinf(value):
        raise Incorrect("That number is infinite. Did something divide by zero?")
    return value


def _comma_slip(answer: tuple) -> str:
    """Plain words for a comma typed into a number (Python makes a tuple of it)."""
    if len(answer) == 1:
        return (f"There is a comma after your number, so Python made a tuple of it {answer!r}. Remove the comma "
                "at the end of the line.")
    whole, part = answer
    return (f"Python read {whole},{part} as two numbers: a comma separates items. Use a point for decimals, "
            f"for example {whole}.{part}.")


def items_of(answer: Any) -> list[Any]:
    """The items of a list-like answer (list, tuple, set, Series, array), else :class:`Incorrect`."""
    if isinstance(answer, (list, tuple, set, frozenset)):
        return list(answer)
    if hasattr(answer, "tolist") and callable(answer.tolist) and not isinstance(answer, (str, bytes)):
        values = answer.tolist()
        return values if isinstance(values, list) else [values]
    raise Incorrect(f"That is {what_is(answer)}. Give your picks as a list, for example [\"a\", \"c\"].")


def _short_keys(options: Sequence[str]) -> bool:
    return bool(options) and all(len(str(o).strip()) == 1 for o in options)


def split_picks(answer: Any, options: Sequence[str]) -> list[str]:
    """The picks in ``answer`` as text, accepting the common ways people write a list.

    With one-character options (letters or digits), ``"a, c"``, ``"a c"``, ``"ac"`` and
    ``"a and c"`` all mean ``["a", "c"]``. With longer options, text is one pick per line
    (so a copied bulleted list works). Numbers become text (``[1, 4]`` means ``["1", "4"]``).

    >>> split_picks([1, 4], ["1", "2", "3", "4"])
    ['1', '4']
    >>> split_picks("- Keep the key\\n- Destroy data", ["Keep the key", "Destroy data"])
    ['- Keep the key', '- Destroy data']
    """
    if isinstance(answer, str):
        text = answer.strip().strip("[](){}")
        if _short_keys(options):
            tokens = [t.strip("\"' .") for t in _SEPARATORS.split(text) if t.strip("\"' .")]
            keys = {canon(o) for o in options}
            out: list[str] = []
            for token in tokens:
                if len(token) > 1 and all(canon(ch) in keys for ch in token):
                    out.extend(token)  # "ac" -> a, c
                else:
                    out.append(token)
            return out
        lines = [line for line in text.splitlines() if line.strip()]
        return lines or [text]
    picks = []
    for item in items_of(answer):
        if isinstance(item, bool) or not isinstance(item, (str, numbers.Number)):
            raise Incorrect(f"Each pick should be text in quotes (or a number); one of yours is {what_is(item)}.")
        if isinstance(item, float) and item.is_integer():
            item = int(item)
        picks.append(str(item))
    return picks
