"""The capstone's scenario in one place: Riverbend Mentors' attendance question, end to end.

Lesson 08 carries one partner question through the seven principles. Everything the
scenario fixes (the partner, the dates, the field names, the mappings, the two data flows)
and every step of its pipeline (the district's extract, the roster that may be sent, the hub
that links and counts) lives here, so the notebook and :mod:`helpers.checks.lesson08` use
the same settings and the same code. Importing this module does no work: data are loaded
when a function is called.

Example:
    >>> PARTNER, LAST, NOW
    ('Riverbend Mentors', 'chronic_2024_25', 'chronic_2025_26')
    >>> print(worksheet().splitlines()[0])
    # My own question through the seven principles
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any

import pandas as pd

# -- settings the notebook and the checks share ------------------------------------------------
PARTNER = "Riverbend Mentors"
SOURCE = "mentoring_roster"
QUESTION = "Are the students we mentor chronically absent, and is it improving?"
TRAINING_DATE = "2026-03-02"  # the steward opens the hub with this training date (logged)
SIGNED_ON, EXPIRES = "2026-03-01", "2026-06-30"
YEARS = ("2024-25", "2025-26")
LAST, NOW = "chronic_2024_25", "chronic_2025_26"
ROSTER_FIELDS = ["mentee_id", "full_name", "birth_date", "school"]
ROSTER_MAPPING = {"record_id": "mentee_id", "full_name": "full_name", "date_of_birth": "birth_date",
                  "school": "school"}
DISTRICT_FIELDS = ["student_id", "first_name", "last_name", "date_of_birth", "school_name", LAST, NOW]
DISTRICT_MAPPING = {"record_id": "student_id", "first_name": "first_name", "last_name": "last_name",
                    "date_of_birth": "date_of_birth", "school": "school_name"}
#: The SIS elements the question needs: a key and what linkage uses, and what the indicator needs.
MINIMAL_FIELDS = frozenset({"student_id", "student_name", "date_of_birth", "school",
                            "enrollment_dates", "attendance_events"})
#: The systems that already hold what the question needs (lesson 02: connect, don't re-create).
SYSTEMS = ("PowerRiver SIS", "Riverbend Mentors Match Database", "Riverbend Data Hub")

#: The seven principles, each with the question the capstone asks of it (the own-question worksheet).
STEPS = (
    ("1. Pave the way with leaders", "Who must say yes, what do they care about, and what will you ask them to do?"),
    ("2. Know your information ecosystem", "Which systems already hold the data? What would you connect instead "
                                           "of building?"),
    ("3. Only gather what leads to action", "Which indicator answers the question, which fields does it need, "
                                            "and what will someone do differently with the answer?"),
    ("4. Build protection into your DNA", "What did you promise families? What is your minimum cell size? Who "
                                          "checks a release before it goes out?"),
    ("5. Identify your trusted hub", "Where do the records meet, who links them, and what does each partner "
                                     "get back?"),
    ("6. Don't blame it on FERPA", "What is the pathway for each flow, and which deciding fact must you confirm "
                                   "first?"),
    ("7. Invest in the people", "Who owns, stewards and looks after the data, and who takes over if they leave?"),
)


# -- the district's extract: the same children in both years ----------------------------------
def _load(name: str) -> pd.DataFrame:
    from helpers.data import load

    return load(name)


def year_status(per_student: pd.DataFrame, student_ids: pd.Series, year: str) -> pd.Series:
    """'yes' / 'no' (chronically absent that year) or 'not enrolled', for each of ``student_ids``.

    >>> per = pd.DataFrame({"student_id": ["A", "B"], "school_year": ["2024-25"] * 2,
    ...                     "chronically_absent": [True, False]})
    >>> year_status(per, pd.Series(["A", "B", "C"]), "2024-25").tolist()
    ['yes', 'no', 'not enrolled']
    """
    rows = per_student[per_student["school_year"].astype(str) == year]
    flag = rows.set_index("student_id")["chronically_absent"].map({True: "yes", False: "no"})
    return student_ids.map(flag).fillna("not enrolled").astype(object)


@lru_cache(maxsize=1)
def _extract() -> pd.DataFrame:
    from helpers.indicators import chronic_absence

    students, schools = _load("students"), _load("schools")
    per_student = chronic_absence(_load("attendance"), _load("enrollment"))
    extract = students[["student_id", "first_name", "last_name", "date_of_birth", "school_id"]].merge(
        schools[["school_id", "school_name"]], on="school_id")
    extract[LAST] = year_status(per_student, extract["student_id"], YEARS[0])
    extract[NOW] = year_status(per_student, extract["student_id"], YEARS[1])
    both = (extract[LAST] != "not enrolled") & (extract[NOW] != "not enrolled")
    return extract.loc[both, DISTRICT_FIELDS].reset_index(drop=True)


def district_extract() -> pd.DataFrame:
    """What the district sends the hub: students enrolled in **both** years (so the trend
    compares the same children), who they are (for linkage), and two yes/no flags the
    district computed itself (chronically absent last year, this year). A fresh copy."""
    return _extract().copy()


def roster(consent_only: bool = True) -> pd.DataFrame:
    """Riverbend Mentors' roster as it may be sent: the four fields linkage needs, and only
    mentees whose families' consent is on file (``consent_only=False``: every mentee)."""
    table = _load(SOURCE)
    if consent_only:
        table = table[table["consent_on_file"].fillna(False).astype(bool)]
    return table[ROSTER_FIELDS].reset_index(drop=True)


