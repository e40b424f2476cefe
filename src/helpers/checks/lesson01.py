"""Checks for lesson 01: Pave the way with leaders and decision-makers."""

from functools import lru_cache

from helpers.exercises import ChoiceQuestion, NumberQuestion

YEAR = "2025-26"


@lru_cache(maxsize=1)
def chronic():
    """Chronic absence per student in 2025-26, computed exactly as the lesson does."""
    from helpers.data import load
    from helpers.indicators import chronic_absence

    return chronic_absence(load("attendance"), load("enrollment"), school_year=YEAR)


@lru_cache(maxsize=1)
def afterschool_links():
    """Roster rows linked to district IDs (training shortcut: the ground-truth file)."""
    from helpers.data import load

    truth = load("linkage_truth")
    rows = truth[(truth["source"] == "afterschool_roster") & truth["student_id"].notna()]
    return rows[["source_record_id", "student_id"]].reset_index(drop=True)


def district_rate_value() -> float:
    return float(chronic()["chronically_absent"].mean())


def served_chronic_value() -> int:
    ca = chronic()
    ids = set(afterschool_links()["student_id"])
    return int(ca.loc[ca["student_id"].isin(ids), "chronically_absent"].sum())


def _served_counting_duplicates() -> int:
    ca = chronic()[["student_id", "chronically_absent"]]
    linked = afterschool_links().merge(ca, on="student_id")
    return int(linked["chronically_absent"].sum())


who_unblocks = ChoiceQuestion(
    "who_unblocks",
    options={
        "a": "Dr. Renata Solberg, superintendent",
        "b": "Walter Ebbesen, school board chair",
        "c": "Inez Halvorsen, district data manager",
        "d": "Beatrix Oyelowo, funder",
    },
    answer="a",
    feedback={
        "b": "The board chair shapes policy and public support, which matters, but the stakeholders table says "
             "who approves district data-sharing agreements. Look at what_they_can_unblock.",
        "c": "The data manager sets up the transfer once it is approved, and should be involved early, "
             "but cannot approve the agreement. Look at what_they_can_unblock.",
        "d": "A funder can pay for the work but cannot give access to district records.",
    },
    hints=[
        "Read the column what_they_can_unblock in the stakeholders table.",
        "Which leader's row mentions approving district data-sharing agreements?",
    ],
    solution_text='"a": the superintendent approves district data-sharing agreements and can assign staff time.',
    correct_note="Right leader first: and she asked for a one-page brief with three numbers, so bring exactly that.",
)

district_rate = NumberQuestion(
    "district_rate",
    expected=district_rate_value,
    tolerance=5e-4,
    hints=[
        "The table ca has one row per student and a True/False column chronically_absent.",
        "The average of True/False values is the share that are True: ca[\"chronically_absent\"].mean()",
    ],
    solution_text='`district_rate = ca["chronically_absent"].mean()` (a fraction between 0 and 1).',
    correct_note="That share is the superintendent's headline number. Keep it as a fraction; format it as a percent only when you show it.",
    mistakes=lambda: {
        float(chronic()["chronically_absent"].sum()): "That is the number of chronically absent students. "
        "The question asks for the share of all students (a fraction from 0 to 1).",
        float(chronic()["absence_rate"].mean()): "That is the average absence rate (share of days missed), "
        "not the share of students who are chronically absent.",
    },
)

served_chronic = NumberQuestion(
    "served_chronic",
    expected=served_chronic_value,
    hints=[
        "Keep only the rows of ca whose student_id is in linked_ids, then count the chronically absent ones.",
        'ca[ca["student_id"].isin(linked_ids)]["chronically_absent"].sum()',
    ],
    solution_text='`served_chronic = ca[ca["student_id"].isin(linked_ids)]["chronically_absent"].sum()`',
    correct_note="A number a board can act on: the program reaches very few of the students who miss the most school.",
    mistakes=lambda: {
        _served_counting_duplicates(): "Close, but some children are on the roster twice (duplicate sign-ups). "
        "Count each student once: use the set of linked IDs.",
        float(chronic()["chronically_absent"].sum()): "That is every chronically absent student in the district. "
        "Keep only the students on the Bright Futures roster.",
    },
)

board_chair_needs = ChoiceQuestion(
    "board_chair_needs",
    options={
        "a": "The chronic absence rate of every school, to show the scale of the problem.",
        "b": "How many chronically absent students the program serves, and what the board risks if it claims attendance results it cannot show.",
        "c": "The list of participants who are chronically absent, by name, so the board can follow up.",
        "d": "The same superintendent brief: one brief for everyone saves time.",
    },
    answer="b",
    feedback={
        "a": "School-by-school rates serve the superintendent. The board chair's priorities are organizational risk "
             "and sustainability: what does that mean for his own program?",
        "c": "A board never needs names: its job is oversight, not casework. Sharing them would also need a legal basis.",
        "d": "Leaders move when the data answers *their* question. Compare this leader's priorities with the superintendent's.",
    },
    hints=["Read Gordon Ashdown's row in the stakeholders table: priorities and preferred format."],
    solution_text='"b": lead with what the program reaches and what that means for risk and sustainability, on one page.',
    correct_note="Same data, different leader, different first sentence.",
)

EXAMPLES = {
    "who_unblocks": {"right": ["a", "A"], "wrong": ["b", "c", "d"]},
    "district_rate": {
        "right": [district_rate_value],
        "wrong": [lambda: float(chronic()["chronically_absent"].sum()), lambda: district_rate_value() * 100,
                  lambda: float(chronic()["absence_rate"].mean()), 0.10],
    },
    "served_chronic": {
        "right": [served_chronic_value],
        "wrong": [lambda: len(afterschool_links()), lambda: float(chronic()["chronically_absent"].sum()), -1],
    },
    "board_chair_needs": {"right": ["b"], "wrong": ["a", "c", "d"]},
}
