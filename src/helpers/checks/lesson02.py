"""Checks for lesson 02: Know your information ecosystem."""

from functools import lru_cache

from helpers.exercises import ChoiceQuestion, NumberQuestion

#: Schools offered in the "poor data" question (the worst one is added if it is not here).
_OFFERED = ["E04", "H02", "M01", "E06"]


@lru_cache(maxsize=1)
def _collected():
    from helpers.data import load
    from helpers.ecosystem import collected_by

    return collected_by(load("data_systems")).set_index("element")


def dob_collectors_value() -> int:
    return int(_collected().loc["date_of_birth", "organizations"])


def ambiguous_dates_value() -> int:
    from helpers.crosswalk import parse_dates
    from helpers.data import load

    return int(parse_dates(load("afterschool_roster")["date_of_birth"])["ambiguous"].sum())


@lru_cache(maxsize=1)
def school_quality():
    """Per school: completeness of student contact/birth fields and duplicate attendance rows."""
    from helpers.data import load
    from helpers.profiling import quality_by_group

    students = quality_by_group(load("students"), "school_id",
                                columns=["date_of_birth", "guardian_phone", "street_address", "guardian_email"])
    attendance = quality_by_group(load("attendance"), "school_id", columns=["event"],
                                  key=["student_id", "date", "event"])
    out = students[["school_id", "completeness"]].merge(
        attendance[["school_id", "duplicate_rows"]], on="school_id")
    return out.set_index("school_id")


def worst_school() -> str:
    q = school_quality()
    return str(q.sort_values(["completeness", "duplicate_rows"], ascending=[True, False]).index[0])


def _poor_data_options():
    from helpers.data import load

    names = load("schools").set_index("school_id")["school_name"]
    ids = list(dict.fromkeys(_OFFERED + [worst_school()]))
    letters = "abcde"
    return {letters[i]: f"{sid} {names[sid]}" for i, sid in enumerate(ids)}


def _poor_data_answer() -> str:
    worst = worst_school()
    return next(k for k, v in _poor_data_options().items() if v.startswith(worst + " "))


dob_collectors = NumberQuestion(
    "dob_collectors",
    expected=dob_collectors_value,
    hints=[
        "Find the row for date_of_birth in the table `collected`.",
        'The column "organizations" counts organizations; "systems" counts systems (one organization can run several).',
    ],
    solution_text='`dob_collectors = collected.loc["date_of_birth", "organizations"]`',
    correct_note="Five organizations each ask families for a child's birth date, and each copy can be typed differently.",
    mistakes=lambda: {int(_collected().loc["date_of_birth", "systems"]): "That counts systems. The question asks "
                      "for organizations (one organization can run several systems)."},
)

connect_not_build = ChoiceQuestion(
    "connect_not_build",
    options={
        "a": "Build a new mentee attendance app in which families report their child's attendance each week.",
        "b": "Ask the data hub, which already holds mentee IDs and attendance rates under agreements, to add this question to its regular return.",
        "c": "Ask each school's office to e-mail a spreadsheet of mentees' absences every Friday.",
        "d": "Use the attendance that mentees report in the mentor survey spreadsheet.",
    },
    answer="b",
    feedback={
        "a": "That collects the same thing a third time, from the least reliable source, and builds a system to maintain. "
             "Does a system already hold attendance for mentees?",
        "c": "That works once, then depends on busy office staff every week, and sends named student lists by e-mail. "
             "Is there an existing, governed flow?",
        "d": "Self-reported attendance is convenient but not reliable; the district's records are the source of truth. "
             "Who already holds those for mentees?",
    },
    hints=["Run systems_holding(systems, [\"mentee_id\", \"attendance_rate\"]) and read which system comes back."],
    solution_text='"b": connect to the hub (SYS10), which already receives attendance and mentee rosters.',
    correct_note="Connect, don't re-create: the hub already has the flow, the agreement and the steward.",
)

ambiguous_dates = NumberQuestion(
    "ambiguous_dates",
    expected=ambiguous_dates_value,
    hints=[
        "dates has a True/False column ambiguous.",
        'dates["ambiguous"].sum() counts the True values.',
    ],
    solution_text='`ambiguous_dates = dates["ambiguous"].sum()`',
    correct_note="Each of those dates could be two different birthdays. Flag them and confirm with the family; never guess silently.",
)


def _unreadable() -> int:
    from helpers.crosswalk import parse_dates
    from helpers.data import load

    return int(parse_dates(load("afterschool_roster")["date_of_birth"])["date"].isna().sum())


ambiguous_dates.mistakes = lambda: {
    _unreadable(): "That counts dates that could not be read at all (mostly blanks). The question asks about "
    "dates that could be read two ways."
}

poor_data_school = ChoiceQuestion(
    "poor_data_school",
    options=_poor_data_options(),
    answer=_poor_data_answer(),
    feedback={},
    hints=[
        "Look at the table quality: which school has the lowest completeness and the most duplicate attendance rows?",
        "Then look at the weekly chart: which school's absences drop to nothing for three weeks?",
    ],
    solution_text="The school with the lowest completeness and duplicate attendance rows in `quality` "
                  "(and the gap in the weekly chart).",
    correct_note="And its chronic absence rate looked the *best* in lesson 01: missing records make a school look better than it is.",
)

EXAMPLES = {
    "dob_collectors": {"right": [dob_collectors_value],
                       "wrong": [lambda: int(_collected().loc["date_of_birth", "systems"]), 1, "5"]},
    "connect_not_build": {"right": ["b"], "wrong": ["a", "c", "d"]},
    "ambiguous_dates": {"right": [ambiguous_dates_value], "wrong": [_unreadable, 0, lambda: ambiguous_dates_value() + 1]},
    "poor_data_school": {
        "right": [_poor_data_answer],
        "wrong": [lambda: next(k for k in _poor_data_options() if k != _poor_data_answer())],
    },
}
