"""Checks for lesson 03: Only gather information if it leads to action.

Each question asks for a judgement the lesson teaches: why two numbers for the same
students differ, which list an action can use, which requests lead to action, which fields
a question needs, and what a program comparison can and cannot show.
"""

from functools import lru_cache

from helpers.exercises import ChoiceQuestion, CustomQuestion, Incorrect, PickItemsQuestion

YEAR = "2025-26"
#: Students the middle schools can give a named adult who checks in every week (the scenario's capacity).
WEEKLY_ADULT_SLOTS = 60


@lru_cache(maxsize=1)
def _district():
    from helpers.data import load

    return load("attendance"), load("enrollment")


@lru_cache(maxsize=1)
def _r09_fields() -> tuple[str, ...]:
    from helpers.data import load
    from helpers.ecosystem import split_elements

    requests = load("data_requests").set_index("request_id")
    return tuple(split_elements(requests.loc["R09", "fields_requested"]))


# ---------------------------------------------------------------- indicator rules
which_rate = ChoiceQuestion(
    "which_rate",
    options={
        "a": "One of the three reports must contain a data error: find the mistaken one, correct it, and ask the "
             "other two organizations to publish the same number.",
        "b": "Report the highest number: it is the safest, because it leaves no struggling student out.",
        "c": "The lowest is the right one, because excused absences are not a problem and should never count.",
        "d": "All three can be right: each uses a different rule. Ask which rule each used, choose one that fits "
             "your purpose, and print it next to the number.",
    },
    answer="d",
    feedback={
        "a": "Look at the table: the same attendance records give all of these numbers. Nothing needs correcting. "
             "What differs between the rows?",
        "b": "A rule chosen for the number it gives is not a rule, and a higher number is not a more careful one. "
             "What should decide which rule to use?",
        "c": "An excused absence is still a day of learning lost, which is why the common definition counts absences "
             "for any reason. And which rule fits depends on the purpose. What must any report say?",
    },
    hints=[
        "Every row of the table describes the same students in the same year.",
        "Read the rule column: what changes from row to row? Then ask what a reader needs in order to compare two "
        "reports.",
    ],
    solution_text='"d": an indicator is a rule with settings (which absences count, the cut-off, which students are '
                  "included). State the rule next to every number, and compare reports only under the same rule.",
    correct_note="An indicator is a set of choices. State yours next to the number, and compare two reports only "
                 "when they use the same rule.",
)


# ---------------------------------------------------------------- ABC flags sized for the action
@lru_cache(maxsize=1)
def middle_school_flag_counts() -> dict[int, int]:
    """Middle-school students (grades 6-8) by number of ABC flags, 2025-26: {0: n, 1: n, 2: n, 3: n}."""
    from helpers.data import load
    from helpers.indicators import early_warning_flags

    att, enr = _district()
    ew = early_warning_flags(att, enr, load("course_marks"), load("discipline"), school_year=YEAR)
    grade = ew["student_id"].map(load("students").set_index("student_id")["grade"].astype(str))
    counts = ew.loc[grade.isin(["6", "7", "8"]), "flags"].value_counts()
    return {k: int(counts.get(k, 0)) for k in range(4)}


def _tiers() -> dict[str, int]:
    c = middle_school_flag_counts()
    return {"a": c[3], "b": c[2] + c[3], "c": c[1] + c[2] + c[3]}


def _sized_options() -> dict[str, str]:
    t = _tiers()
    return {
        "a": f"Those with all three flags ({t['a']} students) first; the others get lighter support, such as a call "
             "home about attendance.",
        "b": f"Those with two or more flags ({t['b']} students).",
        "c": f"Every middle schooler with at least one flag ({t['c']} students), so nobody who may need help is missed.",
        "d": "Nobody yet: wait for end-of-year marks, so the list is certain before anyone acts.",
    }


def _sized_answer() -> str:
    """The largest list that still fits the weekly slots (the tiers grow from a to c)."""
    fitting = [k for k, n in _tiers().items() if n <= WEEKLY_ADULT_SLOTS]
    return fitting[-1] if fitting else "a"


