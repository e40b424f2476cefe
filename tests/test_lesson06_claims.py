"""The claims lesson 06 makes, checked against the FERPA helpers, the data and the lesson's text.

Lesson 06 is read line by line by district privacy officers (issue 14). Each test names the
statement in the lesson it protects: the finder's answers the lesson quotes ("fits" or only
"possible", and why), the agreement drafts it discusses, the record of disclosures it shows a
parent, and statements that must never come back (a written agreement *required* for a school
official; "no PII left, small cells suppressed" as the test for de-identification).
Training material, not legal advice.
"""

import json
import re

import pytest
import yaml

from helpers import authoring
from helpers.checks import lesson06 as q
from helpers.ferpa import DisclosureLog, check_agreement, consent_coverage, example_answers, find_pathways
from helpers.ferpa.pathways import RULES_FILE, questions
from helpers.paths import datasets_dir
from helpers.widgets.ferpa import pathway_finder

LESSON = authoring.ROOT / "lessons" / "06_ferpa.ipynb"
SOLUTION = authoring.ROOT / "solutions" / "06_ferpa.ipynb"
SOURCES = authoring.ROOT / "src" / "helpers" / "ferpa" / "sources.yaml"


def _text(path, kinds=("markdown",)):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                     for c in nb["cells"] if c["cell_type"] in kinds)


@pytest.fixture(scope="module")
def lesson_text():
    return _text(LESSON)


# ------------------------------------------------------------------ section 3: sorting
def test_the_lesson_quotes_the_finder_fits_and_possible_honestly():
    """'two of them (R02, R07) are only possible'; the others fit; R11 none."""
    status = {rid: {p.key: p.status for p in find_pathways(example_answers(rid))} for rid in q.REQUESTS_TO_CLASSIFY}
    assert status["R02"] == {"school_official": "possible"}
    assert status["R07"] == {"de_identified": "possible"}
    assert status["R11"] == {"none": "none"}
    for rid, key in [("R01", "consent"), ("R03", "studies"), ("R04", "audit_evaluation"),
                     ("R05", "directory_information"), ("R06", "health_safety_emergency")]:
        assert status[rid][key] == "fits", rid
    assert q.classify_requests.evaluate(q.model_classification()).correct


def test_r02_is_possible_only_for_want_of_the_99_33_condition():
    """fits_or_possible's answer: the open question is the 99.33(a) binding, and confirming it makes it fit."""
    r02 = example_answers("R02")
    (pathway,) = find_pathways(r02)
    assert pathway.open_questions == (questions()["bound_by_99_33"]["prompt"],)
    assert find_pathways({**r02, "bound_by_99_33": "yes"}).keys("fits") == ["school_official"]
    assert find_pathways({**r02, "bound_by_99_33": "yes", "direct_control": "no"}).keys("fits") == []
    assert q.fits_or_possible.evaluate("b").correct


def test_r07_is_possible_for_want_of_the_other_releases_question():
    (pathway,) = find_pathways(example_answers("R07"))
    assert pathway.open_questions == (questions()["other_releases"]["prompt"],)


def test_r12_consent_is_possible_because_the_signature_is_not_known():
    """Section 5: 'the finder calls R12's consent only possible: its notes do not say how the form was signed'."""
    (pathway,) = find_pathways(example_answers("R12"))
    assert pathway.key == "consent" and pathway.status == "possible"
    assert pathway.open_questions == (questions()["signature"]["prompt"],)


def test_parent_pathway_is_for_parents_of_students_who_are_not_eligible():
    parent = {"discloser": "district", "education_record": "yes", "requester": "parent", "data": "pii",
              "written_consent": "no", "purpose": "other"}
    assert find_pathways({**parent, "eligible_student": "no"}).keys("fits") == ["parent_or_eligible_student"]
    assert find_pathways({**parent, "eligible_student": "yes", "tax_dependent": "no"}).keys() == ["none"]
    assert find_pathways({**parent, "eligible_student": "yes", "tax_dependent": "yes"}).keys("fits") == [
        "parent_of_dependent_student"]
    assert find_pathways({"education_record": "no"}).keys("fits") == ["not_education_record"]


def test_the_widget_on_the_core_path_shows_no_as_no():
    """Issue 19.11: the finder's 'No' choice must not render as False."""
    finder = pathway_finder(example_answers("R02"))
    labels = finder.labels()
    assert "True" not in labels and "False" not in labels
    bound = dict((value, label) for label, value in finder.dropdowns["bound_by_99_33"].options)
    assert bound["no"] == "No"
    assert finder.result().keys("possible") == ["school_official"]
    finder.dropdowns["bound_by_99_33"].value = "yes"
    assert finder.result().keys("fits") == ["school_official"]


# ------------------------------------------------------------------ section 4: agreements
def test_dsa06_misses_the_two_elements_the_learner_fills_in():
    result = check_agreement(q.agreement_path())
    assert sorted(result.missing()) == sorted(q.FIX_FIELDS)
    assert "not require a written agreement" in result.note


