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

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping

import pandas as pd

from helpers.checks.lesson00 import LetterPicks
from helpers.exercises import (ChoiceQuestion, Computed, CustomQuestion, Incorrect, LabelItemsQuestion,
                               NumberQuestion, is_placeholder)
from helpers.exercises.reading import canon

#: The student columns learners classify in the first exercise.
CLASSIFY_COLUMNS = ["last_name", "guardian_email", "date_of_birth", "zip", "school_id", "home_language", "iep",
                    "homeless"]
#: The quasi-identifiers of the careless release (what the linkage attack joins on).
LINK_COLUMNS = ["date_of_birth", "zip", "gender"]
HOUSING_ORDER = ["stably housed", "homeless", "foster care"]
#: The sensitive columns the partner needs in the safer release.
KEEP_SENSITIVE = ["iep", "homeless"]


# -- the lesson's tables, built the way the notebook builds them ---------------------------------
@lru_cache(maxsize=1)
def _students() -> pd.DataFrame:
    from helpers.data import load

    return load("students")


def dictionary_classes() -> dict[str, str]:
    """The data dictionary's class for each column learners classify."""
    from helpers.privacy import classify_columns

    roles = classify_columns("students")
    return {c: roles[c] for c in CLASSIFY_COLUMNS}


def accepted_classes() -> dict[str, Any]:
    """The data dictionary's classes, with both readings of home language accepted."""
    answer: dict[str, Any] = dictionary_classes()
    answer["home_language"] = ("quasi", "sensitive")
    return answer


def careless_release() -> pd.DataFrame:
    """The student file with every direct identifier dropped, and nothing else changed."""
    from helpers.privacy import classify_columns, columns_by_class

    direct = columns_by_class(classify_columns("students"))["direct"]
    return _students().drop(columns=direct)


def careless_share_at_risk() -> float:
    from helpers.privacy import k_anonymity

    return k_anonymity(careless_release(), LINK_COLUMNS, target_k=5).share_at_risk


def housing_status(students: pd.DataFrame) -> pd.Series:
    """One housing status per student: foster care first, then homeless, else stably housed."""
    status = pd.Series("stably housed", index=students.index)
    status = status.mask(students["homeless"].fillna(False).astype(bool), "homeless")
    return status.mask(students["foster_care"].fillna(False).astype(bool), "foster care")


def housing_table(by: str = "race_ethnicity") -> pd.DataFrame:
    """Students by ``by`` (race/ethnicity in the lesson) and housing status."""
    from helpers.privacy import count_table

    students = _students()
    return count_table(students.assign(housing=housing_status(students)), by, "housing")[HOUSING_ORDER]


def naive_attack():
    """The attack on the naive table (primary suppression only, threshold 10)."""
    from helpers.privacy import recover_suppressed, suppress_primary_only

    return recover_suppressed(suppress_primary_only(housing_table(), threshold=10), threshold=10)


#: The standard Riverbend's housing table (default seed, 6,000 students): the teaching case for
#: "is a range a leak?" in a community whose own naive table narrows no cell to a small range.
STANDARD_HOUSING = pd.DataFrame(
    {"stably housed": [1547, 2594, 938, 379, 67, 16, 345], "homeless": [33, 23, 34, 3, 0, 0, 1],
     "foster care": [9, 6, 3, 1, 0, 0, 1]},
    index=pd.Index(["Hispanic or Latino", "White", "Black or African American", "Asian",
                    "American Indian or Alaska Native", "Native Hawaiian or Other Pacific Islander",
                    "Two or more races"], name="race_ethnicity"),
).rename_axis(columns="housing")


def range_leak_case() -> tuple[str, str, int, int, bool]:
    """(row, column, lower, upper, from_this_data) of the cell the range question is about.

    The first hidden cell this community's naive table narrows to a small range; when there
    is none (every hidden cell comes back exactly or as a small sum), the same cell of the
    standard Riverbend's table (``from_this_data`` False), so the question still has a range.
    """
    from helpers.privacy import recover_suppressed, suppress_primary_only

    ranges, ours = naive_attack().small_ranges, True
    if ranges.empty:
        ranges, ours = recover_suppressed(suppress_primary_only(STANDARD_HOUSING, threshold=10),
                                          threshold=10).small_ranges, False
    rec = ranges.iloc[0]
    return str(rec["row"]), str(rec["column"]), int(rec["lower"]), int(rec["upper"]), ours