sized_for_action = ChoiceQuestion(
    "sized_for_action",
    options=_sized_options,
    answer=_sized_answer,
    feedback={
        "c": f"A list of hundreds for about {WEEKLY_ADULT_SLOTS} weekly slots means most students on it get nothing, "
             "and the list stops meaning anything. Which list can the action actually serve?",
        "b": f"Compare that number with about {WEEKLY_ADULT_SLOTS} slots. Who would you leave out, and how would you "
             "choose?",
        "d": "The flags exist to act early; by the end of the year the chance to help has passed. Which list can the "
             "adults serve now?",
    },
    hints=[
        "An indicator should be sized for the action: the list has to fit what the adults can do.",
        f"Compare the number of students in each option with about {WEEKLY_ADULT_SLOTS} weekly slots.",
    ],
    solution_text="The largest list that fits the slots: the students with all three flags. Give the others a lighter "
                  "response instead of a list nobody can serve.",
    correct_note="Sized for the action: a list the adults can actually serve, with a lighter response for the next "
                 "tier. A longer list is not more helpful, just less used.",
)


# ---------------------------------------------------------------- triage of logged requests
#: The requests the lesson shows, in the order of its table, and the pile each belongs in.
TRIAGE_REQUESTS = ("R06", "R08", "R09", "R13", "R14", "R15")
TRIAGE_ANSWER = ("A", "C", "B", "B", "C", "A")
PILES = {"A": "go ahead", "B": "send back to be minimized", "C": "decline, or ask what will be done with the answer"}

#: Why a request does not belong in a pile, aimed at the mistake (never naming the right pile).
_TRIAGE_WHY = {
    ("R06", "B"): "R06: a caseworker has to reach this family tonight. Could a count, or fewer fields, do that?",
    ("R06", "C"): "R06: read its intended action again. Is there one?",
    ("R08", "A"): "R08: what will the city do with the answer? Read the intended action column.",
    ("R08", "B"): "R08: fewer fields would not help: with no action, there is nothing to minimize them for. What is "
                  "the answer for?",
    ("R09", "A"): "R09: the question is one number. Does a single count need names, birth dates and addresses?",
    ("R09", "C"): "R09: there is an action (citing one number in a grant application). The problem is what it asks "
                  "for.",
    ("R13", "A"): "R13: 'which school has the most suspensions' is answered by counts per school. Does that need "
                  "incident rows with student IDs and race?",
    ("R13", "C"): "R13: the reporter will act on the answer (write an article), and the district can publish counts. "
                  "Is the problem the action, or what it asks for?",
    ("R14", "A"): "R14: what decision depends on the answer? Read the intended action column.",
    ("R14", "B"): "R14: fewer fields would not help: with no action, there is nothing to minimize them for. What is "
                  "the answer for?",
    ("R15", "B"): "R15: which of its fields could go? It asks for no names or birth dates, and an evaluation has to "
                  "compare students in and out of the pilot.",
    ("R15", "C"): "R15: a decision follows the answer: whether to expand the pilot to all middle schools.",
}


def _letter(item) -> str:
    if not isinstance(item, str):
        raise Incorrect(f"{item!r} is not a letter. Put each letter in quotes, like \"A\".")
    text = item.strip().strip(".,;:'\"()[] ").upper()
    if text not in PILES:
        raise Incorrect(f"'{item}' is not one of the piles. Use \"A\" (go ahead), \"B\" (send back to be minimized) "
                        "or \"C\" (decline: no action follows).")
    return text


def _judge_triage(answer) -> str:
    n = len(TRIAGE_REQUESTS)
    if isinstance(answer, str):
        answer = [c for c in answer.replace(",", " ").split()] if len(answer.strip()) > 1 else [answer]
    if not isinstance(answer, (list, tuple)):
        raise Incorrect(f"Give {n} letters in square brackets, one per request, in the table's order, "
                        'like ["B", "A", "C", "A", "B", "C"].')
    if len(answer) != n:
        raise Incorrect(f"You gave {len(answer)} letter{'s' if len(answer) != 1 else ''}; the table has {n} requests. "
                        "Give one letter per request, in the table's order.")
    letters = [_letter(a) for a in answer]
    wrong = [(r, got) for r, got, want in zip(TRIAGE_REQUESTS, letters, TRIAGE_ANSWER) if got != want]
    if wrong:
        right = n - len(wrong)
        first = _TRIAGE_WHY.get(wrong[0], f"Look again at {wrong[0][0]}.")
        raise Incorrect(f"{right} of {n} are in the right pile. {first}")
    return ""


