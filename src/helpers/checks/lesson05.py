"""Checks for lesson 05: Identify your trusted local data hub(s).

The Playbook's line for principle 5: find your "one stop shop" that connects people to the
data they need. So the lesson first asks what the one-stop shop does for each partner and
which of Riverbend's candidate hubs every party would trust (AISP's five lenses: governance,
legal, technology, capacity, impact), then operates one: agreements first, linkage with a
threshold chosen on purpose, clerical review, safe counts, refusals, a differencing attack
and the audit log.

Expected answers that depend on data are computed with the helpers the lesson uses
(:mod:`helpers.linkage`), never typed in. The practice roster (Bright Futures' roster plus
look-alike children who are not district students, :func:`helpers.linkage.add_lookalikes`)
is built and linked once per session by :func:`practice`; the lesson shows the same object.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from helpers.exercises import ChoiceQuestion, LabelWithReasons, NumberQuestion, PickItemsQuestion

TRAINING_DATE = "2025-11-03"
PARTNER = "Bright Futures"
SOURCE = "afterschool_roster"
ROSTER_FIELDS = ["participant_id", "first_name", "last_name", "date_of_birth", "school", "sessions_attended"]
DISTRICT_MAPPING = {"record_id": "student_id", "first_name": "first_name", "last_name": "last_name",
                    "date_of_birth": "date_of_birth", "school": "school_name"}
ROSTER_MAPPING = {"record_id": "participant_id", "first_name": "first_name", "last_name": "last_name",
                  "date_of_birth": "date_of_birth", "school": "school"}
MAY_SEE = ["school_id", "level", "chronically_absent", "attendance_band"]
#: Look-alike children added to the practice roster, and the seed that picks them.
LOOKALIKES, LOOKALIKE_SEED = 40, 0
#: The threshold the hub's steward links with after the practice sweep.
CHOSEN_THRESHOLD = 0.95
#: The strict threshold of the data-staff exercise in Going further.
STRICT = 0.996
LETTERS = "ABCDEF"
#: The band of match probabilities :func:`borderline_pairs` shows (pairs the model is unsure about).
BORDERLINE = (0.2, 0.94)


# -- the lesson's tables, built the way the notebook builds them ---------------------------------
def district_extract() -> pd.DataFrame:
    """The district's minimal extract for the hub: identity fields, school, grade and the
    2025-26 chronic-absence flag with an attendance band (a fresh copy each call)."""
    return _extract().copy()


@lru_cache(maxsize=1)
def _extract() -> pd.DataFrame:
    from helpers import data, indicators

    students = data.load("students")
    schools = data.load("schools")
    absence = indicators.chronic_absence(data.load("attendance"), data.load("enrollment"), school_year="2025-26")
    absence["attendance_band"] = pd.cut(absence["absence_rate"], [0, 0.05, 0.10, 1.01], right=False,
                                         labels=["missed under 5%", "missed 5-9%", "missed 10%+ (chronic)"])
    return (students[["student_id", "first_name", "last_name", "date_of_birth", "grade", "school_id"]]
            .merge(schools[["school_id", "school_name", "level"]], on="school_id")
            .merge(absence[["student_id", "chronically_absent", "attendance_band"]], on="student_id"))


def open_hub(extract: pd.DataFrame | None = None):
    """A hub on the training date with the district's and Bright Futures' agreements signed and
    the district's extract taken in, as in the lesson's folded cell."""
    from helpers.hub import Hub
    from helpers.privacy import generate_key

    extract = district_extract() if extract is None else extract
    hub = Hub(key=generate_key(), training_date=TRAINING_DATE)
    hub.sign_agreement("district", role="district",
                       purpose="Help partners see whether their participants attend school regularly",
                       shares=list(extract.columns), expires="2026-06-30", signed_on="2025-08-01")
    hub.sign_agreement(PARTNER, role="partner",
                       purpose="Is chronic absence lower among Bright Futures participants, by school level?",
                       shares=ROSTER_FIELDS, may_see=MAY_SEE, expires="2026-06-30", signed_on="2025-08-15")
    hub.ingest("district", extract, DISTRICT_MAPPING)
    return hub


@dataclass(frozen=True)
class Practice:
    """The practice roster (prepared, with look-alikes), its truth, the district and the linkage."""

    roster: pd.DataFrame
    truth: pd.DataFrame
    district: pd.DataFrame
    result: object

    def sweep(self) -> pd.DataFrame:
        from helpers import linkage

        return linkage.threshold_sweep(self.result, self.truth)


@lru_cache(maxsize=1)
def practice() -> Practice:
    """Bright Futures' roster with look-alike children added, linked to the district (once per session)."""
    from helpers import data, linkage

    district = linkage.prepare(district_extract(), DISTRICT_MAPPING, name="district")
    roster = linkage.prepare(data.load(SOURCE)[ROSTER_FIELDS], ROSTER_MAPPING, name=PARTNER)
    truth = linkage.truth_for(data.load("linkage_truth"), SOURCE)
    hard, hard_truth = linkage.add_lookalikes(roster, district, truth, n=LOOKALIKES, seed=LOOKALIKE_SEED)
    return Practice(hard, hard_truth, district, linkage.link_probabilistic(hard, district))


