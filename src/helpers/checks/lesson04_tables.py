"""The tables of lesson 04, built exactly as the notebook builds them (the checks judge against them).

The careless release and its linkage attack, the housing tables and their naive and safe
suppression, the range-leak case, and the "safer release" assembled from a learner's picks. The
notebook reaches them through its checks module (``q.housing_table(...)``, ``q.preview_release(...)``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pandas as pd

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


def _birth_year_note() -> str:
    years = release_from_letters(["b"])["birth_year"].value_counts()
    rare = years[years < 5]
    if len(rare):
        year, n = rare.index[0], int(rare.iloc[0])
        return (f"only {n} students were born in {year}, so birth year leaves them in a group smaller than 5 "
                "whatever else you pick. Grade band groups them with their classmates.")
    return "birth year with the others still leaves groups smaller than 5. Try the grade band instead."
