"""Checks for lesson 08, the capstone: one partner question through all seven principles.

The question: Riverbend Mentors asks "Are the students we mentor chronically absent, and is
it improving?". Expected answers are computed the way the lesson computes them: from the
stakeholder and system inventories, the FERPA rules, the draft agreements' own promises,
and a :class:`helpers.hub.Hub` that links the mentoring roster to the district with the
same splink model and answers with a suppressed table. Nothing is hard-coded except the
wording of the scenario options.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from functools import lru_cache
from typing import Any, Mapping

import pandas as pd

from helpers.exercises import ChoiceQuestion, CustomQuestion, Incorrect, NumberQuestion, PickItemsQuestion, TableQuestion

# -- settings the lesson and these checks share ---------------------------------------------
TODAY = "2026-03-02"  # the hub checks every request against this date
PARTNER = "Riverbend Mentors"
SOURCE = "mentoring_roster"
YEARS = ("2024-25", "2025-26")
LAST, NOW = "chronic_2024_25", "chronic_2025_26"
NOT_ENROLLED = "not enrolled"
ROSTER_FIELDS = ["mentee_id", "full_name", "birth_date", "school"]
ROSTER_MAPPING = {"record_id": "mentee_id", "full_name": "full_name", "date_of_birth": "birth_date",
                  "school": "school"}
DISTRICT_MAPPING = {"record_id": "student_id", "first_name": "first_name", "last_name": "last_name",
                    "date_of_birth": "date_of_birth", "school": "school_name"}
#: The district's disclosure to the hub, as the pathway finder's answers (lesson 06's questions).
DISTRICT_TO_HUB = {"requester": "researcher_or_university", "done_for": "district", "direct_control": "yes",
                   "data": "pii", "purpose": "services", "written_consent": "no", "threat": "no"}
#: What goes from the hub back to Riverbend Mentors: suppressed counts only.
HUB_TO_MENTORS = {"requester": "community_organization", "done_for": "requester", "data": "de_identified",
                  "purpose": "evaluate_own_program", "written_consent": "no", "threat": "no"}
#: The SIS elements the question needs: a key and what linkage uses, and what the indicator needs.
MINIMAL_FIELDS = frozenset({"student_id", "student_name", "date_of_birth", "school",
                            "enrollment_dates", "attendance_events"})
#: Pieces of information the question needs, as inventory elements (for ``systems_holding``).
PIECES = {
    "the school's attendance record": ["attendance_events", "enrollment_dates"],
    "who the mentees are": ["mentee_id", "date_of_birth"],
    "where rosters are already linked to the district": ["mentee_id", "student_id"],
}


# -- data the questions are computed from ---------------------------------------------------
def _load(name: str) -> pd.DataFrame:
    from helpers.data import load

    return load(name)


@lru_cache(maxsize=1)
def _stakeholders() -> pd.DataFrame:
    return _load("stakeholders")


@lru_cache(maxsize=1)
def _systems() -> pd.DataFrame:
    return _load("data_systems")


def year_status(per_student: pd.DataFrame, student_ids: pd.Series, year: str) -> pd.Series:
    """'yes' / 'no' (chronically absent that year) or 'not enrolled', for each of ``student_ids``."""
    rows = per_student[per_student["school_year"].astype(str) == year]
    flag = rows.set_index("student_id")["chronically_absent"].map({True: "yes", False: "no"})
    return student_ids.map(flag).fillna(NOT_ENROLLED).astype(object)


def district_extract() -> pd.DataFrame:
    """The district's extract for the hub, as the lesson builds it: who each student is (for
    linkage) and whether they were chronically absent in each of the two years."""
    from helpers.indicators import chronic_absence

    students, schools = _load("students"), _load("schools")
    per_student = chronic_absence(_load("attendance"), _load("enrollment"))
    extract = students[["student_id", "first_name", "last_name", "date_of_birth", "school_id"]].merge(
        schools[["school_id", "school_name"]], on="school_id")
    extract[LAST] = year_status(per_student, extract["student_id"], YEARS[0])
    extract[NOW] = year_status(per_student, extract["student_id"], YEARS[1])
    return extract.drop(columns="school_id")


def agreed_min_cell() -> int:
    """The smallest count Riverbend's agreements allow in a release ("cells under N suppressed")."""
    from helpers.ferpa import load_agreement
    from helpers.paths import datasets_dir

    found = Counter()
    for path in sorted((datasets_dir() / "organization" / "agreements").glob("*.yaml")):
        text = str(load_agreement(path).get("identification_limits") or "")
        found.update(int(n) for n in re.findall(r"cells under (\d+) suppressed", text))
    if not found:  # pragma: no cover - the Riverbend agreements all state one
        raise ValueError("No agreement states a minimum cell size.")
    return found.most_common(1)[0][0]


