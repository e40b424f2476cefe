"""Checks for lesson 00: Welcome to Jupyter and to Riverbend.

Lesson 00 teaches the three ways every later lesson is answered: a number as it is, a letter
between quotes, and a list of letters in square brackets. :class:`LetterPicks` is the
"list of letters" question; lesson 01 uses it too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from helpers.exercises import ChoiceQuestion, Incorrect, NumberQuestion, PickItemsQuestion

class _Options:
    """A list of options, shown as Markdown in a notebook and as plain text elsewhere."""

    def __init__(self, heading: str, lines: str) -> None:
        self.heading, self.lines = heading, lines

    def __repr__(self) -> str:
        return f"{self.heading}:\n{self.lines}"

    def _repr_markdown_(self) -> str:
        return f"**{self.heading}:**\n\n{self.lines}"


def _display(obj: Any) -> None:
    try:
        from IPython.display import display

        display(obj)
    except Exception:  # pragma: no cover - only without IPython
        print(obj)


_BULLET = re.compile(r"^\s*(?:[-*\u2022]|\d+[.)])\s+")


def _plain(text: Any) -> str:
    """Lower case, single spaces, no bullet in front, no quotes or full stop around it."""
    text = _BULLET.sub("", str(text))
    text = " ".join(text.strip().lower().split())
    return text.strip("'\"\u2018\u2019\u201c\u201d ").rstrip(".").strip()


@dataclass(eq=False)
class LetterPicks(PickItemsQuestion):
    """Pick every option that fits; the answer is a list of letters such as ``["a", "c"]``.

    ``texts`` maps each letter to the option's text (or is a function returning that
    mapping, so numbers in the options come from the data); ``answer`` lists the right
    letters; ``why_not`` maps a wrong letter to the reason it does not belong, shown when it
    is picked. A copied option text is accepted in place of its letter, and ``"a, c"`` typed
    as one piece of text is read as the two letters. Missing picks are reported by count
    only, so the answer is not given away.

    Example:
        >>> q = LetterPicks("fruit", texts={"a": "Apple", "b": "Carrot", "c": "Pear"},
        ...                 answer=["a", "c"], why_not={"b": "A carrot is a vegetable."})
        >>> q.evaluate(["a", "c"]).status, q.evaluate("a, c").status, q.evaluate(["C", "Apple."]).status
        ('correct', 'correct', 'correct')
        >>> print(q.evaluate(["a", "b"]).message)
        "b" does not belong: A carrot is a vegetable.
        >>> print(q.evaluate(["a"]).message)
        Everything you picked belongs, but 1 more option belongs too. Read the list again.
    """

    texts: Mapping[str, str] | Callable[[], Mapping[str, str]] = field(default_factory=dict)
    missing_note: str = "Read the list again."

    def current_texts(self) -> dict[str, str]:
        """Letter -> option text, computed now if it comes from the data."""
        return dict(self.texts() if callable(self.texts) else self.texts)

    def current_options(self) -> list[str]:
        return list(self.current_texts())

    def text_for(self, letters: Any) -> list[str]:
        """The option texts for a list of letters (letters that are not options are skipped)."""
        texts = self.current_texts()
        if isinstance(letters, str):
            letters = [letters]
        try:
            items = list(letters)
        except TypeError:
            return []
        out = []
        for item in items:
            try:
                out.append(texts[self._letter(item)])
            except Incorrect:
                continue
        return out

    def _letter(self, item: Any) -> str:
        texts = self.current_texts()
        given = _plain(item)
        for letter, text in texts.items():
            if given in (_plain(letter), f"({_plain(letter)})", _plain(text)):
                return letter
        letters = ", ".join(f'"{k}"' for k in texts)
        shown = str(item) if len(str(item)) <= 40 else str(item)[:37] + "..."
        raise Incorrect(f'"{shown}" is not one of the letters {letters}. Put each letter in quotes, '
                        f'separated by commas, inside square brackets, like ["{next(iter(texts), "a")}"].')

    def judge(self, answer: Any) -> str:
        if isinstance(answer, str):
            parts = [p for p in re.split(r"[,;\s]+", answer) if p]
            texts = self.current_texts()
            if parts and all(_plain(p) in {_plain(k) for k in texts} for p in parts):
                answer = parts
            else:
                answer = [answer]
        if isinstance(answer, dict) or not isinstance(answer, (list, tuple, set, frozenset)):
            raise Incorrect('Give your letters as a list in square brackets, each letter in quotes, like ["a", "c"].')
        if not answer:
            raise Incorrect('Your list is empty. Put the letters of your picks between the brackets, like ["a", "c"].')
        picked = {self._letter(item) for item in answer}
        wanted = set(self.current_answer())
        extra = sorted(picked - wanted)
        if extra:
            why_not = dict(self.why_not or {})
            reasons = " ".join(f'"{e}" does not belong: {why_not[e]}' if e in why_not
                               else f'"{e}" does not belong.' for e in extra)
            raise Incorrect(reasons)
        missing = len(wanted - picked)
        if missing:
            raise Incorrect(f"Everything you picked belongs, but {missing} more option"
                            f"{'s belong' if missing > 1 else ' belongs'} too. {self.missing_note}")
        return self.correct_note

    def describe_answer(self) -> list[str]:
        """Markdown for the answer key: every option, the right letters, why the others do not belong."""
        texts = self.current_texts()
        right = sorted(self.current_answer())
        lines = [f"- **{k}**: {v}" for k, v in texts.items()]
        lines += ["", "**Answer:** " + ", ".join(f'"{k}"' for k in right)]
        why_not = dict(self.why_not or {})
        if why_not:
            lines += ["", "Why the others do not belong:", *[f"- {k}: {v}" for k, v in why_not.items()]]
        return lines

    def show_options(self) -> None:
        """List the options with their letters."""
        lines = "\n".join(f"- **{k}**: {v}" for k, v in self.current_texts().items())
        _display(_Options("Options (pick every letter that fits)", lines))


seven_times_24 = NumberQuestion(
    "seven_times_24",
    expected=7 * 24,
    hints=[
        "A week has 7 days and a day has 24 hours. In Python, * multiplies.",
        "Replace the ____ with 7 * 24 (or with the result). A number needs no quotes.",
    ],
    solution_text="`hours_in_a_week = 7 * 24`",
    correct_note="Python did the arithmetic, and the name hours_in_a_week now holds the result.",
    mistakes={
        7 + 24: "That looks like 7 + 24. Multiplication uses the * sign.",
        24: "That is the hours in one day. A week has 7 days.",
        7: "That is the days in a week. Each day has 24 hours.",
    },
)

read_the_error = ChoiceQuestion(
    "read_the_error",
    options={
        "a": "The computer is broken; restart the laptop.",
        "b": "The data file is missing.",
        "c": 'Without quotes, Python reads b as a name, and no such name exists yet: write "b".',
        "d": "Python cannot store letters, so answers must always be numbers: type the option's position instead.",
    },
    answer="c",
    feedback={
        "a": "Errors are messages, not breakdowns. Read the last line of the red box: what kind of error is it?",
        "b": "The last line of the error names the problem. Does it mention a file?",
        "d": "Python stores letters and words all the time, as long as they are between quotes. "
             "Read the last line again: what is not defined?",
    },
    hints=[
        "Read the very last line of the red box: it names the kind of error and the culprit.",
        "NameError means Python looked for a name it does not know. Without quotes, b is a name; with quotes, \"b\" is a letter.",
    ],
    solution_text='`my_answer = "c"`: a NameError means Python does not know that name. A letter or a word you '
                  'mean as text goes between quotes.',
    correct_note="A NameError almost always means missing quotes, a typo, or a cell that has not been run yet.",
)

what_transfers = LetterPicks(
    "what_transfers",
    texts={
        "a": "The names of FERPA's exceptions, such as the school-official exception.",
        "b": "Start from the question a decision-maker needs answered.",
        "c": "Chronic absence means missing 10% or more of the days a student was enrolled.",
        "d": "Never publish a count so small that it could point to one child.",
        "e": "Linking two organizations' records needs care with nicknames, typos and birth dates.",
    },
    answer=["b", "d", "e"],
    why_not={
        "a": "FERPA is a U.S. federal law. Another country's privacy law has its own rules and its own names.",
        "c": "That is a common U.S. definition (used in federal reporting and by many states). Other places "
             "define and measure absence in their own way.",
    },
    hints=[
        "Ask of each line: is it a U.S. law or a U.S. definition, or is it good practice anywhere?",
        "Two of the five are U.S.-specific: one names a U.S. law, one a U.S. definition.",
    ],
    solution_text='`transfers = ["b", "d", "e"]`: asking what leaders need, hiding tiny counts and careful '
                  'record linkage are good practice anywhere; FERPA and the 10% rule are U.S.-specific.',
    correct_note="The principles and the techniques travel; the legal details stay home. "
                 "Outside the U.S., ask your own privacy officer which law applies.",
    missing_note="Which habits would still make sense in a school system outside the U.S.?",
)

never_in_real_life = ChoiceQuestion(
    "never_in_real_life",
    options={
        "a": "schools: the district's list of schools",
        "b": "afterschool_roster: a partner's sign-up list, with nicknames, typos and mixed date formats",
        "c": "stakeholders: who can decide what",
        "d": "linkage_truth: which partner record is which district student",
    },
    answer="d",
    feedback={
        "a": "Every district keeps a list of its schools. Re-read the text above the list of datasets.",
        "b": "Partners keep sign-up lists like this one, typos and all. Which file is an answer sheet?",
        "c": "You can write such a table for your own community; lesson 01 uses it. Which file is an answer sheet?",
    },
    hints=[
        "The text above the list of datasets names one file that would never exist in real life.",
        "Which file says, for certain, who each partner record really is?",
    ],
    solution_text='`my_answer = "d"`: the ground-truth file exists only in this course, so we can measure '
                  'how well record linkage works.',
    correct_note="Right: in real life nobody hands you an answer sheet. Whenever a lesson uses it, it says so.",
)

chart_reading = ChoiceQuestion(
    "chart_reading",
    options={
        "a": "Cedar Ridge Elementary has the best attendance in the district.",
        "b": "The two high schools have the most students.",
        "c": "Every elementary school has fewer than 400 students.",
        "d": "The middle schools are the smallest schools in the district.",
    },
    answer="b",
    feedback={
        "a": "The chart counts students; it says nothing about attendance. A chart only supports claims "
             "about what it shows.",
        "c": "Look at the elementary bars (IDs starting with E) again, or at the alt text: is every one below 400?",
        "d": "Compare the middle schools (IDs starting with M) with the elementary schools (E).",
    },
    hints=[
        "Read the bars, or the alt text under the chart: it says the same thing in words.",
        "The IDs start with E (elementary), M (middle) or H (high). Which bars are tallest?",
    ],
    solution_text='`my_answer = "b"`: H01 and H02 have the tallest bars.',
    correct_note="And the chart says nothing about attendance: lesson 01 asks that question.",
)

EXAMPLES = {
    "seven_times_24": {"right": [168, 168.0, 7 * 24], "wrong": [31, 24, 7, "168", 1.68, "7 * 24"]},
    "read_the_error": {"right": ["c", "C", " c "], "wrong": ["a", "b", "d", "e", 3]},
    "what_transfers": {
        "right": [["b", "d", "e"], ("e", "d", "b"), "b, d, e", ["B", "d", "- e"],
                  ["Start from the question a decision-maker needs answered", "d", "e."]],
        "wrong": [["a", "b", "d", "e"], ["b", "d"], ["b", "c", "d", "e"], "b", [], ["x"], {"b": 1}, 5],
    },
    "never_in_real_life": {"right": ["d", "D"], "wrong": ["a", "b", "c", "linkage", 4]},
    "chart_reading": {"right": ["b", "(b)", "B"], "wrong": ["a", "c", "d", ["b", "c"]]},
}