request_triage = CustomQuestion(
    "request_triage",
    checker=_judge_triage,
    hints=[
        "For each request ask two questions, in this order: does an action follow from the answer? If so, do the "
        "fields fit that action, or would a count (or fewer fields) do?",
        "Read the intended_action column first (two requests state none). Then compare each question with its "
        "fields_requested: which two ask for student rows when counts would answer the question?",
    ],
    solution_text='`triage = ["A", "C", "B", "B", "C", "A"]`: R06 (a family must be reached tonight: contact details '
                  "are the minimum) and R15 (no names, one decision) go ahead; R09 and R13 are answered by counts; "
                  "R08 and R14 state no action.",
    correct_note="One good question is worth a dozen data points: a request earns data when an action follows, and "
                 "only the data that action needs.",
)


why_no_action = ChoiceQuestion(
    "why_no_action",
    options={
        "a": "Because FERPA forbids a school district from ever giving student names and addresses to a city.",
        "b": "It is fine to send: planning is a legitimate public purpose, and a list might help some day.",
        "c": "Because names and addresses are public anyway, so the city can collect them from somewhere else.",
        "d": "With no decision to inform, nobody can say which fields would be enough, and every copied record "
             "carries risk and cost for no benefit. Ask what decision the answer will inform.",
    },
    answer="d",
    feedback={
        "a": "Don't blame it on FERPA: the law permits much sharing with a legal basis (lesson 06). The problem here "
             "comes before the law. What would the city do with the list?",
        "b": "'Might be useful some day' is not an action. Without one, how would anyone decide which fields are "
             "enough, or when the copy should be destroyed?",
        "c": "Some of it may be directory information, but that is a question about the law, not about the request. "
             "What would the city do with the list?",
    },
    hints=[
        "Principle 3: information is only worth gathering if it leads to action.",
        "Read R08's intended action. Without an action, what decides which fields are the minimum?",
    ],
    solution_text='"d": a request with no action cannot be minimized (there is nothing to size it against) and only '
                  "adds risk. The first reply is a question: what will you decide with the answer?",
    correct_note="The first reply to a request without an action is a question, not a file: what will you decide "
                 "with the answer?",
)


# ---------------------------------------------------------------- minimal fields for R09
minimal_fields = PickItemsQuestion(
    "minimal_fields",
    options=lambda: tuple(dict.fromkeys(["school", *_r09_fields()])),
    answer=frozenset({"school", "program_flags"}),
    why_not={
        "student_id": "A count does not need to know which student is which.",
        "student_name": "Names identify children; a count never needs them.",
        "date_of_birth": "Birth dates are indirect identifiers and add nothing to a count.",
        "home_address": "An address identifies a family; the question is about a school, not a street.",
        "guardian_phone": "Contact details are for contacting people; nobody is being contacted.",
    },
    hints=[
        "The answer is a single number for one school. What do you need to know about each student to count it?",
        "The count is of students at one school who have one characteristic. Which field says where a student goes "
        "to school, and which one holds that characteristic?",
    ],
    solution_text='`["school", "program_flags"]`: the district could even send just the count, with no student rows at all.',
    correct_note="Better still, ask the district for the count itself: no student-level data needs to move.",
)


# ---------------------------------------------------------------- selection, and the floor
@lru_cache(maxsize=1)
def selection_rates():
    """Chronic absence of the same students (grades 1-8 now, enrolled both years) by group and year.

    Rows: participants / non-participants; columns: 2024-25, 2025-26 (fractions).
    Participants are linked with the training shortcut (the ground-truth file), as in the lesson.
    """
    from helpers.data import load
    from helpers.indicators import chronic_absence

    att, enr = _district()
    truth = load("linkage_truth")
    participants = set(truth.loc[(truth["source"] == "afterschool_roster") & truth["student_id"].notna(), "student_id"])
    grade = load("students").set_index("student_id")["grade"].astype(str)
    both = chronic_absence(att, enr)
    both["grade_now"] = both["student_id"].map(grade)
    both["group"] = both["student_id"].isin(participants).map({True: "participants", False: "non-participants"})
    in_both = both.groupby("student_id")["school_year"].transform("nunique") == 2
    panel = both[in_both & both["grade_now"].isin([str(g) for g in range(1, 9)])]
    return panel.pivot_table(index="group", columns="school_year", values="chronically_absent", aggfunc="mean",
                             observed=True)