# -- clerical review ------------------------------------------------------------------------------
_REVIEW_COLUMNS = ["first_name_left", "first_name_right", "last_name_left", "last_name_right", "dob_left",
                   "dob_right", "school_left", "school_right"]


def review_pairs() -> pd.DataFrame:
    """Six pairs for clerical review from the practice linkage, one of each kind (the
    highest-scored of its kind): three true matches (a one-letter typo, a nickname, first and last
    name typed in each other's boxes) and three look-alikes (another last name on the same first
    name and birthday; a namesake born another year whose school the roster leaves blank; a
    namesake at the same school born another year, competing with the swapped-names pair for the
    same student when the data has one). True matches with a blank birth date are preferred:
    they are the hard ones. Labelled A-F in the order of the district ID, so the letters
    say nothing about the answer; :data:`REVIEW_KINDS` names each pair's kind."""
    p = practice()
    s = p.result.scored
    true_of = dict(zip(p.truth["left_id"], p.truth["right_id"]))
    same = pd.Series([true_of.get(a) == b for a, b in zip(s["left_id"], s["right_id"])], index=s.index)
    look = s[s["left_id"].str.startswith("LA-")]
    first, last = s["first_name_level"], s["last_name_level"]
    blank = s["dob_level"] == "missing"  # a true match with a blank birth date is the hard kind

    def hardest(rows: pd.DataFrame) -> pd.DataFrame:
        return (rows[blank.reindex(rows.index)] if blank.reindex(rows.index).any() else rows).head(1)

    dated = look[look["dob_level"] != "missing"]
    swapped = hardest(s[same & (first == "swapped with last name")])
    namesakes = dated[(dated["first_name_level"] == "identical") & (dated["last_name_level"] == "identical")
                      & (dated["school_level"] == "identical")]
    rival = namesakes[namesakes["right_id"].isin(swapped["right_id"])]
    picks = {
        "typo": hardest(s[same & (first == "one typo") & (last == "identical")]),
        "nickname": hardest(s[same & (first == "same after nicknames") & (last == "identical")]),
        "swapped names": swapped,
        "namesake, no school": dated[(dated["first_name_level"] == "identical")
                                     & (dated["last_name_level"] == "identical")
                                     & (dated["school_level"] == "missing")].head(1),
        "same birthday, other last name": dated[(dated["last_name_level"] == "different")
                                                & (dated["dob_level"] == "identical")].head(1),
        "namesake": (rival if len(rival) else namesakes).head(1),
    }
    pairs = pd.concat([df.assign(kind=kind) for kind, df in picks.items()]).drop_duplicates(["left_id", "right_id"])
    pairs = pairs.sort_values(["right_id", "left_id"], kind="stable").reset_index(drop=True)
    pairs.insert(0, "pair", list(LETTERS[: len(pairs)]))
    return pairs[["pair", "left_id", "right_id", "match_probability", *_REVIEW_COLUMNS, "kind"]]


