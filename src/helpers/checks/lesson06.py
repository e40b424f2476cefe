"""Checks for lesson 06: Don't blame it on FERPA.

Training material, not legal advice. Expected answers are computed with the helpers in
``helpers.ferpa`` from the Riverbend data: the classification from the worked answers in
``helpers/ferpa/examples.yaml`` (our reading of each request's ``scenario_notes``) through
``find_pathways``; the agreement check through ``check_agreement`` (which sees whether each
required element is *present*, never whether it is true or lawful); consent coverage
through ``consent_coverage``; the record of disclosures through ``DisclosureLog``.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from functools import lru_cache

from helpers.checks.lesson00 import LetterPicks
from helpers.exercises import ChoiceQuestion, CustomQuestion, Incorrect, LabelItemsQuestion, NumberQuestion
from helpers.ferpa import (AgreementCheck, AgreementError, RecordResult, check_agreement, consent_coverage,
                           example_answers, find_pathways)
from helpers.ferpa.pathways import pathway_rules

#: The requests the lesson asks learners to sort (their worked answers are in examples.yaml).
REQUESTS_TO_CLASSIFY = ["R01", "R02", "R03", "R04", "R05", "R06", "R07", "R11"]
DEFICIENT_AGREEMENT = "DSA-06-school-official-draft"
CONSENT_ROSTER = "family_center_children"
RECORD_REQUEST = "R03"
#: The fields of the DSA-06 draft the learner fills in (the two required elements it lacks).
FIX_FIELDS = ("direct_control", "annual_notice_criteria")


def _requests():
    from helpers import data

    return data.load("data_requests").set_index("request_id")


# --- 1. PII -------------------------------------------------------------------------------------
pii_or_not = ChoiceQuestion(
    "pii_or_not",
    options={
        "a": "No: without names or IDs, nobody can tell who is who.",
        "b": "Only if the table also includes the student ID.",
        "c": "Yes, very likely: in a group of 12, date of birth with school and grade could let someone in the "
             "school community identify a child with reasonable certainty.",
        "d": "No: attendance is not part of a student's education record, so a table of attendance with no names or "
             "IDs holds no personal information at all.",
    },
    answer="c",
    feedback={
        "a": "FERPA's definition of personally identifiable information (34 CFR 99.3) goes beyond names: think "
             "about what a classmate's parent already knows.",
        "b": "An ID is a direct identifier, but indirect identifiers count too. How many of 12 children share one "
             "birth date?",
        "d": "Attendance the school keeps about a student is part of the education record.",
    },
    hints=["Re-read the definition of personally identifiable information above: it is more than names and IDs.",
           "Look at the words 'indirect identifiers' and 'alone or combined' in section 1."],
    solution_text='"c": date of birth, school and grade together can single out a child in a group of 12 '
                  "(34 CFR 99.3, personally identifiable information).",
    correct_note="Removing names is not de-identification; indirect identifiers count.",
)


# --- 3. sort the requests ---------------------------------------------------------------------
def acceptable_pathways() -> dict[str, set[str]]:
    """For each request, the pathways the finder gives for its worked answers: the ones that fit,
    or, when none fits yet, the possible ones (or ``none``)."""
    known = set(_requests().index)
    out = {}
    for rid in REQUESTS_TO_CLASSIFY:
        if rid not in known:  # pragma: no cover - data and checks out of step
            raise KeyError(f"request {rid} is not in data_requests")
        result = find_pathways(example_answers(rid))
        out[rid] = set(result.keys("fits") or result.keys("possible") or result.keys("none"))
    return out


def model_classification() -> dict[str, str]:
    """One right answer per request."""
    return {rid: sorted(keys)[0] for rid, keys in acceptable_pathways().items()}


def _pathway_labels() -> dict[str, str]:
    labels = {p["key"]: p["name"] for p in pathway_rules()}
    labels["none"] = "no FERPA pathway fits (yet)"
    return labels


classify_requests = LabelItemsQuestion(
    "classify_requests",
    items=REQUESTS_TO_CLASSIFY,
    labels=_pathway_labels,
    answer=acceptable_pathways,
    retry_hint=("For each one ask: who is the work for; is there consent from the right person; is it a service, "
                "a study or an evaluation for the district or an educational authority; or only directory, "
                "de-identified or emergency information?"),
    correct_note="Every request sorted. Notice how few need a flat no, and that two of them (R02, R07) are only "
                 "'possible' until a deciding fact is confirmed.",
    hints=[
        "Work one request at a time: read its scenario_notes, then find the row of the pathways table whose "
        "conditions match. Who is the work for, and who asked?",
        "Put a request's worked answers in the finder (for example pathway_finder(example_answers(\"R04\"))) and "
        "read which pathway it names. R11 is a nonprofit evaluating its own program, with consent for "
        "attendance only.",
    ],
    solution_text=("R01 consent; R02 school_official (possible); R03 studies; R04 audit_evaluation; "
                   "R05 directory_information; R06 health_safety_emergency; R07 de_identified (possible); R11 none "
                   "(without consent covering marks, share only de-identified results)."),
)

fits_or_possible = ChoiceQuestion(
    "fits_or_possible",
    options={
        "a": "FERPA requires a signed written agreement stating every school-official condition before a community "
             "organization may act as one, and R02's contract covers only the district's control of the records.",
        "b": "One deciding condition is not in the notes: that Riverbend Mentors is bound not to use the records "
             "for other purposes or pass them on (34 CFR 99.33(a)). Confirm it first.",
        "c": "Community organizations cannot be school officials.",
        "d": "Parents must consent as well.",
    },
    answer="b",
    feedback={
        "a": "ED calls a written agreement a best practice for school officials, not a FERPA requirement. Which of "
             "the four conditions is not settled by R02's notes?",
        "c": "They can: ED's guidance gives a community organization tutoring for the district as an example. Which "
             "condition is still open?",
        "d": "The school-official exception is an exception to consent. What does the finder list under 'Find out "
             "first'?",
    },
    hints=["'Possible' means nothing rules the pathway out, but a question that decides it is unanswered.",
           "Read the 'Find out first' line under the school-official pathway in the widget."],
    solution_text='"b": the notes say the district controls use and the annual notice covers contractors, but not '
                  "that the contract binds Riverbend Mentors to the 99.33 limits on use and redisclosure.",
    correct_note="'Possible' is an honest answer: it names the fact to confirm before any data move.",
)


# --- 4. the deficient agreement ------------------------------------------------------------
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
    fixed["annual_notice_criteria"] = ("The annual FERPA notice defines school officials to include contractors and "
                                       "volunteers who perform services the district would otherwise do itself.")
    return fixed


PRESENCE_ONLY = ("This check sees only that each required element is stated, not whether it is true, enough or "
                 "lawful: a privacy officer or counsel still reads the agreement.")


def _check_fix(answer):
    if isinstance(answer, AgreementCheck):
        answer = answer.agreement
    original = _original()
    if answer.get("id") != original["id"]:
        raise Incorrect(f"This is not the draft {original['id']}. Run the cell that loads `draft` again, then fill in "
                        "the two sentences.")
    blanks = [f for f in FIX_FIELDS if isinstance(answer.get(f), str) and "____" in answer[f]]
    if blanks:
        raise Incorrect(f"Still to write: {', '.join(blanks)}. Replace ____ with a sentence between the quotes.")
    if answer.get("pathway") != original["pathway"]:
        raise Incorrect("You changed the pathway. The service is the same: fix the agreement, not its label.")
    if answer.get("recipient") != original["recipient"]:
        raise Incorrect("You changed the recipient. Keep the parties; add what is missing.")
    try:
        result = check_agreement(answer)
    except AgreementError as err:
        raise Incorrect(f"The checker cannot read it: {err}") from None
    if not result.passes:
        missing = [f for f in result.findings if f.kind == "required" and f.status == "missing"]
        why = "; ".join(f.element if f.reason in ("", "missing") else f.reason if f.reason.startswith("`")
                        else f"{f.element}: {f.reason}" for f in missing)
        problems = " ".join(result.problems)
        raise Incorrect(f"Still missing: {why}. {problems} Write what the district will actually do, in a full "
                        f"sentence. {PRESENCE_ONLY}".replace("  ", " "))
    return f"Every required element is now stated. {PRESENCE_ONLY}"


fixed_agreement = CustomQuestion(
    "fixed_agreement",
    checker=_check_fix,
    accepts=(Mapping, AgreementCheck),
    form="the agreement itself: the dictionary called `draft`, after you fill in its two sentences",
    hints=[
        "Each sentence says what the district will do: how it controls the use of the records, and how its annual "
        "FERPA notice covers this partner. 'Yes' or 'to be decided' does not state anything.",
        "Look at the advice column of the table above for direct_control and annual_notice_criteria.",
    ],
    solution_text=("`draft['direct_control'] = 'The district decides which records Bright Futures may use and how; it "
                   "reviews access monthly and can end access at any time.'` and "
                   "`draft['annual_notice_criteria'] = 'The annual FERPA notice defines school officials to include "
                   "contractors and volunteers who perform services the district would otherwise do itself.'`"),
    correct_note=PRESENCE_ONLY,
)


# --- 5. consent coverage ----------------------------------------------------------------------
def coverage():
    from helpers import data

    return consent_coverage(data.load(CONSENT_ROSTER))


consent_share = NumberQuestion(
    "consent_share",
    expected=lambda: coverage().share,
    shown_as="percent0",  # the chart says 71%
    mistakes=lambda: {
        1 - coverage().share: "That is the share WITHOUT consent on file. The question asks for the share with it.",
        coverage().n_with: "That is the number of children with consent. The question asks for the share (0 to 1).",
    },
    hints=["consent_coverage(children) returns an object with the share of children with consent on file.",
           "Look at the attributes of `cov`: one of them is a share between 0 and 1."],
    solution_text="`consent_share = consent_coverage(children).share`",
    correct_note="Coverage tells you how far consent gets you, and how many children need another route.",
)

without_consent = ChoiceQuestion(
    "without_consent",
    options={
        "a": "Their names and attendance too: the center is trusted and serves the whole family.",
        "b": "Attendance counts for exactly those children, by school and grade: counts are aggregates, aggregates "
             "are always de-identified, and so no consent or other pathway is needed.",
        "c": "Their attendance, as soon as the center signs a data-sharing agreement.",
        "d": "Unless another pathway's conditions are met, only data the district has judged de-identified, such as "
             "chronic-absence counts for all students by school, small groups suppressed.",
    },
    answer="d",
    feedback={
        "a": "Trust is not a FERPA pathway. Which route covers these children: is there consent, or a service "
             "done for the district under its control?",
        "b": "The center knows exactly which children these are. A request from someone who knows whom the data "
             "describe can make counts personally identifiable (34 CFR 99.3, paragraph (g)): '3 of our 4 children "
             "at Oak Street' says a lot.",
        "c": "An agreement documents a pathway; it does not create one. Which pathway would the agreement rest on?",
    },
    hints=["Which pathways in the table need no consent, and do any of their conditions hold for R12?",
           "Re-read the de-identified row of the table: what makes data de-identified, and what can undo it?"],
    solution_text='"d": without consent or another exception, only de-identified information, judged so across '
                  "releases and knowing who asks (34 CFR 99.31(b)(1); 99.3).",
    correct_note="Aggregates still answer the center's planning questions; a consent drive at registration can raise "
                 "coverage.",
)


# --- 6. record of disclosures -----------------------------------------------------------------
needs_record = LetterPicks(
    "needs_record",
    texts={
        "a": "R02: records given to Riverbend Mentors as a school official.",
        "b": "R03: study data disclosed to the Riverbend Data Collaborative.",
        "c": "R05: names, grades and schools given to the soccer league as directory information.",
        "d": "R06: information given to the family center in a health or safety emergency.",
        "e": "R11: Riverbend Mentors' request for marks, which the district refused.",
        "f": "R01: attendance given to Bright Futures with signed parent consent.",
    },
    answer=["b", "d", "e"],
    why_not={
        "a": "Disclosures to school officials need no record (34 CFR 99.32(d)).",
        "c": "Directory information needs no record (34 CFR 99.32(d)).",
        "f": "Disclosures with the parent's written consent need no record (34 CFR 99.32(d)).",
    },
    missing_note="Remember that the rule covers requests as well as disclosures.",
    hints=["34 CFR 99.32(d) lists who needs no record: parents and eligible students, school officials, parties "
           "with written consent, directory information. Everything else is recorded.",
           "Re-read the first paragraph of section 6: does a request that was refused count?"],
    solution_text='["b", "d", "e"]: the study, the emergency (with the threat) and the refused request '
                  "(34 CFR 99.32(a)(1) covers each request, not only disclosures).",
    correct_note="A parent may ask to see this record (34 CFR 99.32(c)): it is how the district answers 'who got my "
                 "child's data?'",
)


def _check_record(answer):
    if not answer.written:
        raise Incorrect("Nothing was written. Which pathway did R03 use, and does it need a record?")
    entry = answer.entry
    if entry["pathway"] != "studies":
        raise Incorrect("R03 was disclosed under another pathway than the one you recorded. Check your classification.")
    org = _requests().loc[RECORD_REQUEST, "requester_org"]
    if org.lower() not in entry["recipient"].lower():
        raise Incorrect("The recipient should be the organization that received R03's data. Look at its "
                        "requester_org.")
    if not entry.get("students"):
        raise Incorrect("Name the students whose records were disclosed (students=[...]), so the record sits with "
                        "each student's record (34 CFR 99.32(a)(2)).")
    return "Recorded: the parties, their legitimate interest and what was disclosed, as 34 CFR 99.32 asks."


def _log():
    import tempfile
    from pathlib import Path

    from helpers.ferpa import DisclosureLog

    return DisclosureLog(Path(tempfile.mkdtemp()) / "disclosures.csv")


def model_record():
    """What the solution records (written to a temporary log)."""
    return _log().record(date="2025-10-06", recipient=_requests().loc[RECORD_REQUEST, "requester_org"],
                         legitimate_interest="Early-warning study for the district to improve instruction (DSA-01)",
                         records_disclosed="Attendance, course marks and assessment scores, grades 6-9",
                         students=["S-0101", "S-0102"], pathway="studies", recorded_by="Data office",
                         today="2025-10-06")


def _wrong_record(pathway: str, recipient: str | None = None, keep: bool = False, students=("S-0101",)):
    def make():
        return _log().record(date="2025-10-06", recipient=recipient or _requests().loc[RECORD_REQUEST, "requester_org"],
                             legitimate_interest="study", records_disclosed="marks", pathway=pathway,
                             students=list(students) or None, recorded_by="me", keep_anyway=keep, today="2025-10-06")
    return make


disclosure_record = CustomQuestion(
    "disclosure_record",
    checker=_check_record,
    accepts=RecordResult,
    form="the result of log.record(...), i.e. `result = log.record(...)`",
    hints=["Call log.record(date=..., recipient=..., legitimate_interest=..., records_disclosed=..., students=[...], "
           "pathway=..., recorded_by=...) and keep what it returns.",
           "R03's pathway is the one you gave it in section 3; its recipient is the requester_org in the "
           "data_requests table."],
    solution_text=("`result = log.record(date=\"2025-10-06\", recipient=\"Riverbend Data Collaborative\", "
                   "legitimate_interest=\"Early-warning study for the district\", records_disclosed=\"...\", "
                   "students=[\"S-0101\", \"S-0102\"], pathway=\"studies\", recorded_by=\"Data office\")`"),
)


# --- 7. myths -------------------------------------------------------------------------------------
myths = LetterPicks(
    "myths",
    texts={
        "a": "A principal: \"FERPA doesn't let us share student records with nonprofits.\"",
        "b": "A district data manager: \"If Riverbend Mentors tutors for us, under our direct control, bound by the "
             "99.33 limits and covered by our annual notice, it can receive the records it needs as a school "
             "official.\"",
        "c": "A partner: \"Without a signed written agreement, FERPA won't let the district treat us as a school "
             "official.\"",
        "d": "An analyst: \"I removed the names and suppressed the small cells, so the file is de-identified.\"",
        "e": "A counselor: \"FERPA covers everything I know about a student, even what I saw in the hallway "
             "today.\"",
        "f": "A mentoring director: \"Our own sign-in sheets are our records, not the district's education "
             "records.\"",
        "g": "A board member: \"Once both sides sign the data-sharing agreement, any sharing in it is legal.\"",
        "h": "A soccer coach: \"Names and grades are directory information, so the district has to give us the "
             "list.\"",
    },
    answer=["a", "c", "d", "e", "g", "h"],
    why_not={
        "b": "This one is right, when all four conditions hold: 34 CFR 99.31(a)(1)(i)(B) and ED's guidance on "
             "community organizations as school officials.",
        "f": "This one is right: FERPA covers the records a school or district keeps (or a party acting for it), "
             "not a nonprofit's own records. Other laws and the nonprofit's promises to families still apply.",
    },
    hints=["Six of the eight statements are myths. Hold each one against the row of the myths table it matches.",
           "Look at what the tables say about school-official agreements, de-identification, a teacher's own "
           "observation, a nonprofit's own records and directory information (99.31(d))."],
    solution_text='["a", "c", "d", "e", "g", "h"] are myths; "b" and "f" are right.',
    correct_note="Don't blame it on FERPA: it allows a lot, with conditions and paperwork. Next time you hear one of "
                 "these in a meeting, you know the section to cite.",
)


EXAMPLES = {
    "pii_or_not": {"right": ["c", "C", '"c"'], "wrong": ["a", "b", "d", "e"]},
    "classify_requests": {
        "right": [model_classification, lambda: {k: f" {v} " for k, v in model_classification().items()},
                  lambda: {k: v.replace("_", " ").upper() for k, v in model_classification().items()}],
        "wrong": [
            lambda: {**model_classification(), "R11": "audit_evaluation"},
            lambda: {**model_classification(), "R02": "consent"},
            lambda: {**model_classification(), "R02": "school_official_employee"},
            lambda: {**model_classification(), "R04": "studies"},
            lambda: {**model_classification(), "R07": "none"},
            lambda: {k: "consent" for k in REQUESTS_TO_CLASSIFY},
            lambda: {k: "none" for k in REQUESTS_TO_CLASSIFY},
            lambda: {"R01": "consent"},
            lambda: {**model_classification(), "R03": "friendship"},
            ["consent", "school_official"],
        ],
    },
    "fits_or_possible": {"right": ["b"], "wrong": ["a", "c", "d"]},
    "fixed_agreement": {
        "right": [model_fix, lambda: check_agreement(model_fix())],
        "wrong": [
            original_agreement,
            lambda: {**model_fix(), "direct_control": "TBD"},
            lambda: {**model_fix(), "direct_control": "yes"},
            lambda: {**model_fix(), "direct_control": "We will figure this out later"},
            lambda: {**model_fix(), "annual_notice_criteria": "To be decided."},
            lambda: {**model_fix(), "annual_notice_criteria": "Covered: ____"},
            lambda: {**model_fix(), "annual_notice_criteria": ""},
            lambda: {**original_agreement(), "pathway": "consent"},
            lambda: {**model_fix(), "recipient": "Someone else"},
            lambda: {**model_fix(), "id": "DSA-03-school-official"},
            lambda: {**model_fix(), "data_elements": "student_id"},
            "DSA-06",
        ],
    },
    "consent_share": {
        "right": [lambda: coverage().share, lambda: round(coverage().share, 3), lambda: round(coverage().share, 2)],
        "wrong": [lambda: 1 - coverage().share, lambda: coverage().n_with, lambda: coverage().share * 100, 1.0, "0.7"],
    },
    "without_consent": {"right": ["d", "D"], "wrong": ["a", "b", "c"]},
    "needs_record": {"right": [["b", "d", "e"], "e, d, b", ["B", "D", "E"]],
                     "wrong": [["b", "d"], ["b", "d", "e", "a"], ["b", "c", "d", "e"], ["f"], "all of them"]},
    "disclosure_record": {
        "right": [model_record],
        "wrong": [
            _wrong_record("school_official"),
            _wrong_record("consent", keep=True),
            _wrong_record("studies", recipient="Riverbend Mentors"),
            _wrong_record("studies", students=()),
            lambda: model_record().entry,
            "recorded",
        ],
    },
    "myths": {
        "right": [["a", "c", "d", "e", "g", "h"], "h g e d c a"],
        "wrong": [["a", "c", "d"], ["a", "b", "c", "d", "e", "g", "h"], ["b", "f"], ["a"],
                  ["a", "c", "d", "e", "f", "g", "h"], "all of them"],
    },
}