def range_leak_cell() -> tuple[str, str, int, int]:
    """(row, column, lower, upper) of the hidden cell the range question is about (see :func:`range_leak_case`)."""
    return range_leak_case()[:4]


def _range_source_note() -> str:
    """'' on a community whose own table has a small range; else what the question uses instead."""
    row, column, low, high, ours = range_leak_case()
    if ours:
        return ""
    return (f"(In this community's table the attack narrowed no hidden cell to a range: it worked each one out "
            f"exactly or as a small sum. So this question uses the standard Riverbend's table, where it found "
            f"{column} {row} students to be between {low} and {high}.) ")


# -- the safer release, from the learner's picks ------------------------------------------------
#: Letter -> (what the learner reads, the column it adds to the release).
RELEASE_PICKS = {
    "a": ("grade band (K-2, 3-5, 6-8, 9-12) instead of the exact grade", "grade_band"),
    "b": ("birth year instead of the date of birth", "birth_year"),
    "c": ("the first 3 digits of the ZIP code instead of all 5", "zip3"),
    "d": ("gender", "gender"),
    "e": ("school", "school_id"),
    "f": ("the exact grade", "grade"),
    "g": ("the full 5-digit ZIP code", "zip"),
}


def _release_columns(careless: pd.DataFrame) -> dict[str, pd.Series]:
    from helpers.privacy import birth_year, grade_band, zip3

    return {"grade_band": grade_band(careless["grade"]), "birth_year": birth_year(careless["date_of_birth"]),
            "zip3": zip3(careless["zip"]), "gender": careless["gender"], "school_id": careless["school_id"],
            "grade": careless["grade"], "zip": careless["zip"]}


def release_from_letters(letters) -> pd.DataFrame:
    """The release the picks describe: the picked columns, then iep and homeless (every student kept)."""
    careless = careless_release()
    columns = _release_columns(careless)
    picked = [RELEASE_PICKS[x][1] for x in letters]
    return pd.DataFrame({c: columns[c] for c in picked}).assign(**{c: careless[c] for c in KEEP_SENSITIVE})


def _k_of(letters) -> Any:
    from helpers.privacy import k_anonymity

    picked = [RELEASE_PICKS[x][1] for x in letters]
    return k_anonymity(release_from_letters(letters), picked, target_k=5)


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


def _birth_year_note() -> str:
    years = release_from_letters(["b"])["birth_year"].value_counts()
    rare = years[years < 5]
    if len(rare):
        year, n = rare.index[0], int(rare.iloc[0])
        return (f"only {n} students were born in {year}, so birth year leaves them in a group smaller than 5 "
                "whatever else you pick. Grade band groups them with their classmates.")
    return "birth year with the others still leaves groups smaller than 5. Try the grade band instead."


# -- a labelling question that explains each wrong item ------------------------------------------
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

# -- Going further ---------------------------------------------------------------------------------
share_at_risk = NumberQuestion(
    "share_at_risk",
    expected=careless_share_at_risk,
    shown_as="percent0",  # printed as 99.4%, talked about as 99%
    hints=[
        "The report above has a share_at_risk attribute: the share (0 to 1) of records in groups smaller than 5.",
        "report.share_at_risk, or read the percent in the report's sentence and write it as a share.",
    ],
    solution_text='`k_anonymity(careless, ["date_of_birth", "zip", "gender"], target_k=5).share_at_risk`',
    correct_note="Nearly everyone in the careless release sits in a group of fewer than 5: dropping names was not enough.",
    mistakes=lambda: {
        1: "That is k, the smallest group size. The question asks for the share of records at risk.",
        float(round(careless_share_at_risk() * len(careless_release()))): (
            "That is the number of records at risk. The question asks for the share (0 to 1)."
        ),
    },
)


