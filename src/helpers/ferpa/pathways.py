"""FERPA pathway finder: which legal route (if any) fits a data request.

**Training material, not legal advice.** The rules simplify 20 U.S.C. 1232g and 34 CFR
Part 99 for teaching; state laws and local policy may add requirements. Confirm real
disclosures with your district's counsel or privacy officer.

The rules live in ``rules.yaml`` next to this file, as data anyone can read and audit:
each pathway lists the conditions that decide it, its citation and the U.S. Department of
Education guidance it follows. A small generic engine checks the conditions against your
answers:

* **fits**: every deciding condition is answered, and holds;
* **possible**: nothing rules it out, but some deciding answers are "unknown" (they are
  listed as things to find out first);
* a pathway with a condition that fails is left out. If nothing is left, the result is
  the single pathway ``none`` ("no FERPA pathway fits yet") with what to do instead.

Questions you do not answer count as "unknown". Unknown question names or choices raise
:class:`AnswerError`, which suggests the nearest name and lists the allowed ones.

Example:
    >>> tutoring = {"discloser": "district", "education_record": "yes",
    ...     "requester": "community_organization", "done_for": "district", "data": "pii",
    ...     "outsourced_function": "yes", "direct_control": "yes", "bound_by_99_33": "yes",
    ...     "purpose": "services", "written_consent": "no"}
    >>> find_pathways(tutoring).keys("possible")
    ['school_official']
    >>> find_pathways({**tutoring, "annual_notice_criteria": "yes"}).keys("fits")
    ['school_official']
    >>> find_pathways({"education_record": "no"}).keys("fits")
    ['not_education_record']
"""

from __future__ import annotations

import copy
import difflib
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
    "deciding_questions",
    "find_pathways",
    "questions",
    "pathway_rules",
    "pathway_keys",
    "sections",
    "validate_answers",
]

RULES_FILE = Path(__file__).with_name("rules.yaml")
UNKNOWN = "unknown"
DISCLAIMER = "Training material, not legal advice: confirm real disclosures with your district's counsel."
STATUS_LABELS = {"fits": "fits", "possible": "possible - find out first", "none": "no pathway"}
_RULE_PARTS = ("key", "name", "citation", "confirm", "document", "record_of_disclosure", "record_reason", "guidance")


class AnswerError(ValueError):
    """An answer to the pathway questions is not one the rules know."""


def did_you_mean(word: str, options) -> str:
    """A " Did you mean 'x'?" hint for a misspelled name (empty when nothing is close).

    >>> did_you_mean("direct_contol", ["direct_control", "data"])
    " Did you mean 'direct_control'?"
    """
    close = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=0.6)
    return f" Did you mean {close[0]!r}?" if close else ""


@lru_cache(maxsize=1)
def _load_rules() -> dict:
    with RULES_FILE.open(encoding="utf-8") as fh:
        rules = yaml.safe_load(fh)
    _validate_rules(rules)
    return rules


def _conditions(rule: Mapping[str, Any]) -> list[Mapping[str, list]]:
    return [rule.get("when", {}), *rule.get("any_of", [])]


def _validate_rules(rules: Mapping[str, Any]) -> None:
    """Fail loudly if rules.yaml refers to a question or choice that does not exist."""
    qs = rules["questions"]
    placed = [q for section in rules["sections"] for q in section["questions"]]
    if sorted(placed) != sorted(qs):
        raise ValueError(f"rules.yaml: sections must list every question once; check {set(placed) ^ set(qs)}")
    for key, spec in qs.items():
        for value, label in spec["choices"].items():
            if not isinstance(value, str) or not isinstance(label, str):
                raise ValueError(f"rules.yaml: question {key!r}: choice {value!r}: {label!r} must be quoted text "
                                 "(YAML reads an unquoted yes/no as true/false)")
    for pw in [*rules["pathways"], rules["none"]]:
        for part in _RULE_PARTS:
            if part not in pw:
                raise ValueError(f"rules.yaml: pathway {pw.get('key')!r} lacks {part!r}")
        for group in _conditions(pw):
            for q, accepted in group.items():
                if q not in qs:
                    raise ValueError(f"rules.yaml: pathway {pw['key']!r} uses unknown question {q!r}")
                bad = [v for v in accepted if v not in qs[q]["choices"]]
                if bad:
                    raise ValueError(f"rules.yaml: pathway {pw['key']!r}, question {q!r}: unknown choices {bad}")
        if pw["key"] != "none" and not _conditions(pw)[0] and not pw.get("any_of"):
            raise ValueError(f"rules.yaml: pathway {pw['key']!r} has no conditions")


def questions() -> dict[str, dict]:
    """The questions and their allowed choices (a copy: changing it changes nothing).

    >>> sorted(questions()["data"]["choices"])
    ['de_identified', 'directory_information', 'pii']
    """
    return copy.deepcopy(_load_rules()["questions"])


def sections() -> list[dict]:
    """The questions grouped for display: ``[{"title": ..., "questions": [...]}, ...]`` (a copy)."""
    return copy.deepcopy(_load_rules()["sections"])


