"""Checks for lesson 01: Pave the way with leaders and decision-makers.

Principle 1: decision makers, not data people, get information moving, and they do it when
it serves their own interest. The questions ask for judgments: who can unblock, what is in
it for a skeptical leader, what to ask them to do, how to answer their objection, which
numbers a leader needs and which claims a chart supports. Numbers inside the options are
computed from the data, so they stay true for another Riverbend community.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from helpers.checks.lesson00 import LetterPicks
from helpers.exercises import ChoiceQuestion, NumberQuestion, is_placeholder

YEAR = "2025-26"
PROGRAM_GRADES = [str(g) for g in range(1, 9)]


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


@lru_cache(maxsize=1)
def numbers() -> dict:
    """The figures the lesson's options quote, from the data (rates are fractions)."""
    from helpers.data import load

    ca = chronic()
    schools = load("schools").set_index("school_id")
    level = ca["school_id"].map(schools["level"])
    grades = load("students").set_index("student_id")["grade"].astype(str)
    in_grades = ca["student_id"].map(grades).isin(PROGRAM_GRADES)
    served = ca["student_id"].isin(set(afterschool_links()["student_id"]))
    by_school = ca.groupby("school_id")["chronically_absent"].mean()
    lowest = by_school.idxmin()
    return {
        "students": len(ca),
        "chronic": int(ca["chronically_absent"].sum()),
        "rate": float(ca["chronically_absent"].mean()),
        "high_rate": float(ca.loc[level == "high", "chronically_absent"].mean()),
        "days_missed": float(ca["absence_rate"].mean()),
        "n_schools": len(schools),
        "attendance_rows": len(load("attendance")),
        "lowest_school": str(schools.loc[lowest, "school_name"]),
        "lowest_rate": float(by_school.min()),
        "served_chronic": int(ca.loc[served, "chronically_absent"].sum()),
        "share_served": float(ca.loc[served, "chronically_absent"].mean()),
        "share_others": float(ca.loc[in_grades & ~served, "chronically_absent"].mean()),
        "chronic_in_grades": int(ca.loc[in_grades, "chronically_absent"].sum()),
    }


def served_chronic_value() -> int:
    return numbers()["served_chronic"]


def _served_counting_duplicates() -> int:
    ca = chronic()[["student_id", "chronically_absent"]]
    linked = afterschool_links().merge(ca, on="student_id")
    return int(linked["chronically_absent"].sum())


# -- cards shown in the lesson ---------------------------------------------------------


def leader_card(name: str) -> None:
    """Print one row of the stakeholder table as a card, one field per line.

    >>> leader_card("Walter Ebbesen")  # doctest: +NORMALIZE_WHITESPACE
    Walter Ebbesen, school board chair (Riverbend Unified School District)
      Priorities:            public trust; student privacy; equity across schools
      Can unblock:           board policy on data sharing; public support
      Best way to reach them: short presentation at a board work session
    >>> leader_card("____")
    Type a name from the stakeholder table between the quotes, for example "Beatrix Oyelowo".
    """
    from helpers.data import load

    table = load("stakeholders")
    if is_placeholder(name) or not isinstance(name, str) or not name.strip():
        print("Type a name from the stakeholder table between the quotes, for example \"Beatrix Oyelowo\".")
        return
    row = table[table["name"].str.lower() == " ".join(name.split()).lower()]
    if row.empty:
        print(f"No one called {name!r} in the stakeholder table. Names: " + "; ".join(table["name"]))
        return
    r = row.iloc[0]
    print(f"{r['name']}, {r['role']} ({r['organization']})")
    for label, column in (("Priorities", "priorities"), ("Can unblock", "what_they_can_unblock"),
                          ("Best way to reach them", "preferred_format")):
        print(f"  {label + ':':<24}{r[column]}")


