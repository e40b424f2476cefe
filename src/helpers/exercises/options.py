"""Questions answered by choosing: one option (:class:`ChoiceQuestion`) or several (:class:`PickItemsQuestion`).

Both are scenario questions (a judgement about a situation). Answers are read forgivingly:
a letter in either quote style, any case, with or without brackets; copied option text
with or without its bullet, capitals or final full stop; a list of letters as
``["a", "c"]``, ``"a, c"``, ``"ac"`` or ``"A C"``.

Example:
    >>> q = ChoiceQuestion("pick", options={"a": "Consent.", "b": "School official."}, answer="b")
    >>> [q.evaluate(a).status for a in ("b", "B", "(b)", "- school official", ["b"])]
    ['correct', 'correct', 'correct', 'correct', 'correct']
    >>> print(q.evaluate("z").message)
    'z' is not one of the options. Answer with one letter in quotes: "a" or "b".
    >>> p = PickItemsQuestion("picks", options=["a", "b", "c"], answer=["a", "c"])
    >>> [p.evaluate(a).status for a in (["a", "c"], "a, c", "ac", "A C", ("c", "a"))]
    ['correct', 'correct', 'correct', 'correct', 'correct']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Iterable, Mapping, Sequence

from .core import Computed, Incorrect, Question, Text, debugging, show, what_is
from .reading import canon, items_of, quoted_list, split_picks

__all__ = ["ChoiceQuestion", "PickItemsQuestion"]

_LIST_LIMIT = 600  # longest list of options quoted in a message


def _keys(value: Any) -> set[str]:
    """One right key or several, as a set."""
    if isinstance(value, str):
        return {value}
    return {str(v) for v in (value or ())}


@dataclass(eq=False, kw_only=True, repr=False)
class ChoiceQuestion(Question):
    """Pick one option (a scenario decision).

    * ``options``: ``{"a": "text", ...}``; the learner answers with the key or the text;
    * ``answer``: the right key, or several keys when the lesson calls more than one
      choice reasonable (``answer=("b", "c")``);
    * ``feedback``: ``{key: message}``; for a wrong key, why it falls short; for a right key
      (when several are right), why it is right too, shown instead of ``correct_note``.

    Every field may be a function of no arguments that computes it from the data.

    >>> q = ChoiceQuestion("either", options={"a": "Yes", "b": "No", "c": "Maybe"}, answer=("a", "b"),
    ...                    feedback={"b": "Also defensible.", "c": "Pick a side."})
    >>> q.evaluate("b").message, q.evaluate("c").message
    ('Also defensible.', 'Pick a side.')
    """

    options: Mapping[str, str] = Computed(None)
    answer: str | Iterable[str] = Computed("")
    feedback: Mapping[str, str] | None = Computed(None)
    scenario: bool = True

    form: ClassVar[str] = 'the letter of your choice in quotes, for example "b" (single or double quotes both work)'

    def empty_message(self) -> str:
        return 'Your answer is empty. Type the letter of your choice between the quotes, for example "b".'

    def read(self, answer: Any) -> str:
        if isinstance(answer, (list, tuple, set, frozenset)):
            if len(answer) != 1:
                raise Incorrect(f"Pick one option only: your answer has {len(answer)} items. "
                                'Answer with one letter in quotes, for example "b".')
            answer = next(iter(answer))
        if not isinstance(answer, str):
            raise Incorrect(f"That is {what_is(answer)}, not a letter. Put the letter of your choice in quotes, "
                            'for example "b" (single or double quotes both work).')
        return answer

    def key_for(self, answer: str) -> str:
        """The option key a learner's text means (the key, the option text, or both)."""
        given = canon(answer)
        if given.startswith("option "):
            given = given[len("option "):]
        options = dict(self.options or {})
        for key, text in options.items():
            if given in (canon(key), canon(text), canon(f"{key} {text}")):
                return key
        keys = [str(k) for k in options]
        if len(given.replace(" ", "")) > 1 and all(ch in {canon(k) for k in keys} for ch in given.replace(" ", "")):
            raise Incorrect(f"Pick one option only. Answer with one letter in quotes: {quoted_list(keys)}.")
        raise Incorrect(f"'{answer}' is not one of the options. Answer with one letter in quotes: "
                        f"{quoted_list(keys)}.")

    def judge(self, answer: str) -> str:
        key = self.key_for(answer)
        feedback = dict(self.feedback or {})
        if key in _keys(self.answer):
            return feedback.get(key) or self.correct_note
        raise Incorrect(feedback.get(key, "That option does not fit the situation best. Re-read the scenario."))

    def show_options(self) -> None:
        """List the options."""
        try:
            options = dict(self.options or {})
        except Exception:
            if debugging():
                raise
            show(Text("The options could not be shown: a problem in the course, not in your work. Tell your "
                      "facilitator.", "Options"))
            return
        lines = "\n".join(f"- **{k}**: {v}" for k, v in options.items())
        show(Text("\n" + lines, "Options"))

    def describe_answer(self) -> list[str]:
        options = dict(self.options or {})
        right = sorted(_keys(self.answer))
        lines = [f"- **{k}**: {v}" for k, v in options.items()]
        lines += ["", "**Answer:** " + " or ".join(f"{k} ({options.get(k, '')})" for k in right)]
        feedback = dict(self.feedback or {})
        also = [f"- {k}: {msg}" for k, msg in feedback.items() if k in right]
        wrong = [f"- {k}: {msg}" for k, msg in feedback.items() if k not in right]
        if also:
            lines += ["", "Why each right choice is right:", *also]
        if wrong:
            lines += ["", "Feedback on wrong choices:", *wrong]
        return lines


