"""FERPA pathway finder: each rule path, validation, and properties of the engine.

Scenarios paraphrase situations described in the U.S. Department of Education's published
guidance (Privacy Technical Assistance Center / Student Privacy Policy Office). Where the
exact title or year of a document is uncertain it is cited by subject. Training material,
not legal advice.
"""

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.ferpa import AnswerError, find_pathways, pathway_keys, questions, validate_answers
from helpers.ferpa.pathways import UNKNOWN, pathway_rules

BASE = {  # a request that fits nothing: an outside party wants PII for its own purposes
    "requester": "other", "done_for": "requester", "direct_control": "no", "data": "pii",
    "purpose": "other", "written_consent": "no", "opted_out": "no", "threat": "no",
}


def fits(**changes):
    """Keys of the pathways that fit (or ['none'] when nothing does)."""
    result = find_pathways({**BASE, **changes})
    return [p.key for p in result if p.status in ("fits", "none")]


def test_tutoring_for_the_district_is_a_school_official_disclosure():
    """ED guidance on sharing with community-based organizations (PTAC / SPPO, cited by
    subject) describes a community organization providing tutoring *for the district*, under its
    direct control, as a possible school official under 34 CFR 99.31(a)(1)(i)(B)."""
    got = fits(requester="community_organization", done_for="district", direct_control="yes", purpose="services")
    assert got == ["school_official"]


def test_without_direct_control_the_tutoring_partner_is_not_a_school_official():
    """Same guidance: the direct-control condition is what makes the outside party a school official."""
    got = fits(requester="community_organization", done_for="district", direct_control="no", purpose="services")
    assert "school_official" not in got
    assert got == ["none"]


def test_study_for_the_district_to_improve_instruction_uses_the_studies_exception():
    """PTAC guidance on reasonable methods and written agreements (c. 2015, cited by subject):
    a research organization's study for the district to improve instruction, 34 CFR 99.31(a)(6)."""
    got = fits(requester="researcher_or_university", done_for="district", purpose="study_improve_instruction")
    assert got == ["studies"]
    result = find_pathways({**BASE, "requester": "researcher_or_university", "done_for": "district",
                            "purpose": "study_improve_instruction"})
    assert result[0].record_of_disclosure == "required"
    assert "99.31(a)(6)(iii)(C)" in " ".join(result[0].document)


@pytest.mark.parametrize("purpose", ["study_predictive_tests", "study_student_aid"])
def test_the_other_two_study_purposes_also_fit(purpose):
    """34 CFR 99.31(a)(6)(i): predictive tests and student aid programs are the other study purposes."""
    assert fits(requester="researcher_or_university", done_for="district", purpose=purpose) == ["studies"]


def test_state_evaluation_of_a_state_funded_program_is_audit_or_evaluation():
    """Reasonable-methods guidance (PTAC, cited by subject): a state educational authority, or its
    authorized representative, evaluating a state-supported education program, 99.31(a)(3) and 99.35."""
    got = fits(requester="education_authority", done_for="district", purpose="audit_evaluation")
    assert got == ["audit_evaluation"]


def test_a_community_organization_cannot_evaluate_its_own_program_under_audit_evaluation():
    """ED guidance on community-based organizations (cited by subject): the audit/evaluation exception
    belongs to educational authorities; a nonprofit evaluating its own program does not fit it."""
    result = find_pathways({**BASE, "requester": "community_organization", "purpose": "evaluate_own_program"})
    assert result.keys() == ["none"]
    assert result[0].status == "none"
    # ... but with consent on file it can go ahead, and de-identified data is always an option
    assert fits(requester="community_organization", purpose="evaluate_own_program", written_consent="yes") == ["consent"]
    assert fits(requester="community_organization", purpose="evaluate_own_program", data="de_identified") == ["de_identified"]


def test_written_consent_opens_the_consent_pathway_for_anyone():
    """34 CFR 99.30: signed and dated consent naming records, purpose and recipients."""
    got = fits(written_consent="yes")
    assert got == ["consent"]
    pathway = find_pathways({**BASE, "written_consent": "yes"})[0]
    assert pathway.record_of_disclosure == "not_required"
    assert any("signed and dated" in c for c in pathway.confirm)


def test_directory_information_with_opt_outs_honoured():
    """ED's model notice for directory information (cited by subject): only designated items,
    opt-outs honoured, 99.31(a)(11) and 99.37."""
    assert fits(data="directory_information", opted_out="no") == ["directory_information"]
    assert "directory_information" not in fits(data="directory_information", opted_out="yes")