selection_trap = ChoiceQuestion(
    "selection_trap",
    options={
        "a": "The program cut chronic absence by about the size of the gap: participants are far less often chronically "
             "absent than other students in the same grades this year.",
        "b": "The program made attendance worse, because participants' rate went up.",
        "c": "Participants were already far less often chronically absent the year before they joined; most of the gap "
             "is who signed up, not what the program did.",
        "d": "Nothing at all can be learned from attendance data about a program.",
    },
    answer="c",
    feedback={
        "a": "Compare the two groups *last year*, before the program existed. Was the gap already there?",
        "b": "Both groups' rates moved a little. Compare the change in each group, not one group alone.",
        "d": "A before-and-after look at both groups does tell you something; it just cannot prove cause on its own.",
    },
    hints=["Look at the bars for the year before the program: it had not started yet. How big was the gap then?"],
    solution_text='"c": the groups differed before the program began; that difference is selection, not effect.',
    correct_note="This is selection: families who sign up differ from those who do not.",
)


def _points(x: float) -> str:
    return f"{x * 100:.1f}"


def _floor_options() -> dict[str, str]:
    r = selection_rates()
    p0, p1 = r.loc["participants", "2024-25"], r.loc["participants", "2025-26"]
    n0, n1 = r.loc["non-participants", "2024-25"], r.loc["non-participants", "2025-26"]
    return {
        "a": "Agreed: comparing each group with its own past removes the difference in who signed up, so the smaller "
             "rise in points is the program's effect, and it can go in the report to funders.",
        "b": f"Participants started near the floor ({p0:.1%}): a rate that low has little room to move, so a smaller "
             "change says little either way. A fair test compares them with students who looked like them before the "
             "program, planned in advance.",
        "c": f"The program made things worse: relative to where each group started, participants' rate rose by "
             f"{(p1 - p0) / p0:.0%}, everyone else's by only {(n1 - n0) / n0:.0%}.",
        "d": "Rates this small cannot be compared at all, so nobody can ever measure a program's effect on attendance, "
             "whatever comparison is planned.",
    }


def floor_change_points() -> tuple[str, str]:
    """The two groups' changes in percentage points, as the lesson prints them (participants, others)."""
    r = selection_rates()
    change = r["2025-26"] - r["2024-25"]
    return _points(change["participants"]), _points(change["non-participants"])


floor_effect = ChoiceQuestion(
    "floor_effect",
    options=_floor_options,
    answer="b",
    feedback={
        "a": "Comparing changes assumes both groups would have moved alike without the program. Can a group at about "
             "1% move the way a group at about 20% does?",
        "c": "Measured against a tiny starting rate, any change looks huge. Is a relative change a fair test when one "
             "group starts near zero?",
        "d": "They can be compared, with care; what is needed is a comparison group that looked like the participants "
             "before the program.",
    },
    hints=[
        "How far can a rate of about 1% fall? How far can one of about 20%?",
        "A before-and-after comparison assumes the two groups would have moved alike without the program. Does that "
        "hold when one group starts near zero?",
    ],
    solution_text='"b": near a floor, neither the change in points nor the relative change is a fair test. Compare '
                  "participants with similar students (for example the same attendance the year before), agreed "
                  "before the program starts.",
    correct_note="Near a floor, comparing each group with its own past is weak evidence either way. Plan a fair "
                 "comparison group before the program starts, with the district (lessons 05 and 06).",
)


EXAMPLES = {
    "which_rate": {"right": ["d", "D"], "wrong": ["a", "b", "c", 24]},
    "sized_for_action": {"right": [_sized_answer],
                         "wrong": [lambda: next(k for k in "abcd" if k != _sized_answer()), "d"]},
    "request_triage": {
        "right": [list(TRIAGE_ANSWER), ("a", "c", "b", "b", "c", "a"), '"A", "C", "B", "B", "C", "A"'],
        "wrong": [["B", "A", "C", "A", "B", "C"],  # the example form in the lesson, wrong everywhere
                  ["A", "C", "A", "B", "C", "A"],  # R09 waved through
                  ["A", "B", "B", "B", "B", "A"],  # no-action requests only minimized
                  ["A", "C", "B", "B", "C", "B"],  # the pilot evaluation sent back
                  ["A", "C", "B", "B", "C"],  # one letter short
                  ["A", "C", "B", "B", "C", "D"],  # not a pile
                  "R06"],
    },
    "minimal_fields": {
        "right": [["school", "program_flags"], ("program_flags", "school")],
        "wrong": [lambda: list(dict.fromkeys(["school", *_r09_fields()])), ["program_flags"],
                  ["school", "program_flags", "student_id"], ["shoe size"]],
    },
    "selection_trap": {"right": ["c"], "wrong": ["a", "b", "d"]},
    "why_no_action": {"right": ["d", " d "], "wrong": ["a", "b", "c"]},
    "floor_effect": {"right": ["b", lambda: _floor_options()["b"]], "wrong": ["a", "c", "d"]},
}