@lru_cache(maxsize=1)
def _hub_answer() -> tuple[pd.DataFrame, Any]:
    """(the published table, the linkage result), from a hub set up as in the lesson."""
    import tempfile

    from helpers.hub import Hub
    from helpers.privacy import generate_key

    extract = district_extract()
    with tempfile.TemporaryDirectory() as folder:
        hub = Hub(folder, key=generate_key(), min_cell=agreed_min_cell())
        hub.sign_agreement("district", role="district", purpose="checks", shares=list(extract.columns),
                           expires="2026-06-30", signed_on="2026-03-01")
        hub.sign_agreement(PARTNER, purpose="checks", shares=ROSTER_FIELDS, may_see=[LAST, NOW],
                           expires="2026-06-30", signed_on="2026-03-01")
        hub.ingest("district", extract, DISTRICT_MAPPING, today=TODAY)
        hub.ingest(PARTNER, _load(SOURCE)[ROSTER_FIELDS], ROSTER_MAPPING, today=TODAY)
        result = hub.link(PARTNER, today=TODAY)
        published = hub.report(PARTNER, by=LAST, measure=NOW, today=TODAY)
        hub.close()
    return published, result


def published_table() -> pd.DataFrame:
    """The table the hub returns to Riverbend Mentors (a fresh copy)."""
    return _hub_answer()[0].copy()


def recovered_count() -> int:
    from helpers.privacy import recover_suppressed

    return recover_suppressed(published_table()).n_recovered


def hidden_count() -> int:
    return int(published_table().isna().sum().sum())


# -- 1. Leaders -----------------------------------------------------------------------------
_LEADER_IDS = ("P08", "P05", "P01", "P14")  # the asker, the data manager, the superintendent, the hub director
_APPROVES = "approve district data-sharing agreements"


def _leader_options() -> dict[str, str]:
    s = _stakeholders().set_index("stakeholder_id")
    return {letter: f"{s.loc[pid, 'name']} ({s.loc[pid, 'role']}, {s.loc[pid, 'organization']}), who can unblock: "
                    f"{s.loc[pid, 'what_they_can_unblock']}"
            for letter, pid in zip("abcd", _LEADER_IDS)}


def _leader_answer() -> str:
    s = _stakeholders().set_index("stakeholder_id")
    for letter, pid in zip("abcd", _LEADER_IDS):
        if _APPROVES in str(s.loc[pid, "what_they_can_unblock"]).lower():
            return letter
    raise ValueError("No listed stakeholder approves district agreements.")  # pragma: no cover


def leader() -> pd.Series:
    """The stakeholder row of the leader who must agree."""
    s = _stakeholders()
    return s[s["what_they_can_unblock"].str.lower().str.contains(_APPROVES, regex=False)].iloc[0]


