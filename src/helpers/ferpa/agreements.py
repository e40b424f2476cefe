"""Agreement checker: does a draft data-sharing agreement have what its FERPA pathway needs?

**Training material, not legal advice.** The element lists below paraphrase 34 CFR Part 99
for teaching. Confirm the current text of the regulations and your state's law with your
district's counsel before relying on an agreement.

Each pathway has *required* elements (what the regulation asks the written agreement or
consent to contain) and *recommended* ones (good practice such as security, breach
notification and signatures). Empty text and placeholders such as "TBD" count as missing.

* studies (34 CFR 99.31(a)(6)(iii)(C)): purpose, scope, duration, the data, use limited to
  the purpose, no identification of students or parents by anyone but representatives with
  legitimate interests, destruction when no longer needed, and the time period for it;
* audit or evaluation (34 CFR 99.35(a)(3), as we read it; check the current text): the
  designation of the authorized representative, the data, the purpose, a description of the
  activity, destruction and its time period, policies to protect the data;
* school official (34 CFR 99.31(a)(1)(i)(B)): the institutional service, direct control,
  the 99.33 limits on use and redisclosure, the annual-notification criteria;
* consent (34 CFR 99.30): signed and dated, names the records, the purpose and the recipients.

Example:
    >>> draft = {"pathway": "consent", "purpose": "Follow up on attendance",
    ...          "recipient": "Bright Futures After-School",
    ...          "data_elements": ["attendance_events"],
    ...          "signatures": [{"name": "A. Parent", "date": "2025-09-01"}]}
    >>> result = check_agreement(draft)
    >>> result.passes
    True
    >>> result.missing("recommended")[:2]
    ['security', 'breach_notification']
    >>> check_agreement({**draft, "purpose": "TBD"}).missing()
    ['purpose']
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import yaml

__all__ = [
    "AgreementError",
    "AgreementCheck",
    "Finding",
    "REQUIREMENTS",
    "RECOMMENDATIONS",
    "PATHWAYS",
    "check_agreement",
    "load_agreement",
    "render_agreement",
    "is_blank",
]

DISCLAIMER = "Training material, not legal advice. Confirm real agreements with your district's counsel."

# ---------------------------------------------------------------------------------------
# The rules, as data. Each element: name, what it checks ("field" is a dotted path into the
# agreement; "kind" says how it is judged), citation and advice for the author.
# ---------------------------------------------------------------------------------------
_STUDIES = "34 CFR 99.31(a)(6)(iii)(C)"
_AUDIT = "34 CFR 99.35(a)(3) (verify the current text)"
_OFFICIAL = "34 CFR 99.31(a)(1)(i)(B)"
_CONSENT = "34 CFR 99.30"

REQUIREMENTS: dict[str, list[dict[str, str]]] = {
    "studies": [
        {"element": "purpose", "field": "purpose", "kind": "text", "citation": _STUDIES,
         "advice": "State the purpose of the study (it must be one of the studies the exception allows)."},
        {"element": "scope", "field": "scope", "kind": "text", "citation": _STUDIES,
         "advice": "Say which students, schools and years the study covers."},
        {"element": "duration", "field": "duration", "kind": "period", "citation": _STUDIES,
         "advice": "Give a start and an end date for the study."},
        {"element": "data_elements", "field": "data_elements", "kind": "list", "citation": _STUDIES,
         "advice": "List the information to be disclosed, field by field (only what the study needs)."},
        {"element": "use_limits", "field": "use_limits", "kind": "text", "citation": _STUDIES,
         "advice": "Limit use of the data to the purpose of the study."},
        {"element": "identification_limits", "field": "identification_limits", "kind": "text", "citation": _STUDIES,
         "advice": "Require that no one other than the organization's representatives with legitimate interests "
                   "can identify parents or students."},
        {"element": "destruction", "field": "destruction.method", "kind": "text", "citation": _STUDIES,
         "advice": "Require destruction of the data when no longer needed for the study, and say how."},
        {"element": "destruction_deadline", "field": "destruction.deadline", "kind": "text", "citation": _STUDIES,
         "advice": "State the time period within which the data must be destroyed."},
    ],
    "audit_evaluation": [
        {"element": "authorized_representative", "field": "authorized_representative", "kind": "text",
         "citation": _AUDIT,
         "advice": "Designate the recipient in writing as the authorized representative of the state or local "
                   "educational authority. A community organization evaluating its own program does not fit here."},
        {"element": "data_elements", "field": "data_elements", "kind": "list", "citation": _AUDIT,
         "advice": "Specify the personally identifiable information to be disclosed."},
        {"element": "purpose", "field": "purpose", "kind": "text", "citation": _AUDIT,
         "advice": "State that the purpose is to audit or evaluate a federal- or state-supported education program."},
        {"element": "scope", "field": "scope", "kind": "text", "citation": _AUDIT,
         "advice": "Describe the activity, and how the data will be used, specifically enough to show it is an "
                   "audit or evaluation."},
        {"element": "destruction", "field": "destruction.method", "kind": "text", "citation": _AUDIT,
         "advice": "Require destruction of the data when no longer needed for the evaluation."},
        {"element": "destruction_deadline", "field": "destruction.deadline", "kind": "text", "citation": _AUDIT,
         "advice": "State the time period within which the data must be destroyed."},
        {"element": "security", "field": "security", "kind": "text", "citation": _AUDIT,
         "advice": "Set policies and procedures that protect the data from further disclosure and unauthorized use."},
    ],
    "school_official": [
        {"element": "scope", "field": "scope", "kind": "text", "citation": _OFFICIAL,
         "advice": "Describe the service: one the district would otherwise use its own employees for."},
        {"element": "direct_control", "field": "direct_control", "kind": "text", "citation": _OFFICIAL,
         "advice": "Say how the district keeps direct control over the use and maintenance of the records."},
        {"element": "redisclosure", "field": "redisclosure", "kind": "text", "citation": f"{_OFFICIAL}; 99.33(a)",
         "advice": "Bind the recipient to the limits on use and redisclosure in 34 CFR 99.33(a)."},
        {"element": "annual_notice_criteria", "field": "annual_notice_criteria", "kind": "text",
         "citation": f"{_OFFICIAL}; 99.7(a)(3)(iii)",
         "advice": "Show the recipient meets the school-official criteria in the district's annual FERPA notification."},
        {"element": "legitimate_interest", "field": "legitimate_interest", "kind": "text",
         "citation": f"{_OFFICIAL}; 99.7(a)(3)(iii)",
         "advice": "Explain the legitimate educational interest: why the service needs these records."},
    ],
    "consent": [
        {"element": "signatures", "field": "signatures", "kind": "signed", "citation": _CONSENT,
         "advice": "Consent must be signed and dated (by the parent or eligible student on the consent form; "
                   "the agreement should be signed and dated too)."},
        {"element": "data_elements", "field": "data_elements", "kind": "list", "citation": _CONSENT,
         "advice": "Name the records that may be disclosed."},
        {"element": "purpose", "field": "purpose", "kind": "text", "citation": _CONSENT,
         "advice": "State the purpose of the disclosure."},
        {"element": "recipient", "field": "recipient", "kind": "text", "citation": _CONSENT,
         "advice": "Name the party (or class of parties) who will receive the records."},
    ],
}

RECOMMENDATIONS: list[dict[str, str]] = [
    {"element": "security", "field": "security", "kind": "text", "citation": "best practice",
     "advice": "Describe security safeguards: where data are stored, who can access them, encryption."},
    {"element": "breach_notification", "field": "security", "kind": "mentions:breach", "citation": "best practice",
     "advice": "Say who must be told, and how fast, if the data are lost or exposed (a breach)."},
    {"element": "signatures", "field": "signatures", "kind": "signed_by_both", "citation": "best practice",
     "advice": "Have both the district and the recipient sign and date the agreement."},
    {"element": "duration", "field": "duration", "kind": "period", "citation": "best practice",
     "advice": "Give the agreement a start and an end date so access does not run on forever."},
    {"element": "data_elements", "field": "data_elements", "kind": "list", "citation": "best practice",
     "advice": "List exactly which fields will be shared (only what the purpose needs)."},
    {"element": "use_limits", "field": "use_limits", "kind": "text", "citation": "best practice",
     "advice": "Limit use of the data to the stated purpose."},
    {"element": "redisclosure", "field": "redisclosure", "kind": "text", "citation": "best practice; 34 CFR 99.33",
     "advice": "Tell the recipient it may not redisclose the data without consent (34 CFR 99.33)."},
    {"element": "training_note", "field": "training_note", "kind": "text", "citation": "best practice",
     "advice": "Mark drafts and training copies clearly (here: 'Fictional training material, not legal advice')."},
]

PATHWAYS = tuple(REQUIREMENTS)

#: Expected type of each known field; anything else in the file is kept and ignored.
FIELD_TYPES: dict[str, tuple[type, ...]] = {
    **{name: (str,) for name in (
        "id", "title", "status", "training_note", "discloser", "recipient", "pathway", "purpose", "scope",
        "use_limits", "redisclosure", "identification_limits", "security", "authorized_representative",
        "direct_control", "legitimate_interest", "annual_notice_criteria", "breach_notification")},
    "duration": (dict,),
    "destruction": (dict,),
    "data_elements": (list,),
    "signatures": (list,),
}
_TYPE_WORDS = {str: "a piece of text", dict: "a group of named values (a mapping)", list: "a list"}

PLACEHOLDERS = {"", "tbd", "tba", "todo", "to do", "to be determined", "to be decided", "n/a", "na", "none",
                "null", "?", "??", "???", "...", "xxx", "pending", "placeholder", "fill in", "insert here"}


class AgreementError(ValueError):
    """The agreement could not be read or is not shaped like an agreement."""


def is_blank(value: Any) -> bool:
    """True for None, empty text, placeholders like "TBD" or "[insert]", and empty lists.

    >>> [is_blank(v) for v in (None, "", " TBD ", "[insert date]", [], ["TBD"], "Study reading")]
    [True, True, True, True, True, True, False]
    """
    if value is None:
        return True
    if isinstance(value, (dt.date, dt.datetime)):
        return False
    if isinstance(value, str):
        text = value.strip().lower().strip(".:;")
        return text in PLACEHOLDERS or bool(re.fullmatch(r"\[[^\]]*\]|<[^>]*>", text)) or set(text) <= {"_", "-", "x"}
    if isinstance(value, (list, tuple)):
        return all(is_blank(v) for v in value)
    if isinstance(value, Mapping):
        return all(is_blank(v) for v in value.values())
    return False


def _get(agreement: Mapping[str, Any], dotted: str) -> Any:
    value: Any = agreement
    for part in dotted.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def _judge(agreement: Mapping[str, Any], spec: Mapping[str, str]) -> bool:
    """True when the element is present (not blank) in the agreement."""
    kind = spec["kind"]
    value = _get(agreement, spec["field"])
    if kind == "text":
        return not is_blank(value)
    if kind == "list":
        return isinstance(value, list) and not is_blank(value)
    if kind == "period":
        return isinstance(value, Mapping) and not is_blank(value.get("start")) and not is_blank(value.get("end"))
    if kind.startswith("mentions:"):
        word = kind.split(":", 1)[1]
        texts = [value, agreement.get("breach_notification")]
        return any(isinstance(t, str) and not is_blank(t) and word in t.lower() for t in texts)
    if kind in ("signed", "signed_by_both"):
        if not isinstance(value, list):
            return False
        signed = [s for s in value if isinstance(s, Mapping) and not is_blank(s.get("name")) and not is_blank(s.get("date"))]
        if kind == "signed":
            return bool(signed) and len(signed) == len(value)
        parties = [p for p in (agreement.get("discloser"), agreement.get("recipient")) if isinstance(p, str) and p.strip()]
        if len(parties) < 2:
            return len(signed) >= 2
        words = " ".join(f"{s.get('name', '')} {s.get('title', '')}" for s in signed).lower()
        return len(signed) >= 2 and all(p.lower() in words for p in parties)
    raise ValueError(f"unknown element kind {kind!r}")  # pragma: no cover - author error in the rules


@dataclass(frozen=True)
class Finding:
    """One element of an agreement: required or recommended, present or missing."""

    element: str
    kind: str  # "required" or "recommended"
    status: str  # "present" or "missing"
    citation: str
    advice: str
    field: str


@dataclass(frozen=True)
class AgreementCheck:
    """The result of :func:`check_agreement`."""

    agreement: Mapping[str, Any]
    pathway: str
    findings: tuple[Finding, ...]
    source: str = ""

    @property
    def passes(self) -> bool:
        """True when every *required* element is present (recommendations do not count)."""
        return not self.missing("required")

    def missing(self, kind: str = "required") -> list[str]:
        """Names of missing elements of ``kind`` ("required" or "recommended")."""
        return [f.element for f in self.findings if f.kind == kind and f.status == "missing"]

    def table(self):
        """The findings as a DataFrame: element, kind, status, citation, advice."""
        import pandas as pd

        return pd.DataFrame(
            [{"element": f.element, "kind": f.kind, "status": f.status, "citation": f.citation, "advice": f.advice}
             for f in self.findings]
        )

    def summary(self) -> str:
        name = self.agreement.get("id") or self.source or "agreement"
        req = [f for f in self.findings if f.kind == "required"]
        have = sum(f.status == "present" for f in req)
        verdict = "has every required element" if self.passes else f"is missing {', '.join(self.missing())}"
        return (f"{name} ({self.pathway}): {have} of {len(req)} required elements present; it {verdict}. "
                f"{len(self.missing('recommended'))} recommendation(s).")

    def to_markdown(self) -> str:
        lines = [render_agreement(self.agreement), "", "## Check", "", f"**{self.summary()}**", "",
                 "| element | kind | status | citation | advice |", "|---|---|---|---|---|"]
        for f in self.findings:
            mark = "present" if f.status == "present" else "**MISSING**"
            advice = f.advice if f.status == "missing" else ""
            lines.append(f"| {f.element} | {f.kind} | {mark} | {f.citation} | {advice} |")
        return "\n".join(lines)

    _repr_markdown_ = to_markdown

    def __str__(self) -> str:
        return self.summary()

    __repr__ = __str__


def load_agreement(path: str | Path) -> dict:
    """Read an agreement from a YAML or JSON file, with clear errors for a broken file."""
    path = Path(path)
    if not path.exists():
        raise AgreementError(f"There is no agreement file at {path}. Check the folder and the file name.")
    if path.is_dir():
        raise AgreementError(f"{path} is a folder, not an agreement file. Pick one .yaml file inside it.")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise AgreementError(f"{path.name} is not a text file. Agreements are YAML or JSON text.") from None
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(text)
        else:
            data = yaml.safe_load(text)
    except json.JSONDecodeError as err:
        raise AgreementError(f"{path.name} is not valid JSON: line {err.lineno}: {err.msg}.") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" near line {mark.line + 1}" if mark is not None else ""
        problem = getattr(err, "problem", None) or "it could not be read"
        raise AgreementError(
            f"{path.name} is not valid YAML{where}: {problem}. Check the indentation and that each line "
            "reads `name: value`."
        ) from None
    _validate(data, path.name)
    return data


def _validate(data: Any, name: str) -> None:
    if not isinstance(data, Mapping):
        raise AgreementError(
            f"{name} should hold named fields (pathway: ..., purpose: ...), but it holds "
            f"{'nothing' if data is None else 'a ' + type(data).__name__}."
        )
    pathway = data.get("pathway")
    if pathway not in REQUIREMENTS:
        shown = "no pathway" if is_blank(pathway) else f"pathway {pathway!r}"
        raise AgreementError(
            f"{name} has {shown}. Set `pathway` to one of: {', '.join(PATHWAYS)}."
        )
    for field_name, types in FIELD_TYPES.items():
        value = data.get(field_name)
        if value is None or (isinstance(value, str) and is_blank(value)):
            continue  # absent or a placeholder such as "TBD": reported as missing, not as an error
        if field_name == "duration" and isinstance(value, Mapping):
            for end in ("start", "end"):
                v = value.get(end)
                if v is not None and not isinstance(v, (str, dt.date)):
                    raise AgreementError(f"{name}: duration.{end} should be a date like 2026-06-30, not {v!r}.")
        if not isinstance(value, types):
            raise AgreementError(
                f"{name}: the field `{field_name}` should be {_TYPE_WORDS[types[0]]}, but it is "
                f"{type(value).__name__} ({str(value)[:40]!r})."
            )
    signatures = data.get("signatures")
    for s in signatures if isinstance(signatures, list) else []:
        if not isinstance(s, Mapping):
            raise AgreementError(f"{name}: each signature should have a name, title and date, not {s!r}.")
    elements = data.get("data_elements")
    for e in elements if isinstance(elements, list) else []:
        if not isinstance(e, str):
            raise AgreementError(f"{name}: data_elements should be a list of field names, but it contains {e!r}.")


def check_agreement(agreement: str | Path | Mapping[str, Any]) -> AgreementCheck:
    """Check a draft agreement (a dict, or a path to a YAML/JSON file) for its pathway's elements.

    Returns an :class:`AgreementCheck`; ``.passes`` says whether every required element is
    there, ``.table()`` lists each element, ``.to_markdown()`` renders the agreement and its
    check. Broken input raises :class:`AgreementError` with what to fix. The input is not changed.
    """
    if isinstance(agreement, (str, Path)):
        source = str(agreement)
        data = load_agreement(agreement)
    elif isinstance(agreement, Mapping):
        source = ""
        _validate(agreement, str(agreement.get("id") or "The agreement"))
        data = copy.deepcopy(dict(agreement))
    else:
        raise AgreementError(
            f"check_agreement() needs a dictionary or the path of a .yaml file, not a {type(agreement).__name__}."
        )
    pathway = data["pathway"]
    required = REQUIREMENTS[pathway]
    findings = [
        Finding(spec["element"], "required", "present" if _judge(data, spec) else "missing",
                spec["citation"], spec["advice"], spec["field"])
        for spec in required
    ]
    required_names = {spec["element"] for spec in required}
    for spec in RECOMMENDATIONS:
        if spec["element"] in required_names and spec["kind"] != "signed_by_both":
            continue
        findings.append(Finding(spec["element"], "recommended", "present" if _judge(data, spec) else "missing",
                                spec["citation"], spec["advice"], spec["field"]))
    return AgreementCheck(agreement=data, pathway=pathway, findings=tuple(findings), source=source)


def _fmt(value: Any) -> str:
    if is_blank(value):
        return "*(missing)*"
    if isinstance(value, list):
        if all(isinstance(v, Mapping) for v in value):
            return "; ".join(", ".join(str(x) for x in v.values() if x) for v in value)
        return ", ".join(str(v) for v in value)
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {'*(missing)*' if is_blank(v) else v}" for k, v in value.items())
    return str(value).replace("\n", " ").replace("|", "/")


def render_agreement(agreement: Mapping[str, Any]) -> str:
    """The agreement as readable Markdown (a title, the disclaimer, then each field).

    >>> print(render_agreement({"title": "Study", "pathway": "studies"}).splitlines()[0])
    # Study
    """
    title = agreement.get("title") or agreement.get("id") or "Data-sharing agreement"
    lines = [f"# {title}", "", f"*{DISCLAIMER}*", "", "| field | value |", "|---|---|"]
    skip = {"title"}
    for key, value in agreement.items():
        if key in skip:
            continue
        lines.append(f"| {key} | {_fmt(value)} |")
    return "\n".join(lines)