@pytest.mark.parametrize("non_answer", ["yes", "We will figure this out later", "TBD", "To be decided."])
def test_the_agreement_check_rejects_non_answers_and_says_presence_only(non_answer):
    fixed = q.model_fix()
    fixed["direct_control"] = non_answer
    result = q.fixed_agreement.evaluate(fixed)
    assert result.status == "incorrect" and "direct_control" in result.message
    assert "not whether it is true" in result.message
    assert "not whether it is true" in q.fixed_agreement.evaluate(q.model_fix()).message


def test_dsa08_fails_on_the_parents_signature_as_the_discussion_says():
    family = check_agreement(datasets_dir() / "organization" / "agreements" / "DSA-08-consent-draft.yaml")
    assert family.missing() == ["consent_signature"]
    assert set(family.missing("recommended")) == {"signatures", "duration", "use_limits"}
    assert family.agreement["scope"].lower().startswith("all children")


# ------------------------------------------------------------------ sections 5 and 6
def test_the_chart_shows_the_family_center_at_71_percent():
    share = consent_coverage(__import__("helpers.data", fromlist=["load"]).load(q.CONSENT_ROSTER)).share
    assert f"{share:.0%}" == "71%"
    assert q.consent_share.evaluate(0.71).correct


def test_needs_record_follows_the_log(tmp_path):
    """needs_record's answer (b, d, e) is what DisclosureLog writes; a, c, f are declined."""
    log = DisclosureLog(tmp_path / "log.csv")
    common = dict(date="2025-10-06", legitimate_interest="x y", students=["RB100336"], recorded_by="Data office",
                  today="2025-12-31")
    written = {
        "a": log.record(recipient="Riverbend Mentors", records_disclosed="marks", pathway="school_official", **common),
        "b": log.record(recipient="Riverbend Data Collaborative", records_disclosed="marks", pathway="studies",
                        **common),
        "c": log.record(recipient="Soccer league", records_disclosed="names", pathway="directory_information",
                        **common),
        "d": log.record(recipient="Family center", records_disclosed="address", pathway="health_safety_emergency",
                        threat="A specific, immediate threat", **common),
        "e": log.record_request(requester="Riverbend Mentors", records_requested="marks", **common),
        "f": log.record(recipient="Bright Futures", records_disclosed="attendance", pathway="consent", **common),
    }
    assert sorted(k for k, r in written.items() if r.written) == sorted(q.needs_record.current_answer())
    answer = log.answer_parent("RB100336")
    assert "Riverbend Data Collaborative received" in answer and "Riverbend Mentors asked for" in answer
    assert "school officials" in answer  # says which kinds are not listed


# ------------------------------------------------------------------ the text itself
def test_the_lesson_says_it_is_not_legal_advice_and_states_the_corrected_rules(lesson_text):
    assert "not legal advice" in lesson_text
    assert "recommended by ED, not required by FERPA" in lesson_text
    assert "reasonable determination" in lesson_text
    assert "actual, impending or imminent" in lesson_text
    for cite in ("99.37(b)", "99.37(d)", "99.37(e)", "99.31(d)", "99.32(c)", "99.32(a)(2)", "99.30(d)",
                 "99.31(a)(12)", "99.31(b)(2)"):
        assert cite in lesson_text, cite


@pytest.mark.parametrize("stale", [
    r"small cells suppressed: no consent needed",
    r"once all PII is removed and small cells are suppressed",
    r"Contract or MOU; \[?annual notice",
    r"An articulable and significant threat\. \|",
    r"parent_or_eligible_student",
])
def test_statements_stronger_than_the_rule_are_gone(stale):
    text = _text(LESSON, ("markdown", "code"))
    assert not re.search(stale, text), f"lesson 06 still says {stale!r}"


def test_every_ed_link_in_the_lesson_is_one_the_rules_cite(lesson_text):
    cited = set(re.findall(r"https://studentprivacy\.ed\.gov/\S+?(?=[)\"\s])", RULES_FILE.read_text()))
    linked = set(re.findall(r"https://studentprivacy\.ed\.gov/[^)\s]+", lesson_text))
    assert linked, "the lesson links ED's guidance"
    assert linked - {"https://studentprivacy.ed.gov"} <= cited


def test_every_section_the_lesson_cites_is_in_sources_yaml(lesson_text):
    """Each 34 CFR section the lesson cites has a recorded place where its text was read."""
    sources = yaml.safe_load(SOURCES.read_text())
    sections = set(re.findall(r"\b(99\.\d+)", lesson_text))
    assert sections and sections <= set(sources), sections - set(sources)


def test_right_letters_vary():
    letters = [q.pii_or_not.answer, q.fits_or_possible.answer, q.without_consent.answer]
    assert len(set(letters)) == len(letters)


@pytest.mark.parametrize("reading", ["directory_policy", "opted_out"])
def test_r05_fits_only_on_the_two_readings_the_lesson_names(reading):
    """Section 3: 'R05 fits on two readings...; if either is unknown, the finder says only possible'."""
    answers = example_answers("R05")
    assert find_pathways(answers).get("directory_information").status == "fits"
    answers.pop(reading)
    assert find_pathways(answers).get("directory_information").status == "possible"