leader_to_agree = ChoiceQuestion(
    "leader_to_agree",
    options=_leader_options,
    answer=_leader_answer,
    feedback={
        "a": "She is the one asking. Her organization does not hold the attendance records, so her "
             "agreement is not what unblocks the data.",
        "b": "The data manager sets up the transfer once it is approved, but look at what she can unblock: "
             "is approving an agreement on that list?",
        "d": "The hub hosts the data once it arrives; the district decides whether its records go there at all.",
    },
    hints=["Whose records are these? Read the column what_they_can_unblock for the person who can say yes "
           "for that organization."],
    solution_text="The superintendent: she approves the district's data-sharing agreements, and chronic "
                  "absence is her first priority.",
    correct_note="Data moves when it serves the person who can say yes. Her priorities shape the brief you "
                 "will write at the end.",
)


# -- 2. Ecosystem ---------------------------------------------------------------------------
def systems_holding_pieces() -> dict[str, list[str]]:
    """For each piece the question needs, the systems that already hold it (by name)."""
    from helpers.ecosystem import systems_holding

    systems = _systems()
    return {piece: systems_holding(systems, elements)["system_name"].tolist() for piece, elements in PIECES.items()}


def _systems_answer() -> frozenset[str]:
    return frozenset(name for names in systems_holding_pieces().values() for name in names)


def _system_names() -> tuple[str, ...]:
    return tuple(_systems()["system_name"])


def _name_of(system_id: str) -> str:
    s = _systems().set_index("system_id")
    return s.loc[system_id, "system_name"]


#: Why a system the question does not need is not one to connect (by system id).
_SYSTEM_WHY_NOT = {
    "SYS13": "Self-reported attendance is what mentees say, not the school's record, and the spreadsheet has no "
             "dates of birth to link on.",
    "SYS09": "The dashboard holds rates by school and grade; it cannot tell which students are mentees.",
    "SYS12": "That is Bright Futures' program attendance, not school attendance.",
    "SYS06": "That is another partner's roster.",
    "SYS02": "Marks are not part of this question.",
    "SYS04": "Suspensions count as absences, but the SIS already records them as attendance events.",
}

systems_to_connect = PickItemsQuestion(
    "systems_to_connect",
    options=_system_names,
    answer=_systems_answer,
    why_not=lambda: {_name_of(system): reason for system, reason in _SYSTEM_WHY_NOT.items()},
    hints=["Three pieces are needed: the school's attendance record, who the mentees are, and a place where "
           "the two already meet.",
           "Look for attendance_events and enrollment_dates; for mentee_id with date_of_birth; and for a "
           "system holding both mentee_id and student_id."],
    solution_text="The district SIS (attendance), the mentoring match database (who the mentees are) and the "
                  "data hub (where rosters are already linked). Check with `systems_holding`.",
    correct_note="Everything the question needs already exists. The work is connecting three systems, not "
                 "building a fourth.",
)


# -- 3. Action ------------------------------------------------------------------------------
def sis_elements() -> list[str]:
    """The data elements of the district's student information system (SYS01)."""
    from helpers.ecosystem import split_elements

    s = _systems().set_index("system_id")
    return split_elements(s.loc["SYS01", "data_elements"])


minimal_fields = PickItemsQuestion(
    "minimal_fields",
    options=lambda: tuple(sis_elements()),
    answer=MINIMAL_FIELDS,
    why_not={
        "state_id": "The district's own ID is enough as a key; a second ID is one more identifier to protect.",
        "gender": "Linkage works on name, date of birth and school; the question is not about gender.",
        "race_ethnicity": "The question does not break results down by group, and small groups would be "
                          "suppressed anyway.",
        "grade": "Not needed to link or to count. (School level could be a later, coarser breakdown.)",
        "home_address": "An address identifies a family; nobody is being visited or mailed.",
        "guardian_name": "Contact details are for contacting people; the answer is a count.",
        "guardian_phone": "Contact details are for contacting people; the answer is a count.",
        "guardian_email": "Contact details are for contacting people; the answer is a count.",
        "home_language": "The question does not ask about language.",
        "program_flags": "Flags such as special education or homelessness are sensitive and not part of "
                         "this question.",
    },
    hints=["Two jobs: find each mentee in the district's records (linkage), then compute chronic absence "
           "(absences out of enrolled days) in two years.",
           "Linkage needs a key for each record plus name, date of birth and school. Chronic absence needs "
           "the absence events and the enrollment dates."],
    solution_text='`["student_id", "student_name", "date_of_birth", "school", "enrollment_dates", '
                  '"attendance_events"]`; the district turns the last two into two yes/no flags before sending.',
    correct_note="Six of sixteen fields. Better still, the district computes the yes/no flags itself, so no "
                 "absence dates leave the district at all.",
)