def plan_card(leader: str, in_it_for_them: Any, ask: Any, objection: Any) -> None:
    """Print the plan for an ask, from the letters chosen in the three questions.

    Nothing is judged here (the checks do that); a blank answer shows as "not chosen yet".

    >>> plan_card("Walter Ebbesen", "a", ["b", "e"], "____")  # doctest: +ELLIPSIS
    Our ask to Walter Ebbesen, school board chair
      What is in it for him: A clear public policy ...
      What we ask him to do:
        - Put a data-sharing policy on the agenda of a board work session, for the board to adopt.
        - Speak up for the work in public, for example at a Parent Council meeting.
      His likely objection, and our answer: (not chosen yet)
      How we bring it: short presentation at a board work session
    """
    from helpers.data import load

    table = load("stakeholders")
    row = table[table["name"] == leader].iloc[0]

    def one(question: ChoiceQuestion, value: Any) -> str:
        if is_placeholder(value) or not isinstance(value, str):
            return "(not chosen yet)"
        key = value.strip().strip("()").lower()
        return question.options.get(key, f"(not an option: {value!r})")

    asks = [] if is_placeholder(ask) else the_ask.text_for(ask)
    print(f"Our ask to {row['name']}, {row['role']}")
    print(f"  What is in it for him: {one(whats_in_it, in_it_for_them)}")
    print("  What we ask him to do:" + ("".join(f"\n    - {a}" for a in asks) if asks else " (not chosen yet)"))
    print(f"  His likely objection, and our answer: {one(objection_answer, objection)}")
    print(f"  How we bring it: {row['preferred_format']}")


# -- 1. who can unblock ----------------------------------------------------------------

who_unblocks = ChoiceQuestion(
    "who_unblocks",
    options={
        "a": "Walter Ebbesen, school board chair",
        "b": "Inez Halvorsen, district data manager",
        "c": "Dr. Renata Solberg, superintendent",
        "d": "Beatrix Oyelowo, funder",
    },
    answer="c",
    feedback={
        "a": "The board chair shapes board policy and public support, which matters (you will plan an ask to him "
             "next), but the stakeholder table says who approves district data-sharing agreements. "
             "Look at the column what_they_can_unblock.",
        "b": "The data manager sets up the transfer once it is approved, and should be involved early, "
             "but cannot approve the agreement. Look at what_they_can_unblock.",
        "d": "A funder can pay for the work but cannot give anyone access to district records.",
    },
    hints=[
        "Read the column what_they_can_unblock in the stakeholder table.",
        "Which leader's row says she can approve district data-sharing agreements?",
    ],
    solution_text='`first_leader = "c"`: the superintendent approves district data-sharing agreements and can '
                  "assign staff time.",
    correct_note="Right leader first. Her row also says how to reach her: a one-page brief with three numbers.",
)

# -- 2. plan the ask to a skeptical leader ---------------------------------------------

whats_in_it = ChoiceQuestion(
    "whats_in_it",
    options={
        "a": "A clear public policy shows families what is shared and why, and lets the board see whether "
             "students in every school are reached.",
        "b": "Bright Futures could show its funders better results.",
        "c": "The district would save money on its student information system, because partners would pay "
             "for the exports they ask for and every school would get a new reporting system.",
        "d": "Partners would stop bringing data questions to the board.",
    },
    answer="a",
    feedback={
        "b": "That is in Bright Futures' interest (Marisol Tengwall's row), not his. Leaders move for their own "
             "priorities: what is he answerable to the public for?",
        "c": "Nothing in his row is about money, and the claim is doubtful anyway. Start from his priorities.",
        "d": "A policy would not stop partners asking, and he did not ask for that. Which of his three "
             "priorities would a clear policy serve?",
    },
    hints=[
        "Read his card: his priorities are public trust, student privacy and equity across schools.",
        "Pick the option that serves his priorities, not ours or a partner's.",
    ],
    solution_text='`in_it_for_him = "a"`: it serves all three of his priorities: public trust, student privacy '
                  "and equity across schools.",
    correct_note="His interest, in his words: trust, privacy, equity. That is the first sentence of your ask.",
)

the_ask = LetterPicks(
    "the_ask",
    texts={
        "a": "Sign the data-sharing agreement with Bright Futures.",
        "b": "Put a data-sharing policy on the agenda of a board work session, for the board to adopt.",
        "c": "Send us the attendance export.",
        "d": "Assign district staff time to the project.",
        "e": "Speak up for the work in public, for example at a Parent Council meeting.",
        "f": "Approve a list of named students for the program to call.",
    },
    answer=["b", "e"],
    why_not={
        "a": "Approving district agreements is the superintendent's decision (her row, and the first question). "
             "Ask each leader for what they can give.",
        "c": "Exports are the data manager's job. Asking a board chair for one wastes his time and your credibility.",
        "d": "Assigning staff is the superintendent's call, not the board chair's.",
        "f": "Not his role, and sharing named students for outreach needs its own legal basis, such as parent "
             "consent (lessons 05 and 06).",
    },
    hints=[
        "His card says what he can unblock: board policy on data sharing, and public support.",
        "Pick one action for each of the two things he can unblock.",
    ],
    solution_text='`ask_him_to = ["b", "e"]`: a policy the board adopts, and public support. Those are the two '
                  "things his row says he can unblock.",
    correct_note="Ask each leader for something only they can give. For him: a policy, and his voice in public.",
    missing_note="His card names two things he can unblock; is each covered?",
)

