"""Checks for lesson 07: Invest in the people who will lead the work.

Every expected answer is computed from the Riverbend skills survey with ``helpers.people``,
the same way the solution notebook does it.
"""

from __future__ import annotations

import string
from typing import Any

import pandas as pd

from helpers.exercises import ChoiceQuestion, CustomQuestion, Incorrect, NumberQuestion, PickItemsQuestion
from helpers.people import (
    RESPONSIBILITIES,
    SKILL_PRINCIPLES,
    PeopleError,
    biggest_gaps,
    bus_factor,
    check_plan,
    gap_scores,
    overall_gaps,
    principles_at_risk,
)

#: Settings the lesson and these checks share.
TARGET = 3  # a rating of 3 or 4 counts as confident
THRESHOLD = 0.5  # a gap blocks a principle when half the staff or more are below target
BUDGET = 5000  # the partnership's training budget for the year, in dollars
MIN_PEOPLE = 2  # never train only one person in a critical skill
MAX_HOURS_PER_MONTH = 16  # two working days of training per person per month
N_GAPS = 2  # the plan must cover the two biggest gaps
TEACH_LEVEL = 4  # "could teach it"
FAMILY_CENTER = "Riverbend Family Resource Center"
DISTRICT = "Riverbend Unified School District"


def _survey():
    from helpers.data import load

    return load("staff_skills_survey")


def _org_gaps():
    return gap_scores(_survey(), by="organization", target=TARGET)


def family_center_privacy() -> float:
    """The share of family-center staff below target in data privacy."""
    return float(_org_gaps().loc[FAMILY_CENTER, "data_privacy"])


def district_at_risk() -> list[str]:
    """The principles the district's gaps put at risk, as text ("1", "4", ...)."""
    return [str(n) for n in principles_at_risk(_org_gaps().loc[DISTRICT], THRESHOLD)]


def gaps_to_cover() -> list[str]:
    """The skills the training plan must cover."""
    return biggest_gaps(_survey(), n=N_GAPS, target=TARGET)


def linkage_teachers() -> int:
    """How many people across Riverbend could teach record linkage."""
    return int(bus_factor(_survey(), level=TEACH_LEVEL)["record_linkage"])


# ---------------------------------------------------------------------------


def _role_gap(role: str, level: int) -> float:
    survey = _survey()
    return float(gap_scores(survey, by="role", target=level).loc[role, "data_privacy"])


family_center_privacy_gap = NumberQuestion(
    "family_center_privacy_gap",
    expected=family_center_privacy,
    shown_as="share2",  # the table shows two decimals: 0.81 read off it is right
    hints=[
        "Use the table by organization (by_org), not the one by role. Find the family center's row.",
        'by_org.loc["Riverbend Family Resource Center", "data_privacy"] picks one cell: row first, then column.',
    ],
    solution_text='`privacy_gap = by_org.loc["Riverbend Family Resource Center", "data_privacy"]`',
    correct_note=("About four in five family-center staff do not feel confident about data privacy, and they hold "
                  "intake forms about whole families. That is where privacy training pays off first."),
    mistakes=lambda: {
        float(overall_gaps(_survey(), target=TARGET)["data_privacy"]):
            "That is the gap for everyone in the survey. Pick the family center's row.",
        _role_gap("case manager", TARGET):
            "That is the gap for case managers (a role). This question asks about the organization.",
        1 - family_center_privacy():
            "That is the share at or above the target: the confident staff. The gap is the share below it.",
    },
)

_PRINCIPLE_SKILLS = {}
for _skill, _principle, _why in SKILL_PRINCIPLES:
    _PRINCIPLE_SKILLS.setdefault(str(_principle), []).append(_skill.replace("_", " "))


def why_not_principle() -> dict[str, str]:
    """Why a principle is not at risk at the district: only for those the data says are not."""
    at_risk = set(district_at_risk())
    out = {}
    for n in map(str, range(1, 8)):
        if n in at_risk:
            continue
        skills = _PRINCIPLE_SKILLS.get(n)
        out[n] = (f"Principle {n} depends on {', '.join(skills)}. Is the district's gap there at or above "
                  f"{THRESHOLD:.0%}?" if skills else f"No skill in the mapping table points to principle {n}.")
    return out


district_principles_at_risk = PickItemsQuestion(
    "district_principles_at_risk",
    options=[str(n) for n in range(1, 8)],
    answer=district_at_risk,
    why_not=why_not_principle,
    hints=[
        "Take the district's row of by_org and pass it to principles_at_risk(), as the example does for the whole survey.",
        'principles_at_risk(by_org.loc["Riverbend Unified School District"], threshold=0.5)',
    ],
    solution_text=('`district_risk = principles_at_risk(by_org.loc["Riverbend Unified School District"], '
                   'threshold=0.5)` then answer with those numbers.'),
    correct_note=("The district knows FERPA well, so principle 6 is not at risk there; its partners are a "
                  "different story. The same survey tells each organization a different training story."),
)