# -- 4. Protection --------------------------------------------------------------------------
min_cell = NumberQuestion(
    "min_cell",
    expected=agreed_min_cell,
    hints=["Riverbend's agreements already promise a rule for published results. Read the "
           "identification_limits of any of them.",
           "'Cells under N suppressed' means the smallest count that may be shown is N."],
    solution_text="`min_cell = 10`: every Riverbend agreement promises that cells under 10 are suppressed.",
    correct_note="There is no single federal minimum (states used from 5 to 30, 10 most often); what matters "
                 "is that Riverbend writes one rule down and every release keeps it.",
    mistakes=lambda: {
        agreed_min_cell() - 1: "That is the largest count that is hidden. min_cell is the smallest count that may be shown.",
        5: "Some states use 5, but Riverbend's agreements promise something else. Keep the promise you signed.",
        1: "A minimum of 1 would publish counts of one child: that is the child.",
        0: "A minimum of 0 hides nothing.",
    },
)

_OUTPUTS = {  # what could leave the hub: (row-level, a secret)
    "the mentees' names and dates of birth as the hub matched them": (True, False),
    "the district student ID of each linked mentee": (True, False),
    "each linked mentee's yes/no chronic-absence flags": (True, False),
    "the keyed pseudonym of each linked mentee": (True, False),
    "the hub's secret key": (False, True),
    "counts of linked mentees by last year's and this year's chronic absence, small cells suppressed": (False, False),
    "how many of the roster's records the hub could link": (False, False),
}
LEAVE_OPTIONS = tuple(_OUTPUTS)

leaves_hub = PickItemsQuestion(
    "leaves_hub",
    options=LEAVE_OPTIONS,
    answer=frozenset(o for o, (row_level, secret) in _OUTPUTS.items() if not row_level and not secret),
    why_not={
        LEAVE_OPTIONS[0]: "Riverbend Mentors already knows its mentees; what the hub matched them to is district data.",
        LEAVE_OPTIONS[1]: "A student ID is a direct identifier from the education record.",
        LEAVE_OPTIONS[2]: "Row-level flags tied to a known roster tell the partner about each child.",
        LEAVE_OPTIONS[3]: "A pseudonym is still one row per child: a partner could match it across releases.",
        LEAVE_OPTIONS[4]: "The key must stay apart from the data and from partners; with it, pseudonyms can be rebuilt.",
    },
    hints=["Only aggregates leave the hub, and secrets never do.",
           "Ask of each item: is it one row per child? Is it a secret?"],
    solution_text="The suppressed counts, and how many roster records were linked (a count about the partner's "
                  "own list). Nothing row-level, and never the key.",
    correct_note="The partner gets an answer, not a data set: counts with small cells hidden.",
)


# -- 5. Hub ---------------------------------------------------------------------------------
mentor_report = TableQuestion(
    "mentor_report",
    expected=published_table,
    hints=["Ask the hub: hub.report(PARTNER, by=..., measure=..., today=TODAY).",
           "Rows are last year's status (LAST) and columns this year's (NOW). If the numbers differ, "
           "check min_cell in section 4."],
    solution_text="`published = hub.report(PARTNER, by=LAST, measure=NOW, today=TODAY)`",
    correct_note="Each linked district student is counted once, and the hub hid small cells and enough others "
                 "that the hidden ones cannot be worked out.",
)