def test_health_or_safety_emergency_needs_an_articulable_significant_threat():
    """ED guidance on the health or safety emergency exception (cited by subject), 99.36."""
    got = fits(requester="community_organization", purpose="emergency", threat="yes")
    assert got == ["health_safety_emergency"]
    assert fits(requester="community_organization", purpose="emergency", threat="no") == ["none"]
    pathway = find_pathways({**BASE, "purpose": "emergency", "threat": "yes"})[0]
    assert pathway.record_of_disclosure == "required"


def test_de_identified_aggregates_need_no_consent():
    """PTAC guidance on de-identification (cited by subject) and 34 CFR 99.31(b)(1)."""
    assert fits(data="de_identified") == ["de_identified"]


def test_parent_or_eligible_student_sees_their_own_records():
    """34 CFR 99.10: parents and eligible students may inspect the student's own records."""
    assert fits(requester="parent_or_eligible_student") == ["parent_or_eligible_student"]


def test_unknown_answers_keep_pathways_possible_and_say_what_to_find_out():
    result = find_pathways({"requester": "community_organization", "done_for": "district", "data": "pii",
                            "purpose": "services", "written_consent": "no"})
    assert result.keys("fits") == []
    assert result.keys("possible") == ["school_official"]
    assert any("direct control" in q for q in result[0].open_questions)


def test_no_answers_at_all_lists_every_pathway_as_possible():
    assert find_pathways({}).keys("possible") == pathway_keys(include_none=False)


@pytest.mark.parametrize(
    "answers,words",
    [
        ({"colour": "red"}, ["colour", "requester", "threat"]),
        ({"data": "names"}, ["names", "data", "pii", "de_identified", "unknown"]),
        ({"purpose": 3}, ["3", "purpose", "services"]),
    ],
)
def test_bad_answers_list_the_allowed_ones(answers, words):
    with pytest.raises(AnswerError) as err:
        find_pathways(answers)
    for word in words:
        assert word in str(err.value)


@pytest.mark.parametrize("bad", [None, "pii", ["data", "pii"], 7])
def test_answers_must_be_a_mapping(bad):
    with pytest.raises(AnswerError, match="dictionary"):
        find_pathways(bad)


def test_booleans_and_none_are_read_as_yes_no_unknown():
    assert validate_answers({"written_consent": True, "threat": False, "data": None})["written_consent"] == "yes"
    assert validate_answers({"threat": False})["threat"] == "no"
    assert validate_answers({"data": None})["data"] == UNKNOWN


def test_rules_only_use_questions_and_choices_that_exist():
    qs = questions()
    for rule in pathway_rules():
        for q, accepted in rule["when"].items():
            assert q in qs and set(accepted) <= set(qs[q]["choices"]), rule["key"]
        assert rule["citation"].startswith(("34 CFR", "20 U.S.C."))


def test_results_render_with_the_disclaimer_and_citations():
    result = find_pathways({**BASE, "data": "de_identified"})
    md, html = result.to_markdown(), result.to_html()
    for text in (md, html):
        assert "not legal advice" in text and "99.31(b)" in text
    assert list(result.table().columns)[:3] == ["pathway", "name", "status"]


# --- properties ---------------------------------------------------------------------------

QS = questions()
ANSWERS = st.fixed_dictionaries({k: st.sampled_from([*v["choices"], UNKNOWN]) for k, v in QS.items()})


@settings(max_examples=200, deadline=None)
@given(ANSWERS)
def test_every_fitting_pathway_meets_all_its_conditions(answers):
    before = copy.deepcopy(answers)
    result = find_pathways(answers)
    assert answers == before, "the answers must not be changed"
    rules = {r["key"]: r for r in pathway_rules()}
    assert len(result) >= 1
    if "none" in result.keys():
        assert result.keys() == ["none"]
    for p in result:
        if p.status == "fits":
            assert all(answers[q] in ok for q, ok in rules[p.key]["when"].items())
        if p.status == "possible":
            assert p.open_questions and any(answers[q] == UNKNOWN for q in rules[p.key]["when"])


@settings(max_examples=200, deadline=None)
@given(ANSWERS, st.sampled_from(list(QS)))
def test_not_knowing_an_answer_never_removes_a_candidate(answers, question):
    known = set(find_pathways(answers).keys()) - {"none"}
    unsure = set(find_pathways({**answers, question: UNKNOWN}).keys())
    assert known <= unsure


@settings(max_examples=200, deadline=None)
@given(ANSWERS)
def test_identifiable_data_without_consent_never_uses_the_consent_or_de_identified_routes(answers):
    answers = {**answers, "data": "pii", "written_consent": "no"}
    got = find_pathways(answers).keys()
    assert "consent" not in got and "de_identified" not in got