TRUE_KINDS = ("typo", "nickname", "swapped names")


def borderline_pairs(result=None) -> pd.DataFrame:
    """Pairs scored inside :data:`BORDERLINE`, labelled A, B, C ... (highest probability first); in a
    bigger community, the ones nearest the middle of the band."""
    from helpers import linkage

    result = practice().result if result is None else result
    low, high = BORDERLINE
    s = result.scored
    pairs = s[(s["match_probability"] >= low) & (s["match_probability"] <= high)].reset_index(drop=True)
    if len(pairs) > len(LETTERS):
        pairs = linkage.pairs_near(pairs, (low + high) / 2, n=len(LETTERS))
    pairs.insert(0, "pair", list(LETTERS[: len(pairs)]))
    return pairs


def same_child_letters() -> list[str]:
    """Which review pairs really are the same child (from the ground truth)."""
    p = practice()
    true_of = dict(zip(p.truth["left_id"], p.truth["right_id"]))
    pairs = review_pairs()
    return [k for k, a, b in zip(pairs["pair"], pairs["left_id"], pairs["right_id"]) if true_of.get(a) == b]


def _other_letters() -> list[str]:
    return [k for k in review_pairs()["pair"] if k not in same_child_letters()]


def strict_recall() -> float:
    from helpers import linkage

    p = practice()
    return linkage.evaluate_links(p.result.links(STRICT), p.truth).recall


def _strict_mistakes() -> dict[float, str]:
    from helpers import linkage

    p = practice()
    strict = linkage.evaluate_links(p.result.links(STRICT), p.truth)
    out = {float(strict.precision): "That is the precision (the share of links that are right). Recall is the share "
                                    "of true matches that were found."}
    out.setdefault(float(linkage.evaluate_links(p.result.links(CHOSEN_THRESHOLD), p.truth).recall),
                   f"That is the recall at the chosen threshold of {CHOSEN_THRESHOLD}. Use {STRICT}.")
    return out


# -- 1. what the one-stop shop does ----------------------------------------------------------------
SERVICES = {
    "linkage": "work out which records in different systems are the same child",
    "safe report": "count linked children and return only aggregates that are safe to share",
    "request help": "help shape a question, find the agreement and legal pathway, and route it to the data owner",
    "not the hub": "something the hub should not do, or should leave to someone else",
}
hub_services = LabelWithReasons(
    "hub_services",
    items=["family_center_count", "absence_by_level", "new_coordinator", "names_for_calls", "front_door",
           "board_trend"],
    labels=SERVICES,
    answer={"family_center_count": "linkage", "absence_by_level": "safe report", "new_coordinator": "request help",
            "names_for_calls": "not the hub", "front_door": "request help", "board_trend": "safe report"},
    why={
        "family_center_count": "The center's list spells names its own way; knowing who is a district student at all "
                               "is the matching job, before any count.",
        "absence_by_level": "A count of linked participants by group, with small groups hidden, is what the hub "
                            "sends back.",
        "new_coordinator": "The coordinator has no question or agreement yet; the hub's first job is to help shape "
                           "one and send it to whoever owns the data.",
        "names_for_calls": "Named children for outreach is a new purpose with its own legal basis, decided by the "
                           "district as data owner: not something the hub hands out.",
        "front_door": "One way in, with the question and the agreement written down, is help with requests.",
        "board_trend": "A rate across partners' participants is counts of linked children: a safe aggregate.",
    },
    retry_hint="Ask of each one: does it need matching, counting, advice, or should the hub say no?",
    hints=[
        "A one-stop shop does four kinds of thing for partners: links records, returns safe counts, helps with "
        "requests, and says no to what no agreement covers.",
        "Look at what each person actually wants back: a list matched to the district, a table of counts, help "
        "asking, or named children.",
    ],
    solution_text='`{"family_center_count": "linkage", "absence_by_level": "safe report", "new_coordinator": '
                  '"request help", "names_for_calls": "not the hub", "front_door": "request help", '
                  '"board_trend": "safe report"}`',
    correct_note="That is the one-stop shop: partners come to one place that matches, counts, advises, and "
                 "refuses what no agreement covers.",
)