recovered_cells = NumberQuestion(
    "recovered_cells",
    expected=recovered_count,
    hints=["recover_suppressed(published) tries every way to back out the hidden cells; its result has "
           ".n_recovered.",
           "recovered = recover_suppressed(published).n_recovered"],
    solution_text="`recovered = recover_suppressed(published).n_recovered`",
    correct_note="The attacker's arithmetic finds ranges, never exact values: the release keeps its promise.",
    mistakes=lambda: {hidden_count(): "That is how many cells are hidden. The question is how many of them an "
                                      "attacker could work out exactly."},
)


# -- 6. FERPA -------------------------------------------------------------------------------
def _pathway_name(key: str) -> str:
    from helpers.ferpa.pathways import pathway_rules

    return {r["key"]: r["name"] for r in pathway_rules()}[key]


def _fits(answers: Mapping[str, str]) -> str:
    from helpers.ferpa import find_pathways

    keys = find_pathways(answers).keys("fits")
    if len(keys) != 1:  # pragma: no cover - the scenarios are built to have one
        raise ValueError(f"Expected exactly one pathway to fit, got {keys}.")
    return keys[0]


def district_pathway() -> str:
    """The pathway for the district's records going to the hub."""
    return _fits(DISTRICT_TO_HUB)


def mentors_pathway() -> str:
    """The pathway for the counts going from the hub to Riverbend Mentors."""
    return _fits(HUB_TO_MENTORS)


two_flows = ChoiceQuestion(
    "two_flows",
    options=lambda: {
        "a": "Written consent for both: Riverbend Mentors' consent forms cover the district's records too.",
        "b": f"{_pathway_name(district_pathway())} for the district's records going to the hub; "
             f"{_pathway_name(mentors_pathway()).lower()} for the counts going to Riverbend Mentors.",
        "c": "The studies exception for both flows.",
        "d": "No pathway: FERPA does not let a nonprofit learn anything about its mentees' attendance.",
    },
    answer="b",
    feedback={
        "a": "The district sends every student's name and date of birth so the hub can find the mentees. "
             "Mentees' consent forms cannot cover the other students.",
        "c": "A study must be for the district and aim at tests, student aid or improving instruction. Linking "
             "and counting for a partner is a service, not a study.",
        "d": "Run find_pathways on both flows. FERPA allows more than people think; it asks for the right shape.",
    },
    hints=["There are two flows with different data: names and dates of birth go in, counts come out. "
           "Run find_pathways on each."],
    solution_text='"b": the hub works for the district under its direct control (school official); what leaves '
                  "the hub is de-identified.",
    correct_note="Two flows, two pathways. Each needs its conditions met, and the first needs a written agreement.",
)


def draft_hub_agreement() -> dict:
    """The district data office's first draft of the district-to-hub agreement (a new copy each call)."""
    return {
        "id": "DSA-09-hub-mentee-attendance",
        "title": "Mentee attendance at the Riverbend Data Collaborative (draft)",
        "status": "draft",
        "training_note": "Fictional training material, not legal advice",
        "discloser": "Riverbend Unified School District",
        "recipient": "Riverbend Data Collaborative",
        "pathway": "consent",  # the data office's first guess
        "purpose": "Link Riverbend Mentors' roster to district records and report, as suppressed counts, "
                   "how many mentees were chronically absent in 2024-25 and 2025-26.",
        "scope": "TBD",
        "duration": {"start": "2026-03-01", "end": "2026-06-30"},
        "data_elements": sis_elements(),  # "send the whole export": the data office's first instinct
        "use_limits": "Data may be used only for the purpose stated in this agreement.",
        "redisclosure": "TBD",
        "direct_control": "TBD",
        "annual_notice_criteria": "TBD",
        "legitimate_interest": "TBD",
        "destruction": {"method": "Secure deletion (NIST SP 800-88 'Purge') with a signed certificate to the district",
                        "deadline": "Within 30 days after 2026-06-30"},
        "security": "Encrypted hub database; identities kept apart from attributes; keyed pseudonyms with the key "
                    "held apart by the hub's custodian; partners receive only counts with cells under 10 "
                    "suppressed; breaches reported to the district within 72 hours.",
        "signatures": [
            {"name": "TBD", "title": "Superintendent, Riverbend Unified School District", "date": "TBD"},
            {"name": "TBD", "title": "Hub Director, Riverbend Data Collaborative", "date": "TBD"},
        ],
    }


