"""Checks for lesson 06: Don't blame it on FERPA.

Training material, not legal advice. Expected answers are computed with the helpers in
``helpers.ferpa`` from the Riverbend data: the classification from :data:`REQUEST_FACTS`
(our structured reading of each request's ``scenario_notes``) through ``find_pathways``;
the agreement check through ``check_agreement``; consent coverage through
``consent_coverage``.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from functools import lru_cache

from helpers.exercises import (ChoiceQuestion, CustomQuestion, Incorrect, LabelItemsQuestion, NumberQuestion,
                               PickItemsQuestion)
from helpers.ferpa import AgreementCheck, AgreementError, RecordResult, check_agreement, consent_coverage, find_pathways
from helpers.ferpa import pathway_keys

#: The answers to the pathway questions for each request, read from its scenario_notes.
REQUEST_FACTS = {
    "R01": {"requester": "community_organization", "done_for": "requester", "direct_control": "no", "data": "pii",
            "purpose": "other", "written_consent": "yes", "threat": "no"},
    "R02": {"requester": "community_organization", "done_for": "district", "direct_control": "yes", "data": "pii",
            "purpose": "services", "written_consent": "no", "threat": "no"},
    "R03": {"requester": "researcher_or_university", "done_for": "district", "direct_control": "no", "data": "pii",
            "purpose": "study_improve_instruction", "written_consent": "no", "threat": "no"},
    "R04": {"requester": "education_authority", "done_for": "district", "direct_control": "no", "data": "pii",
            "purpose": "audit_evaluation", "written_consent": "no", "threat": "no"},
    "R05": {"requester": "other", "done_for": "requester", "direct_control": "no", "data": "directory_information",
            "purpose": "other", "written_consent": "no", "opted_out": "no", "threat": "no"},
    "R06": {"requester": "community_organization", "done_for": "requester", "direct_control": "no", "data": "pii",
            "purpose": "emergency", "written_consent": "no", "threat": "yes"},
    "R07": {"requester": "other", "done_for": "requester", "direct_control": "no", "data": "de_identified",
            "purpose": "other", "written_consent": "no", "threat": "no"},
    "R11": {"requester": "community_organization", "done_for": "requester", "direct_control": "no", "data": "pii",
            "purpose": "evaluate_own_program", "written_consent": "no", "threat": "no"},
}
REQUESTS_TO_CLASSIFY = list(REQUEST_FACTS)
DEFICIENT_AGREEMENT = "DSA-06-school-official-draft"
CONSENT_ROSTER = "family_center_children"
RECORD_REQUEST = "R03"


def _requests():
    from helpers import data

    return data.load("data_requests").set_index("request_id")


def acceptable_pathways() -> dict[str, set[str]]:
    """For each request to classify, every pathway that fits it (usually exactly one)."""
    known = set(_requests().index)
    out = {}
    for rid, facts in REQUEST_FACTS.items():
        if rid not in known:  # pragma: no cover - data and checks out of step
            raise KeyError(f"request {rid} is not in data_requests")
        result = find_pathways(facts)
        out[rid] = {p.key for p in result if p.status in ("fits", "none")}
    return out


def model_classification() -> dict[str, str]:
    """One right answer per request (the first pathway that fits)."""
    return {rid: sorted(keys)[0] if len(keys) > 1 else next(iter(keys)) for rid, keys in acceptable_pathways().items()}


classify_requests = LabelItemsQuestion(
    "classify_requests",
    items=REQUESTS_TO_CLASSIFY,
    labels=pathway_keys,
    answer=acceptable_pathways,
    retry_hint=("Who is the work for, and is there consent, a district service, a study, an evaluation by an "
                "education authority, or only de-identified or directory data?"),
    correct_note="Every request sorted. Notice how few requests need a flat no, and what each pathway asks you "
                 "to write down.",
    hints=[
        "Use find_pathways() (or the widget) with your answers about each request; the scenario_notes hold the facts.",
        "R02 is a service the district contracted; R03 a study for the district; R11 a nonprofit's evaluation of "
        "its own program, without consent for marks.",
        "Pathway names: consent, school_official, studies, audit_evaluation, directory_information, "
        "health_safety_emergency, de_identified, none.",
    ],
    solution_text=("R01 consent; R02 school_official; R03 studies; R04 audit_evaluation; R05 directory_information; "
                   "R06 health_safety_emergency; R07 de_identified; R11 none (without consent covering marks, "
                   "share only de-identified results)."),
)

pii_or_not = ChoiceQuestion(
    "pii_or_not",
    options={
        "a": "No: without names or IDs, nobody can tell who is who.",
        "b": "Yes: date of birth with school and grade are indirect identifiers that, together, could let "
             "someone in the school community identify a student with reasonable certainty.",
        "c": "Only if the table also includes the student ID.",
        "d": "No: attendance is not part of a student's education record.",
    },
    answer="b",
    feedback={
        "a": "FERPA's definition of personally identifiable information (34 CFR 99.3) goes beyond names: think "
             "about what a classmate's parent already knows.",
        "c": "An ID is a direct identifier, but indirect identifiers count too. How many Cedar Ridge fifth "
             "graders share one birth date?",
        "d": "Attendance kept by the school is part of the education record.",
    },
    hints=["Re-read the PII definition above: it lists indirect identifiers such as date of birth."],
    solution_text='"b": date of birth, school and grade together can single out a child in a group of 12 (34 CFR 99.3).',
    correct_note="Removing names is not de-identification; indirect identifiers count.",
)


# --- the deficient agreement ---------------------------------------------------------------
def agreement_path():
    from helpers import paths

    return paths.datasets_dir() / "organization" / "agreements" / f"{DEFICIENT_AGREEMENT}.yaml"


@lru_cache(maxsize=1)
def _original() -> dict:
    return check_agreement(agreement_path()).agreement


def original_agreement() -> dict:
    """A fresh copy of the deficient draft."""
    return copy.deepcopy(_original())


def model_fix() -> dict:
    """One way to complete the draft (what the solution notebook does)."""
    fixed = original_agreement()
    fixed["direct_control"] = ("The district decides which records Bright Futures may use and how; it reviews access "
                               "monthly and can end access at any time.")
    fixed["annual_notice_criteria"] = ("The district's annual FERPA notice defines school officials to include "
                                       "contractors and volunteers performing district services under its control.")
    return fixed


def _check_fix(answer):
    if isinstance(answer, AgreementCheck):
        answer = answer.agreement
    original = _original()
    if answer.get("id") != original["id"]:
        raise Incorrect(f"This is not the draft {original['id']}. Start again from the loaded draft.")
    if answer.get("pathway") != original["pathway"]:
        raise Incorrect("You changed the pathway. The service is the same: fix the agreement, not its label.")
    if answer.get("recipient") != original["recipient"]:
        raise Incorrect("You changed the recipient. Keep the parties; add what is missing.")
    try:
        result = check_agreement(answer)
    except AgreementError as err:
        raise Incorrect(f"The checker cannot read it: {err}") from None
    if not result.passes:
        raise Incorrect(f"Still missing: {', '.join(result.missing())}. Run check_agreement(draft) to see the advice.")
    return "Every required element is there. A lawyer still reads it: the checker sees that text exists, not that it is true."


fixed_agreement = CustomQuestion(
    "fixed_agreement",
    checker=_check_fix,
    accepts=(Mapping, AgreementCheck),
    form="the agreement itself: the dictionary you edited (called `draft` above)",
    hints=[
        "Run check_agreement(draft).table() and look for rows with status 'missing' and kind 'required'.",
        'Fill each missing field with a real sentence, e.g. draft["direct_control"] = "The district ...".',
        "Two fields are missing: direct_control and annual_notice_criteria.",
    ],
    solution_text=("`draft['direct_control'] = 'The district decides which records ... and can end access at any "
                   "time.'` and `draft['annual_notice_criteria'] = \"The district's annual FERPA notice defines school "
                   "officials to include contractors ...\"`."),
)


# --- consent coverage ----------------------------------------------------------------------
def coverage():
    from helpers import data

    return consent_coverage(data.load(CONSENT_ROSTER))


consent_share = NumberQuestion(
    "consent_share",
    expected=lambda: coverage().share,
    shown_as="percent0",  # the chart says 71%
    mistakes=lambda: {
        1 - coverage().share: "That is the share WITHOUT consent. Which group can be shared by name?",
        coverage().n_with: "That is the number of children with consent. The question asks for the share (0 to 1).",
    },
    hints=["consent_coverage(children) returns an object; look at its .share.",
           "cov = consent_coverage(children); consent_share = cov.share"],
    solution_text="`consent_share = consent_coverage(children).share`",
    correct_note="Coverage tells you how far consent gets you, and how many children need another route.",
)

without_consent = ChoiceQuestion(
    "without_consent",
    options={
        "a": "Their names and attendance too: the center is trusted and serves the whole family.",
        "b": "Nothing at all about them.",
        "c": "De-identified aggregates only, for example counts of chronically absent children by school, with "
             "small cells suppressed.",
        "d": "Their attendance, as soon as the center signs a data-sharing agreement.",
    },
    answer="c",
    feedback={
        "a": "Trust is not a FERPA pathway. Which route covers these children: is there consent, or a service "
             "done for the district under its control?",
        "b": "FERPA does not block everything: what kind of data needs no consent?",
        "d": "An agreement documents a pathway; it does not create one. Which pathway would the agreement rest on?",
    },
    hints=["Look back at the pathway for de-identified data."],
    solution_text='"c": without consent (and no other exception), share only de-identified aggregates.',
    correct_note="Aggregates still answer the center's planning questions; consent campaigns can raise coverage.",
)


# --- record of disclosure --------------------------------------------------------------------
def _check_record(answer):
    if not answer.written:
        raise Incorrect("Nothing was written. Which pathway did R03 use, and does it need a record?")
    entry = answer.entry
    if entry["pathway"] != "studies":
        raise Incorrect("R03 was disclosed under another pathway than the one you recorded. Check your classification.")
    org = _requests().loc[RECORD_REQUEST, "requester_org"]
    if org.lower() not in entry["recipient"].lower():
        raise Incorrect(f"The recipient should be the organization that received R03's data. Look at its requester_org.")
    return "Recorded: the parties, their legitimate interest and what was disclosed, as 34 CFR 99.32 asks."


def model_record():
    """What the solution records (written to a temporary log)."""
    import tempfile
    from pathlib import Path

    from helpers.ferpa import DisclosureLog

    log = DisclosureLog(Path(tempfile.mkdtemp()) / "disclosures.csv")
    return log.record(date="2025-10-06", recipient=_requests().loc[RECORD_REQUEST, "requester_org"],
                      legitimate_interest="Early-warning study for the district to improve instruction (DSA-01)",
                      records_disclosed="Study IDs, grade, school, attendance, course marks, discipline and "
                                        "assessment scores, grades 6-9, 2024-25 and 2025-26",
                      pathway="studies", recorded_by="Data office")


def _wrong_record(pathway: str, recipient: str | None = None, keep: bool = False):
    def make():
        import tempfile
        from pathlib import Path

        from helpers.ferpa import DisclosureLog

        log = DisclosureLog(Path(tempfile.mkdtemp()) / "disclosures.csv")
        return log.record(date="2025-10-06", recipient=recipient or _requests().loc[RECORD_REQUEST, "requester_org"],
                          legitimate_interest="study", records_disclosed="marks", pathway=pathway,
                          recorded_by="me", keep_anyway=keep)
    return make


disclosure_record = CustomQuestion(
    "disclosure_record",
    checker=_check_record,
    accepts=RecordResult,
    form="the result of log.record(...), i.e. `result = log.record(...)`",
    hints=["Call log.record(date=..., recipient=..., legitimate_interest=..., records_disclosed=..., "
           "pathway=..., recorded_by=...) and keep what it returns.",
           "R03's pathway is 'studies'; its recipient is the requester_org in the data_requests table."],
    solution_text=("`result = log.record(date=\"2025-10-06\", recipient=\"Riverbend Data Collaborative\", "
                   "legitimate_interest=\"Early-warning study for the district\", records_disclosed=\"...\", "
                   "pathway=\"studies\", recorded_by=\"Data office\")`"),
)

# --- myths -------------------------------------------------------------------------------------
MYTHS = [
    "FERPA forbids sharing student data with nonprofits.",
    "Parent consent is always required before a district shares student records.",
    "Counts and rates by school need parent consent.",
    "Once both sides sign a data-sharing agreement, any sharing in it is legal.",
]
FACTS = [
    "A nonprofit doing work for the district under its direct control can be a school official.",
    "De-identified data, with small cells suppressed, can be shared without consent.",
]

myths = PickItemsQuestion(
    "myths",
    options=[MYTHS[0], FACTS[0], MYTHS[1], MYTHS[2], FACTS[1], MYTHS[3]],
    answer=MYTHS,
    why_not={
        FACTS[0]: "This one is true: see the school-official exception, 34 CFR 99.31(a)(1)(i)(B).",
        FACTS[1]: "This one is true: see 34 CFR 99.31(b)(1).",
    },
    hints=["Four of the six statements are myths.", "Compare each one with the pathways table you built."],
    solution_text="The four myths: FERPA forbids sharing with nonprofits; consent is always needed; aggregates need "
                  "consent; a signed agreement makes anything legal.",
    correct_note="Don't blame it on FERPA: it allows a lot, with conditions and paperwork.",
)

EXAMPLES = {
    "pii_or_not": {"right": ["b", "B"], "wrong": ["a", "c", "d", "e"]},
    "classify_requests": {
        "right": [model_classification, lambda: {k: f" {v} " for k, v in model_classification().items()}],
        "wrong": [
            lambda: {**model_classification(), "R11": "audit_evaluation"},
            lambda: {**model_classification(), "R02": "consent"},
            lambda: {k: "consent" for k in REQUESTS_TO_CLASSIFY},
            lambda: {k: "none" for k in REQUESTS_TO_CLASSIFY},
            lambda: {"R01": "consent"},
            lambda: {**model_classification(), "R03": "friendship"},
            ["consent", "school_official"],
        ],
    },
    "fixed_agreement": {
        "right": [model_fix, lambda: check_agreement(model_fix())],
        "wrong": [
            original_agreement,
            lambda: {**model_fix(), "direct_control": "TBD"},
            lambda: {**model_fix(), "annual_notice_criteria": ""},
            lambda: {**original_agreement(), "pathway": "consent"},
            lambda: {**model_fix(), "recipient": "Someone else"},
            lambda: {**model_fix(), "id": "DSA-03-school-official"},
            lambda: {**model_fix(), "data_elements": "student_id"},
            "DSA-06",
        ],
    },
    "consent_share": {
        "right": [lambda: coverage().share, lambda: round(coverage().share, 3)],
        "wrong": [lambda: 1 - coverage().share, lambda: coverage().n_with, lambda: coverage().share * 100, 1.0, "0.7"],
    },
    "without_consent": {"right": ["c"], "wrong": ["a", "b", "d"]},
    "disclosure_record": {
        "right": [model_record],
        "wrong": [
            _wrong_record("school_official"),
            _wrong_record("consent", keep=True),
            _wrong_record("studies", recipient="Riverbend Mentors"),
            lambda: model_record().entry,
            "recorded",
        ],
    },
    "myths": {
        "right": [MYTHS, list(reversed(MYTHS))],
        "wrong": [MYTHS[:3], MYTHS + [FACTS[0]], FACTS, [MYTHS[0]], "all of them"],
    },
}
