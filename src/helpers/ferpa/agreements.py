"""Agreement checker: does a draft data-sharing agreement state what its FERPA pathway needs?

**Training material, not legal advice.** The element lists in ``agreements.yaml`` (next to
this file) paraphrase 34 CFR Part 99, each with its citation. *Passes* means every required
element is **present** in the text; the checker does not judge whether what the text says
is true, enough, or lawful. A lawyer or privacy officer still reads the agreement.

* studies (34 CFR 99.31(a)(6)(iii)(C)): purpose, scope, duration, the data, use only for the
  study, no identification by anyone but representatives with legitimate interests,
  destruction and its time period;
* audit or evaluation (34 CFR 99.35(a)(3)): designation, the data, the purpose, a description
  of the activity and of how the data will be used, use limits, destruction and its time
  period, policies protecting the data from unauthorized use and further disclosure;
* school official (34 CFR 99.31(a)(1)(i)(B)): the conditions FERPA requires (the written
  agreement itself is ED's recommended best practice, not a requirement);
* consent (34 CFR 99.30): signed and dated by the parent (or the eligible student), naming
  the records, the purpose and the recipient.

An element is found by what the agreement *says*, not only by the field it sits in (a
redisclosure limit written under ``security`` counts). Placeholders ("TBD"), non-answers
("yes", "We will figure this out later") and generator leaks ("after None") do not count;
unknown field names raise :class:`AgreementError` with the nearest known name.

Example:
    >>> draft = {"pathway": "consent", "purpose": "Follow up on attendance",
    ...          "recipient": "Bright Futures After-School",
    ...          "data_elements": ["attendance_events"],
    ...          "consent": "Each parent signed and dated form BF-C1."}
    >>> result = check_agreement(draft)
    >>> result.passes
    True
    >>> check_agreement({**draft, "purpose": "TBD"}).missing()
    ['purpose']
    >>> check_agreement({**draft, "purpose": "We will figure this out later"}).missing()
    ['purpose']
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

import yaml

from .pathways import did_you_mean

__all__ = ["AgreementError", "AgreementCheck", "Finding", "REQUIREMENTS", "RECOMMENDATIONS", "PATHWAYS",
           "check_agreement", "load_agreement", "render_agreement", "is_blank", "says_nothing"]

RULES_FILE = Path(__file__).with_name("agreements.yaml")
DISCLAIMER = ("Training material, not legal advice. The check finds whether required elements are present; "
              "it does not judge whether the agreement is lawful. Confirm real agreements with your district's counsel.")
_TYPES = {"text": (str,), "mapping": (dict,), "list": (list,)}
_TYPE_WORDS = {"text": "a piece of text", "mapping": "a group of named values (a mapping)", "list": "a list"}


class AgreementError(ValueError):
    """The agreement could not be read or is not shaped like an agreement."""


@lru_cache(maxsize=1)
def _rules() -> dict:
    with RULES_FILE.open(encoding="utf-8") as fh:
        rules = yaml.safe_load(fh)
    for group in [*rules["requirements"].values(), rules["recommendations"]]:
        for spec in group:
            for name in spec["look_in"]:
                if name.split(".")[0] not in rules["fields"]:  # pragma: no cover - author error in the rules
                    raise ValueError(f"agreements.yaml: element {spec['element']!r} looks in unknown field {name!r}")
    return rules


REQUIREMENTS: dict[str, list[dict]] = copy.deepcopy(_rules()["requirements"])
RECOMMENDATIONS: list[dict] = copy.deepcopy(_rules()["recommendations"])
PATHWAYS = tuple(REQUIREMENTS)
PLACEHOLDERS = frozenset(_rules()["placeholders"])


def _normal(text: str) -> str:
    return " ".join(text.strip().lower().strip(".:;!").split())


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
        text = _normal(value)
        return text in PLACEHOLDERS or bool(re.fullmatch(r"\[[^\]]*\]|<[^>]*>", text)) or set(text) <= {"_", "-", "x"}
    if isinstance(value, (list, tuple)):
        return all(is_blank(v) for v in value)
    if isinstance(value, Mapping):
        return all(is_blank(v) for v in value.values())
    return False


def says_nothing(value: Any, min_words: int = 2) -> str:
    """Why a piece of text is not an answer ("" when it is one); a name may be one word (``min_words=1``).

    >>> says_nothing("yes"), says_nothing("We will figure this out later")[:25]
    ('it only says "yes"', 'it postpones the answer (')
    >>> says_nothing("Data may be used only for this study.")
    ''
    """
    if is_blank(value):
        return "it is empty or a placeholder"
    if not isinstance(value, str):
        return ""
    text = _normal(value)
    if text in _rules()["non_answers"]:
        return f'it only says "{value.strip()}"'
    for pattern in _rules()["postponing"]:
        found = re.search(pattern, text)
        if found:
            return f'it postpones the answer ("{found.group(0)}")'
    if len(text.split()) < min_words:
        return f'"{value.strip()}" is one word: too short to state this element'
    return ""


def _get(agreement: Mapping[str, Any], dotted: str) -> Any:
    value: Any = agreement
    for part in dotted.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def _texts(agreement: Mapping[str, Any], prefix: str = ""):
    """(field, text) for every piece of text in the agreement, nested ones too."""
    for key, value in agreement.items():
        name = f"{prefix}{key}"
        if isinstance(value, str):
            yield name, value
        elif isinstance(value, Mapping):
            yield from _texts(value, f"{name}.")
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, str):
                    yield name, item
                elif isinstance(item, Mapping):
                    yield from _texts(item, f"{name}.")


_SIGNER = r"\b(?:parents?|guardians?|eligible students?|the students?)\b"


def _consent_signature(agreement: Mapping[str, Any]) -> tuple[bool, str, str]:
    signatures = agreement.get("signatures")
    for s in signatures if isinstance(signatures, list) else []:
        role = f"{s.get('title', '')} {s.get('role', '')}" if isinstance(s, Mapping) else ""
        if re.search(_SIGNER, role, re.I) and not is_blank(s.get("name")) and not is_blank(s.get("date")):
            return True, "signatures", ""
    for name, text in _texts(agreement):
        if name.startswith("signatures"):
            continue
        for sentence in re.split(r"(?<=[.;])\s+", text):
            if (re.search(_SIGNER, sentence, re.I) and re.search(r"\bsign", sentence, re.I)
                    and re.search(r"\bdated?\b", sentence, re.I) and not says_nothing(sentence)):
                return True, name, ""
    return False, "", "no signature, or statement of one, by the parent or eligible student (the recipient's does not count)"


def _judge(agreement: Mapping[str, Any], spec: Mapping[str, Any]) -> tuple[bool, str, str]:
    """(present?, where it was found, why it is missing) for one element."""
    kind = spec["kind"]
    if kind == "consent_signature":
        return _consent_signature(agreement)
    reason = "missing"
    for name in spec["look_in"]:
        value = _get(agreement, name)
        if kind == "list" and isinstance(value, list) and not is_blank(value):
            return True, name, ""
        if kind == "period" and isinstance(value, Mapping):
            if not is_blank(value.get("start")) and not is_blank(value.get("end")):
                return True, name, ""
            reason = "it needs both a start and an end date"
        if kind == "signed_by_both":
            return _signed_by_both(agreement, value), name, "the district and the recipient have not both signed and dated"
        if kind == "text" and value is not None:
            why = says_nothing(value, spec.get("min_words", 2))
            if not why:
                return True, name, ""
            reason = f"`{name}`: {why}"
    pattern = spec.get("mentions")
    if pattern:
        for name, text in _texts(agreement):
            if re.search(pattern, text, re.I) and not says_nothing(text):
                return True, name, ""
    return False, "", reason


def _signed_by_both(agreement: Mapping[str, Any], value: Any) -> bool:
    if not isinstance(value, list):
        return False
    signed = [s for s in value if isinstance(s, Mapping) and not is_blank(s.get("name")) and not is_blank(s.get("date"))]
    parties = [p for p in (agreement.get("discloser"), agreement.get("recipient")) if isinstance(p, str) and p.strip()]
    if len(parties) < 2:
        return len(signed) >= 2
    words = " ".join(f"{s.get('name', '')} {s.get('title', '')}" for s in signed).lower()
    return len(signed) >= 2 and all(p.lower() in words for p in parties)


def _leaks(agreement: Mapping[str, Any]) -> tuple[str, ...]:
    found = []
    for name, text in _texts(agreement):
        for pattern in _rules()["generator_leaks"]:
            hit = re.search(pattern, text)
            if hit:
                found.append(f"`{name}` contains \"{hit.group(0)}\": a value was left empty when the text was made.")
    return tuple(found)


@dataclass(frozen=True)
class Finding:
    """One element of an agreement: required or recommended, present or missing."""

    element: str
    kind: str  # "required" or "recommended"
    status: str  # "present" or "missing"
    citation: str
    advice: str
    field: str
    found_in: str = ""
    reason: str = ""


@dataclass(frozen=True)
class AgreementCheck:
    """The result of :func:`check_agreement`. ``passes`` means present, not lawful."""

    agreement: Mapping[str, Any]
    pathway: str
    findings: tuple[Finding, ...]
    source: str = ""
    problems: tuple[str, ...] = ()
    note: str = ""

    @property
    def passes(self) -> bool:
        """True when every *required* element is present and the text has no generator leaks.

        It does not mean the agreement is lawful: the checker sees that text exists, not that it is true."""
        return not self.missing("required") and not self.problems

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
        verdict = "has every required element" if not self.missing() else f"is missing {', '.join(self.missing())}"
        leaks = f" {len(self.problems)} generator leak(s) in the text." if self.problems else ""
        return (f"{name} ({self.pathway}): {have} of {len(req)} required elements present; it {verdict}.{leaks} "
                f"{len(self.missing('recommended'))} recommendation(s). Present means stated, not lawful.")

    def to_markdown(self) -> str:
        lines = [render_agreement(self.agreement), "", "## Check", "", f"**{self.summary()}**", ""]
        if self.note:
            lines += [f"*{self.note}*", ""]
        lines += [f"- **Problem:** {p}" for p in self.problems]
        lines += ["", "| element | kind | status | citation | advice |", "|---|---|---|---|---|"]
        for f in self.findings:
            mark = "present" if f.status == "present" else "**MISSING**"
            advice = f"{f.advice} ({f.reason})" if f.status == "missing" and f.reason not in ("", "missing") else (
                f.advice if f.status == "missing" else "")
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
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
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
    fields = _rules()["fields"]
    unknown = [k for k in data if k not in fields]
    if unknown:
        hints = " ".join(f"`{k}` is not a field the checker knows.{did_you_mean(k, fields)}" for k in unknown)
        raise AgreementError(f"{name}: {hints} Fix the name (a misspelled field would be ignored). "
                             f"Known fields: {', '.join(fields)}.")
    pathway = data.get("pathway")
    if pathway not in REQUIREMENTS:
        shown = "no pathway" if is_blank(pathway) else f"pathway {pathway!r}"
        hint = did_you_mean(pathway, PATHWAYS) if isinstance(pathway, str) else ""
        raise AgreementError(f"{name} has {shown}.{hint} Set `pathway` to one of: {', '.join(PATHWAYS)}.")
    for field_name, type_name in fields.items():
        value = data.get(field_name)
        if value is None or (isinstance(value, str) and is_blank(value)):
            continue  # absent or a placeholder such as "TBD": reported as missing, not as an error
        if field_name == "duration" and isinstance(value, Mapping):
            for end in ("start", "end"):
                v = value.get(end)
                if v is not None and not isinstance(v, (str, dt.date)):
                    raise AgreementError(f"{name}: duration.{end} should be a date like 2026-06-30, not {v!r}.")
        if not isinstance(value, _TYPES[type_name]):
            raise AgreementError(
                f"{name}: the field `{field_name}` should be {_TYPE_WORDS[type_name]}, but it is "
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


def _finding(spec: Mapping[str, Any], kind: str, data: Mapping[str, Any]) -> Finding:
    present, where, reason = _judge(data, spec)
    return Finding(spec["element"], kind, "present" if present else "missing", spec["citation"], spec["advice"],
                   spec["look_in"][0], where, "" if present else reason)


def check_agreement(agreement: str | Path | Mapping[str, Any]) -> AgreementCheck:
    """Check a draft agreement (a dict, or a path to a YAML/JSON file) for its pathway's elements.

    Returns an :class:`AgreementCheck`; ``.passes`` says whether every required element is
    stated (not whether the agreement is lawful), ``.table()`` lists each element,
    ``.to_markdown()`` renders the agreement and its check. Broken input raises
    :class:`AgreementError` with what to fix. The input is not changed.
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
    findings = [_finding(spec, "required", data) for spec in required]
    required_names = {spec["element"] for spec in required}
    for spec in RECOMMENDATIONS:
        if spec["element"] in required_names and spec["kind"] != "signed_by_both":
            continue
        findings.append(_finding(spec, "recommended", data))
    info = _rules()["pathways"][pathway]
    return AgreementCheck(agreement=data, pathway=pathway, findings=tuple(findings), source=source,
                          problems=_leaks(data), note=info["note"])


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
    for key, value in agreement.items():
        if key != "title":
            lines.append(f"| {key} | {_fmt(value)} |")
    return "\n".join(lines)
