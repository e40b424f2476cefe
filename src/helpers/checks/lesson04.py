"""Checks for lesson 04: Build protection into your organizational DNA.

Expected answers are computed from the Riverbend data with the same helpers the lesson
uses (:mod:`helpers.privacy`), never typed in. The small builders below make the lesson's
tables exactly as the notebook does.
"""

from __future__ import annotations

from functools import lru_cache
import pandas as pd

from helpers.exercises import (ChoiceQuestion, CustomQuestion, Incorrect, LabelItemsQuestion, NumberQuestion,
                               PickItemsQuestion)

#: The student columns learners classify in the first exercise.
CLASSIFY_COLUMNS = ["student_id", "last_name", "guardian_email", "date_of_birth", "zip", "school_id",
                    "home_language", "iep", "homeless"]
#: The quasi-identifiers of the careless release.
LINK_COLUMNS = ["date_of_birth", "zip", "gender"]
HOUSING_ORDER = ["stably housed", "homeless", "foster care"]


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


def careless_release() -> pd.DataFrame:
    """The student file with every direct identifier dropped, and nothing else changed."""
    from helpers.privacy import classify_columns, columns_by_class

    students = _students()
    direct = columns_by_class(classify_columns("students"))["direct"]
    return students.drop(columns=direct)


def careless_share_at_risk() -> float:
    from helpers.privacy import k_anonymity

    return k_anonymity(careless_release(), LINK_COLUMNS, target_k=5).share_at_risk


def housing_table() -> pd.DataFrame:
    """Students by school and housing status (foster care first, then homeless, else stably housed)."""
    from helpers.privacy import count_table

    students = _students()
    housing = pd.Series("stably housed", index=students.index)
    housing = housing.mask(students["homeless"].fillna(False), "homeless")
    housing = housing.mask(students["foster_care"].fillna(False), "foster care")
    return count_table(students.assign(housing=housing), "school_id", "housing")[HOUSING_ORDER]


def naive_recovered() -> int:
    from helpers.privacy import recover_suppressed, suppress_primary_only

    return recover_suppressed(suppress_primary_only(housing_table(), threshold=10)).n_recovered


def singled_out() -> int:
    from helpers.data import load
    from helpers.privacy import reidentify

    return reidentify(careless_release(), load("community_directory")).n_singled_out


# -- 1. classify columns --------------------------------------------------------------------------
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
    answer=dictionary_classes,
    normalize=_class_of,
    retry_hint="Is that what the column does?",
    correct_note="These match the data dictionary. Direct identifiers go first; quasi-identifiers need the most thought.",
    hints=[
        "Ask of each column: could I find this person with it alone (direct)? Only with other columns (quasi)? "
        "Is it something the person would not want known (sensitive)?",
        "Date of birth, ZIP, school and home language do not name anyone alone, but together they can.",
        "Special-education plans (iep) and housing status are the sensitive facts in this list.",
    ],
    solution_text=(
        '`{"student_id": "direct", "last_name": "direct", "guardian_email": "direct", "date_of_birth": "quasi", '
        '"zip": "quasi", "school_id": "quasi", "home_language": "quasi", "iep": "sensitive", "homeless": "sensitive"}`'
    ),
)

# -- 2. why the key matters -----------------------------------------------------------------------
key_matters = ChoiceQuestion(
    "key_matters",
    options={
        "a": "HMAC-SHA256 is a stronger hash function than SHA-256.",
        "b": "To test a guessed ID the attacker must compute its token, and that needs the secret key.",
        "c": "The tokens are shorter, so they cannot be looked up.",
        "d": "Keyed tokens are encrypted, so nobody, not even the key holder, can ever link them back.",
    },
    answer="b",
    feedback={
        "a": "Both use SHA-256 inside. What does the attacker need to compute a token for a guessed ID?",
        "c": "The attack also tried shortened hashes. What is missing to compute a token at all?",
        "d": "Whoever holds the key can rebuild every token from a list of IDs. That is exactly why the key is guarded.",
    },
    hints=["The attack works by computing the hash of every possible ID. Can the attacker compute a keyed token?"],
    solution_text='"b": without the key, the attacker cannot compute any candidate tokens to compare.',
    correct_note="So the key is the whole protection: keep it away from the data and from everyone who gets the data.",
)