def _check_safer(answer: pd.DataFrame) -> str:
    from helpers.privacy import classify_columns, columns_by_class, k_anonymity

    if len(answer) != len(_students()):
        raise Incorrect(f"Keep every student: the release should have {len(_students())} rows, yours has {len(answer)}.")
    classes = columns_by_class(classify_columns("students"))
    direct = [c for c in classes["direct"] if c in answer.columns]
    if direct:
        raise Incorrect(f"Your release still has direct identifiers: {', '.join(direct)}.")
    for col in ("date_of_birth", "zip"):
        if col in answer.columns:
            raise Incorrect(f"'{col}' is still there at full detail. Replace it with a coarser version, then drop it.")
    missing = [c for c in KEEP_SENSITIVE if c not in answer.columns]
    if missing:
        raise Incorrect(f"The partner needs {' and '.join(KEEP_SENSITIVE)}; your release has no {', '.join(missing)}. "
                        "Keep them; generalize the other columns instead.")
    sensitive = [c for c in classes["sensitive"] if c in answer.columns]
    quasi = [c for c in answer.columns if c not in sensitive]
    if len(quasi) < 2:
        raise Incorrect("Keep at least two generalized columns (for example grade band and gender) so the data stays "
                        "useful.")
    report = k_anonymity(answer, quasi, target_k=5)
    if report.k < 5:
        raise Incorrect(
            f"Treating every non-sensitive column as a quasi-identifier, k is {report.k} "
            f"({report.records_at_risk} records in groups under 5). Coarsen a column more, or drop one."
        )
    return f"k = {report.k} on {', '.join(quasi)}: every student shares these values with at least 4 others."


safer_release = CustomQuestion(
    "safer_release",
    checker=_check_safer,
    accepts=pd.DataFrame,
    form="a table (DataFrame)",
    hints=[
        "Start from careless and add coarser columns with .assign(...), then keep only the columns you need "
        "with [[...]] (the detailed date_of_birth and zip must go; iep and homeless stay).",
        "zip3(careless[\"zip\"]) keeps 3 ZIP digits and grade_band(careless[\"grade\"]) groups grades. Birth years "
        "leave a few students alone (born in a rare year).",
    ],
    solution_text=(
        '`safer = careless.assign(grade_band=grade_band(careless["grade"]), zip3=zip3(careless["zip"]))'
        '[["grade_band", "zip3", "gender", "race_ethnicity", "iep", "homeless"]]` or any other release with k >= 5 '
        "that keeps iep and homeless"
    ),
    expected_text="any release of every student, without direct identifiers or the full birth date and ZIP, that "
                  "keeps iep and homeless and has k >= 5 on its other columns",
)

#: Practices for the closing checklist (letters, so nothing long has to be typed).
PRACTICES = {
    "a": "Keep the pseudonymization key with the hub, apart from the data and from partners.",
    "b": "Hash student IDs with SHA-256 before sending them.",
    "c": "Publish counts under the threshold when names are removed.",
    "d": "Attack every table before publishing it: no exact cell, small sum or small range.",
    "e": "Destroy data when the agreement ends and record how (Clear, Purge or Destroy).",
    "f": "Give every partner staff member access to the full student file.",
    "g": "Give each role access only to the fields its job needs.",
}
good_practices = LetterPicks(
    "good_practices",
    texts=PRACTICES,
    answer=["a", "d", "e", "g"],
    why_not={
        "b": "a plain hash falls to a dictionary attack.",
        "c": "a small count can point at a few known students even without names.",
        "f": "access should follow the job, not the organization.",
    },
    hints=["Four of the seven belong. Think about the attacks you ran today: which practices stop them?"],
    solution_text='["a", "d", "e", "g"]: the key kept apart, attacked tables, documented destruction, role-based access.',
    correct_note="Each of these is a routine, not a one-off: that is what 'built into the DNA' means.",
)


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