def consent_counts() -> dict[str, int]:
    """How many mentees there are, and how many have consent on file."""
    table = _load(SOURCE)
    return {"mentees": len(table), "with consent": int(table["consent_on_file"].fillna(False).astype(bool).sum())}


def agreed_min_cell() -> int:
    """The smallest count Riverbend's agreements allow in a release ("cells under N suppressed")."""
    from helpers.ferpa import load_agreement
    from helpers.paths import datasets_dir

    found: Counter = Counter()
    for path in sorted((datasets_dir() / "organization" / "agreements").glob("*.yaml")):
        text = str(load_agreement(path).get("identification_limits") or "")
        found.update(int(n) for n in re.findall(r"cells under (\d+) suppressed", text))
    if not found:  # pragma: no cover - the Riverbend agreements all state one
        raise ValueError("No agreement states a minimum cell size.")
    return found.most_common(1)[0][0]


def promise() -> str:
    """What Riverbend's agreements promise about published results (their identification limits)."""
    from helpers.ferpa import load_agreement
    from helpers.paths import datasets_dir

    return str(load_agreement(datasets_dir() / "organization" / "agreements" / "DSA-04-consent.yaml")
               ["identification_limits"])


# -- the two flows, as the pathway finder's answers ---------------------------------------------
def flows() -> dict[str, dict]:
    """The answers for each flow, from :func:`helpers.ferpa.example_answers` (tested there)."""
    from helpers.ferpa import example_answers

    return {"district -> hub": dict(example_answers("district_to_hub")),
            f"hub -> {PARTNER}": dict(example_answers("hub_to_mentors"))}


# -- the hub -------------------------------------------------------------------------------------
def open_hub(min_cell: int, *, consent_only: bool = True, folder: Any = None):
    """The steward opens the hub on the training date, records both agreements, ingests the
    district's extract and the roster, and links them (as steward). Returns the hub; the
    partner then asks for :meth:`~helpers.hub.Hub.link_summary` and reports. The hub's
    ``min_cell`` is remembered for :func:`hidden_small_counts`: the brief must not show what
    *this* hub hid."""
    hub = _open(min_cell, consent_only, folder)[0]
    _OPENED["min_cell"] = hub.min_cell
    return hub


#: The minimum cell size of the hub the notebook opened last (None before any).
_OPENED: dict[str, int | None] = {"min_cell": None}


def _open(min_cell: int, consent_only: bool = True, folder: Any = None):
    from helpers.hub import Hub
    from helpers.privacy import generate_key

    hub = Hub(folder, key=generate_key(), min_cell=int(min_cell), training_date=TRAINING_DATE)
    hub.sign_agreement("district", role="district", purpose=f"Answer {PARTNER}' attendance question with "
                       "suppressed counts", shares=DISTRICT_FIELDS, may_see=[], expires=EXPIRES, signed_on=SIGNED_ON)
    hub.sign_agreement(PARTNER, purpose=QUESTION, shares=ROSTER_FIELDS, may_see=[LAST, NOW], expires=EXPIRES,
                       signed_on=SIGNED_ON)
    hub.ingest("district", district_extract(), DISTRICT_MAPPING)
    hub.ingest(PARTNER, roster(consent_only), ROSTER_MAPPING)
    result = hub.link(PARTNER, requested_by=hub.steward)
    return hub, result


