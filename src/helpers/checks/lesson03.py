"""Checks for lesson 03: Only gather information if it leads to action."""

from functools import lru_cache

from helpers.exercises import ChoiceQuestion, NumberQuestion, PickItemsQuestion

YEAR = "2025-26"
MINIMUM = 31  # "more than 30 days", as in California's rule


@lru_cache(maxsize=1)
def _district():
    from helpers.data import load

    return load("attendance"), load("enrollment")


def excluded_by_minimum_value() -> int:
    from helpers.indicators import chronic_absence

    att, enr = _district()
    everyone = chronic_absence(att, enr, school_year=YEAR)
    counted = chronic_absence(att, enr, school_year=YEAR, min_days_enrolled=MINIMUM)
    return len(everyone) - len(counted)


def no_action_value() -> int:
    from helpers.data import load

    requests = load("data_requests")
    return int((requests["intended_action"].str.strip().str.lower() == "none stated").sum())


@lru_cache(maxsize=1)
def _r09_fields() -> list[str]:
    from helpers.data import load
    from helpers.ecosystem import split_elements

    requests = load("data_requests").set_index("request_id")
    return split_elements(requests.loc["R09", "fields_requested"])


excluded_by_minimum = NumberQuestion(
    "excluded_by_minimum",
    expected=excluded_by_minimum_value,
    hints=[
        "Both tables have one row per student who is counted.",
        "len(ca_all) - len(ca_min)",
    ],
    solution_text="`excluded_by_minimum = len(ca_all) - len(ca_min)`",
    correct_note="Those students are not 'fine': they are simply not covered by the rule. Say so in any report.",
    mistakes=lambda: {MINIMUM: "That is the minimum number of days, not the number of students left out."},
)

no_action_requests = NumberQuestion(
    "no_action_requests",
    expected=no_action_value,
    hints=['Look at the column intended_action. How many rows say "none stated"?',
           '(requests["intended_action"] == "none stated").sum()'],
    solution_text='`no_action_requests = (requests["intended_action"] == "none stated").sum()`',
    correct_note="A request without an action is the first one to question: what would change if you had the answer?",
)

minimal_fields = PickItemsQuestion(
    "minimal_fields",
    options=tuple(dict.fromkeys(["school", *_r09_fields()])),
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
        "You need to know which school each student attends and whether they are economically disadvantaged.",
    ],
    solution_text='`["school", "program_flags"]`: the district could even send just the count, with no student rows at all.',
    correct_note="Better still, ask the district for the count itself: no student-level data needs to move.",
)

selection_trap = ChoiceQuestion(
    "selection_trap",
    options={
        "a": "The program cut chronic absence by about the naive gap: participants are far less often chronically absent.",
        "b": "Participants were already far less often chronically absent the year before they joined; most of the gap is who signed up, not what the program did.",
        "c": "The program made attendance worse, because participants' rate went up.",
        "d": "Nothing can be learned from attendance data about a program.",
    },
    answer="b",
    feedback={
        "a": "Compare the two groups *last year*, before the program existed. Was the gap already there?",
        "c": "Both groups' rates moved a little. Compare the change in each group, not one group alone.",
        "d": "A before-and-after comparison of both groups does tell you something; it just cannot prove cause on its own.",
    },
    hints=["Look at the prior-year bars: the program had not started yet. How big was the gap then?"],
    solution_text='"b": the groups differed before the program; compare changes, not levels, and say the limits.',
    correct_note="This is selection: families who sign up differ from those who do not. Lesson 05's hub makes fairer comparisons possible.",
)

EXAMPLES = {
    "excluded_by_minimum": {"right": [excluded_by_minimum_value],
                            "wrong": [MINIMUM, 0, lambda: excluded_by_minimum_value() + 1]},
    "no_action_requests": {"right": [no_action_value], "wrong": [0, 16, lambda: no_action_value() + 1]},
    "minimal_fields": {
        "right": [["school", "program_flags"], ("program_flags", "school")],
        "wrong": [lambda: list(dict.fromkeys(["school", *_r09_fields()])), ["program_flags"],
                  ["school", "program_flags", "student_id"], ["shoe size"]],
    },
    "selection_trap": {"right": ["b"], "wrong": ["a", "c", "d"]},
}