objection_answer = ChoiceQuestion(
    "objection_answer",
    options={
        "a": "He will say it costs too much; answer that the Community Foundation will pay.",
        "b": "He will ask whether families agreed; answer that once the district and Bright Futures have both "
             "signed the agreement, any sharing written into it is legal, whatever the agreement says.",
        "c": "He will worry that a school looks bad; promise the board will never see school-level numbers.",
        "d": "He will ask whether families agreed; answer that sharing follows the law, consent is sought where "
             "needed, and the public is told what is shared and sees only counts.",
        "e": "He will ask whether families agreed; answer that names and student IDs are removed before sharing, "
             "so the data are anonymous.",
    },
    answer="d",
    feedback={
        "a": "Money is not among his priorities (it is among the superintendent's). Start from his row: what "
             "will a board chair answerable for public trust and privacy ask first?",
        "b": "Right worry, wrong answer. An agreement documents a legal route for sharing; it does not create "
             "one (lesson 06). He would be right to push back, and trust would suffer.",
        "c": "Equity across schools is one of his priorities, so he will want school-level numbers. Hiding them "
             "would not build trust.",
        "e": "Right worry, wrong answer. Removing names is not enough: birth date, school and grade together can "
             "point to one child (lesson 04). Overpromising is how trust is lost.",
    },
    hints=[
        "His priorities are public trust and student privacy: which worry will he raise first?",
        "Three options name the right worry. Which answer is true, and would still be true if a parent checked?",
    ],
    solution_text='`his_objection = "d"`: he will ask about families; the honest answer is a legal route, '
                  "consent where needed, openness with the public, and only counts in public.",
    correct_note="An honest answer to the likeliest objection, prepared before the meeting, is half of the ask.",
)

principal_opening = ChoiceQuestion(
    "principal_opening",
    options={
        "a": "The district wants every school to send each partner a monthly attendance report.",
        "b": "One agreement would let partners get attendance through the data hub, so your office stops "
             "filling in each partner's own form.",
        "c": "The Playbook says data sharing starts with leaders, so we need you to champion it with your staff "
             "and with the parents of your school this year.",
        "d": "Here is our 20-page evaluation report, with appendices, for you to read before we meet next month.",
    },
    answer="b",
    feedback={
        "a": "More reports is exactly what she does not want: 'fewer reports' is one of her priorities.",
        "c": "That is our reason, not hers. Leaders move when the work serves their own priorities.",
        "d": "Her preferred format is a conversation with a printed chart, not a long report.",
    },
    hints=[
        "Read Lorraine Kibbe's row: her priorities include fewer reports, and she prefers a conversation.",
        "Which opening offers her less work, not more?",
    ],
    solution_text='`her_opening = "b"`: it offers her something she wants (fewer reports) in a sentence she '
                  "can hear in a conversation.",
    correct_note="Same principle, different leader: start from what she wants, in the format she prefers.",
)

# -- 3. what the numbers and charts can say --------------------------------------------

chart_statement = ChoiceQuestion(
    "chart_statement",
    options={
        "a": "Most of the district's students are chronically absent.",
        "b": "Cedar Ridge Elementary has the best attendance in the district, so other schools should copy "
             "its practices.",
        "c": "Chronic absence rises with school level: the high schools have the highest rates.",
        "d": "Every school is above the district rate.",
    },
    answer="c",
    feedback={
        "a": "The dashed line marks the district rate: about one student in four, not most.",
        "b": "The chart shows the lowest *recorded* rate. Before you praise or copy a school, make sure its "
             "records are complete: a number is only as good as the data under it.",
        "d": "A district rate is an average over schools: some bars must fall below the dashed line.",
    },
    hints=[
        "Read the alt text under the chart: it states the finding in words.",
        "Compare the colors: elementary, middle and high schools.",
    ],
    solution_text='`true_statement = "c"`: elementary schools are lowest, middle schools near one in four, '
                  "high schools highest.",
    correct_note="A chart supports only what it shows. Claims about why, or about practices, need more.",
)


