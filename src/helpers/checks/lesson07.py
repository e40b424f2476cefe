"""Checks for lesson 07: Invest in the people who will lead the work.

Every question asks for a judgment the lesson teaches: where a gap matters, what the
skills of leading the work look like in practice, who holds which data role, whether a
training plan would really build people (enough people, enough hours, within budget),
and what keeps the work going when one person leaves. Options that quote the survey are
computed from it when they are read (nothing is loaded at import).
"""

from __future__ import annotations

import string
from functools import lru_cache
from typing import Any

import pandas as pd

from helpers.exercises import ChoiceQuestion, CustomQuestion, Incorrect, LabelItemsQuestion, PickItemsQuestion
from helpers.people import RESPONSIBILITIES, PeopleError, biggest_gaps, check_plan, gap_scores, skills_in

#: Settings the lesson and these checks share.
TARGET = 3  # a rating of 3 or 4 counts as confident
THRESHOLD = 0.5  # a gap blocks a principle when half the staff or more are below target
BUDGET = 5000  # the partnership's training budget for the year, in dollars
MIN_PEOPLE = 2  # never train only one person in a critical skill
MIN_HOURS = 8  # a person counts as trained in a skill after at least one working day of training in it
MAX_HOURS_PER_MONTH = 16  # two working days of training per person per month
TEACH_LEVEL = 4  # "could teach it"
MONTHS = 10  # the plan runs from September (month 1) to June (month 10)


@lru_cache(maxsize=1)
def _survey() -> pd.DataFrame:
    from helpers.data import load

    return load("staff_skills_survey")


def _groups() -> pd.DataFrame:
    return gap_scores(_survey(), by="role_group", target=TARGET)


def must_cover() -> list[str]:
    """The two skills the plan must cover: the biggest gap in working with data and in leading the work."""
    survey = _survey()
    return [biggest_gaps(survey, n=1, target=TARGET, skills=skills_in(area))[0]
            for area in ("working with data", "leading the work")]


# --- 1. where a gap matters ------------------------------------------------------------------


def _teachers_linkage() -> float:
    return float(_groups().loc["teachers", "record_linkage"])


gap_that_matters = ChoiceQuestion(
    "gap_that_matters",
    options=lambda: {
        "a": (f"Train all the teachers in record linkage this year: {_teachers_linkage():.0%} of them are below "
              "confident, one of the biggest gaps in the survey."),
        "b": "The survey must be wrong, since teachers work with data every day.",
        "c": ("Hire a linkage specialist for every school, so that each principal has one close by whenever "
              "partner rosters arrive."),
        "d": ("Not a gap to close: teachers do not link records. Compare each group's gaps with what its job "
              "needs; for linkage, read the data staff's row."),
    },
    answer="d",
    feedback={
        "a": ("Teachers do not match partner rosters with district records; the hub does. Training people in "
              "a skill their job never uses costs money and changes nothing. Whose job needs linkage?"),
        "b": ("Self-ratings are rough, but this one is plausible: linkage is a specialist task. The question "
              "is whether a teacher's job needs it."),
        "c": ("That builds capacity where the work is not done. In Riverbend the hub links records for every "
              "partner. Where does the job need the skill?"),
    },
    hints=[
        "A gap matters where the job needs the skill. Does a teacher's job include matching partner rosters?",
        "Look at the heatmap's data staff row for record linkage, and at the teachers' row for privacy and FERPA.",
    ],
    solution_text='"d": a gap matters where the job needs the skill; teachers need privacy and FERPA, not linkage.',
    correct_note=("Read a gap against the job. The teachers' gaps that matter are in privacy and FERPA, which they "
                  "meet every day; linkage belongs to the few data staff who run it."),
)


# --- 2. who can lead the work ------------------------------------------------------------------


