"""Lesson 04's *Going further* questions (k-anonymity share, the pandas release, the checklist).

Kept apart from :mod:`helpers.checks.lesson04` so each module stays short; the notebook reaches
them as ``q.share_at_risk`` and so on, because lesson04 imports them.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.checks.lesson00 import LetterPicks
from helpers.checks.lesson04_tables import KEEP_SENSITIVE, _students, careless_release, careless_share_at_risk
from helpers.exercises import CustomQuestion, Incorrect, NumberQuestion, is_placeholder

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