def model_hub_agreement() -> dict:
    """The draft completed the way the solution notebook completes it."""
    agreement = draft_hub_agreement()
    agreement["pathway"] = district_pathway()
    agreement["data_elements"] = sorted(MINIMAL_FIELDS)
    agreement["scope"] = ("Students enrolled in the district in 2024-25 or 2025-26, used only to find the students "
                          "on Riverbend Mentors' roster; linking and counting is work the district's data office "
                          "would otherwise do itself.")
    agreement["direct_control"] = ("The district decides which records the hub receives and how it uses them, "
                                   "approves every report before release, and can end access at any time.")
    agreement["redisclosure"] = ("The hub will not redisclose personally identifiable information from education "
                                 "records without consent (34 CFR 99.33); partners receive only suppressed counts.")
    agreement["annual_notice_criteria"] = ("The district's annual FERPA notice defines school officials to include "
                                           "contractors performing district services under its direct control.")
    agreement["legitimate_interest"] = ("The hub needs names, dates of birth and schools to find mentees, and "
                                        "attendance to compute chronic absence.")
    return agreement


def _check_hub_agreement(answer: Any) -> str:
    from helpers.ferpa import AgreementError, check_agreement

    try:
        result = check_agreement(answer)
    except AgreementError as err:
        raise Incorrect(str(err)) from None
    if result.pathway != district_pathway():
        raise Incorrect(f"The agreement says pathway {result.pathway!r}. Use the pathway find_pathways gave for "
                        "the district's records going to the hub.")
    if not result.passes:
        raise Incorrect(f"Still missing: {', '.join(result.missing())}. A placeholder such as 'TBD' counts "
                        "as missing.")
    elements = set(answer.get("data_elements") or [])
    extra = sorted(elements - MINIMAL_FIELDS)
    if extra:
        raise Incorrect(f"The agreement lists fields the question does not need: {', '.join(extra)}. Use your "
                        "minimal fields from section 3.")
    lacking = MINIMAL_FIELDS - elements
    if lacking:
        raise Incorrect(f"The agreement leaves out {len(lacking)} field(s) the question needs. Compare with your "
                        "minimal fields from section 3.")
    return "The draft has every element its pathway requires, and only the fields the question needs."


hub_agreement = CustomQuestion(
    "hub_agreement",
    checker=_check_hub_agreement,
    accepts=Mapping,
    form="the agreement as a dictionary: complete hub_agreement and pass it to check()",
    hints=["Start with the pathway you found, then the data elements (your minimal fields), then each "
           "required element the check lists as missing.",
           'For example: hub_agreement["direct_control"] = "The district decides ..." Write real sentences: '
           '"TBD" counts as missing.'],
    solution_text="Set `pathway` to the school-official pathway, `data_elements` to the six minimal fields, and "
                  "write real sentences for scope, direct_control, redisclosure, annual_notice_criteria and "
                  "legitimate_interest.",
    correct_note="The checker sees that each element is there, not that it is true: a person still reads it, "
                 "and the district's counsel signs off.",
)


# -- 7. People ------------------------------------------------------------------------------
def _roles_option() -> str:
    s = _systems().set_index("system_id")
    sis, hub = s.loc["SYS01"], s.loc["SYS10"]
    return (f"The district stays the owner: its {sis['owner']} is accountable and the superintendent signs. The "
            f"{sis['steward']} (steward) checks that the extract holds only the agreed fields; the "
            f"{hub['steward']} (steward) runs linkage and suppression by the agreement; a named custodian runs the "
            "hub's database, backups and the key vault, apart from the analysts.")


