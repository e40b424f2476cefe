"""Checks for lesson 05: the trusted local data hub.

Expected answers are computed the way the lesson computes them: the same district extract
and after-school roster, ingested into a :class:`helpers.hub.Hub` under the same agreements,
linked with the same splink model, scored against the ground truth with
:mod:`helpers.linkage`. Nothing is hard-coded.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from helpers.exercises import ChoiceQuestion, NumberQuestion, PickItemsQuestion

TODAY = "2025-11-03"
PARTNER = "Bright Futures"
SOURCE = "afterschool_roster"
ROSTER_FIELDS = ["participant_id", "first_name", "last_name", "date_of_birth", "school", "sessions_attended"]
DISTRICT_MAPPING = {"record_id": "student_id", "first_name": "first_name", "last_name": "last_name",
                    "date_of_birth": "date_of_birth", "school": "school_name"}
ROSTER_MAPPING = {"record_id": "participant_id", "first_name": "first_name", "last_name": "last_name",
                  "date_of_birth": "date_of_birth", "school": "school"}
#: The borderline band the lesson asks learners to judge.
BORDERLINE = (0.2, 0.94)
LETTERS = "ABCDEFGH"


def district_extract() -> pd.DataFrame:
    """The district's minimal extract for the hub, as built in the lesson."""
    from helpers import data, indicators

    students = data.load("students")
    schools = data.load("schools")
    absence = indicators.chronic_absence(data.load("attendance"), data.load("enrollment"), school_year="2025-26")
    absence["attendance_band"] = pd.cut(absence["absence_rate"], [0, 0.05, 0.10, 1.01], right=False,
                                         labels=["missed under 5%", "missed 5-9%", "missed 10%+ (chronic)"])
    extract = (students[["student_id", "first_name", "last_name", "date_of_birth", "grade", "school_id"]]
               .merge(schools[["school_id", "school_name", "level"]], on="school_id")
               .merge(absence[["student_id", "chronically_absent", "attendance_band"]], on="student_id"))
    return extract


@lru_cache(maxsize=1)
def _linked():
    """(partner identities, district identities, splink result, truth), as in the lesson."""
    import tempfile

    from helpers import data, linkage
    from helpers.hub import Hub
    from helpers.privacy import generate_key

    extract = district_extract()
    with tempfile.TemporaryDirectory() as folder:
        hub = Hub(folder, key=generate_key())
        hub.sign_agreement("district", role="district", purpose="checks", shares=list(extract.columns),
                           expires="2026-06-30", signed_on="2025-08-01")
        hub.sign_agreement(PARTNER, purpose="checks", shares=ROSTER_FIELDS,
                           may_see=["level", "grade", "school_id", "chronically_absent", "attendance_band"],
                           expires="2026-06-30", signed_on="2025-08-15")
        hub.ingest("district", extract, DISTRICT_MAPPING, today=TODAY)
        hub.ingest(PARTNER, data.load(SOURCE)[ROSTER_FIELDS], ROSTER_MAPPING, today=TODAY)
        partner, district = hub.identities(PARTNER), hub.identities("district")
        result = hub.link(PARTNER, today=TODAY)
        hub.close()
    truth = linkage.truth_for(data.load("linkage_truth"), SOURCE)
    return partner, district, result, truth


def missed_by_exact_count() -> int:
    """District students on the roster that exact matching does not link correctly."""
    from helpers import linkage

    partner, district, _, truth = _linked()
    return len(linkage.evaluate_links(linkage.exact_match(partner, district), truth).missed)


def borderline_pairs(result=None) -> pd.DataFrame:
    """The pairs the lesson asks learners to judge, labelled A, B, C ... (highest probability first)."""
    if result is None:
        result = _linked()[2]
    low, high = BORDERLINE
    s = result.scored
    pairs = s[(s["match_probability"] >= low) & (s["match_probability"] <= high)].reset_index(drop=True)
    if len(pairs) > len(LETTERS):  # a bigger community: judge the ones nearest the middle of the band
        from helpers import linkage

        pairs = linkage.pairs_near(pairs, (low + high) / 2, n=len(LETTERS))
    pairs.insert(0, "pair", list(LETTERS[: len(pairs)]))
    return pairs


def same_child_letters() -> list[str]:
    """Which borderline pairs really are the same child (from the ground truth)."""
    _, _, result, truth = _linked()
    true_of = dict(zip(truth["left_id"], truth["right_id"]))
    pairs = borderline_pairs(result)
    return [p for p, a, b in zip(pairs["pair"], pairs["left_id"], pairs["right_id"]) if true_of.get(a) == b]


def _wrong_letters() -> list[str]:
    return [p for p in borderline_pairs()["pair"] if p not in same_child_letters()]


