"""Checks for lesson 02: Know your information ecosystem.

Every question here asks for a judgement the lesson teaches (which system is the source,
which connection fits a need, what to do with a doubtful value, what a data problem does
to a number), not for a number copied from an output.
"""

from functools import lru_cache

from helpers.exercises import ChoiceQuestion

#: Schools offered in the "poor data" question (the worst one is added if it is not here).
_OFFERED = ["E04", "E06", "H02", "M01"]


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
    """The school with the least complete student records (most duplicate attendance rows on a tie)."""
    q = school_quality()
    return str(q.sort_values(["completeness", "duplicate_rows"], ascending=[True, False]).index[0])


def _poor_data_options():
    from helpers.data import load

    names = load("schools").set_index("school_id")["school_name"]
    ids = list(dict.fromkeys(_OFFERED + [worst_school()]))
    letters = "abcde"
    return {letters[i]: f"{sid} {names[sid]}" for i, sid in enumerate(ids)}


def _poor_data_feedback() -> dict[str, str]:
    """For each school offered that is not the answer, what its row in the profile shows."""
    quality = school_quality()
    out = {}
    for key, label in _poor_data_options().items():
        sid = label.split(" ", 1)[0]
        if sid == worst_school():
            continue
        row = quality.loc[sid]
        out[key] = (f"Find {sid} in the table quality: completeness {row['completeness']:.0%} and "
                    f"{int(row['duplicate_rows'])} repeated attendance rows. Which school's row stands out from the rest?")
    return out


def _poor_data_answer() -> str:
    worst = worst_school()
    return next(k for k, v in _poor_data_options().items() if v.startswith(worst + " "))


source_of_truth = ChoiceQuestion(
    "source_of_truth",
    options={
        "a": "Bright Futures' sign-up sheet, because parents wrote their own child's school and grade on it this term.",
        "b": "The Community Dashboard: it is public already and refreshed every term.",
        "c": "PowerRiver SIS, the district's own record of every enrolled student.",
        "d": "Whichever copy was updated most recently, since the copies hold the same facts and any of them will do.",
    },
    answer="c",
    feedback={
        "a": "Parents' own entries serve the program well, but they are free text ('Lantern Hill Elem', '3rd') and nobody "
             "updates them when a child moves school. Which system keeps the official record for every enrolled student, "
             "and is updated daily?",
        "b": "Read the dashboard's data elements: it holds totals by school and grade, not children. It cannot say which "
             "school one participant attends.",
        "d": "The copies do not hold the same facts for long: they are typed differently and refreshed at different times "
             "(look at the refresh column). Which system are the others copied from?",
    },
    hints=[
        "For shared work, pick the system the others are copied from: the one that keeps the official record.",
        "In the table, compare the organization, the refresh column and the format of each system. "
        "Which one is run by the organization that enrolls the students, and updated daily?",
    ],
    solution_text='"c": the district\'s student information system is the system of record for school and grade. '
                  "Partners keep their own copies for their own work; shared work links to the district's record.",
    correct_note="That is the system of record. Partners keep their own copies for their own work; for shared work, "
                 "connect to the record the others are copied from.",
)

#: The five routes offered for both of Riverbend Mentors' needs.
_ROUTES = {
    "a": "Ask the data hub to add this question to the counts it already returns to partners each term.",
    "b": "Build a new mentee attendance app in which families report their child's attendance each week.",
    "c": "Use the attendance that mentees report to their mentors, recorded in the mentor survey spreadsheet.",
    "d": "Ask the office of every school a mentee attends to e-mail Riverbend Mentors a spreadsheet of its mentees' "
         "absences every Friday afternoon, so that mentors have it before the weekend.",
    "e": "Ask the district data manager to set up one secure weekly export from the student information system: "
         "the week's absences of the mentees whose parents' consent covers attendance.",
}

board_route = ChoiceQuestion(
    "board_route",
    options=_ROUTES,
    answer="a",
    feedback={
        "b": "That collects attendance a third time, from a less reliable source, and leaves Riverbend Mentors maintaining "
             "an app. Building is the last resort. Which existing system already links mentees to attendance?",
        "c": "Self-reports are convenient but not reliable, and the board would be told a number the district's records "
             "contradict. Who already holds the official attendance for mentees?",
        "d": "Weekly named lists by e-mail, from a dozen offices, to produce one number a term: far more data moving "
             "than the board's question needs. Is there an existing termly return?",
        "e": "That would work, but it moves named children's records every week to answer a question that needs one "
             "count a term. Which existing return already gives partners counts each term?",
    },
    hints=[
        "Match the need to a system: how often does the board need the number, and does it need names?",
        "Read the hub's refresh column, and what the lesson says the hub returns to partners.",
    ],
    solution_text='"a": the hub already links mentees to attendance, refreshes each term and returns counts: '
                  "exactly what a termly board number needs.",
    correct_note="Connect, don't re-create: the hub already has the flow, the agreement and the steward, and a termly "
                 "count is what it returns.",
)