#: The responsibilities of the roles exercise, labelled a, b, c ... in a fixed mixed order.
_ORDER = [3, 6, 0, 4, 7, 1, 5, 8, 2]
TASKS = {string.ascii_lowercase[i]: RESPONSIBILITIES[k][0] for i, k in enumerate(_ORDER)}
_TASK_ROLE = {letter: next(r for t, r, _ in RESPONSIBILITIES if t == text) for letter, text in TASKS.items()}
_TASK_WHY = {letter: next(w for t, _, w in RESPONSIBILITIES if t == text) for letter, text in TASKS.items()}


def steward_letters() -> list[str]:
    """The letters of the responsibilities that belong to the data steward."""
    return [letter for letter, role in _TASK_ROLE.items() if role == "steward"]


steward_tasks = PickItemsQuestion(
    "steward_tasks",
    options=list(TASKS),
    answer=steward_letters,
    why_not={
        letter: f"That one is the {role}'s: {_TASK_WHY[letter]}"
        for letter, role in _TASK_ROLE.items() if role != "steward"
    },
    hints=[
        "The steward is about fitness for use and the rules: definitions, data quality, applying agreed limits.",
        "Decisions and signatures belong to the owner; servers, accounts and transfers to the custodian.",
    ],
    solution_text="The three tasks about a definition, a data-quality rule and reviewing a request against the rules.",
    correct_note="Stewards make data fit for use and keep the rules; owners decide; custodians run the technology.",
)


def _judge_plan(answer: Any) -> str:
    try:
        result = check_plan(answer, budget=BUDGET, must_cover=gaps_to_cover(), min_people=MIN_PEOPLE,
                            max_hours_per_month=MAX_HOURS_PER_MONTH)
    except (PeopleError, KeyError) as err:
        raise Incorrect(f"The plan cannot be read yet: {err}") from None
    problems = []
    findings = result.findings
    for check, ok, detail in zip(findings["check"], findings["ok"], findings["detail"]):
        if ok:
            continue
        if check.startswith("cover "):
            problems.append(f"One of the {N_GAPS} biggest gaps does not yet have {MIN_PEOPLE} different people "
                            "trained in it (look at biggest_gaps above)")
        else:
            problems.append(detail)
    if problems:
        unique = list(dict.fromkeys(problems))
        raise Incorrect("Not yet: " + " ".join(p if p.endswith(".") else p + "." for p in unique))
    return (f"Within ${BUDGET:,} and both of the biggest gaps covered by at least {MIN_PEOPLE} people, "
            "with nobody overloaded in any month.")


training_plan = CustomQuestion(
    "training_plan",
    checker=_judge_plan,
    accepts=pd.DataFrame,
    form="a table (DataFrame) like `starter`: start from `my_plan = starter.copy()` or `my_plan = adjuster.plan()`",
    hints=[
        "Run check_plan() on your plan: it lists each problem. Fix them one at a time.",
        f"Move hours onto the rows for the two biggest gaps so each has {MIN_PEOPLE} people, and split any "
        f"course longer than {MAX_HOURS_PER_MONTH} hours over two months.",
        "To get under budget, set the hours of lower-priority rows to 0. Which gaps can wait a year?",
    ],
    solution_text=("Give 16 hours of record linkage to two district analysts (months 2 and 3), 12 hours of SQL to "
                   "two people (months 3 and 4), keep the FERPA course and one visualization workshop, and drop "
                   "the governance course and the second workshop for this year: about $4,860."),
    correct_note="A plan with names, hours, months and money is something a board can approve and a funder can fund.",
)

linkage_teachers_count = NumberQuestion(
    "linkage_teachers_count",
    expected=linkage_teachers,
    hints=[
        f"bus_factor(survey, level={TEACH_LEVEL}) counts the people at 'could teach it' in each skill.",
        f'bus_factor(survey, level={TEACH_LEVEL})["record_linkage"]',
    ],
    solution_text=f'`linkage_teachers = bus_factor(survey, level={TEACH_LEVEL})["record_linkage"]`',
    correct_note="Two people in a community of 120 staff could teach the hub's core skill, and both work at the hub.",
    mistakes=lambda: {
        float(bus_factor(_survey(), level=TARGET)["record_linkage"]):
            f"That counts everyone at {TARGET} or above. The question asks who could teach it (level {TEACH_LEVEL}).",
        float(bus_factor(_survey(), level=TEACH_LEVEL)["sql_or_python"]):
            "That is the count for SQL or Python. Pick the record_linkage column.",
    },
)

