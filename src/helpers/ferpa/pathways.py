"""FERPA pathway finder: which legal route (if any) fits a data request.

**Training material, not legal advice.** The rules simplify 20 U.S.C. 1232g and 34 CFR
Part 99 for teaching; state laws and local policy may add requirements. Confirm real
disclosures with your district's counsel or privacy officer.

The rules live in ``rules.yaml`` next to this file, as data anyone can read and audit.
A small generic engine checks each pathway's conditions against your answers:

* **fits**: every condition holds;
* **possible**: nothing rules it out, but some answers are "unknown" (listed as things
  to find out);
* a pathway whose condition fails is left out. If nothing is left, the result is the
  single pathway ``none`` ("no FERPA pathway fits yet") with what to do instead.

Questions you do not answer count as "unknown". Unknown question names or choices raise
:class:`AnswerError`, which lists the allowed ones.

Example:
    >>> result = find_pathways({
    ...     "requester": "community_organization", "done_for": "district",
    ...     "direct_control": "yes", "data": "pii", "purpose": "services",
    ...     "written_consent": "no", "threat": "no",
    ... })
    >>> [(p.key, p.status) for p in result]
    [('school_official', 'fits')]
    >>> result[0].citation
    '34 CFR 99.31(a)(1)(i)(B)'
    >>> find_pathways({"requester": "community_organization", "done_for": "requester",
    ...                "data": "pii", "purpose": "evaluate_own_program",
    ...                "written_consent": "no"}).keys()
    ['none']
"""

from __future__ import annotations

import copy
import html
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

import yaml

__all__ = [
    "AnswerError",
    "Pathway",
    "PathwayResult",
    "UNKNOWN",
    "find_pathways",
    "questions",
    "pathway_rules",
    "pathway_keys",
    "validate_answers",
]

RULES_FILE = Path(__file__).with_name("rules.yaml")
UNKNOWN = "unknown"
DISCLAIMER = "Training material, not legal advice: confirm real disclosures with your district's counsel."


class AnswerError(ValueError):
    """An answer to the pathway questions is not one the rules know."""


@lru_cache(maxsize=1)
def _load_rules() -> dict:
    with RULES_FILE.open(encoding="utf-8") as fh:
        rules = yaml.safe_load(fh)
    _validate_rules(rules)
    return rules


def _validate_rules(rules: Mapping[str, Any]) -> None:
    """Fail loudly if rules.yaml refers to a question or choice that does not exist."""
    qs = rules["questions"]
    for pw in rules["pathways"]:
        for q, accepted in pw.get("when", {}).items():
            if q not in qs:
                raise ValueError(f"rules.yaml: pathway {pw['key']!r} uses unknown question {q!r}")
            bad = [v for v in accepted if v not in qs[q]["choices"]]
            if bad:
                raise ValueError(f"rules.yaml: pathway {pw['key']!r}, question {q!r}: unknown choices {bad}")
        for part in ("key", "name", "citation", "confirm", "document", "record_of_disclosure"):
            if part not in pw:
                raise ValueError(f"rules.yaml: pathway {pw.get('key')!r} lacks {part!r}")


def questions() -> dict[str, dict]:
    """The questions and their allowed choices (a copy: changing it changes nothing).

    >>> sorted(questions()["data"]["choices"])
    ['de_identified', 'directory_information', 'pii']
    """
    return copy.deepcopy(_load_rules()["questions"])


def pathway_rules() -> list[dict]:
    """The pathway rules as loaded from ``rules.yaml`` (a copy)."""
    return copy.deepcopy(_load_rules()["pathways"])


def pathway_keys(include_none: bool = True) -> list[str]:
    """Keys of every pathway, in rule order (plus ``'none'``).

    >>> pathway_keys()[:3]
    ['parent_or_eligible_student', 'consent', 'school_official']
    """
    keys = [p["key"] for p in _load_rules()["pathways"]]
    return keys + ["none"] if include_none else keys


def validate_answers(answers: Mapping[str, Any]) -> dict[str, str]:
    """Check answers against the questions; return them complete (missing ones "unknown").

    >>> validate_answers({"data": "pii"})["purpose"]
    'unknown'
    >>> validate_answers({"colour": "red"})
    Traceback (most recent call last):
    ...
    helpers.ferpa.pathways.AnswerError: 'colour' is not one of the questions. Use: requester, done_for, direct_control, data, purpose, written_consent, opted_out, threat.
    """
    if not isinstance(answers, Mapping):
        raise AnswerError(
            f"Answers must be a dictionary like {{'data': 'pii'}}, not a {type(answers).__name__}."
        )
    qs = _load_rules()["questions"]
    out: dict[str, str] = {}
    for key in answers:
        if key not in qs:
            raise AnswerError(f"{key!r} is not one of the questions. Use: {', '.join(qs)}.")
    for key, spec in qs.items():
        value = answers.get(key, UNKNOWN)
        if value is None:
            value = UNKNOWN
        if isinstance(value, bool):
            value = "yes" if value else "no"
        if not isinstance(value, str) or (value not in spec["choices"] and value != UNKNOWN):
            allowed = ", ".join([*spec["choices"], UNKNOWN])
            raise AnswerError(f"{value!r} is not an allowed answer to {key!r} ({spec['prompt']}). Use one of: {allowed}.")
        out[key] = value
    return out


