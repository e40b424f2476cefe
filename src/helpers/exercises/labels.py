"""Label each item: the learner gives a dictionary ``{item: label}`` (a scenario question).

Used for "classify each column" (direct / quasi / sensitive / none) and "which FERPA
pathway fits each request". Item names match whatever their case or spacing; labels match
whatever their case, spacing or underscores, or through ``normalize`` (synonyms).

Example:
    >>> q = LabelItemsQuestion(
    ...     "classify", items=["student_id", "zip", "home_language"],
    ...     labels={"direct": "a column that identifies a person on its own",
    ...             "quasi": "a column that identifies a person only in combination with others",
    ...             "sensitive": "a fact that must not be tied to a person"},
    ...     answer={"student_id": "direct", "zip": "quasi", "home_language": ("quasi", "sensitive")})
    >>> q.evaluate({"student_id": "direct", "zip": "quasi", "home_language": "Sensitive"}).status
    'correct'
    >>> print(q.evaluate({"student_id": "quasi", "zip": "quasi", "home_language": "quasi"}).message)
    2 of 3 right. Look again at student_id. You called 'student_id' 'quasi': a column that identifies a person only in combination with others.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, Callable, ClassVar, Iterable, Mapping, Sequence

from .core import Computed, Incorrect, Question, what_is
from .reading import canon, quoted_list

__all__ = ["LabelItemsQuestion"]


def _accepted(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else [str(v) for v in value]


@dataclass(eq=False, kw_only=True, repr=False)
class LabelItemsQuestion(Question):
    """Give each item one label, as a dictionary ``{item: label}``.

    * ``items``: the items to label (default: the keys of ``answer``);
    * ``labels``: the allowed labels, or ``{label: what it means}`` as a phrase ("a column that
      identifies a person on its own"), quoted when a learner uses that label wrongly;
    * ``answer``: ``{item: right label}``; give several labels (``("quasi", "sensitive")``)
      where the lesson calls more than one reading reasonable;
    * ``normalize``: optional function turning a learner's label (a synonym such as
      "quasi-identifier") into one of ``labels``; it raises ``ValueError`` with a message for
      a label it does not know. It is a function of the answer, so it is not computed;
    * ``retry_hint``: a sentence added when some labels are wrong (what to ask of each item).

    Every other field may be a function of no arguments that computes it from the data.
    """

    items: Sequence[str] = Computed(())
    labels: Sequence[str] | Mapping[str, str] = Computed(())
    answer: Mapping[str, str | Iterable[str]] | None = Computed(None)
    normalize: Callable[[str], str] | None = None
    retry_hint: str = Computed("")
    scenario: bool = True

    form: ClassVar[str] = 'a dictionary with one entry per item, for example {"item": "label", ...}'

    def empty_message(self) -> str:
        return 'Your answer is empty. Give a dictionary with one label per item: {"item": "label", ...}.'

    def read(self, answer: Any) -> dict[str, Any]:
        if hasattr(answer, "to_dict") and hasattr(answer, "index") and not isinstance(answer, Mapping):
            if getattr(answer, "ndim", 2) == 1:  # a pandas Series: index -> label
                answer = answer.to_dict()
        if not isinstance(answer, Mapping):
            raise Incorrect(f"That is {what_is(answer)}. Give a dictionary with one label per item: "
                            '{"item": "label", ...}.')
        return {str(k): v for k, v in answer.items()}

    def current_items(self) -> list[str]:
        """The items to label, computed now if they come from the data."""
        items = list(self.items or ())
        return [str(i) for i in items] if items else [str(i) for i in (self.answer or {})]

    def _label(self, item: str, value: Any, labels: list[str]) -> str:
        if not isinstance(value, str):
            raise Incorrect(f"{item}: {what_is(value)} is not a label. Labels are text in quotes, one of "
                            f"{quoted_list(labels)}.")
        if self.normalize is not None:
            try:
                value = self.normalize(value)
            except ValueError as err:
                raise Incorrect(f"{item}: {err}") from None
        by_canon = {canon(label): label for label in labels}
        if canon(value) not in by_canon:
            raise Incorrect(f"{item}: {value!r} is not one of the labels. Use one of {quoted_list(labels)}.")
        return by_canon[canon(value)]

    def judge(self, answer: dict[str, Any]) -> str:
        items = self.current_items()
        labels_field = self.labels or ()
        meaning = dict(labels_field) if isinstance(labels_field, Mapping) else {}
        labels = [str(label) for label in labels_field]
        by_canon = {canon(i): i for i in items}
        given: dict[str, Any] = {}
        unknown = []
        for key, value in answer.items():
            if canon(key) in by_canon:
                given[by_canon[canon(key)]] = value
            else:
                unknown.append(key)
        if unknown:
            close = difflib.get_close_matches(unknown[0], items, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise Incorrect(f"Only label the listed items; not on the list: {', '.join(unknown)}{hint}.")
        missing = [i for i in items if i not in given]
        if missing:
            raise Incorrect(f"Label every item; still missing: {', '.join(missing)}.")
        expected = {str(k): v for k, v in (self.answer or {}).items()}
        wrong = []
        for item in items:
            got = self._label(item, given[item], labels)
            if got not in {self._label(item, a, labels) for a in _accepted(expected[item])}:
                wrong.append((item, got))
        if not wrong:
            return self.correct_note
        message = f"{len(items) - len(wrong)} of {len(items)} right. Look again at {', '.join(i for i, _ in wrong)}."
        item, got = wrong[0]
        if meaning.get(got):
            message += f" You called '{item}' '{got}': {meaning[got]}."
        if self.retry_hint:
            message += f" {self.retry_hint}"
        raise Incorrect(message)

    def describe_answer(self) -> list[str]:
        expected = {str(k): v for k, v in (self.answer or {}).items()}
        lines = ["| Item | Right label |", "| --- | --- |"]
        lines += [f"| `{i}` | {' or '.join(_accepted(expected.get(i, ()))) or '**none: check the checks module**'} |"
                  for i in self.current_items()]
        labels_field = self.labels or ()
        if isinstance(labels_field, Mapping):
            lines += ["", "Labels:", *[f"- `{k}`: {v}" for k, v in labels_field.items()]]
        elif labels_field:
            lines += ["", "Labels: " + ", ".join(f"`{label}`" for label in labels_field)]
        return lines


@dataclass(eq=False, kw_only=True, repr=False)
class LabelWithReasons(LabelItemsQuestion):
    """A labelling question that adds, for the first item labelled wrong, why its label differs.

    ``why`` maps an item to a sentence that explains its right label without naming it.

    Example:
        >>> q = LabelWithReasons("drill", items=["call", "hide"], labels=["now", "never"],
        ...                      answer={"call": "now", "hide": "never"},
        ...                      why={"hide": "Families learn of it anyway; silence costs their trust."})
        >>> print(q.evaluate({"call": "now", "hide": "now"}).message)
        1 of 2 right. Look again at hide. Families learn of it anyway; silence costs their trust.
    """

    why: Mapping[str, str] = Computed(None)

    def judge(self, answer: dict[str, Any]) -> str:
        try:
            return super().judge(answer)
        except Incorrect as err:
            reason = self._first_reason(answer)
            raise Incorrect(f"{err} {reason}".strip() if reason else str(err)) from None

    def _first_reason(self, answer: dict[str, Any]) -> str:
        why = dict(self.why or {})
        expected = {canon(k): v for k, v in (self.answer or {}).items()}
        labels = [str(label) for label in (self.labels or ())]
        for key, value in answer.items():
            item = next((i for i in self.current_items() if canon(i) == canon(key)), None)
            if item is None or not isinstance(value, str):
                continue
            try:
                got = self._label(item, value, labels)
                right = expected[canon(item)]
                right = [right] if isinstance(right, str) else list(right)
                if got not in {self._label(item, r, labels) for r in right}:
                    return why.get(item, "")
            except Incorrect:
                continue
        return ""
