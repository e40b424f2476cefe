"""Checks for lesson 08, the capstone: one partner question through all seven principles.

The scenario's settings and pipeline live in :mod:`helpers.capstone`, which the notebook
uses too; these checks only judge. They ask for decisions the capstone adds to the earlier
lessons: compare the same children, settle what the pathway finder leaves open, choose
between consent and coverage and defend it, keep the promised minimum cell size, and write
the brief's takeaway and data note (a rubric: a number, no hidden number, the limitation,
what to do). Importing this module does no work.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from helpers import capstone
from helpers.capstone import LAST, NOW, PARTNER  # noqa: F401 - the notebook reads them as q.LAST ...
from helpers.exercises import ChoiceQuestion, CustomQuestion, Incorrect

# -- 2. the same children in both years -------------------------------------------------------
same_children = ChoiceQuestion(
    "same_children",
    options={
        "a": "This year's chronically absent count among all mentees found, against last year's count among the "
             "mentees who were enrolled last year.",
        "b": "The mentees' rate this year against the whole district's rate this year.",
        "c": "For the mentees enrolled in both years: how many were chronically absent last year, and how many of "
             "the same children are this year.",
        "d": "This year's count against the program's target.",
    },
    answer="c",
    feedback={
        "a": "Those two counts are over different groups of children: this year's includes mentees who were not in "
             "the district last year. A change could come from who is counted, not from attendance.",
        "b": "That says whether mentees are more often absent than other students (need), not whether it is "
             "improving.",
        "d": "A target tells you whether you reached a goal; it does not say whether the same children attend more "
             "than last year.",
    },
    hints=["'Improving' means the same children did better. What changes if some children are counted in one "
           "year and not in the other?",
           "Look for the option that keeps the group of children fixed across the two years."],
    solution_text='"c": compare the same children in both years. The district sends only students enrolled in '
                  "both years, so every count in the report is over one fixed group.",
    correct_note="Same children, same definition, two years: now a change is a change in attendance, not in who "
                 "is counted.",
)

# -- 3. before data moves: what the pathway finder leaves open ----------------------------------
open_question = ChoiceQuestion(
    "open_question",
    options={
        "a": f"{PARTNER} know which children are on their roster, so the district must decide whether anyone "
             "could pick out a mentee from the counts (small cells, zeros, what other releases show) before it "
             "calls them de-identified.",
        "b": "Nothing: counts are always de-identified.",
        "c": "Whether the hub director has signed the district-to-hub agreement, since the hub cannot send anything "
             "to a partner until both signatures are on the page and the district's counsel has read every "
             "clause of it.",
        "d": "Whether every mentee's family has signed a consent form naming the district, since counts can never "
             "be shared without one.",
    },
    answer="a",
    feedback={
        "b": "Counts can identify: a cell of 2, or a zero ('none of your mentees at this school'), tells a partner "
             "who knows its roster something about each child. That is why the finder says 'possible', not 'fits'.",
        "c": "Signatures matter for the district-to-hub agreement, but the open question is about the counts "
             "themselves. Read the finder's 'find out first'.",
        "d": "If the counts really are de-identified, FERPA needs no consent for them. The open question is whether "
             "they are.",
    },
    hints=["Read what the finder lists under 'find out first' for the hub-to-partner flow.",
           "34 CFR 99.3 (PII, paragraph (g)): what changes when the requester knows which students the data are "
           "about?"],
    solution_text=f'"a": {PARTNER} know their mentees, so the district decides, before release, that nobody could '
                  "identify a mentee from the counts with reasonable certainty, alone or with other releases "
                  "(34 CFR 99.31(b)(1)). Suppressing small cells and zeros is how this hub makes that true.",
    correct_note="'Possible, confirm' is the honest answer. Suppression is not decoration: it is what lets the "
                 "district conclude the counts identify nobody.",
)

# -- 3. the forced trade-off: consent against coverage --------------------------------------------
roster_choice = ChoiceQuestion(
    "roster_choice",
    options={
        "a": "Send every mentee: FERPA does not govern the program's own roster, and the answer covers everyone.",
        "b": "Send only the mentees whose families consented, say how many were left out in the data note, and "
             "ask the other families before the next report.",
        "c": "Send every mentee, and ask the hub to delete those without consent after linking.",
        "d": "Send nothing until every family has answered; report next term.",
    },
    answer=("b", "d"),
    feedback={
        "a": "It is legal, and the count would be more complete, but it breaks what the program told families: "
             "their consent form is the promise about sharing with the district. Trust lost this way is hard to "
             "win back (principle 4).",
        "b": "Defensible. The cost: about one mentee in six is missing, and families who return forms may differ "
             "from those who do not, so the count may not represent every mentee. Say so next to the numbers.",
        "c": "Deleting afterwards does not undo the sharing: the names already reached the hub. Decide before the "
             "data moves.",
        "d": "Defensible. The cost is time: the superintendent waits a term, and some families never answer, so "
             "the gap may remain. Keep the promise and say when the answer will come.",
    },
    hints=["Two things pull apart: what the program promised families, and a count that covers every mentee. "
           "Which options keep the promise?",
           "An option that moves data first and fixes things later does not decide before the data moves."],
    solution_text='"b" or "d" both keep the promise to families; each has a cost (an incomplete, possibly biased '
                  'count, or a late one). "a" and "c" share names the families did not agree to share.',
    correct_note="Decided before any data moved. Write down the cost of your choice; the data note will need it.",
)

_NON_ANSWERS = {"yes", "no", "ok", "because", "tbd", "later", "not sure", "idk", "dont know", "don't know", "n/a",
                "we will figure this out later", "see above"}


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9']+", text)


def _check_defense(answer: str) -> str:
    text = answer.strip()
    if text.lower().strip(" .!") in _NON_ANSWERS or len(_words(text)) < 6:
        raise Incorrect("Write a sentence or two in your own words: what your choice protects, and what it costs. "
                        "(Only whether a real defense is there is checked; your reasons are for the discussion.)")
    return ("Written down. Only its presence is checked: read it to your partner and see whether it names what "
            "the other choice would have given.")


defense = CustomQuestion(
    "defense",
    checker=_check_defense,
    accepts=str,
    form='a sentence in quotes, for example "We chose ... because ...; it costs ..."',
    hints=["Name what your choice protects (a promise, coverage, time) and what it gives up."],
    solution_text='For example: "We keep the promise to families and send only consented mentees; it costs about '
                  'one mentee in six, so the data note says the count may not represent every mentee."',
    correct_note="Written down.",
    expected_text="Any defense of one or two sentences; only its presence is checked.",
)

# -- 4. the promised minimum cell size ------------------------------------------------------------
LARGEST_STATE_MINIMUM = 30  # the 2010 NCES survey of state rules found minimums from 5 to 30


def _check_min_cell(answer: Any) -> str:
    if isinstance(answer, bool) or not isinstance(answer, (int, float)) or answer != answer:
        raise Incorrect("Give a whole number without quotes, for example min_cell = 12.")
    if answer != int(answer):
        raise Incorrect("A cell holds a whole number of children, so the rule needs a whole number.")
    promised = capstone.agreed_min_cell()
    if answer < promised:
        raise Incorrect(f"With {int(answer)}, a table could show a count of {int(answer)}: does the agreements' "
                        "promise allow that? Read the identification limits again.")
    if answer > LARGEST_STATE_MINIMUM:
        return (f"That keeps the promise, but it is stricter than any state's rule (5 to {LARGEST_STATE_MINIMUM}): "
                "a table of about a hundred mentees may lose most of its cells. A smaller value that still keeps "
                "the promise would tell the leader more.")
    if answer > promised:
        return (f"That keeps the promise (nothing under {promised} is shown) and is stricter than it needs to be: "
                "the hub will hide more cells. Either is right; the promise sets the floor.")
    return None


min_cell = CustomQuestion(
    "min_cell",
    checker=_check_min_cell,
    accepts=(int, float),
    form="a whole number without quotes, for example 12",
    hints=["Riverbend's agreements already promise a rule for published results. Read the sentence printed above.",
           "'Cells under N suppressed' means the smallest count that may be shown is N."],
    solution_text="`min_cell = 10` (or any larger whole number): every Riverbend agreement promises that cells under "
                  "10 are suppressed.",
    correct_note="There is no single federal minimum (states used from 5 to 30, 10 most often); what matters is "
                 "that Riverbend writes one rule down and every release keeps it.",
    expected_text="10 or any larger whole number (10 is what the promise requires).",
)

# -- 7. people ------------------------------------------------------------------------------------
flow_roles = ChoiceQuestion(
    "flow_roles",
    options={
        "a": f"{PARTNER} become the owners of their mentees' attendance records, since they asked the question.",
        "b": "The hub director owns every record once it arrives at the hub, so she decides who sees what, and the "
             "district's role ends when the extract is sent; a custodian is not needed because the hub's database "
             "is encrypted.",
        "c": "One analyst at the hub holds all three roles and the key, so the work goes quickly.",
        "d": "The district stays the owner; a steward on each side; a named custodian for the hub's database and "
             "key, apart from the analysts; a named successor.",
    },
    answer="d",
    feedback={
        "a": "Asking a question does not make anyone the owner. Whose education records are these?",
        "b": "The hub holds data on the district's behalf. Does sending a copy change who is accountable?",
        "c": "Quick, but the key would sit with the person who sees the data, and the work stops when that person "
             "leaves.",
    },
    hints=["Owners decide and are accountable; stewards keep data fit for use and the rules followed; custodians run "
           "the technology. The roles stay with the people, not with the copy."],
    solution_text='"d": the owner stays the district; a steward on each side; a named custodian for the hub and its '
                  "key; a successor named.",
    correct_note="Name a person for each role in the agreement's cover note, and the person who takes over.",
)

# -- 8. the brief: a rubric check ------------------------------------------------------------------
BRIEF_PARTS = ("takeaway", "limitation", "next_step", "data_note")
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\s*%?")
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9}
_LIMITS = re.compile(r"select|match|struggl|already|need|caus|whether mentoring|prove|compar|consent|left out|"
                     r"not (?:all|every)|missing|represent|found|link|private|new to|bias|chosen|only", re.I)
_ACTIONS = re.compile(r"\b(?:plan|meet|ask|call|add|train|review|agree|follow|run|repeat|track|share|invite|"
                      r"fund|set|start|work|schedule|check|make|talk|contact|visit|build|focus|use|compare|study)\w*",
                      re.I)
_SOURCES = re.compile(r"district|hub|linked|records|collaborative|roster|sis", re.I)
_HIDDEN = re.compile(r"suppress|hidden|hid|under \d+|fewer than|small|minimum|withheld|not shown", re.I)


def _numbers(text: str) -> set[int]:
    found = {int(float(m.group().rstrip("% ").replace(",", ""))) for m in _NUMBER.finditer(text)
             if "%" not in m.group() and "." not in m.group()}
    found |= {n for word, n in _NUMBER_WORDS.items() if re.search(rf"\b{word}\b", text, re.I)}
    return found


def _check_brief(answer: Mapping) -> str:
    missing = [part for part in BRIEF_PARTS if not isinstance(answer.get(part), str) or not answer[part].strip()]
    if missing:
        raise Incorrect(f"Write each part of the brief as text in quotes; still empty: {', '.join(missing)}.")
    texts = {part: answer[part].strip() for part in BRIEF_PARTS}
    for part, text in texts.items():
        if text.lower().strip(" .!") in _NON_ANSWERS or len(_words(text)) < 4:
            raise Incorrect(f"The {part.replace('_', ' ')} is too short to tell the superintendent anything. Write "
                            "a full sentence.")
    if not _NUMBER.search(texts["takeaway"]):
        raise Incorrect("The takeaway has no number. The superintendent asked for numbers: give one the report "
                        "shows, and what it means.")
    hidden = capstone.hidden_small_counts()
    leaked = sorted(hidden & set().union(*(_numbers(t) for t in texts.values())))
    if leaked:
        raise Incorrect(f"Your brief mentions {', '.join(map(str, leaked))}: a count under the minimum cell size "
                        "that the hub hid from the partner. A brief is a release too: leave out what the hub hid, "
                        "or say it in a way that shows no small count.")
    if not _LIMITS.search(texts["limitation"]):
        raise Incorrect("The limitation does not say what the numbers cannot show. Think of how mentees were chosen, "
                        "and of who is not in the count.")
    if not _ACTIONS.search(texts["next_step"]):
        raise Incorrect("The next step does not say what someone should do. Name an action, and who takes it.")
    if not _SOURCES.search(texts["data_note"]):
        raise Incorrect("The data note does not say where the numbers come from. Name the records and who linked "
                        "them.")
    if not _HIDDEN.search(texts["data_note"]):
        raise Incorrect("The data note does not say what was hidden to protect students. Name the rule the hub "
                        "applied.")
    return ("Every part of the rubric is there: a number, nothing the hub hid, the limitation, what to do, where the "
            "numbers come from and what was hidden. The rubric checks that the parts are present, not that they are "
            "true: read your brief aloud to a partner.")


brief_text = CustomQuestion(
    "brief_text",
    checker=_check_brief,
    accepts=Mapping,
    form="the four parts of the brief, each a sentence in quotes",
    hints=["The rubric looks for: a number in the takeaway; no count the hub hid; a limitation; an action; and in "
           "the data note, where the numbers come from and what was hidden.",
           "Take numbers only from the published report above. For the limitation, think of lesson 03's selection "
           "trap and of the consent choice you made."],
    solution_text="Write your own sentences; the solution notebook shows one set that passes. Each part needs: "
                  "takeaway, a number from the report and what it means; limitation, what the numbers cannot show; "
                  "next step, an action and who takes it; data note, the source, the linkage and the suppression rule.",
    correct_note="Every part of the rubric is there.",
    expected_text="A takeaway with a number from the report, no count the hub hid (such as the mentees not found), "
                  "a limitation (need, not effect; consent coverage), an action, and a data note naming the source "
                  "and the suppression rule.",
)


# -- right and wrong answers for tests/test_checks.py ---------------------------------------------
def model_brief() -> dict[str, str]:
    """One brief that passes the rubric, with its numbers read from the published report."""
    t = capstone.trend(capstone.published_report())
    rule = capstone.agreed_min_cell()
    if None in (t["children"], t["last"], t["now"]):  # a small community: the hub hid the totals
        takeaway = (f"Too few of our mentees could be counted: the hub hid every count under {rule}, so this report "
                    "cannot yet say whether they are chronically absent or improving.")
    else:
        takeaway = (f"Of the {t['children']} mentees we found in district records, {t['last']} were chronically "
                    f"absent last year and {t['now']} of the same children are this year: not improving yet.")
    return {
        "takeaway": takeaway,
        "limitation": "Mentors were matched with students who were already struggling, so this shows need, not "
                      "whether mentoring works; mentees without family consent are not counted.",
        "next_step": "Agree a joint attendance plan for mentees with the schools' attendance teams this spring, and "
                     "run the same report next term.",
        "data_note": "Synthetic training data. The district linked Riverbend Mentors' consented roster to its records "
                     f"at the hub; counts under {rule} are suppressed.",
    }


def _brief_with(**changes: str) -> dict[str, str]:
    return {**model_brief(), **changes}


EXAMPLES = {
    "same_children": {"right": ["c", "C", "'c'"], "wrong": ["a", "b", "d"]},
    "open_question": {"right": ["a"], "wrong": ["b", "c", "d"]},
    "roster_choice": {"right": ["b", "d"], "wrong": ["a", "c", "e"]},
    "defense": {"right": ["We keep our promise to families and send only consented mentees; it costs coverage."],
                "wrong": ["yes", "because", "We will figure this out later", 5]},
    "min_cell": {"right": [10, 11, 12.0, 20, 50], "wrong": [9, 5, 0, "10", 10.5, True]},
    "flow_roles": {"right": ["d"], "wrong": ["a", "b", "c"]},
    "brief_text": {
        "right": [model_brief],
        "wrong": [lambda: _brief_with(takeaway="Most mentees are chronically absent and it is not improving."),
                  lambda: _brief_with(data_note=model_brief()["data_note"] + " 9 mentees were not found."),
                  lambda: _brief_with(limitation="The numbers are interesting to look at."),
                  lambda: _brief_with(next_step="This is important for everybody."),
                  lambda: _brief_with(data_note="Counts under 10 are suppressed for privacy reasons."),
                  lambda: _brief_with(data_note="The district linked the roster to its records at the hub."),
                  lambda: _brief_with(takeaway="yes"),
                  lambda: {k: v for k, v in model_brief().items() if k != "data_note"},
                  "a brief"],
    },
}