@dataclass(frozen=True)
class Pathway:
    """One candidate pathway for a request."""

    key: str
    name: str
    citation: str
    status: str  # "fits", "possible" or "none"
    confirm: tuple[str, ...]
    document: tuple[str, ...]
    record_of_disclosure: str  # "required", "not_required" or "not_applicable"
    open_questions: tuple[str, ...] = ()
    note: str = ""

    @property
    def record_text(self) -> str:
        return {
            "required": "Required: record the request and disclosure (34 CFR 99.32).",
            "not_required": "Not required by 34 CFR 99.32 for this pathway (keeping one is still good practice).",
            "not_applicable": "Not applicable: nothing is disclosed.",
        }[self.record_of_disclosure]

    def to_markdown(self) -> str:
        label = {"fits": "fits", "possible": "possible - find out first", "none": "no pathway"}[self.status]
        lines = [f"### {self.name} ({label})", f"*{self.citation}*", ""]
        if self.open_questions:
            lines += ["**Find out first:**", *[f"- {q}" for q in self.open_questions], ""]
        lines += ["**Still to confirm:**", *[f"- {c}" for c in self.confirm], ""]
        lines += ["**Write down:**", *[f"- {d}" for d in self.document], ""]
        lines += [f"**Record of disclosure:** {self.record_text}"]
        if self.note:
            lines += ["", f"*{self.note}*"]
        return "\n".join(lines)

    def to_html(self) -> str:
        esc = html.escape
        label = {"fits": "fits", "possible": "possible - find out first", "none": "no pathway"}[self.status]

        def items(title: str, values: tuple[str, ...]) -> str:
            if not values:
                return ""
            return f"<p><b>{title}</b></p><ul>" + "".join(f"<li>{esc(v)}</li>" for v in values) + "</ul>"

        note = f"<p><i>{esc(self.note)}</i></p>" if self.note else ""
        return (
            f"<h4>{esc(self.name)} ({label})</h4><p><i>{esc(self.citation)}</i></p>"
            + items("Find out first:", self.open_questions)
            + items("Still to confirm:", self.confirm)
            + items("Write down:", self.document)
            + f"<p><b>Record of disclosure:</b> {esc(self.record_text)}</p>{note}"
        )


@dataclass(frozen=True)
class PathwayResult:
    """The candidate pathways for one set of answers (a read-only list)."""

    answers: Mapping[str, str]
    pathways: tuple[Pathway, ...] = field(default_factory=tuple)

    def __iter__(self):
        return iter(self.pathways)

    def __len__(self) -> int:
        return len(self.pathways)

    def __getitem__(self, i: int) -> Pathway:
        return self.pathways[i]

    def keys(self, status: str | None = None) -> list[str]:
        """Pathway keys, optionally only those with ``status`` ("fits" or "possible")."""
        return [p.key for p in self.pathways if status is None or p.status == status]

    def table(self):
        """The candidates as a DataFrame (one row per pathway)."""
        import pandas as pd

        return pd.DataFrame(
            [
                {
                    "pathway": p.key,
                    "name": p.name,
                    "status": p.status,
                    "citation": p.citation,
                    "find_out_first": "; ".join(p.open_questions),
                    "record_of_disclosure": p.record_of_disclosure,
                }
                for p in self.pathways
            ]
        )

    def to_markdown(self) -> str:
        parts = [f"*{DISCLAIMER}*"] + [p.to_markdown() for p in self.pathways]
        return "\n\n".join(parts)

    _repr_markdown_ = to_markdown

    def to_html(self) -> str:
        return f"<p><i>{html.escape(DISCLAIMER)}</i></p>" + "".join(p.to_html() for p in self.pathways)

    def __repr__(self) -> str:
        return f"PathwayResult({[(p.key, p.status) for p in self.pathways]})"


def _pathway(rule: Mapping[str, Any], status: str, open_questions: tuple[str, ...] = ()) -> Pathway:
    return Pathway(
        key=rule["key"],
        name=rule["name"],
        citation=rule["citation"],
        status=status,
        confirm=tuple(rule["confirm"]),
        document=tuple(rule["document"]),
        record_of_disclosure=rule["record_of_disclosure"],
        open_questions=open_questions,
        note=rule.get("note", ""),
    )


def find_pathways(answers: Mapping[str, Any]) -> PathwayResult:
    """Candidate FERPA pathways for a request, with what to confirm and write down.

    ``answers`` maps question names (see :func:`questions`) to choice keys; leave a
    question out, or answer ``"unknown"``, when you do not know yet. Pathways that fit
    come first, then possible ones, each in rule order. The input is not changed.

    >>> r = find_pathways({"data": "de_identified"})
    >>> r.keys("fits")
    ['de_identified']
    >>> "consent" in r.keys("possible")
    True
    """
    given = validate_answers(answers)
    rules = _load_rules()
    qs = rules["questions"]
    fits: list[Pathway] = []
    possible: list[Pathway] = []
    for rule in rules["pathways"]:
        open_q: list[str] = []
        ruled_out = False
        for question, accepted in rule.get("when", {}).items():
            value = given[question]
            if value == UNKNOWN:
                open_q.append(qs[question]["prompt"])
            elif value not in accepted:
                ruled_out = True
                break
        if ruled_out:
            continue
        if open_q:
            possible.append(_pathway(rule, "possible", tuple(open_q)))
        else:
            fits.append(_pathway(rule, "fits"))
    found = fits + possible
    if not found:
        found = [_pathway(rules["none"], "none")]
    return PathwayResult(answers=dict(given), pathways=tuple(found))