# -- 3. records at risk in the careless release ----------------------------------------------------
share_at_risk = NumberQuestion(
    "share_at_risk",
    expected=careless_share_at_risk,
    shown_as="percent0",  # the lesson prints 99.4%; a learner who writes 0.99 is right
    hints=[
        "Call k_anonymity(careless, [\"date_of_birth\", \"zip\", \"gender\"], target_k=5).",
        "The report has a share_at_risk attribute: the share (0 to 1) of records in groups smaller than 5.",
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


# -- 4. a safer release ---------------------------------------------------------------------------
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
    sensitive = [c for c in classes["sensitive"] if c in answer.columns]
    if not sensitive:
        raise Incorrect("Keep the sensitive columns (the partner needs them for the analysis); generalize the others.")
    quasi = [c for c in answer.columns if c not in sensitive]
    if len(quasi) < 2:
        raise Incorrect("Keep at least two generalized columns (for example birth year and gender) so the data stays useful.")
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
        "with [[...]] (the detailed date_of_birth and zip must go).",
        "zip3(careless[\"zip\"]) keeps 3 ZIP digits. Birth years still leave a few students alone (born in a rare "
        "year, or with a rare gender value): grade_band(careless[\"grade\"]) groups more students together.",
        "safer = careless.assign(grade_band=grade_band(careless[\"grade\"]), zip3=zip3(careless[\"zip\"]))"
        "[[\"grade_band\", \"zip3\", \"gender\", \"iep\", \"homeless\"]]",
    ],
    solution_text=(
        '`safer = careless.assign(grade_band=grade_band(careless["grade"]), zip3=zip3(careless["zip"]))'
        '[["grade_band", "zip3", "gender", "iep", "homeless"]]`'
    ),
)

# -- 5. the naive suppression is recovered --------------------------------------------------------
naive_recovered_cells = NumberQuestion(
    "naive_recovered_cells",
    expected=naive_recovered,
    hints=[
        "Attack the naive table: recover_suppressed(naive).",
        "The result has n_recovered (cells worked out exactly) and n_hidden (cells hidden).",
    ],
    solution_text="`recover_suppressed(naive).n_recovered`",
    correct_note="Each of those rows had a single hidden cell next to a published total: subtraction was enough.",
    mistakes=lambda: {
        float(recover_count_hidden()): "That is how many cells were hidden. How many did the attacker get back?",
        0: "Run the attack on the naive table (primary suppression only), not the complementary one.",
    },
)


def recover_count_hidden() -> int:
    from helpers.privacy import suppress_primary_only

    return int(suppress_primary_only(housing_table(), threshold=10).isna().sum().sum())


# -- 6. the linkage attack ------------------------------------------------------------------------
singled_out_rows = NumberQuestion(
    "singled_out_rows",
    expected=singled_out,
    hints=[
        "Call reidentify(careless, directory); it links on zip, date of birth and gender.",
        "The result has n_singled_out: release rows that match exactly one named person.",
    ],
    solution_text="`reidentify(careless, directory).n_singled_out`",
    correct_note="Each of those rows now has a name next to its special-education and housing flags.",
    mistakes=lambda: {
        float(len(_students())): "That is every row in the release. How many match exactly one person in the directory?",
    },
)

# -- 7. scenario: what should the partner receive? -----------------------------------------------
what_to_send = ChoiceQuestion(
    "what_to_send",
    options={
        "a": "The student file with names removed, so they can match students by date of birth and ZIP themselves.",
        "b": "The student file with student IDs hashed with SHA-256, so nobody can see the real IDs.",
        "c": "Counts of chronic absence for their participants by school level, with small cells and "
             "their complements suppressed, produced by the data hub that holds the key and the linked records.",
        "d": "Everything, as long as the partner promises in an email not to share it.",
    },
    answer="c",
    feedback={
        "a": "You just linked that kind of file to named people with a public directory.",
        "b": "A plain hash of a student ID falls to a dictionary attack in seconds.",
        "d": "A promise in an email is not an agreement, and the partner's question does not need row-level data.",
    },
    hints=["What is the smallest, safest thing that still answers the partner's question?"],
    solution_text='"c": the question is about a group, so aggregates from the hub answer it with the least risk.',
    correct_note="Start from the question: an aggregate that answers it beats any clever way of sending row-level data.",
)