data_person_leaves = ChoiceQuestion(
    "data_person_leaves",
    options={
        "a": "Buy linkage software that 'does it automatically', so no one needs the skill.",
        "b": "Pause sharing until a replacement is hired, then start again.",
        "c": ("Cross-train a second person now, write the linkage steps down as a procedure, put the duties in "
              "job descriptions, and fund the role from the regular budget rather than only a grant."),
        "d": "Ask the analyst to stay on call after leaving, for free, in case something breaks.",
    },
    answer="c",
    feedback={
        "a": ("Software still needs someone who can set it up, judge its matches and explain them to partners. "
              "Technology can be bought; the people who run it must be developed."),
        "b": ("Hiring takes months and the new person starts from zero without written steps. Partners lose "
              "trust while sharing is paused."),
        "d": ("That keeps one point of failure, and relies on goodwill nobody can plan on. What would make the "
              "work survive any one person leaving?"),
    },
    hints=["Which answer still works if any one person leaves, next year and the year after?"],
    solution_text='"c": more than one person, written procedures, the role in job descriptions, and steady funding.',
    correct_note=("Sustainability is people, procedures and budget lines: the work should survive any one person "
                  "leaving, and a grant ending."),
)


def _solution_plan():
    """The plan the solution notebook builds (starter with hours moved), for EXAMPLES."""
    plan = starter_plan()
    plan["hours"] = [12, 0, 16, 16, 12, 12, 8, 0]
    plan["month"] = [1, 1, 2, 3, 3, 4, 3, 4]
    return plan


def starter_plan():
    """The draft training plan the lesson starts from (a new table every call)."""
    import pandas as pd

    return pd.DataFrame(
        [
            ("S002", "Bright Futures After-School", "data_visualization", 12, 45, 1),
            ("S006", "Riverbend Mentors", "data_visualization", 12, 45, 1),
            ("S029", DISTRICT, "record_linkage", 40, 80, 2),
            ("S044", DISTRICT, "record_linkage", 0, 80, 3),
            ("S059", DISTRICT, "sql_or_python", 0, 60, 3),
            ("S085", FAMILY_CENTER, "sql_or_python", 0, 60, 4),
            ("S085", FAMILY_CENTER, "ferpa_knowledge", 8, 40, 3),
            ("S044", DISTRICT, "data_governance", 16, 60, 4),
        ],
        columns=["who", "organization", "skill", "hours", "cost_per_hour", "month"],
    )


def _variant(changes):
    def make():
        plan = _solution_plan()
        for (row, col), value in changes.items():
            plan.loc[row, col] = value
        return plan
    return make


EXAMPLES = {
    "family_center_privacy_gap": {
        "right": [family_center_privacy, lambda: round(family_center_privacy(), 2)],
        "wrong": [
            lambda: float(overall_gaps(_survey())["data_privacy"]),
            lambda: _role_gap("case manager", TARGET),
            lambda: 1 - family_center_privacy(),
            lambda: 100 * family_center_privacy(),
            "data_privacy",
        ],
    },
    "district_principles_at_risk": {
        "right": [district_at_risk, lambda: [int(n) for n in district_at_risk()]],
        "wrong": [
            lambda: district_at_risk() + ["6"],
            lambda: district_at_risk()[1:],
            lambda: [str(n) for n in range(1, 8)],
            "6",
            [8],
        ],
    },
    "steward_tasks": {
        "right": [steward_letters, lambda: [s.upper() for s in steward_letters()]],
        "wrong": [
            lambda: steward_letters()[:-1],
            lambda: steward_letters() + [next(k for k, r in _TASK_ROLE.items() if r == "owner")],
            lambda: list(TASKS),
            ["z"],
        ],
    },
    "training_plan": {
        "right": [_solution_plan],
        "wrong": [
            starter_plan,
            _variant({(3, "hours"): 0}),  # linkage: one person only
            _variant({(1, "hours"): 12}),  # over budget
            _variant({(2, "hours"): 24}),  # 24 hours in one month
            lambda: _solution_plan().drop(columns="cost_per_hour"),
            lambda: _solution_plan().to_dict(),
        ],
    },
    "linkage_teachers_count": {
        "right": [linkage_teachers],
        "wrong": [
            lambda: int(bus_factor(_survey(), level=TARGET)["record_linkage"]),
            lambda: int(bus_factor(_survey(), level=TEACH_LEVEL)["sql_or_python"]),
            0,
            "2",
        ],
    },
    "data_person_leaves": {"right": ["c", "C"], "wrong": ["a", "b", "d"]},
}