flow_roles = ChoiceQuestion(
    "flow_roles",
    options=lambda: {
        "a": "Riverbend Mentors becomes the owner of its mentees' attendance records, because it asked the question.",
        "b": _roles_option(),
        "c": "The hub director owns every record once it arrives at the hub, so she decides who sees what.",
        "d": "One analyst at the hub holds all three roles and the key, so the work goes quickly.",
    },
    answer="b",
    feedback={
        "a": "Asking a question does not make anyone the owner. Whose education records are these?",
        "c": "The hub holds data on the district's behalf. Does sending a copy change who is accountable?",
        "d": "Quick, but the key would sit with the person who sees the data, and the work stops when that "
             "person leaves.",
    },
    hints=["Owners decide and are accountable; stewards keep data fit for use and the rules followed; "
           "custodians run the technology. The roles stay with the people, not with the copy."],
    solution_text='"b": the owner stays the district; a steward on each side; a named custodian for the hub and '
                  "its key.",
    correct_note="Name a person for each role in the agreement's cover note. Lesson 07 found that no Riverbend "
                 "system names a custodian yet: this flow is a good place to start.",
)


# -- right and wrong answers for tests/test_checks.py ---------------------------------------
def _agreement_with(**changes: Any) -> dict:
    agreement = copy.deepcopy(model_hub_agreement())
    agreement.update(changes)
    return agreement


EXAMPLES = {
    "leader_to_agree": {"right": [_leader_answer, lambda: _leader_options()[_leader_answer()]],
                        "wrong": [lambda i=i: [x for x in "abcd" if x != _leader_answer()][i] for i in range(3)] + ["e"]},
    "systems_to_connect": {
        "right": [lambda: sorted(_systems_answer())],
        "wrong": [lambda: [_name_of("SYS01")], lambda: sorted(_systems_answer() | {_name_of("SYS13")}),
                  lambda: list(_system_names()), ["Google Sheets"]],
    },
    "minimal_fields": {
        "right": [sorted(MINIMAL_FIELDS), tuple(MINIMAL_FIELDS)],
        "wrong": [sis_elements, ["attendance_events"], sorted(MINIMAL_FIELDS | {"race_ethnicity"}),
                  sorted(MINIMAL_FIELDS - {"date_of_birth"})],
    },
    "min_cell": {"right": [agreed_min_cell, lambda: float(agreed_min_cell())],
                 "wrong": [lambda: agreed_min_cell() - 1, 5, 0, "10", 30]},
    "leaves_hub": {
        "right": [[LEAVE_OPTIONS[5], LEAVE_OPTIONS[6]]],
        "wrong": [[LEAVE_OPTIONS[5]], list(LEAVE_OPTIONS), [LEAVE_OPTIONS[3], LEAVE_OPTIONS[5], LEAVE_OPTIONS[6]],
                  ["the attendance list"]],
    },
    "mentor_report": {
        "right": [published_table],
        "wrong": [lambda: published_table().fillna(0), lambda: published_table().T,
                  lambda: published_table().iloc[:-1], 76],
    },
    "recovered_cells": {"right": [recovered_count], "wrong": [hidden_count, lambda: recovered_count() + 1, "0"]},
    "two_flows": {"right": ["b", "B"], "wrong": ["a", "c", "d"]},
    "hub_agreement": {
        "right": [model_hub_agreement],
        "wrong": [draft_hub_agreement,
                  lambda: _agreement_with(pathway="consent"),
                  lambda: _agreement_with(direct_control="TBD"),
                  lambda: _agreement_with(data_elements=sorted(MINIMAL_FIELDS | {"home_address"})),
                  lambda: _agreement_with(data_elements=sorted(MINIMAL_FIELDS - {"attendance_events"})),
                  lambda: _agreement_with(data_elements=set(MINIMAL_FIELDS)),
                  "DSA-09", ["pathway", "school_official"]],
    },
    "flow_roles": {"right": ["b"], "wrong": ["a", "c", "d"]},
}