@lru_cache(maxsize=4)
def _releases(min_cell: int) -> tuple[pd.DataFrame, pd.DataFrame, frozenset]:
    hub, result = _open(min_cell)
    try:
        links = result.links()
        summary = hub.link_summary(PARTNER)
        report = hub.report(PARTNER, by=LAST, measure=NOW)
    finally:
        hub.close()
    # What the steward knows and the partner was not shown: the true values of hidden cells.
    extract = district_extract().set_index("student_id")
    linked = extract.loc[extract.index.intersection(links["right_id"].unique())]
    true_report = pd.crosstab(linked[LAST], linked[NOW], margins=True, margins_name="Total")
    # A category no linked mentee has ("no" both years in a small community) is absent from
    # the crosstab but present in the hub's report (which lists every district category): 0.
    true_report = true_report.reindex(index=report.index, columns=report.columns, fill_value=0)
    sent = len(roster())
    true_summary = {"linked to a district student": len(linked), "not linked": sent - len(linked), "Total": sent}
    hidden = set()
    for (row, col), value in report.stack(future_stack=True).items():
        if pd.isna(value):
            hidden.add(int(true_report.loc[row, col]))
    for row, value in summary["records"].items():
        # The roster's total is not a secret: the partner sent it (the notebook prints it).
        if pd.isna(value) and row in true_summary and row != "Total":
            hidden.add(int(true_summary[row]))
    return report, summary, frozenset(hidden)


def published_report(min_cell: int | None = None) -> pd.DataFrame:
    """The table the hub returns to Riverbend Mentors (a fresh copy)."""
    return _releases(min_cell or agreed_min_cell())[0].copy()


def hidden_small_counts(min_cell: int | None = None) -> set[int]:
    """The true values below the minimum cell size that the hub hid from the partner, in the
    report or the link summary: numbers that must never appear in the brief. ``min_cell``:
    by default the rule of the hub opened last with :func:`open_hub`, else the agreements'."""
    limit = min_cell or _OPENED["min_cell"] or agreed_min_cell()
    return {n for n in _releases(limit)[2] if 0 < n < limit}


def trend(published: pd.DataFrame) -> dict[str, int | None]:
    """The brief's numbers, read from the published table (None where the hub hid a value).

    ``children``: linked mentees enrolled both years; ``last`` and ``now``: how many of those
    same children were chronically absent last year and this year.
    """
    def cell(row: str, col: str) -> int | None:
        try:
            value = published.loc[row, col]
        except KeyError:
            return None
        return None if pd.isna(value) else int(value)

    return {"children": cell("Total", "Total"), "last": cell("yes", "Total"), "now": cell("Total", "yes"),
            "still": cell("yes", "yes"), "recovered": cell("yes", "no"), "newly": cell("no", "yes")}


YEAR_LABELS = ("2024-25 (last year)", "2025-26 (this year)")


def chart_numbers(published: pd.DataFrame, min_cell: int) -> tuple[dict[str, int | None], str]:
    """The brief's numbers for its chart, and a note for the learner ('' when none is needed).

    When ``min_cell`` is stricter than the agreements' rule and hides the totals, the numbers
    come from the agreements' rule. When even that rule hides them (a small community: too
    few mentees), the numbers stay hidden (None) and the note says why: the chart then shows
    "hidden" instead of a bar. A hidden count is never filled in.
    """
    numbers = trend(published)
    if numbers["last"] is not None and numbers["now"] is not None:
        return numbers, ""
    agreed = agreed_min_cell()
    if int(min_cell) > agreed:
        fallback = trend(published_report(agreed))
        if fallback["last"] is not None and fallback["now"] is not None:
            return fallback, "Your min_cell hides the totals, so this chart uses the agreements' rule."
    limit = min(int(min_cell), agreed)
    return numbers, (f"Too few mentees for these counts: the hub hid every count under {limit} and the counts "
                     "that would reveal them, so the chart says 'hidden' where a bar would be. That is the privacy "
                     "rule working, not an error; the brief can say so in words.")


def trend_chart(numbers: dict[str, int | None], *, short: bool = False) -> tuple[Any, str]:
    """The brief's bar chart (last year, this year) and its alt text, from :func:`chart_numbers`.

    A value the hub hid (None) is drawn as no bar, labelled "hidden", and the alt text says
    so. ``short``: the shorter title used on the one-page brief.

    >>> fig, alt = trend_chart({"children": 40, "last": 20, "now": None})
    >>> alt
    "Bar chart: of the same 40 mentees, 20 were chronically absent last year and this year's count is hidden (too small to publish); the chart cannot show whether attendance is improving."
    """
    from helpers.charts import PALETTE, figure, label

    last, now, children = numbers["last"], numbers["now"], numbers["children"]
    fig, ax = figure(figsize=(6.5, 4))
    bars = ax.bar(list(YEAR_LABELS), [last or 0, now or 0], color=[PALETTE[4], PALETTE[0]])
    group = f"the same {children} mentees" if children is not None else "the same mentees"
    label(ax, title=f"Chronically absent, {group}" + ("" if short else " in both years"), x="School year",
          y="Mentees chronically absent")
    if last is not None and now is not None:
        ax.bar_label(bars)
        direction = "not improving yet" if now >= last else "improving"
        return fig, (f"Bar chart: of {group}, {last} were chronically absent last year and {now} are this year; "
                     f"attendance is {direction}.")
    ax.bar_label(bars, labels=[str(v) if v is not None else "hidden" for v in (last, now)])
    ax.set_ylim(0, max([1] + [v for v in (last, now) if v is not None]) * 1.2)
    said = [f"{last} were chronically absent last year" if last is not None else "last year's count is hidden",
            f"{now} are this year" if now is not None else "this year's count is hidden"]
    if last is None and now is None:
        said = ["both years' counts are hidden"]
    return fig, (f"Bar chart: of {group}, {' and '.join(said)} (too small to publish); the chart cannot show "
                 "whether attendance is improving.")


