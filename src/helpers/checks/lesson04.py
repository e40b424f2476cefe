"""Checks for lesson 04: Build responsible data use and protection into your organizational DNA.

The Playbook's line for principle 4: not technology but trust, turf and time bedevil most
school-community collaboration. So half of the lesson is routine (who decides, telling
families, responsible use, an incident drill) and half is the three attacks a data team runs
on its own releases (a dictionary attack on plain hashes, a linkage attack on a
"de-identified" file, an attack on a suppressed table).

Expected answers that depend on data are computed from the Riverbend data with the same
helpers the lesson uses (:mod:`helpers.privacy`), never typed in. The small builders below
make the lesson's tables exactly as the notebook does.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.checks.lesson00 import LetterPicks
from helpers.exercises import (ChoiceQuestion, CustomQuestion, Incorrect, LabelItemsQuestion, LabelWithReasons,
                               NumberQuestion, is_placeholder)

# The lesson's tables live in their own module; the notebook reaches them as q.housing_table(...) etc.
from helpers.checks.lesson04_tables import (  # noqa: F401
    CLASSIFY_COLUMNS, HOUSING_ORDER, KEEP_SENSITIVE, LINK_COLUMNS, RELEASE_PICKS, STANDARD_HOUSING,
    _birth_year_note, _k_of, _range_source_note, _release_columns, _students, accepted_classes, careless_release,
    careless_share_at_risk, dictionary_classes, housing_status, housing_table, naive_attack,
    range_leak_case, range_leak_cell, release_from_letters)


# -- 1. governance: who decides -------------------------------------------------------------------
who_decides = ChoiceQuestion(
    "who_decides",
    options={
        "a": "The clerk sends it: Riverbend Mentors is a trusted partner and the mentees need help now.",
        "b": "The clerk refuses: FERPA forbids giving attendance to a nonprofit.",
        "c": "It goes through the routine: logged, checked against the policy and the agreement, and decided by "
             "the named role by a date the coordinator is told.",
        "d": "The clerk forwards it to the superintendent, who reads every request personally and decides each "
             "one, so that nothing leaves the district without a leader's signature.",
    },
    answer="c",
    feedback={
        "a": "Trust matters, but it lives in a routine, not in one clerk's judgement on a Friday. What would the "
             "next clerk do with the next request?",
        "b": "That is blaming it on FERPA: several pathways may allow it (lesson 06). Who should decide, and how?",
        "d": "A leader who decides every request becomes the bottleneck (time) and the requests stall. Who does the "
             "written policy name?",
    },
    hints=["Trust, turf and time: which answer gives the same, documented decision whoever happens to receive "
           "the e-mail?",
           "Re-read the three parts of Riverbend's routine in section 1."],
    solution_text='"c": a request goes through the routine, whoever receives it.',
    correct_note="A routine makes the decision the same whoever receives the request, and tells the requester when "
                 "to expect an answer: that builds trust and saves time.",
)

# -- 2. classify columns --------------------------------------------------------------------------
#: What each class means, quoted when a learner gives a column the wrong one.
CLASS_MEANINGS = {
    "direct": "a column that identifies a person on its own",
    "quasi": "a column that is harmless alone but identifying in combination with other columns",
    "sensitive": "something about a person that must not be tied to them",
    "none": "a column that is none of these",
}


def _class_of(label: str) -> str:
    from helpers.privacy.classify import ClassificationError, normalize_class

    try:
        return normalize_class(label)
    except ClassificationError as err:
        raise ValueError(str(err)) from None


classify = LabelItemsQuestion(
    "classify",
    items=CLASSIFY_COLUMNS,
    labels=CLASS_MEANINGS,
    answer=accepted_classes,
    normalize=_class_of,
    retry_hint="Is that what the column does?",
    correct_note="These match the data dictionary (home language may be quasi or sensitive: in a small language "
                 "community it can single a family out). Write the rule your organization picks into its data "
                 "dictionary.",
    hints=[
        "Ask of each column: could I find this person with it alone (direct)? Only with other columns (quasi)? "
        "Is it something the person would not want known (sensitive)?",
        "Date of birth, ZIP and school do not name anyone alone, but together they can. Special-education plans "
        "(iep) and housing status are the sensitive facts in this list.",
    ],
    solution_text=(
        '`{"last_name": "direct", "guardian_email": "direct", "date_of_birth": "quasi", "zip": "quasi", '
        '"school_id": "quasi", "home_language": "quasi" (or "sensitive"), "iep": "sensitive", "homeless": "sensitive"}`'
    ),
)

# -- 3. why the key matters -----------------------------------------------------------------------
key_matters = ChoiceQuestion(
    "key_matters",
    options={
        "a": "HMAC-SHA256 is a stronger hash function than SHA-256.",
        "b": "The tokens are shorter, so they cannot be looked up.",
        "c": "Keyed tokens are encrypted, so nobody, not even the key holder, can ever link them back.",
        "d": "Without the secret key, the attacker cannot compute the token of a guessed ID.",
    },
    answer="d",
    feedback={
        "a": "Both use SHA-256 inside. What does the attacker need to compute a token for a guessed ID?",
        "b": "Length is not the point: the attack compares whole tokens. What is missing to compute a token at all?",
        "c": "Whoever holds the key can rebuild every token from a list of IDs. That is exactly why the key is guarded.",
    },
    hints=["The attack works by computing the hash of every possible ID. Can the attacker compute a keyed token?"],
    solution_text='"d": without the key, the attacker cannot compute any candidate tokens to compare.',
    correct_note="So the key is the whole protection: keep it away from the data and from everyone who gets the data.",
)

# -- 4. the linkage attack ------------------------------------------------------------------------
why_named = ChoiceQuestion(
    "why_named",
    options={
        "a": "The release still held hashed student IDs, and the attacker reversed them.",
        "b": "Birth date, ZIP code and gender are unique for most students, and the league's list pairs them with "
             "names.",
        "c": "The league's list is an education record, so joining it is allowed.",
        "d": "Chance: with 6,000 students and a public list of over a thousand players, a few rows are bound to "
             "match someone by accident.",
    },
    answer="b",
    feedback={
        "a": "The careless release had no IDs at all, hashed or not. What did it still have in common with the list?",
        "c": "Whether the list is an education record does not change what the join reveals. Why is a match unique?",
        "d": "Look at the uniqueness chart: almost every student is unique on those three facts. That is not chance.",
    },
    hints=["Look at the chart: on which combination is almost every student unique?",
           "What does the soccer league's list publish next to each name?"],
    solution_text='"b": quasi-identifiers that are unique together, joined to a named list.',
    correct_note="Removing names is not de-identification: the quasi-identifiers have to become coarser too.",
)


def _smallest_group(letters) -> str:
    """A plain description of the smallest group in the release the letters describe."""
    from helpers.privacy import group_sizes

    picked = [RELEASE_PICKS[x][1] for x in letters]
    sizes = group_sizes(release_from_letters(letters), picked).sort_values("records", kind="stable")
    row = sizes.iloc[0]
    who = ", ".join(f"{c.replace('_id', '').replace('_', ' ')} {row[c]}" for c in picked)
    n = int(row["records"])
    return f"{n} student{'s' if n != 1 else ''} with {who}"


def _safer_why_not() -> dict[str, str]:
    return {
        "b": _birth_year_note(),
        "e": f"school next to grade band and gender leaves a group as small as {_smallest_group(['a', 'e', 'd'])}; "
             "and the partner asked for place as ZIP code, not school.",
        "f": f"the exact grade next to ZIP and gender leaves a group as small as {_smallest_group(['f', 'c', 'd'])}.",
        "g": "the full ZIP code is one of the three facts the linkage attack joined on.",
    }


safer_picks = LetterPicks(
    "safer_picks",
    texts=lambda: {k: v[0] for k, v in RELEASE_PICKS.items()},
    answer=["a", "c", "d"],
    why_not=_safer_why_not,
    missing_note="The partner asked for something on grade, place and gender: one pick for each.",
    hints=["Each pick must be coarse enough that every combination is shared by at least 5 students. Which picks "
           "keep detail a rare student can be found by?",
           "You need one pick for grade, one for place (ZIP) and gender. Exact values and birth years leave a few "
           "students alone."],
    solution_text='["a", "c", "d"]: grade band, 3-digit ZIP and gender (k = 9), next to iep and homeless.',
    correct_note="Every student now shares grade band, 3-digit ZIP and gender with at least 8 others, and the exact "
                 "birth date and ZIP the attack joined on are gone.",
)

def preview_release(letters: Any) -> None:
    """Show the first rows of the release the learner picked and its k (never raises)."""
    from IPython.display import display

    try:
        picks = safer_picks.text_for(letters) if not is_placeholder(letters) else []
        chosen = [x for x in RELEASE_PICKS if RELEASE_PICKS[x][0] in picks]
    except Exception:
        chosen = []
    if not chosen:
        print("Pick your columns in the cell above first (a list of letters), then run this cell again.")
        return
    display(release_from_letters(chosen).head(5))
    print(_k_of(chosen).summary())


# -- 5. suppression: a range is a leak ------------------------------------------------------------


def _range_options() -> dict[str, str]:
    row, column, low, high = range_leak_cell()
    return {
        "a": f"No: the attacker did not get the number of {column} {row} students, only a range.",
        "b": "No: a range is only a problem when the table shows no totals, because then nothing ties the hidden "
             "cells together.",
        "c": f"Yes: the promise was that no count under 10 can be learned, and 'between {low} and {high}' is such "
             "a count.",
        "d": "Yes, but only because the table also shows zeros.",
    }


range_leak = ChoiceQuestion(
    "range_leak",
    options=_range_options,
    answer="c",
    feedback=lambda: {
        "a": f"{_range_source_note()}Would a family in that community learn something about its neighbors from "
             f"'at least {range_leak_cell()[2]}, at most {range_leak_cell()[3]}'?",
        "b": "The range came from the totals: row and column totals are what let the attacker narrow it.",
        "d": "The zeros are not what narrowed this cell. Which published numbers did?",
    },
    hints=lambda: ["The threshold promise is about what can be learned, not only about exact numbers.",
                   _range_source_note() + ("How small is the range?" if _range_source_note() else
                                           "Read the last line of the attack's report: how small is the range?")],
    solution_text='"c": a small range breaks the same promise as an exact small number.',
    correct_note=lambda: _range_source_note() + "A table is safe only when no exact cell, no small sum and no small "
                                                "range can be worked out.",
)

together_tables = ChoiceQuestion(
    "together_tables",
    options={
        "a": "Yes: each table passed the attack on its own, so the two together are safe too.",
        "b": "No: a table that shows totals can never be safe.",
        "c": "Yes, as long as both use the same threshold.",
        "d": "Not promised: the check covers one table at a time, and two tables of the same students can be "
             "combined. Attack them together, or publish one, before both go out.",
    },
    answer="d",
    feedback={
        "a": "The attack saw one table. Someone holding both can subtract one from the other.",
        "b": "The safe table above shows its totals and the attack found nothing.",
        "c": "A shared threshold does not stop the two tables being combined.",
    },
    hints=["Re-read what the guarantee does not promise."],
    solution_text='"d": the guarantee is per table; releases from the same people must be judged together.',
    correct_note="FERPA's test for de-identified data looks across releases too (34 CFR 99.31(b)(1)).",
    scenario=True,
)

# -- 6. responsible use ---------------------------------------------------------------------------
USE_LABELS = {
    "support": "using the data to get students help or to improve a service",
    "label or punish": "using the data to sort, shame, exclude or sanction students",
}
USES = {
    "bus_passes": "Riverbend Mentors uses its mentees' absences to offer bus passes to the families whose children "
                  "miss school most.",
    "robotics_waitlist": "The after-school program drops children with an early-warning flag from the robotics "
                         "club's waitlist, so the club's results look better.",
    "staff_room_list": "A school pins a named list of 'likely dropouts' on the staff-room wall.",
    "tutor_placement": "The hub tells the tutoring partner which schools and grades have the most students failing "
                       "math, so it can place its tutors there.",
    "program_review": "The mentoring program compares its mentees' attendance this year with last year's to decide "
                      "what to change.",
    "field_trip": "A partner uses discipline records to bar children from a field trip, without talking to them or "
                  "their families.",
}
responsible_use = LabelWithReasons(
    "responsible_use",
    items=list(USES),
    labels=USE_LABELS,
    answer={"bus_passes": "support", "robotics_waitlist": "label or punish", "staff_room_list": "label or punish",
            "tutor_placement": "support", "program_review": "support", "field_trip": "label or punish"},
    why={
        "bus_passes": "The data opens a door for the children who need it most.",
        "robotics_waitlist": "The flag meant 'this child needs more support'; here it takes an opportunity away.",
        "staff_room_list": "A public list with names shapes how adults treat a child, and the child gets no help "
                           "from it.",
        "tutor_placement": "Counts by school and grade move help to where it is needed; no child is named.",
        "program_review": "The program judges itself, to improve what it offers.",
        "field_trip": "A record used to exclude, with no conversation, is a sanction, not support.",
    },
    retry_hint="Ask: does the student get help from this use, or lose something?",
    hints=["For each use ask: who benefits, and does any child lose an opportunity because of the data?",
           "Three uses help students or improve a program; three take something away or shame."],
    solution_text="support: bus_passes, tutor_placement, program_review; label or punish: robotics_waitlist, "
                  "staff_room_list, field_trip.",
    correct_note="Write this into the agreement: the data may be used to support students, never to label or punish "
                 "them. Families will hold you to it.",
)

# -- 7. transparency with families ----------------------------------------------------------------
family_notice = ChoiceQuestion(
    "family_notice",
    options={
        "a": "Draft B: it answers a family's questions in plain words.",
        "b": "Draft A: quoting the regulation makes the notice lawful.",
        "c": "Neither: a notice invites questions and opt-outs, so say nothing and share only what the law allows.",
        "d": "Draft A: short notices get read, and its wording covers any partner the district may work with "
             "later, so families do not need a new notice each year.",
    },
    answer="a",
    feedback={
        "b": "A citation tells a family nothing about what happens to their child's data. Which draft answers their "
             "questions?",
        "c": "Families find out anyway, often when something goes wrong; silence costs the trust the work depends on.",
        "d": "Short is good, but 'any partner, later' tells a family nothing they can check or act on.",
    },
    hints=["Read both drafts as a parent: after reading, could you say what is shared, with whom, why, and whom "
           "to call?"],
    solution_text='"a": draft B answers a family\'s questions in plain words.',
    correct_note="A plain notice is not a FERPA form (lesson 06 covers the annual notice and consent); it is how "
                 "trust is earned before anything goes wrong.",
)

# -- 8. incident drill ----------------------------------------------------------------------------
DRILL_LABELS = {
    "first hour": "do it right away, before anything else",
    "first day": "do it today, once the spread is stopped",
    "next meeting": "do it at the governance group's next meeting, to change the routine",
    "never": "do not do it",
}
DRILL_STEPS = {
    "ask_to_delete": "Call the partner who received it: ask them not to open or forward it, to delete it, and to "
                     "confirm the deletion in writing.",
    "tell_privacy_officer": "Tell the privacy officer, the person the written policy names for incidents.",
    "write_down_facts": "Write down what was sent, to whom, when, and which students are on it.",
    "plan_family_letter": "Decide with the privacy officer what the affected families are told, and draft a "
                          "plain-language letter: what happened, what was done, whom to call.",
    "log_it": "Record the incident, and the disclosure it caused, in the district's log.",
    "fix_the_routine": "Find out why it happened and change the routine (rosters travel through the hub's secure "
                       "transfer, never as e-mail attachments).",
    "wait_for_complaints": "Tell no one outside the office unless a family complains.",
    "blame_sender": "Announce the name of whoever pressed Send at the all-staff meeting.",
}
incident_drill = LabelWithReasons(
    "incident_drill",
    items=list(DRILL_STEPS),
    labels=DRILL_LABELS,
    answer={"ask_to_delete": "first hour", "tell_privacy_officer": "first hour",
            "write_down_facts": ("first hour", "first day"), "plan_family_letter": "first day",
            "log_it": ("first hour", "first day"), "fix_the_routine": "next meeting",
            "wait_for_complaints": "never", "blame_sender": "never"},
    why={
        "ask_to_delete": "Every hour the roster sits in an inbox it can be forwarded: stopping the spread comes "
                         "first.",
        "tell_privacy_officer": "The policy names who leads; they cannot lead what they do not know about.",
        "write_down_facts": "Facts written down early are what the letter, the log and the review are built on.",
        "plan_family_letter": "Families deserve to hear it from you, promptly and plainly, once you know what "
                              "happened; state law or your agreement may set a deadline.",
        "log_it": "A disclosure nobody recorded cannot be answered when a parent asks who got the data.",
        "fix_the_routine": "The point is that it cannot happen the same way again, and that is the group's job "
                           "once the incident is contained.",
        "wait_for_complaints": "Families who learn of it from someone else stop trusting every partner.",
        "blame_sender": "Blame teaches staff to hide the next mistake; fix the routine instead.",
    },
    retry_hint="Order matters: stop the spread, then inform, then fix the routine.",
    hints=["First stop the data spreading and tell whoever leads incidents; then write it down, log it and plan "
           "what families hear; then change the routine.",
           "Two of the steps should never happen."],
    solution_text=("first hour: ask_to_delete, tell_privacy_officer (write_down_facts and log_it may be first hour "
                   "or first day); first day: plan_family_letter; next meeting: fix_the_routine; never: "
                   "wait_for_complaints, blame_sender."),
    correct_note="Put this order in your written policy, with names and phone numbers, and rehearse it once a year.",
)

# -- 9. scenario: what should the partner receive? -----------------------------------------------
what_to_send = ChoiceQuestion(
    "what_to_send",
    options={
        "a": "The student file with names removed, so they can match students by date of birth and ZIP themselves.",
        "b": "Chronic-absence counts for its mentees by school level, made safe with complementary suppression by "
             "the data hub that holds the linked records.",
        "c": "The student file with student IDs hashed with SHA-256, so the partner can match records while nobody "
             "sees the real IDs.",
        "d": "Everything, as long as the partner promises in an e-mail not to share it.",
    },
    answer="b",
    feedback={
        "a": "You just linked that kind of file to named people with a public list.",
        "c": "A plain hash of a student ID falls to a dictionary attack in seconds.",
        "d": "A promise in an e-mail is not an agreement, and the partner's question does not need row-level data.",
    },
    hints=["What is the smallest, safest thing that still answers the partner's question?"],
    solution_text='"b": the question is about a group, so aggregates from the hub answer it with the least risk.',
    correct_note="Start from the question: an aggregate that answers it beats any clever way of sending row-level data.",
)

# -- Going further (in their own module) ---------------------------------------------------------
from helpers.checks.lesson04_further import (  # noqa: E402,F401
    share_at_risk, safer_release, PRACTICES, good_practices, _check_safer)


# -- right and wrong answers for tests/test_checks.py ---------------------------------------------
def _right_safer() -> pd.DataFrame:
    return release_from_letters(["a", "c", "d"])


def _classes_with(column: str, cls: str) -> dict[str, str]:
    answer = dictionary_classes()
    answer[column] = cls
    return answer


def _uses_with(item: str, label: str) -> dict[str, str]:
    answer = {k: v for k, v in responsible_use.answer.items()}
    answer[item] = label
    return answer


def _drill(**changes: str) -> dict[str, str]:
    answer = {k: (v if isinstance(v, str) else v[0]) for k, v in incident_drill.answer.items()}
    answer.update(changes)
    return answer


EXAMPLES = {
    "who_decides": {"right": ["c", "C", "'c'"], "wrong": ["a", "b", "d", "e"]},
    "classify": {
        "right": [dictionary_classes, lambda: _classes_with("home_language", "sensitive"),
                  lambda: {k: {"none": "other", "quasi": "Quasi-identifier"}.get(v, v)
                           for k, v in dictionary_classes().items()}],
        "wrong": [lambda: _classes_with("date_of_birth", "none"), lambda: _classes_with("iep", "quasi"),
                  lambda: _classes_with("last_name", "quasi"), lambda: _classes_with("zip", "secret"),
                  lambda: _classes_with("home_language", "direct"),
                  lambda: {"last_name": "direct"}, lambda: {**dictionary_classes(), "extra": "none"}, ["direct"]],
    },
    "key_matters": {"right": ["d", "D"], "wrong": ["a", "b", "c", "e"]},
    "why_named": {"right": ["b"], "wrong": ["a", "c", "d"]},
    "safer_picks": {
        "right": [["a", "c", "d"], "a, c, d", ["C", "A", "D"]],
        "wrong": [["b", "c", "d"], ["a", "c"], ["a", "g", "d"], ["f", "c", "d"], ["a", "c", "d", "e"], ["b"], "x"],
    },
    "range_leak": {"right": ["c"], "wrong": ["a", "b", "d"]},
    "together_tables": {"right": ["d"], "wrong": ["a", "b", "c"]},
    "responsible_use": {
        "right": [lambda: dict(responsible_use.answer),
                  lambda: {k: v.replace(" ", "_") for k, v in responsible_use.answer.items()}],
        "wrong": [lambda: _uses_with("robotics_waitlist", "support"), lambda: _uses_with("bus_passes", "label or punish"),
                  lambda: _uses_with("field_trip", "support"), lambda: {"bus_passes": "support"}, "support"],
    },
    "family_notice": {"right": ["a"], "wrong": ["b", "c", "d"]},
    "incident_drill": {
        "right": [_drill, lambda: _drill(write_down_facts="first day", log_it="first day")],
        "wrong": [lambda: _drill(wait_for_complaints="first day"), lambda: _drill(ask_to_delete="next meeting"),
                  lambda: _drill(blame_sender="first day"), lambda: _drill(plan_family_letter="never"),
                  lambda: _drill(fix_the_routine="first hour", ask_to_delete="first day"), {"ask_to_delete": "first hour"}],
    },
    "what_to_send": {"right": ["b", "B"], "wrong": ["a", "c", "d"]},
    "share_at_risk": {
        "right": [careless_share_at_risk, 0.99, lambda: round(careless_share_at_risk(), 3)],
        "wrong": [1, lambda: careless_share_at_risk() * 100, 0.5, lambda: round(careless_share_at_risk() * 6000), "0.99"],
    },
    "safer_release": {
        "right": [_right_safer, lambda: _right_safer()[["grade_band", "gender", "iep", "homeless"]]],
        "wrong": [careless_release, lambda: _right_safer().assign(zip=careless_release()["zip"]),
                  lambda: _right_safer()[["grade_band", "zip3", "gender", "iep"]],
                  lambda: _right_safer().assign(birth_year=release_from_letters(["b"])["birth_year"]),
                  lambda: _right_safer().assign(school_id=careless_release()["school_id"],
                                                grade=careless_release()["grade"]),
                  lambda: _right_safer().head(10), lambda: _right_safer().assign(last_name=_students()["last_name"]),
                  lambda: _right_safer()[["homeless", "iep"]], 42],
    },
    "good_practices": {"right": [["a", "d", "e", "g"], "a, d, e, g"],
                       "wrong": [["a"], ["a", "b", "c", "d"], ["b", "c"], list(PRACTICES), ["z"]]},
}