# -- 8. practices that belong in the organization's DNA -------------------------------------------
PRACTICES = [
    "Keep the pseudonymization key with the hub, apart from the data and from partners",
    "Hash student IDs with SHA-256 before sending them",
    "Publish counts under the threshold when names are removed",
    "Suppress complementary cells so hidden counts cannot be worked out",
    "Destroy data when the agreement ends and record how (Clear, Purge or Destroy)",
    "Give every partner staff member access to the full student file",
    "Give each role access only to the fields its job needs",
]
good_practices = PickItemsQuestion(
    "good_practices",
    options=PRACTICES,
    answer=[PRACTICES[0], PRACTICES[3], PRACTICES[4], PRACTICES[6]],
    why_not={
        PRACTICES[1]: "a plain hash falls to a dictionary attack.",
        PRACTICES[2]: "a small count can point at a few known students even without names.",
        PRACTICES[5]: "access should follow the job, not the organization.",
    },
    hints=["Four of the seven belong. Think about the attacks you ran today: which practices stop them?"],
    solution_text="The key kept apart, complementary suppression, documented destruction, and role-based access.",
    correct_note="Each of these is a routine, not a one-off: that is what 'built into the DNA' means.",
)


def _right_safer() -> pd.DataFrame:
    from helpers.privacy import grade_band, zip3

    careless = careless_release()
    return careless.assign(grade_band=grade_band(careless["grade"]), zip3=zip3(careless["zip"]))[
        ["grade_band", "zip3", "gender", "iep", "homeless"]]


def _classes_with(column: str, cls: str) -> dict[str, str]:
    answer = dictionary_classes()
    answer[column] = cls
    return answer


EXAMPLES = {
    "classify": {
        "right": [dictionary_classes, lambda: {k: {"none": "other", "quasi": "Quasi-identifier"}.get(v, v)
                                               for k, v in dictionary_classes().items()}],
        "wrong": [lambda: _classes_with("date_of_birth", "none"), lambda: _classes_with("iep", "quasi"),
                  lambda: _classes_with("student_id", "quasi"), lambda: _classes_with("zip", "secret"),
                  lambda: {"student_id": "direct"}, lambda: {**dictionary_classes(), "extra": "none"}, ["direct"]],
    },
    "key_matters": {"right": ["b", "B"], "wrong": ["a", "c", "d", "e"]},
    "share_at_risk": {
        "right": [careless_share_at_risk],
        "wrong": [1, lambda: careless_share_at_risk() * 100, 0.5, lambda: round(careless_share_at_risk() * 6000), "0.99"],
    },
    "safer_release": {
        "right": [_right_safer, lambda: _right_safer()[["grade_band", "gender", "homeless"]]],
        "wrong": [careless_release, lambda: _right_safer().assign(zip=careless_release()["zip"]),
                  lambda: _right_safer()[["grade_band", "zip3", "gender"]],
                  lambda: _right_safer().assign(birth_year=careless_release()["date_of_birth"].dt.year),
                  lambda: _right_safer().assign(school_id=careless_release()["school_id"],
                                                grade=careless_release()["grade"]),
                  lambda: _right_safer().head(10), lambda: _right_safer().assign(last_name=_students()["last_name"]),
                  lambda: _right_safer()[["homeless"]], 42],
    },
    "naive_recovered_cells": {"right": [naive_recovered], "wrong": [0, recover_count_hidden, lambda: naive_recovered() + 1]},
    "singled_out_rows": {"right": [singled_out], "wrong": [6000, 0, lambda: singled_out() + 18, "many"]},
    "what_to_send": {"right": ["c", "C"], "wrong": ["a", "b", "d"]},
    "good_practices": {
        "right": [[PRACTICES[0], PRACTICES[3], PRACTICES[4], PRACTICES[6]]],
        "wrong": [[PRACTICES[0]], PRACTICES[:4], [PRACTICES[1], PRACTICES[2]], PRACTICES, ["Encrypt everything"]],
    },
}