# -- the district-to-hub agreement (Going further) ------------------------------------------------
def draft_hub_agreement() -> dict:
    """The district data office's hurried first draft of the district-to-hub agreement (a new copy each call)."""
    from helpers.ecosystem import split_elements

    sis = _load("data_systems").set_index("system_id").loc["SYS01", "data_elements"]
    return {
        "id": "DSA-09-hub-mentee-attendance",
        "title": "Mentee attendance at the Riverbend Data Collaborative (draft)",
        "status": "draft",
        "training_note": "Fictional training material, not legal advice",
        "discloser": "Riverbend Unified School District",
        "recipient": "Riverbend Data Collaborative",
        "pathway": "consent",  # the data office's first guess
        "purpose": "Link Riverbend Mentors' roster to district records and report, as suppressed counts, how many "
                   "of the same mentees were chronically absent in 2024-25 and in 2025-26.",
        "scope": "TBD",
        "duration": {"start": SIGNED_ON, "end": EXPIRES},
        "data_elements": split_elements(sis),  # "send the whole export": a first instinct
        "use_limits": "Data may be used only for the purpose stated in this agreement.",
        "redisclosure": "TBD",
        "direct_control": "TBD",
        "annual_notice_criteria": "TBD",
        "legitimate_interest": "TBD",
        "destruction": {"method": "Secure deletion (NIST SP 800-88 'Purge') with a signed certificate to the district",
                        "deadline": f"Within 30 days after {EXPIRES}"},
        "security": "Encrypted hub database; identities kept apart from attributes; keyed pseudonyms with the key "
                    "held apart by the hub's custodian; partners receive only counts with cells under 10 suppressed.",
        "breach_notification": "The hub tells the district's privacy officer of any breach within 72 hours.",
        "signatures": [
            {"name": "TBD", "title": "Superintendent, Riverbend Unified School District", "date": "TBD"},
            {"name": "TBD", "title": "Hub Director, Riverbend Data Collaborative", "date": "TBD"},
        ],
    }


def model_hub_agreement() -> dict:
    """The draft completed as the solution completes it: the school-official pathway, the
    minimal fields, and a real sentence for each condition (recommended in writing)."""
    agreement = draft_hub_agreement()
    agreement.update({
        "pathway": "school_official",
        "data_elements": sorted(MINIMAL_FIELDS),
        "scope": ("Linking Riverbend Mentors' roster to district records and counting chronic absence: work the "
                  "district would otherwise have its own staff do, for students enrolled in both 2024-25 and 2025-26."),
        "direct_control": ("The district decides which records the hub receives and how it uses them, approves every "
                           "report before release, and can end access at any time: the hub works under its direct "
                           "control."),
        "redisclosure": ("The hub will not redisclose personally identifiable information from education records "
                         "(34 CFR 99.33(a)); partners receive only suppressed counts."),
        "annual_notice_criteria": ("The district's annual FERPA notification defines school officials to include "
                                   "contractors performing district services under its direct control."),
        "legitimate_interest": ("The hub needs names, dates of birth and schools to find mentees, and attendance to "
                                "compute chronic absence."),
    })
    return agreement


# -- the own-question track -------------------------------------------------------------------------
def worksheet(answers: dict[str, str] | None = None) -> str:
    """A one-page worksheet (Markdown) that carries your own question through the seven
    principles; ``answers`` maps a principle's number ("1" to "7", or "question") to what you
    wrote, and blanks are left as lines to fill in on paper.

    >>> print(worksheet({"question": "Do our tutees read at grade level?"}).splitlines()[2])
    **My question:** Do our tutees read at grade level?
    """
    answers = {str(k): str(v) for k, v in (answers or {}).items()}
    blank = "\n\n" + "_" * 60 + "\n\n" + "_" * 60
    lines = ["# My own question through the seven principles", "",
             f"**My question:** {answers.get('question') or '_' * 45}", ""]
    for step, prompt in STEPS:
        number = step.split(".")[0]
        written = answers.get(number)
        lines += [f"## {step}", "", f"*{prompt}*", "", written if written else blank.strip("\n"), ""]
    lines += ["**Before any data moves:** consent decided? pathway confirmed? minimum cell size written down?", ""]
    return "\n".join(lines)