# -- 2. choosing Riverbend's hub ------------------------------------------------------------------
LENSES = {
    "governance": "who decides, and whether every party has a say",
    "legal": "agreements and legal pathways for the data it would hold",
    "technology": "secure systems for storing and linking records",
    "capacity": "staff and steady funding to do the work",
    "impact": "whether its work answers partners' questions in time to act",
}
weakest_lens = LabelWithReasons(
    "weakest_lens",
    items=["university", "backbone", "district_office", "county_ids"],
    labels=LENSES,
    answer={"university": "impact", "backbone": ("technology", "capacity"), "district_office": "governance",
            "county_ids": ("legal", "governance")},
    why={
        "university": "Its people, systems and agreements are strong; the question is whether a study twice a year, "
                      "written for journals, helps a program manager act this term.",
        "backbone": "Partners trust it and it already convenes them; a shared spreadsheet drive and one data "
                    "manager funded year to year cannot hold and link student records safely.",
        "district_office": "It has the records and the systems; partners would hand their rosters to the district "
                           "with no seat where the rules are made (turf).",
        "county_ids": "Its linkage is the most mature; its agreements do not cover education records, and "
                      "schools and partners have no seat on its board.",
    },
    retry_hint="Which row of the table would worry someone in the room most?",
    hints=[
        "For each candidate, find the lens where a district, a partner or a family would hesitate: who decides, "
        "what the agreements cover, the systems, the staff, or how useful the answers are.",
        "Read each candidate's row for the word that sounds like a gap: 'no seat', 'not covered', 'spreadsheets', "
        "'twice a year'.",
    ],
    solution_text='`{"university": "impact", "backbone": "technology" (or "capacity"), "district_office": '
                  '"governance", "county_ids": "legal" (or "governance")}`',
    correct_note="Every candidate has a strength and a gap. AISP's lenses turn 'we trust them' into questions you "
                 "can check.",
)

hub_choice = ChoiceQuestion(
    "hub_choice",
    options={
        "a": "The county's integrated data system: its linkage technology is the most mature, so children's "
             "records would be in the most capable hands.",
        "b": "The district's research office, because the records are already there and nothing has to leave "
             "the district.",
        "c": "Whichever candidate can start soonest.",
        "d": "The backbone as the steward every party trusts, with the district on its data committee, and the "
             "university hosting the secure system under the backbone's agreements.",
        "e": "The university on its own: research is neutral, so every party will trust it with everything.",
    },
    answer="d",
    feedback={
        "a": "Technology is one lens of five. Its agreements do not cover education records, and the district and "
             "partners have no seat on its board: who would trust it first?",
        "b": "The partners' rosters would have to go to the district, where they have no say over their use. Is "
             "that a place every party would trust?",
        "c": "Speed is not trust. A hub one party distrusts stays empty, however early it opens.",
        "e": "Neutral helps, but the table shows studies twice a year for journals. Would a program manager get "
             "answers in time to act?",
    },
    hints=[
        "The Playbook asks for a hub every party would trust. No single candidate is strong on all five lenses: "
        "can two of them cover each other's gaps?",
        "Who do partners already trust, and who has the secure systems it lacks?",
    ],
    solution_text='"d": the trusted convener as steward, with the district in its governance and the '
                  "university's systems as its technical host.",
    correct_note="A hub can be two organizations: one trusted to decide and convene, one trusted to hold and link "
                 "the data. The Playbook's principle says hub(s) for a reason.",
)