def _exact_mistakes() -> dict[float, str]:
    from helpers import linkage

    partner, district, _, truth = _linked()
    return {
        float(len(truth)): "That is every row of the truth table, including children who are not district "
                           "students and those exact matching did find.",
        float(len(linkage.exact_match(partner, district))): "That is how many records exact matching linked. "
                                                            "The question is how many it missed.",
    }


def recall_at(threshold: float) -> float:
    from helpers import linkage

    _, _, result, truth = _linked()
    return linkage.evaluate_links(result.links(threshold), truth).recall


def _recall_mistakes() -> dict[float, str]:
    from helpers import linkage

    _, _, result, truth = _linked()
    q = linkage.evaluate_links(result.links(0.99), truth)
    out = {q.precision: "That is the precision (share of links that are right). Recall is the share of true "
                        "matches that were found."}
    out.setdefault(recall_at(0.9), "That is the recall at the lesson's threshold of 0.9. Use 0.99.")
    return out


missed_by_exact = NumberQuestion(
    "missed_by_exact",
    expected=missed_by_exact_count,
    hints=[
        "evaluate_links() compares links with the truth. Its result has a .missed table: one row per "
        "true match that was not found.",
        "len(table) counts the rows of a table.",
        "missed_by_exact = len(linkage.evaluate_links(exact, truth).missed)",
    ],
    solution_text="`missed_by_exact = len(linkage.evaluate_links(exact, truth).missed)`",
    correct_note="Roughly one child in four who really is a district student is missed by exact matching: "
                 "nicknames, typos, swapped names and dates typed differently.",
    mistakes=_exact_mistakes,
)

same_child = PickItemsQuestion(
    "same_child",
    options=lambda: tuple(borderline_pairs()["pair"]),  # the pair letters and the answer come
    answer=same_child_letters,                           # from the data when judged

    hints=[
        "Compare the two sides field by field. Is a difference the kind a person makes when typing "
        "(a nickname, a doubled letter, names in the wrong boxes), or a real difference?",
        "Siblings share a last name and a school. Would the same child have two different first names "
        "and a different birthday?",
    ],
    solution_text="Nickname, typo and swapped-name pairs are the same child; a sibling at the same school "
                  "with a different first name and birthday is not.",
    correct_note="Right. Clerical review is exactly this: a person judging the pairs the model is unsure about.",
)


recall_at_099 = NumberQuestion(
    "recall_at_099",
    expected=lambda: recall_at(0.99),
    shown_as="share2",  # the chart's alt text says "about 0.92"
    mistakes=_recall_mistakes,
    hints=[
        "result.links(0.99) gives the links at threshold 0.99.",
        "Pass those links and the truth to linkage.evaluate_links(...) and take .recall.",
    ],
    solution_text="`recall_at_099 = linkage.evaluate_links(result.links(0.99), truth).recall`",
    correct_note="A stricter threshold keeps precision perfect but misses more children: the threshold is a "
                 "choice about which mistake costs more.",
)

coarser_question = ChoiceQuestion(
    "coarser_question",
    options={
        "a": "Ask the hub for the list of participants' names with their absence flag instead.",
        "b": "Ask a coarser question: group by school level (or all schools together) so the counts are "
             "large enough to show.",
        "c": "Ask the hub to lower the minimum cell size to 1 for this report.",
        "d": "Work out the hidden cells from the totals.",
    },
    answer="b",
    feedback={
        "a": "Row-level district data about named children is exactly what the hub never returns to a partner.",
        "c": "The minimum cell size protects the children in small groups; it is set by the agreement, not "
             "per request.",
        "d": "Complementary suppression is there so that hidden cells cannot be worked out. Trying to is "
             "what an attacker does.",
    },
    hints=["Small groups are hidden. What makes a group bigger?"],
    solution_text='"b": bigger groups (school level, or every school together) give counts that can be shown.',
    correct_note="Coarser groups are the usual answer: the question changes a little, the children stay protected.",
)

EXAMPLES = {
    "missed_by_exact": {"right": [missed_by_exact_count],
                        "wrong": [lambda: missed_by_exact_count() + 1, 0, lambda: len(_linked()[3]), "96"]},
    "same_child": {"right": [same_child_letters, lambda: [x.lower() for x in same_child_letters()]],
                   "wrong": [lambda: list(borderline_pairs()["pair"]), lambda: same_child_letters()[:-1],
                             _wrong_letters, ["Z"]]},
    "recall_at_099": {"right": [lambda: recall_at(0.99)],
                      "wrong": [lambda: recall_at(0.9), 1.0, lambda: recall_at(0.99) * 100, "0.9"]},
    "coarser_question": {"right": ["b", "B"], "wrong": ["a", "c", "d"]},
}