def _who_leads_options() -> dict[str, str]:
    g = _groups()
    lead, data = g.loc["leaders"], g.loc["data staff"]
    return {
        "a": (f"Data staff should lead the work across organizations: they have the smallest gaps in working "
              f"with data (record linkage {data['record_linkage']:.0%}), they know every system, and they are "
              "already in the room whenever rosters are matched."),
        "b": ("Negotiating agreements is work for lawyers, so its gap does not matter for the people who lead "
              "the partnership."),
        "c": (f"Each group holds half of it. Leaders convene well (gap {lead['convening_partners']:.0%}) but "
              f"{lead['negotiating_agreements']:.0%} are not confident negotiating an agreement; of the data staff, "
              f"{data['convening_partners']:.0%} are not confident convening partners. Develop both, together."),
        "d": "Leaders already lead; training is for the staff who do the data work.",
    }


who_leads = ChoiceQuestion(
    "who_leads",
    options=_who_leads_options,
    answer="c",
    feedback={
        "a": ("They know the data, but read their leading-the-work columns: how many data staff feel confident "
              "convening partners or negotiating an agreement?"),
        "b": ("Lawyers review an agreement; the people who lead the work decide what it should say and "
              "settle the differences between organizations. Read the leaders' gap in negotiating agreements."),
        "d": ("Leading data sharing across organizations needs skills few leaders were trained in: read the "
              "leaders' gap in negotiating agreements. The principle says to develop the people who lead."),
    },
    hints=[
        "Read the three columns of leading the work (convening, negotiating, trust) for leaders and for data staff.",
        "Which group convenes well, and which group knows the data? Who can do both?",
    ],
    solution_text='"c": leaders convene but few can negotiate an agreement; data staff know the data but do not convene.',
    correct_note=("The people who will lead the work need both halves. Pairing a leader with a data person from "
                  "each organization, and developing both, is how the Playbook's seventh principle looks in a budget."),
)


# --- 3. the skills of leading the work, in practice --------------------------------------------

#: Situations a partnership meets; each shows one skill missing (labels are survey skill names).
SITUATIONS = {
    "a": ("Partners have stopped coming to the monthly data meeting: there is no agenda, the same two "
          "people talk, and nothing is ever decided."),
    "b": ("A coordinator tells a principal that the law forbids the school from sharing anything with a "
          "community program."),
    "c": ("The district and Bright Futures have traded marked-up drafts of their agreement for five months; "
          "nobody has sat down to settle the three clauses they disagree on."),
    "d": ("The family center will not send intake data to the hub. Its families were hurt before when an "
          "agency shared their information, and nobody from the hub has come to explain what happens to it."),
}
SITUATION_SKILLS = {"a": "convening_partners", "b": "ferpa_knowledge", "c": "negotiating_agreements",
                    "d": "building_trust"}
_SKILL_MEANING = {
    "convening_partners": "bringing organizations to one table and keeping them there",
    "negotiating_agreements": "working out terms that both organizations can sign",
    "building_trust": "earning the confidence of another organization, or of the families it serves",
    "ferpa_knowledge": "knowing what the federal student-privacy law allows",
    "record_linkage": "matching records about the same child across systems",
    "data_privacy": "protecting the data once it is held",
}

gap_in_action = LabelItemsQuestion(
    "gap_in_action",
    items=list(SITUATIONS),
    labels=_SKILL_MEANING,
    answer=SITUATION_SKILLS,
    retry_hint="For each situation, ask: what would a skilled person have done that nobody did?",
    hints=[
        "Each situation is stuck for want of one skill. Picture a skilled person walking in: what do they do first?",
        ("Call a meeting with an agenda and a decision; settle the clauses face to face; go and explain to the "
         "families' advocates; know what the law allows. Match each to a skill."),
    ],
    solution_text=('`stuck_a = "convening_partners"`, `stuck_b = "ferpa_knowledge"`, '
                   '`stuck_c = "negotiating_agreements"`, `stuck_d = "building_trust"`'),
    correct_note=("Three of the four are skills of leading the work, not of handling data. No software fixes "
                  "them: people do, and people can be developed."),
)