def pathway_rules() -> list[dict]:
    """The pathway rules as loaded from ``rules.yaml`` (a copy)."""
    return copy.deepcopy(_load_rules()["pathways"])


def pathway_keys(include_none: bool = True) -> list[str]:
    """Keys of every pathway, in rule order (plus ``'none'``).

    >>> pathway_keys()[:3]
    ['not_education_record', 'parent_or_eligible_student', 'parent_of_dependent_student']
    """
    keys = [p["key"] for p in _load_rules()["pathways"]]
    return keys + ["none"] if include_none else keys


def deciding_questions(pathway: str) -> dict[str, list]:
    """The questions that decide ``pathway``: ``all`` must hold, and one group of ``any_of``.

    >>> deciding_questions("parent_or_eligible_student")["any_of"]
    [['requester', 'eligible_student'], ['requester']]
    """
    rules = {r["key"]: r for r in _load_rules()["pathways"]}
    if pathway not in rules:
        raise AnswerError(f"{pathway!r} is not a pathway.{did_you_mean(pathway, rules)} Use one of: {', '.join(rules)}.")
    rule = rules[pathway]
    return {"all": list(rule.get("when", {})), "any_of": [list(g) for g in rule.get("any_of", [])]}


def _read_value(key: str, spec: Mapping[str, Any], value: Any) -> str:
    choices = spec["choices"]
    if value is None:
        return UNKNOWN
    if isinstance(value, bool) and {"yes", "no"} <= set(choices):
        return "yes" if value else "no"
    if isinstance(value, str):
        text = value.strip().lower()
        if text in choices or text == UNKNOWN:
            return text
        if text in spec.get("retired", {}):
            raise AnswerError(f"{key!r}: {spec['retired'][text]}")
    allowed = ", ".join([*choices, UNKNOWN])
    hint = did_you_mean(value, [*choices, UNKNOWN]) if isinstance(value, str) else ""
    raise AnswerError(f"{value!r} is not an allowed answer to {key!r} ({spec['prompt']}).{hint} Use one of: {allowed}.")


def validate_answers(answers: Mapping[str, Any]) -> dict[str, str]:
    """Check answers against the questions; return them complete (missing ones "unknown").

    >>> validate_answers({"data": "pii"})["purpose"]
    'unknown'
    >>> validate_answers({"direct_contol": "yes"})
    Traceback (most recent call last):
    ...
    helpers.ferpa.pathways.AnswerError: 'direct_contol' is not one of the questions. Did you mean 'direct_control'? Use: discloser, education_record, ...
    """
    if not isinstance(answers, Mapping):
        raise AnswerError(
            f"Answers must be a dictionary like {{'data': 'pii'}}, not a {type(answers).__name__}."
        )
    qs = _load_rules()["questions"]
    for key in answers:
        if key not in qs:
            raise AnswerError(f"{key!r} is not one of the questions.{did_you_mean(key, qs)} Use: {', '.join(qs)}.")
    return {key: _read_value(key, spec, answers.get(key)) for key, spec in qs.items()}


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
    guidance: tuple[str, ...] = ()
    record_reason: str = ""

    @property
    def record_text(self) -> str:
        head = {"required": "Required.", "not_required": "Not required (keeping one is still good practice).",
                "not_applicable": "Not applicable."}[self.record_of_disclosure]
        return f"{head} {self.record_reason}".strip()

    def _sections(self) -> list[tuple[str, tuple[str, ...]]]:
        return [("Find out first (each can still rule this out):", self.open_questions),
                ("Still to confirm:", self.confirm), ("Write down:", self.document),
                ("ED guidance:", self.guidance)]

    def to_markdown(self) -> str:
        lines = [f"### {self.name} ({STATUS_LABELS[self.status]})", f"*{self.citation}*", ""]
        for title, values in self._sections():
            if values:
                lines += [f"**{title}**", *[f"- {v}" for v in values], ""]
        lines += [f"**Record of disclosure:** {self.record_text}"]
        if self.note:
            lines += ["", f"*{self.note}*"]
        return "\n".join(lines)

    def to_html(self) -> str:
        esc = html.escape

        def items(title: str, values: tuple[str, ...]) -> str:
            if not values:
                return ""
            return f"<p><b>{esc(title)}</b></p><ul>" + "".join(f"<li>{esc(v)}</li>" for v in values) + "</ul>"

        note = f"<p><i>{esc(self.note)}</i></p>" if self.note else ""
        return (
            f"<h4>{esc(self.name)} ({STATUS_LABELS[self.status]})</h4><p><i>{esc(self.citation)}</i></p>"
            + "".join(items(title, values) for title, values in self._sections())
            + f"<p><b>Record of disclosure:</b> {esc(self.record_text)}</p>{note}"
        )