def _three_numbers_texts() -> dict:
    n = numbers()
    return {
        "a": f"{n['rate']:.0%} of students ({n['chronic']:,} of {n['students']:,}) are chronically absent this year.",
        "b": f"The attendance file has {n['attendance_rows']:,} rows.",
        "c": f"The average student missed {n['days_missed']:.1%} of the days they were enrolled.",
        "d": f"In the high schools about {n['high_rate']:.0%} of students are chronically absent.",
        "e": f"{n['lowest_school']} has the lowest rate in the district: {n['lowest_rate']:.0%}.",
        "f": f"Bright Futures serves only {n['served_chronic']} of the {n['chronic']:,} chronically absent "
             "students: partners could reach many more.",
        "g": f"The district has {n['n_schools']} schools.",
    }


three_numbers = LetterPicks(
    "three_numbers",
    texts=_three_numbers_texts,
    answer=["a", "d", "f"],
    why_not={
        "b": "A data person's number: it says how big a file is, not how students are doing.",
        "c": "A different measure from the one she asked about (days missed, not students over the line). Two "
             "absence numbers side by side confuse a reader.",
        "e": "One school's figure does not help her decide about a district-wide agreement, and a school "
             "ranking needs every school's records checked first.",
        "g": "She knows how many schools she runs. Every number on her page should help her decide.",
    },
    hints=[
        "Her priorities start with chronic absence, and you will ask her to approve an agreement with partners.",
        "One number for the size of the problem, one for where it is worst, one for what partners could do.",
    ],
    solution_text='`her_three = ["a", "d", "f"]`: the size of the problem, where it is worst, and how far '
                  "partners reach today.",
    correct_note="Three numbers, each one a reason for the decision you are asking her to make.",
    missing_note="Does your page say how big the problem is, where it is worst, and what partners could do?",
)

board_claim = ChoiceQuestion(
    "board_claim",
    options={
        "a": "The program mostly reaches children who already attend well; it cannot yet claim to improve "
             "attendance.",
        "b": "The program cuts chronic absence by about 90%.",
        "c": "Participants miss ten times fewer days than other students.",
        "d": "Chronically absent students do not want after-school programs, so recruiting them is not worth "
             "the board's money.",
    },
    answer="a",
    feedback={
        "b": "The two bars are different children. Families who sign up may already attend well (selection "
             "bias); lesson 03 shows a fair comparison.",
        "c": "The chart counts students over the 10% line, not days missed.",
        "d": "The chart cannot say why. It shows who signed up, not who would join if invited.",
    },
    hints=[
        "Are the two bars the same children before and after, or different children?",
        "A chart of who signed up says who the program reaches, not what it does for them.",
    ],
    solution_text='`board_can_say = "a"`: the bars compare different children, so they describe reach, not effect.',
    correct_note="Claiming only what the data show is how a board keeps its credibility with funders.",
)


def _board_takeaway_texts() -> dict:
    n = numbers()
    return {
        "a": "Our program cuts chronic absence by about 90%.",
        "b": f"Only {n['share_served']:.0%} of our participants are chronically absent, against "
             f"{n['share_others']:.0%} of other students in grades 1-8: we mostly serve children who already "
             "attend well.",
        "c": "We cannot yet claim that the program improves attendance: that needs the same children's "
             "attendance before they joined, compared with similar children.",
        "d": "A signed data-sharing agreement will let us recruit the chronically absent students ourselves.",
        "e": "Attached: the names of our participants who are chronically absent, for the board to follow up.",
        "f": f"{n['chronic_in_grades']} students in grades 1-8 are chronically absent. Our biggest opportunity: "
             "schools invite their families to join, with no names passed to us.",
        "g": "Riverbend South High School has the highest chronic absence in the district.",
    }


board_takeaways = LetterPicks(
    "board_takeaways",
    texts=_board_takeaway_texts,
    answer=["b", "c", "f"],
    why_not={
        "a": "The chart compares different children, so it cannot show an effect. A board that repeats this to "
             "a funder takes a risk, the thing this board worries about.",
        "d": "An agreement documents a legal route for sharing; it does not create one (lesson 06). Reaching "
             "named students needs its own legal basis, such as parent consent.",
        "e": "A board oversees; it never needs names. Keep to aggregate counts.",
        "g": "True, but the program serves grades 1 to 8, and this board decides about its own program.",
    },
    hints=[
        "His priorities are organizational risk and sustainability: what does the board need to know, "
        "and what must it not claim?",
        "One takeaway on whom the program reaches, one on what it cannot claim yet, one on the opportunity.",
    ],
    solution_text='`board_takeaways = ["b", "c", "f"]`: whom we reach, what we cannot claim yet, and an '
                  "opportunity that needs no names.",
    correct_note="Each takeaway is true, fits on one line, and speaks to risk or sustainability.",
    missing_note="A brief has three takeaways: who the program reaches, what it cannot claim, and the opportunity.",
)