# --- 4. owner, steward, custodian -------------------------------------------------------------

#: The responsibilities of the roles exercise by stable id, lettered a, b, c ... in this mixed order.
TASK_IDS = ["define_indicator", "patch_and_back_up", "approve_request", "roster_quality", "create_account",
            "sign_agreement", "review_request", "secure_transfer", "answer_for_misuse"]
TASKS = {string.ascii_lowercase[i]: RESPONSIBILITIES[key][0] for i, key in enumerate(TASK_IDS)}
_TASK_ROLE = {string.ascii_lowercase[i]: RESPONSIBILITIES[key][1] for i, key in enumerate(TASK_IDS)}
_TASK_WHY = {string.ascii_lowercase[i]: RESPONSIBILITIES[key][2] for i, key in enumerate(TASK_IDS)}


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


# --- 5. the training plan --------------------------------------------------------------------


#: The two gap skills the draft plan was written for: the standard Riverbend's :func:`must_cover`.
DRAFT_GAPS = ("record_linkage", "negotiating_agreements")


def starter_plan() -> pd.DataFrame:
    """The draft training plan the lesson starts from (a new table every call).

    Its lines for the two gaps train this community's :func:`must_cover` skills: in another
    Riverbend (another seed) the biggest gaps can be other skills, and a draft with no line
    for a required skill could never pass, whatever the sliders say.
    """
    district, hub_town = "Riverbend Unified School District", "Riverbend Rising"
    plan = pd.DataFrame(
        [
            ("S026", "Bright Futures After-School", "data_visualization", 12, 45, 1),
            ("S028", "Riverbend Mentors", "data_visualization", 12, 45, 1),
            ("S035", district, "record_linkage", 40, 80, 2),
            ("S014", hub_town, "record_linkage", 0, 80, 3),
            ("S044", "Riverbend Mentors", "negotiating_agreements", 1, 60, 2),
            ("S034", district, "negotiating_agreements", 1, 60, 2),
            ("S030", district, "convening_partners", 0, 50, 5),
            ("S036", "Riverbend Family Resource Center", "ferpa_knowledge", 8, 40, 3),
            ("S035", district, "data_governance", 16, 60, 4),
        ],
        columns=["who", "organization", "skill", "hours", "cost_per_hour", "month"],
    )
    plan["skill"] = plan["skill"].replace(dict(zip(DRAFT_GAPS, must_cover())))
    return plan


def _skill_words(skill: str) -> str:
    """A skill's name as the start of a sentence ("Record linkage", "SQL or Python")."""
    return {"sql_or_python": "SQL or Python", "ferpa_knowledge": "FERPA knowledge"}.get(
        skill, skill.replace("_", " ").capitalize())


def model_plan() -> pd.DataFrame:
    """One plan that passes every rule (the solution notebook moves the sliders to it)."""
    plan = starter_plan()
    plan["hours"] = [12, 0, 16, 16, 12, 12, 0, 8, 0]
    plan["month"] = [1, 1, 2, 3, 3, 3, 5, 3, 4]
    return plan


def plan_result(plan: pd.DataFrame):
    """The lesson's rules applied to a plan (what the adjuster shows)."""
    return check_plan(plan, budget=BUDGET, must_cover=must_cover(), min_people=MIN_PEOPLE,
                      max_hours_per_month=MAX_HOURS_PER_MONTH, min_hours=MIN_HOURS)