# -- 3. linkage: the threshold and clerical review ------------------------------------------------
threshold_choice = ChoiceQuestion(
    "threshold_choice",
    options={
        "a": "0.1: the lower the threshold, the more children are counted, and more is better.",
        "b": "The lowest threshold at which the sweep shows no false match, written down with the reason, "
             "with the pairs just below it checked by a person.",
        "c": "The library's default of 0.9: the people who wrote the software tested it on many rosters, so it "
             "needs no thought from us.",
        "d": "0.999: a false match is the only mistake that matters, so be as strict as possible, whatever is "
             "missed.",
    },
    answer="b",
    feedback={
        "a": "Look at the false matches at 0.1: look-alike children linked to district students, so one child's "
             "absences are counted as another's.",
        "c": "Look at the sweep's row for 0.9 on this roster: it still links look-alikes. A default is a start, "
             "not a decision.",
        "d": "Look at the missed column at 0.999: real district students left out of every count. That is a "
             "mistake too.",
    },
    hints=[
        "Two mistakes: linking a child who is not the same (false match), and missing a child who is (missed). "
        "Which threshold keeps both small?",
        "In the sweep table, find where false_matches reaches 0 and see how missed changes above it.",
    ],
    solution_text='"b": the lowest threshold with no false match on the practice roster, written down, with '
                  "borderline pairs reviewed.",
    correct_note="The threshold is a decision about which mistake costs more. Write it down and the reason, and "
                 "review the pairs near it.",
)

same_child = PickItemsQuestion(
    "same_child",
    options=lambda: tuple(review_pairs()["pair"]),
    answer=same_child_letters,
    why_not=lambda: {k: "Read the fields again: is this a typing slip, or a different child with something in "
                        "common (a birthday, a last name, a school)?" for k in _other_letters()},
    hints=[
        "For each pair ask: is every difference the kind a person makes when typing (a doubled letter, a "
        "nickname, names in the wrong boxes), or a real difference (another last name, another birthday)?",
        "Siblings share a last name and often a school, but not a birthday; two children can share a first name "
        "and a birthday and have different last names.",
    ],
    solution_text="The typo, nickname and swapped-name pairs are the same child; the look-alikes with another last "
                  "name, or another birthday, are not.",
    correct_note="Clerical review is this: a person judging the pairs the model cannot settle. A high probability "
                 "is not a proof.",
)

# -- 4. safe counts --------------------------------------------------------------------------------
coarser_question = ChoiceQuestion(
    "coarser_question",
    options={
        "a": "Ask a coarser question: group by school level (or all schools together) so the counts are large "
             "enough to show.",
        "b": "Ask the hub for the participants' names with their absence flag instead.",
        "c": "Ask the hub to lower the minimum cell size to 1 for this one report.",
        "d": "Work out the hidden cells from the totals that are shown.",
    },
    answer="a",
    feedback={
        "b": "Row-level district data about named children is exactly what the hub never returns to a partner.",
        "c": "The minimum cell size protects the children in small groups; the agreement sets it, not each request.",
        "d": "Complementary suppression is there so that hidden cells cannot be worked out. Trying to is what an "
             "attacker does.",
    },
    hints=["Small groups are hidden. What makes a group bigger?"],
    solution_text='"a": bigger groups (school level, or every school together) give counts that can be shown.',
    correct_note="Coarser groups are the usual answer: the question changes a little, the children stay protected.",
)

# -- 5. the differencing attack and the log --------------------------------------------------------
why_refused = ChoiceQuestion(
    "why_refused",
    options={
        "a": "The roster now has a field its agreement does not cover.",
        "b": "Bright Futures may ask for only one report per agreement, and it had already used it earlier in the "
             "session.",
        "c": "The two reports would differ only by the one child left out, so comparing them would give that "
             "child's school level and attendance band.",
        "d": "The agreement with Bright Futures expired between the two requests, and the hub's clock noticed.",
    },
    answer="c",
    feedback={
        "a": "The roster had the same six agreed columns as before, minus one row. Read the refusal again.",
        "b": "Bright Futures asked for several reports before this one. What changed between the two rosters?",
        "d": "The hub's clock is fixed for this session and the agreement runs to June 2026. What changed between "
             "the two rosters?",
    },
    hints=[
        "Subtract the second table from the first. What is left?",
        "The refusal mentions how many students the two populations differ by.",
    ],
    solution_text='"c": a report that differs from an earlier one by one child would reveal that child.',
    correct_note="That is a differencing attack. The hub refuses a report on a population within the minimum cell "
                 "size of one it has already reported on, and logs the attempt.",
)