@dataclass(eq=False, kw_only=True, repr=False)
class PickItemsQuestion(Question):
    """Pick every item that belongs (for example the minimal fields for a question).

    * ``options``: the items to choose from (text, or one-letter keys);
    * ``answer``: the items that belong;
    * ``optional``: items the lesson accepts either way (picked or not), for judgements where
      both readings are reasonable;
    * ``why_not``: ``{item: reason}`` shown when a learner picks an item that does not belong.

    Missing items are reported by count only, so the answer is not given away. Every field
    may be a function of no arguments that computes it from the data.

    >>> p = PickItemsQuestion("fields", options=["grade", "school", "name"], answer=["grade"],
    ...                       optional=["school"], why_not={"name": "An aggregate needs no names."})
    >>> [p.evaluate(a).status for a in (["grade"], ["grade", "school"], ["school"])]
    ['correct', 'correct', 'incorrect']
    """

    options: Sequence[str] = Computed(())
    answer: Iterable[str] = Computed(())
    optional: Iterable[str] = Computed(())
    why_not: Mapping[str, str] | None = Computed(None)
    scenario: bool = True

    form: ClassVar[str] = 'a list in square brackets, for example ["a", "c"]'

    def empty_message(self) -> str:
        return 'Your answer is empty. Give your picks as a list in square brackets, for example ["a", "c"].'

    def current_options(self) -> list[str]:
        """The options, computed now if they come from the data."""
        return [str(o) for o in self.options]

    def current_answer(self) -> list[str]:
        """The right picks, computed now if they come from the data."""
        return [str(a) for a in self.answer]

    def read(self, answer: Any) -> str | list[str]:
        if isinstance(answer, str):
            return answer
        return split_picks(items_of(answer), [])

    def _unknown(self, item: str, options: list[str]) -> Incorrect:
        listed = quoted_list(options, "and")
        if len(listed) <= _LIST_LIMIT:
            return Incorrect(f"'{item}' is not one of the options. Choose from: {listed}. "
                             'Give your picks as a list, for example ["a", "c"].')
        return Incorrect(f"'{item}' is not one of the options. Copy the text from the list "
                         f"(print(q.{self.name}.options) shows it); capitals and a final full stop do not matter.")

    def judge(self, answer: str | list[str]) -> str:
        options = self.current_options()
        lookup = {canon(o): o for o in options}
        picked: set[str] = set()
        items = split_picks(answer, options) if isinstance(answer, str) else answer
        for item in items:
            key = canon(item)
            if key in lookup:
                picked.add(lookup[key])
            elif len(compact := key.replace(" ", "")) > 1 and all(len(o) == 1 for o in lookup) and all(
                    ch in lookup for ch in compact):
                picked.update(lookup[ch] for ch in compact)  # 145 or ["a, c"] for "1", "4", "5" or "a", "c"
            else:
                raise self._unknown(item, options)
        wanted = {lookup.get(canon(a), a) for a in self.current_answer()}
        optional = {lookup.get(canon(a), str(a)) for a in self.optional}
        extra = sorted(picked - wanted - optional)
        missing = wanted - picked
        why_not = dict(self.why_not or {})
        if extra:
            detail = " ".join(f"'{e}': {why_not[e]}" for e in extra if why_not.get(e))
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

    def describe_answer(self) -> list[str]:
        lines = ["Options: " + ", ".join(f"`{o}`" for o in self.current_options()), "",
                 "**Answer:** " + ", ".join(f"`{a}`" for a in sorted(self.current_answer()))]
        optional = sorted(str(o) for o in self.optional)
        if optional:
            lines.append("Right either way (picked or not): " + ", ".join(f"`{o}`" for o in optional))
        why_not = dict(self.why_not or {})
        if why_not:
            lines += ["", "Why the others are not needed:", *[f"- `{k}`: {v}" for k, v in why_not.items()]]
        return lines