def _judge_plan(answer: Any) -> str:
    try:
        result = plan_result(answer)
    except (PeopleError, KeyError) as err:
        raise Incorrect(f"The plan cannot be read yet: {err}") from None
    problems = []
    for check, ok, detail in zip(result.findings["check"], result.findings["ok"], result.findings["detail"]):
        if ok:
            continue
        if check.startswith("cover ") and detail.startswith("Too few hours"):
            problems.append(f"{detail.split(':')[0]}: in {check[len('cover '):]}, someone has hours but fewer than "
                            f"{MIN_HOURS}. An introduction is not a skill; give them at least {MIN_HOURS} hours or "
                            "move the money elsewhere")
        elif check.startswith("cover "):
            problems.append(f"{check[len('cover '):]} does not yet have {MIN_PEOPLE} different people with "
                            f"{MIN_HOURS} hours or more each")
        else:
            problems.append(detail)
    if problems:
        unique = list(dict.fromkeys(problems))
        raise Incorrect("Not yet: " + " ".join(p if p.endswith(".") else p + "." for p in unique))
    return (f"Within ${BUDGET:,}, and both gaps ({' and '.join(must_cover())}) are covered by at least "
            f"{MIN_PEOPLE} people with {MIN_HOURS} hours or more each, with nobody overloaded in any month.")


training_plan = CustomQuestion(
    "training_plan",
    checker=_judge_plan,
    accepts=pd.DataFrame,
    form="a table (DataFrame): the plan from the sliders, `adjuster.plan()`",
    hints=[
        "Read the checks under the sliders: each names one problem. Fix them one at a time.",
        (f"Each of the two skills needs {MIN_PEOPLE} people with at least {MIN_HOURS} hours; split any course over "
         f"{MAX_HOURS_PER_MONTH} hours across people or months."),
        "To get under budget, set the hours of lower-priority rows to 0. Which courses can wait a year?",
    ],
    solution_text=lambda: (f"{_skill_words(must_cover()[0])}: 16 hours each for S035 (month 2) and S014 (month 3). "
                           f"{_skill_words(must_cover()[1])}: 12 hours each for S044 and S034 (month 3). Keep the "
                           "FERPA course and one visualization workshop; leave governance, the second workshop and "
                           "convening for next year: $4,860. Then `my_plan = adjuster.plan()`."),
    correct_note=("A plan with names, hours, months and money is something a board can approve and a funder can "
                  "fund, and it develops the people who lead the work, not only the people who run the data."),
)


# --- 6. when one person leaves -----------------------------------------------------------------

data_person_leaves = ChoiceQuestion(
    "data_person_leaves",
    options={
        "a": ("Cross-train a second person now, write the matching steps down, put the duties in job "
              "descriptions, and pay for the role from regular budgets."),
        "b": "Pause the monthly matching until a replacement is hired and trained, then start again.",
        "c": ("Buy linkage software that the vendor says does everything automatically, so that nobody at the "
              "hub needs the skill any more and staff turnover stops mattering."),
        "d": "Ask her to stay on call after she leaves, unpaid, in case something breaks.",
    },
    answer="a",
    feedback={
        "b": ("Hiring takes months and the new person starts from nothing without written steps. Partners lose "
              "trust while sharing is paused."),
        "c": ("Software still needs someone who can set it up, judge its matches and explain them to partners. "
              "Technology can be bought; the people who run it have to be developed."),
        "d": ("That keeps one point of failure and relies on goodwill nobody can plan on. What would make the "
              "work survive any one person leaving?"),
    },
    hints=["Which answer still works if any one person leaves, next year and the year after?"],
    solution_text='"a": a second person, written procedures, the duties in job descriptions, and steady funding.',
    correct_note=("The work should survive any one person leaving, and a grant ending: people, written "
                  "procedures and budget lines."),
)

#: Budget lines offered in the sustainability question.
BUDGET_LINES = {
    "a": "Staff time for a second person to learn each critical task alongside the first.",
    "b": "A license for linkage software sold as needing no staff.",
    "c": "Time to write down how linkage is run, how each transfer is set up and how each agreement was reached.",
    "d": ("A deputy who co-leads partner meetings and agreement talks with the hub director for a year before "
          "she retires."),
    "e": "Overtime pay so that the one analyst can cover everything herself.",
    "f": "The hub's core positions in the partners' regular budgets; grants pay for growth.",
    "g": "A consultant on call, paid only when something breaks.",
}
_SUSTAINING = ["a", "c", "d", "f"]