failed_or_refused = ChoiceQuestion(
    "failed_or_refused",
    options={
        "a": "A refusal is a request the agreements do not allow; a failure is a mistake, such as a field name "
             "that does not exist, that the partner fixes and sends again.",
        "b": "The hub refuses at most one request a day from each partner and marks the rest as failed.",
        "c": "schol_id is a protected field, kept even from the steward, so the hub hides that it exists.",
        "d": "They mean the same thing; the log uses both words for variety, and either one would start a review "
             "of the partner's agreement.",
    },
    answer="a",
    feedback={
        "b": "Both requests came on the same day. Read the detail column: what does each row say went wrong?",
        "c": "The message named the field it guessed was meant. Was schol_id refused by the agreement, or simply "
             "not found?",
        "d": "A refusal means the agreement said no, and someone may need to amend it; a typo needs no amendment. "
             "Mixing them would hide what really happened.",
    },
    hints=[
        "One request asked for a real field outside the agreement; the other misspelled a field.",
        "Which of the two would need someone to amend an agreement, and which needs the partner to retype?",
    ],
    solution_text='"a": refused means the agreements say no; failed means the request could not be made as typed.',
    correct_note="An honest log tells the two apart: refusals are what the agreements stopped, failures are "
                 "mistakes to fix. Anyone reading it can see both.",
)

# -- Going further: the data-staff exercise ----------------------------------------------------------
recall_at_strict = NumberQuestion(
    "recall_at_strict",
    expected=strict_recall,
    shown_as="share2",
    mistakes=_strict_mistakes,
    hints=[
        f"practice.result.links({STRICT}) gives the links at threshold {STRICT}.",
        "Pass those links and practice.truth to linkage.evaluate_links(...) and take .recall.",
    ],
    solution_text=f"`recall_at_strict = linkage.evaluate_links(practice.result.links({STRICT}), practice.truth).recall`",
    correct_note="A stricter threshold keeps precision perfect but misses more children: the threshold is a choice "
                 "about which mistake costs more.",
)

EXAMPLES = {
    "hub_services": {"right": [lambda: dict(hub_services.answer)],
                     "wrong": [lambda: {**hub_services.answer, "names_for_calls": "safe report"},
                               lambda: {**hub_services.answer, "family_center_count": "safe report"},
                               lambda: {k: "request help" for k in hub_services.items}]},
    "weakest_lens": {"right": [{"university": "impact", "backbone": "technology", "district_office": "governance",
                                "county_ids": "legal"},
                               {"university": "impact", "backbone": "capacity", "district_office": "governance",
                                "county_ids": "governance"}],
                     "wrong": [{"university": "technology", "backbone": "technology", "district_office": "governance",
                                "county_ids": "legal"},
                               {"university": "impact", "backbone": "governance", "district_office": "technology",
                                "county_ids": "technology"}]},
    "hub_choice": {"right": ["d", "D"], "wrong": ["a", "b", "c", "e"]},
    "threshold_choice": {"right": ["b", " B "], "wrong": ["a", "c", "d"]},
    "same_child": {"right": [same_child_letters, lambda: [x.lower() for x in same_child_letters()]],
                   "wrong": [lambda: list(review_pairs()["pair"]), lambda: same_child_letters()[:-1],
                             _other_letters, ["Z"]]},
    "coarser_question": {"right": ["a", "A"], "wrong": ["b", "c", "d"]},
    "why_refused": {"right": ["c"], "wrong": ["a", "b", "d"]},
    "failed_or_refused": {"right": ["a"], "wrong": ["b", "c", "d"]},
    "recall_at_strict": {"right": [strict_recall, lambda: round(strict_recall(), 2)],
                         "wrong": [1.0, lambda: strict_recall() * 100, "0.9", 0.5]},
}


# Alt text for the lesson's charts, computed from the data, lives in its own module.
from helpers.checks.lesson05_charts import sweep_alt, weights_alt  # noqa: E402,F401