board_note = ChoiceQuestion(
    "board_note",
    options={
        "a": "Synthetic training data.",
        "b": "District records are complete and accurate, so no caveats are needed: the numbers speak for "
             "themselves.",
        "c": "Chronically absent: missed 15 or more days in the year, the federal Civil Rights Data Collection "
             "rule. District attendance and enrollment records, 2025-26, for every student in grades 1 to 8, each "
             "student counted once, participants and others alike.",
        "d": "Participants matched to district records with a training shortcut (a perfect match file that "
             "does not exist in real life). Chronically absent: missed 10% or more of enrolled days, any "
             "reason. District records, 2025-26. Synthetic data.",
    },
    answer="d",
    feedback={
        "a": "True, but too thin: a reader cannot tell which rule counted a student or how the roster was matched.",
        "b": "No data are complete and accurate; a data note says what the numbers leave out.",
        "c": "Not the rule these numbers used. Say the rule behind the numbers on the page, not another one.",
    },
    hints=[
        "A data note says where the numbers come from, which rule made them, and what to be careful about.",
        "Which note matches how the lesson really counted and matched students?",
    ],
    solution_text='`board_data_note = "d"`: it names the matching, the rule, the source and the year.',
    correct_note="Anyone who reads the note can check the numbers, or redo them next year.",
)

# -- Going further: count it yourself (data staff) --------------------------------------

served_chronic = NumberQuestion(
    "served_chronic",
    expected=served_chronic_value,
    hints=[
        "Keep only the rows of ca whose student_id is in linked_ids, then count the chronically absent ones.",
        "Use .isin(linked_ids) to keep those rows, then .sum() on the True/False column chronically_absent.",
    ],
    solution_text='`served_chronic = ca[ca["student_id"].isin(linked_ids)]["chronically_absent"].sum()`',
    correct_note="Each child counted once, even those who signed up twice.",
    mistakes=lambda: {
        _served_counting_duplicates(): "Close, but some children are on the roster twice (duplicate sign-ups). "
        "Count each student once: use the set of linked IDs.",
        float(chronic()["chronically_absent"].sum()): "That is every chronically absent student in the district. "
        "Keep only the students on the Bright Futures roster.",
    },
)

EXAMPLES = {
    "who_unblocks": {"right": ["c", "C"], "wrong": ["a", "b", "d", "superintendent"]},
    "whats_in_it": {"right": ["a"], "wrong": ["b", "c", "d"]},
    "the_ask": {"right": [["b", "e"], "e, b", ("E", "b.")],
                "wrong": [["a", "b", "e"], ["b"], ["e", "f"], ["c", "d"], ["b", "d", "e"], ["b", "e", "z"]]},
    "objection_answer": {"right": ["d"], "wrong": ["a", "b", "c", "e"]},
    "principal_opening": {"right": ["b"], "wrong": ["a", "c", "d"]},
    "chart_statement": {"right": ["c"], "wrong": ["a", "b", "d"]},
    "three_numbers": {"right": [["a", "d", "f"], "f, d, a"],
                      "wrong": [["a", "d"], ["a", "b", "d", "f"], ["a", "d", "e"], ["c", "d", "f"], ["g"]]},
    "board_claim": {"right": ["a"], "wrong": ["b", "c", "d"]},
    "board_takeaways": {"right": [["b", "c", "f"], ("f", "c", "b")],
                        "wrong": [["a", "c", "f"], ["b", "c", "d"], ["b", "c", "e"], ["b", "c"], ["b", "c", "f", "g"]]},
    "board_note": {"right": ["d"], "wrong": ["a", "b", "c"]},
    "served_chronic": {
        "right": [served_chronic_value],
        "wrong": [_served_counting_duplicates, lambda: len(afterschool_links()),
                  lambda: float(chronic()["chronically_absent"].sum()), -1],
    },
}