sustainability_budget = PickItemsQuestion(
    "sustainability_budget",
    options=list(BUDGET_LINES),
    answer=_SUSTAINING,
    why_not={
        "b": "Software still needs people who can run it, judge it and explain it; this line develops nobody.",
        "e": "Overtime deepens the single point of failure: the work still rests on one person, now tired.",
        "g": "An outsider paid only in emergencies knows nothing of your data and leaves with what they learn.",
    },
    hints=[
        "A sustainability line makes the work survive one person leaving, or one grant ending.",
        "Does the line add a second person, write the work down, prepare a successor, or make funding steady?",
    ],
    solution_text="a, c, d and f: cross-training, written procedures, a successor for the leader, steady funding.",
    correct_note=("Succession is planned for leaders too: the person who negotiates every agreement is as much a "
                  "single point of failure as the one who runs the matching."),
)


def _plan_variant(changes: dict) -> Any:
    def make() -> pd.DataFrame:
        plan = model_plan()
        for (row, col), value in changes.items():
            plan.loc[row, col] = value
        return plan
    return make


EXAMPLES = {
    "gap_that_matters": {"right": ["d", "D", "(d)"], "wrong": ["a", "b", "c", "e"]},
    "who_leads": {"right": ["c", "'C'"], "wrong": ["a", "b", "d", ["a", "c"]]},
    "gap_in_action": {
        "right": [SITUATION_SKILLS,
                  {"a": "convening partners", "b": "FERPA knowledge", "c": "Negotiating_Agreements",
                   "d": "building trust"}],
        "wrong": [
            {"a": "building_trust", "b": "ferpa_knowledge", "c": "negotiating_agreements", "d": "convening_partners"},
            {"a": "convening_partners", "b": "data_privacy", "c": "negotiating_agreements", "d": "building_trust"},
            {"a": "convening_partners", "b": "ferpa_knowledge", "c": "negotiating_agreements"},
            {"a": "convening_partners", "b": "ferpa_knowledge", "c": "lawyers", "d": "building_trust"},
            "negotiating_agreements",
        ],
    },
    "steward_tasks": {
        "right": [steward_letters, lambda: [s.upper() for s in steward_letters()], "a, d, g"],
        "wrong": [
            lambda: steward_letters()[:-1],
            lambda: steward_letters() + [next(k for k, r in _TASK_ROLE.items() if r == "owner")],
            lambda: list(TASKS),
            ["z"],
        ],
    },
    "training_plan": {
        "right": [model_plan, _plan_variant({(6, "hours"): 0, (4, "hours"): 8, (5, "hours"): 8})],
        "wrong": [
            starter_plan,
            _plan_variant({(4, "hours"): 1, (5, "hours"): 1}),  # an hour each: not a skill (issue 19)
            _plan_variant({(2, "hours"): 1, (3, "hours"): 1}),  # an hour of linkage each
            _plan_variant({(3, "hours"): 0}),  # linkage: one person only
            _plan_variant({(1, "hours"): 12, (8, "hours"): 16}),  # over budget
            _plan_variant({(2, "hours"): 24}),  # 24 hours in one month
            lambda: model_plan().drop(columns="cost_per_hour"),
            lambda: model_plan().to_dict(),
        ],
    },
    "data_person_leaves": {"right": ["a", "A"], "wrong": ["b", "c", "d"]},
    "sustainability_budget": {
        "right": [["a", "c", "d", "f"], "f, d, c, a", "acdf"],
        "wrong": [["a", "c", "f"], ["a", "c", "d", "f", "g"], ["b", "e", "g"], ["a", "b", "c", "d", "f"], ["h"]],
    },
}