@dataclass(frozen=True)
class PathwayResult:
    """The candidate pathways for one set of answers (a read-only list)."""

    answers: Mapping[str, str]
    pathways: tuple[Pathway, ...] = field(default_factory=tuple)
    #: (pathway name, why it was ruled out) for every pathway left out.
    ruled_out: tuple[tuple[str, str], ...] = ()

    def __iter__(self):
        return iter(self.pathways)

    def __len__(self) -> int:
        return len(self.pathways)

    def __getitem__(self, i: int) -> Pathway:
        return self.pathways[i]

    def keys(self, status: str | None = None) -> list[str]:
        """Pathway keys, optionally only those with ``status`` ("fits", "possible" or "none")."""
        return [p.key for p in self.pathways if status is None or p.status == status]

    def get(self, key: str) -> Pathway | None:
        """The candidate called ``key``, or None when it is ruled out."""
        return next((p for p in self.pathways if p.key == key), None)

    def table(self):
        """The candidates as a DataFrame (one row per pathway)."""
        import pandas as pd

        return pd.DataFrame(
            [{"pathway": p.key, "name": p.name, "status": p.status, "citation": p.citation,
              "find_out_first": "; ".join(p.open_questions), "record_of_disclosure": p.record_of_disclosure}
             for p in self.pathways]
        )

    def _why_none(self) -> list[str]:
        return [f"{name}: {why}" for name, why in self.ruled_out] if self.keys() == ["none"] else []

    def to_markdown(self) -> str:
        parts = [f"*{DISCLAIMER}*"] + [p.to_markdown() for p in self.pathways]
        if self._why_none():
            parts.append("**Why each pathway was ruled out:**\n" + "\n".join(f"- {w}" for w in self._why_none()))
        return "\n\n".join(parts)

    _repr_markdown_ = to_markdown

    def to_html(self) -> str:
        why = "".join(f"<li>{html.escape(w)}</li>" for w in self._why_none())
        why = f"<p><b>Why each pathway was ruled out:</b></p><ul>{why}</ul>" if why else ""
        return f"<p><i>{html.escape(DISCLAIMER)}</i></p>" + "".join(p.to_html() for p in self.pathways) + why

    def __repr__(self) -> str:
        return f"PathwayResult({[(p.key, p.status) for p in self.pathways]})"


def _group_status(group: Mapping[str, list], given: Mapping[str, str]) -> tuple[str, list[str]]:
    """("holds" | "open" | "fails", the questions still unknown, or the one that failed) for one group."""
    unknown = []
    for question, accepted in group.items():
        value = given[question]
        if value == UNKNOWN:
            unknown.append(question)
        elif value not in accepted:
            return "fails", [question]
    return ("open", unknown) if unknown else ("holds", [])


def _evaluate(rule: Mapping[str, Any], given: Mapping[str, str]) -> tuple[str, list[str]]:
    """("fits" | "possible" | "out", the open questions, or the ones that ruled it out) for one rule."""
    status, open_q = _group_status(rule.get("when", {}), given)
    if status == "fails":
        return "out", open_q
    groups = rule.get("any_of", [])
    if groups:
        results = [_group_status(g, given) for g in groups]
        if not any(s == "holds" for s, _ in results):
            alive = [q for s, qs in results if s == "open" for q in qs]
            if not alive:
                return "out", list(dict.fromkeys(q for _, qs in results for q in qs))
            open_q += [q for q in dict.fromkeys(alive) if q not in open_q]
    return ("possible", open_q) if open_q else ("fits", [])


def _pathway(rule: Mapping[str, Any], status: str, open_questions: tuple[str, ...] = ()) -> Pathway:
    return Pathway(
        key=rule["key"], name=rule["name"], citation=rule["citation"], status=status,
        confirm=tuple(rule["confirm"]), document=tuple(rule["document"]),
        record_of_disclosure=rule["record_of_disclosure"], open_questions=open_questions,
        note=rule.get("note", ""), guidance=tuple(rule["guidance"]), record_reason=rule["record_reason"],
    )


def find_pathways(answers: Mapping[str, Any]) -> PathwayResult:
    """Candidate FERPA pathways for a request, with what to confirm and write down.

    ``answers`` maps question names (see :func:`questions`) to choice keys; leave a
    question out, or answer ``"unknown"``, when you do not know yet. Pathways that fit
    come first, then possible ones, each in rule order. The input is not changed.

    >>> r = find_pathways({"data": "de_identified"})
    >>> r.keys("fits"), "de_identified" in r.keys("possible")
    ([], True)
    """
    given = validate_answers(answers)
    rules = _load_rules()
    prompts = {k: v["prompt"] for k, v in rules["questions"].items()}
    choices = {k: v["choices"] for k, v in rules["questions"].items()}
    fits: list[Pathway] = []
    possible: list[Pathway] = []
    ruled_out: list[tuple[str, str]] = []
    for rule in rules["pathways"]:
        status, questions_ = _evaluate(rule, given)
        if status == "fits":
            fits.append(_pathway(rule, "fits"))
        elif status == "possible":
            possible.append(_pathway(rule, "possible", tuple(prompts[q] for q in questions_)))
        else:
            why = "; ".join(f'"{prompts[q]}" was answered "{choices[q][given[q]]}"' for q in questions_)
            ruled_out.append((rule["name"], why))
    found = fits + possible or [_pathway(rules["none"], "none")]
    return PathwayResult(answers=dict(given), pathways=tuple(found), ruled_out=tuple(ruled_out))