mentor_route = ChoiceQuestion(
    "mentor_route",
    options=_ROUTES,
    answer="e",
    feedback={
        "a": "The hub refreshes once a term and returns counts, not names: it cannot tell a mentor on Friday that her "
             "mentee missed Tuesday. Look at its refresh column and at what it may return.",
        "b": "That re-creates what the district already records every day, from a less reliable source, and leaves "
             "Riverbend Mentors maintaining an app. Building is the last resort: does a system already record attendance "
             "daily?",
        "c": "Self-reports are gathered once a term (look at the refresh column) and are not reliable. A mentor needs "
             "this week's official record.",
        "d": "Right source, fragile route: many offices typing and e-mailing named lists every week, with every e-mail a "
             "chance to send a child's record to the wrong place. Is there one governed route from the system itself?",
    },
    hints=[
        "This need is weekly and about named mentees. Which system records attendance often enough?",
        "Read the refresh column of the system that holds attendance_events. Then ask: which route connects to it "
        "once, on a legal basis, instead of by hand every week?",
    ],
    solution_text='"e": one governed weekly export from the system of record (the district\'s student information '
                  "system, updated daily), only for mentees whose parents' consent covers attendance.",
    correct_note="Still connect, don't re-create: no new collection, just one governed flow from the system of record, "
                 "on the legal basis the parents gave. The right connection depends on how often and at what level "
                 "of detail the need is.",
)

ambiguous_date = ChoiceQuestion(
    "ambiguous_date",
    options={
        "a": "Read it month-first, as most U.S. forms are, and move on: most of them will be right.",
        "b": "Delete these birth dates: a blank is safer than a date that might be wrong.",
        "c": "Keep the month-first reading but mark it as uncertain, try both readings when linking, and ask the family "
             "when it matters.",
        "d": "Read them all day-first, because some other dates on the same roster are clearly written day-first.",
    },
    answer="c",
    feedback={
        "a": "Most, perhaps, but a wrong birth date quietly breaks the match to the district's record, and nobody will "
             "know which ones. How could you keep the doubt instead of losing it?",
        "b": "A blank throws away the half you do know (the year, and two possible days) and makes linking harder. "
             "Could you keep both the date and the doubt?",
        "d": "A few day-first dates say nothing about how other parents wrote theirs. Guessing the other way is still a "
             "guess.",
    },
    hints=[
        "The crosswalk's rule is: never guess silently.",
        "Look at the note column of the ambiguous rows: what did parse_dates keep, and what did it flag?",
    ],
    solution_text='"c": keep the reading, keep the flag, try both readings in linkage (lesson 05) and confirm with '
                  "the family; then fix the sign-up form so it asks for the month by name.",
    correct_note="Flag it, don't guess. And fix the cause: a sign-up form that asks for the month by name ends the "
                 "problem for next year.",
)

poor_data_school = ChoiceQuestion(
    "poor_data_school",
    options=_poor_data_options,
    answer=_poor_data_answer,
    feedback=_poor_data_feedback,
    hints=[
        "A school whose records need attention stands out from the others in the per-school profile.",
        "In the table quality, which school has the lowest completeness and the most duplicate attendance rows?",
    ],
    solution_text="The school with the lowest completeness and the duplicate attendance rows in `quality`.",
    correct_note="Its birth-date and contact fields have blanks and its attendance export repeats rows. "
                 "Now look at its attendance over time.",
)

gap_effect = ChoiceQuestion(
    "gap_effect",
    options={
        "a": "Both push its rate up: the repeated rows count some of its absences twice over, and during the gap "
             "students look absent on days when nothing was recorded, so the school looks worse than it really is.",
        "b": "Neither matters much: with about 350 students at the school, a few errors average out.",
        "c": "They cancel out: the repeated rows make the rate too high and the gap makes it too low.",
        "d": "The gap hides three weeks of absences, so the true rate is probably higher than lesson 01 showed; "
             "the repeated rows change nothing, since each student's date counts once.",
    },
    answer="d",
    feedback={
        "a": "Look at the chart again: during the gap almost no absences are recorded, so students look *present*. "
             "And read how chronic absence counts days: does a repeated row add a second absent day?",
        "b": "Three missing weeks is about a twelfth of the school year, for every student at once: that does not "
             "average out. It moves the whole school.",
        "c": "Check both halves. Chronic absence counts days absent: several rows for the same student and date count "
             "as one day. So what do the repeated rows do to the rate?",
    },
    hints=[
        "Take the two problems one at a time. During the gap, are absences recorded?",
        "The chronic absence indicator counts each student's absent *days*: rows with the same student and date count "
        "once. So only one of the two problems changes the rate.",
    ],
    solution_text='"d": missing absences lower the rate, so the school looks better than it is; duplicate rows are '
                  "counted once and leave the rate unchanged (they still deserve fixing at the source).",
    correct_note="Missing records make a school look better than it is. Duplicates do not change this indicator, "
                 "but they are a sign the export needs a look too.",
)

EXAMPLES = {
    "source_of_truth": {"right": ["c", "C", "(c)", lambda: source_of_truth.options["c"]],
                        "wrong": ["a", "b", "d", "e", 3]},
    "board_route": {"right": ["a", " A "], "wrong": ["b", "c", "d", "e"]},
    "mentor_route": {"right": ["e", lambda: _ROUTES["e"]], "wrong": ["a", "b", "c", "d", "f"]},
    "ambiguous_date": {"right": ["c"], "wrong": ["a", "b", "d"]},
    "poor_data_school": {
        "right": [_poor_data_answer],
        "wrong": [lambda: next(k for k in _poor_data_options() if k != _poor_data_answer()),
                  lambda: [k for k in _poor_data_options() if k != _poor_data_answer()][-1]],
    },
    "gap_effect": {"right": ["d"], "wrong": ["a", "b", "c"]},
}
