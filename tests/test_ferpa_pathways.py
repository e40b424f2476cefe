"""FERPA pathway finder: one test per pathway and per caveat, each built on a published
U.S. Department of Education answer (Student Privacy Policy Office FAQ, cited by URL) or on
the text of 34 CFR Part 99 (cited by section), plus properties of the engine.

Training material, not legal advice.
"""

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.ferpa import AnswerError, find_pathways, pathway_keys, questions, validate_answers
from helpers.ferpa.pathways import UNKNOWN, _load_rules, deciding_questions, pathway_rules

#: Every question answered, in a way that fits no pathway: an outside party wants
#: identifiable records for its own purposes, with nothing in place.
BASE = {
    "discloser": "district", "education_record": "yes", "requester": "other", "eligible_student": "no",
    "tax_dependent": "no", "foster_care": "no", "done_for": "requester", "outsourced_function": "no", "direct_control": "no",
    "bound_by_99_33": "no", "annual_notice_criteria": "no", "data": "pii", "purpose": "other",
    "designated_representative": "no", "written_consent": "no", "consent_signed_by": "someone_else",
    "signature": "electronic_unverified", "directory_policy": "limited_recipient_not_listed", "opted_out": "yes",
    "lookup_key": "non_directory", "threat": "no", "emergency_now": "no", "needed_to_protect": "no",
    "targeted_request": "yes", "small_cells": "no", "other_releases": "no", "record_code": "derived_from_personal_info",
}
TUTORING = dict(requester="community_organization", done_for="district", purpose="services",
                outsourced_function="yes", direct_control="yes", bound_by_99_33="yes", annual_notice_criteria="yes")
DIRECTORY = dict(requester="community_organization", data="directory_information", directory_policy="open",
                 opted_out="no", lookup_key="directory_only")
EMERGENCY = dict(requester="community_organization", purpose="emergency", threat="yes", emergency_now="yes",
                 needed_to_protect="yes")
DEIDENTIFIED = dict(data="de_identified", targeted_request="no", small_cells="yes", other_releases="yes",
                    record_code="none")


def run(**changes):
    return find_pathways({**BASE, **changes})


def fits(**changes):
    """Keys of the pathways that fit (or ['none'] when nothing fits or is possible)."""
    return run(**changes).keys("fits") or run(**changes).keys("none")


def test_the_base_request_fits_nothing_and_says_why_each_pathway_is_out():
    result = run()
    assert result.keys() == ["none"] and len(result.ruled_out) == len(pathway_keys(include_none=False))
    why = dict(result.ruled_out)
    assert why["School official (outsourced service)"].startswith('"For whom is the work done?" was answered "For the')
    assert "Why each pathway was ruled out" in result.to_markdown() and "ruled out" in result.to_html()


# --- school official -------------------------------------------------------------------------
def test_outsourced_tutoring_under_direct_control_is_a_school_official():
    """ED FAQ: a school may disclose to a community-based organization running an outsourced tutoring
    program under the school official exception, if it meets the four conditions of 99.31(a)(1)(i)(B)
    (https://studentprivacy.ed.gov/faq/can-schools-disclose-education-records-community-based-organizations-performing-outsourced)."""
    assert fits(**TUTORING) == ["school_official"]
    assert run(**TUTORING)[0].citation == "34 CFR 99.31(a)(1)(i)(B)"


@pytest.mark.parametrize("condition", ["outsourced_function", "direct_control", "bound_by_99_33",
                                       "annual_notice_criteria"])
def test_each_school_official_condition_decides_it(condition):
    """Same FAQ: all four conditions are required, including the annual notice criteria
    (99.7(a)(3)(iii)) and the 99.33(a) use and redisclosure limits; unknown is only 'possible'."""
    assert "school_official" not in run(**{**TUTORING, condition: "no"}).keys()
    unsure = run(**{**TUTORING, condition: UNKNOWN})
    assert unsure.keys("fits") == [] and unsure.keys("possible") == ["school_official"]
    assert questions()[condition]["prompt"] in unsure[0].open_questions


def test_school_official_written_agreement_is_recommended_not_required():
    """ED FAQ: FERPA does not require a written agreement for the school official exception; it is a best
    practice (https://studentprivacy.ed.gov/faq/must-school-have-written-agreement-or-contract-community-based-organization-which-it-non)."""
    pathway = run(**TUTORING)[0]
    assert any(d.startswith("Recommended, not required") for d in pathway.document)
    assert "written_agreement" not in str(deciding_questions("school_official"))


def test_district_employees_are_school_officials_under_paragraph_a():
    """34 CFR 99.31(a)(1)(i)(A): teachers and other officials within the agency with a legitimate
    educational interest; the outsourcing conditions of (B) are for outside parties."""
    got = run(requester="district_employee", annual_notice_criteria="yes")
    assert got.keys("fits") == ["school_official_employee"]
    assert got[0].citation == "34 CFR 99.31(a)(1)(i)(A)"
    assert "school_official" not in run(**{**TUTORING, "requester": "district_employee"}).keys()


# --- studies ---------------------------------------------------------------------------------
@pytest.mark.parametrize("purpose", ["study_improve_instruction", "study_predictive_tests", "study_student_aid"])
def test_a_study_for_the_district_uses_the_studies_exception(purpose):
    """34 CFR 99.31(a)(6)(i): studies for or on behalf of the school to develop, validate or administer
    predictive tests, administer student aid programs, or improve instruction; ED FAQ on the written agreement
    (https://studentprivacy.ed.gov/faq/must-school-or-lea-have-written-agreement-community-based-organization-conducting-study)."""
    got = run(requester="researcher_or_university", done_for="district", purpose=purpose)
    assert got.keys("fits") == ["studies"]
    assert got[0].record_of_disclosure == "required"
    assert "99.31(a)(6)(iii)(C)" in " ".join(got[0].document)


def test_a_study_for_the_organizations_own_reasons_is_not_a_study_for_the_district():
    """99.31(a)(6)(i): 'for, or on behalf of' the educational agency or institution."""
    assert "studies" not in run(requester="researcher_or_university", purpose="study_improve_instruction").keys()


# --- audit or evaluation ---------------------------------------------------------------------
def test_an_lea_may_designate_a_community_organization_to_evaluate_its_program():
    """ED FAQ: an LEA may designate a community-based organization as its authorized representative to audit
    or evaluate a federal- or state-supported education program (99.35)
    (http://familypolicy.ed.gov/content/may-lea-non-consensually-disclose-pii-education-records-community-based-organization-order)."""
    got = run(requester="community_organization", done_for="district", purpose="audit_evaluation",
              designated_representative="yes")
    assert got.keys("fits") == ["audit_evaluation"]
    assert got[0].record_of_disclosure == "required"


def test_audit_evaluation_does_not_apply_to_an_individual_school_that_is_not_an_lea():
    """Same FAQ: the provision 'does not apply to individual schools that are not considered local
    educational authorities'."""
    got = run(discloser="school", requester="community_organization", done_for="district",
              purpose="audit_evaluation", designated_representative="yes")
    assert "audit_evaluation" not in got.keys()


def test_without_a_written_designation_audit_evaluation_is_not_available():
    """ED FAQ: the LEA must use a written agreement to designate the organization as its authorized
    representative (https://studentprivacy.ed.gov/faq/must-lea-have-written-agreement-community-based-organization-prior-disclosing-personally)."""
    facts = dict(requester="community_organization", done_for="district", purpose="audit_evaluation")
    assert "audit_evaluation" not in run(**facts).keys()
    assert run(**facts, designated_representative=UNKNOWN).keys("possible") == ["audit_evaluation"]


def test_the_educational_authority_itself_needs_no_designation():
    """99.31(a)(3)(iv): disclosure to authorized representatives of state and local educational authorities;
    the authority evaluating a state-supported program itself."""
    got = run(requester="education_authority", done_for="district", purpose="audit_evaluation")
    assert got.keys("fits") == ["audit_evaluation"]


def test_a_community_organization_evaluating_its_own_program_has_no_pathway():
    """ED FAQ: generally no; the exception covers evaluation of federal- or state-supported education programs
    (https://studentprivacy.ed.gov/faq/may-lea-disclose-personally-identifiable-information-pii-education-records-community-based)."""
    assert run(requester="community_organization", purpose="evaluate_own_program").keys() == ["none"]


# --- consent, parents and eligible students ------------------------------------------------------
def test_signed_consent_from_the_parent_of_a_minor_opens_the_consent_pathway():
    """34 CFR 99.30(a)-(b): signed and dated written consent of the parent naming records, purpose and recipient."""
    got = run(written_consent="yes", consent_signed_by="parent", signature="handwritten")
    assert got.keys("fits") == ["consent"]
    assert got[0].record_of_disclosure == "not_required"


def test_consent_for_an_eligible_student_comes_from_the_student():
    """34 CFR 99.3 'eligible student' and 99.5(a): once 18 or in postsecondary education, the rights (and so
    consent) pass to the student (https://studentprivacy.ed.gov/content/eligible-student)."""
    parent_signed = run(eligible_student="yes", written_consent="yes", consent_signed_by="parent", signature="handwritten")
    assert "consent" not in parent_signed.keys()
    student_signed = run(eligible_student="yes", written_consent="yes", consent_signed_by="student", signature="handwritten")
    assert student_signed.keys("fits") == ["consent"]


def test_consent_signed_by_the_recipient_does_not_count():
    """34 CFR 99.30(a): 'The parent or eligible student shall provide a signed and dated written consent'."""
    assert "consent" not in run(written_consent="yes", consent_signed_by="someone_else", signature="handwritten").keys()


def test_an_electronic_signature_must_identify_and_authenticate_the_signer():
    """34 CFR 99.30(d): an electronic record and signature counts if it identifies and authenticates a
    particular person as the source and indicates that person's approval."""
    base = dict(written_consent="yes", consent_signed_by="parent")
    assert "consent" not in run(**base, signature="electronic_unverified").keys()
    assert run(**base, signature="electronic_authenticated").keys("fits") == ["consent"]


def test_the_parent_pathway_covers_only_parents_of_non_eligible_students():
    """34 CFR 99.31(a)(12): disclosure to the parent of a student who is not an eligible student, or to the
    student. A parent of an 18-year-old is not told that this pathway fits."""
    assert run(requester="parent", eligible_student="no").keys("fits") == ["parent_or_eligible_student"]
    assert "parent_or_eligible_student" not in run(requester="parent", eligible_student="yes").keys()
    assert run(requester="parent", eligible_student=UNKNOWN).keys("fits") == []


def test_a_student_may_see_their_own_records():
    """34 CFR 99.31(a)(12) ('or to the student') and 99.10 (the eligible student's right to inspect)."""
    assert run(requester="student", eligible_student="yes").keys("fits") == ["parent_or_eligible_student"]


def test_parents_of_a_dependent_eligible_student():
    """34 CFR 99.31(a)(8): disclosure to parents of a dependent student (IRC section 152); ED's eligible-student
    page (https://studentprivacy.ed.gov/content/eligible-student)."""
    got = run(requester="parent", eligible_student="yes", tax_dependent="yes")
    assert got.keys("fits") == ["parent_of_dependent_student"]
    assert run(requester="parent", eligible_student="yes").keys() == ["none"]


# --- other schools and child welfare agencies ---------------------------------------------------
def test_records_may_go_to_a_school_where_the_student_seeks_to_enroll():
    """34 CFR 99.31(a)(2), subject to 99.34 (notice unless the annual notice covers it; copy and hearing on request)."""
    got = run(requester="other_school")
    assert got.keys("fits") == ["transfer_to_another_school"] and got[0].record_of_disclosure == "required"
    assert "99.34(a)" in " ".join(got[0].confirm)


def test_a_child_welfare_caseworker_for_a_student_in_foster_care():
    """ED FAQ: FERPA permits disclosure to a child welfare agency caseworker authorized to access the case plan of a
    student in foster care placement for whom the agency is legally responsible, not for other children it serves
    (https://studentprivacy.ed.gov/faq/does-ferpa-permit-schools-disclose-students-education-records-state-or-local-child-welfare)."""
    assert run(requester="child_welfare_agency", foster_care="yes").keys("fits") == ["child_welfare_agency"]
    assert run(requester="child_welfare_agency", foster_care="no").keys() == ["none"]
    assert run(requester="child_welfare_agency", foster_care=UNKNOWN).keys("possible") == ["child_welfare_agency"]


# --- directory information -------------------------------------------------------------------
def test_directory_information_with_an_open_notice_and_opt_outs_removed():
    """34 CFR 99.31(a)(11) and 99.37(a); the definition is in 99.3."""
    got = run(**DIRECTORY)
    assert got.keys("fits") == ["directory_information"]
    assert "99.3" in got[0].citation


def test_a_limited_directory_policy_binds_the_district():
    """34 CFR 99.37(d): a notice may limit disclosure to specific parties or purposes, and the district must
    then keep to it."""
    assert "directory_information" not in run(**{**DIRECTORY, "directory_policy": "limited_recipient_not_listed"}).keys()
    assert run(**{**DIRECTORY, "directory_policy": "limited_recipient_listed"}).keys("fits") == ["directory_information"]


def test_no_confirming_directory_information_from_an_ssn_or_other_non_directory_key():
    """34 CFR 99.37(e); ED FAQ: an SSN may not be designated directory information
    (https://studentprivacy.ed.gov/faq/may-social-security-number-or-other-student-identification-number-be-listed-directory)."""
    assert "directory_information" not in run(**{**DIRECTORY, "lookup_key": "non_directory"}).keys()


def test_opt_outs_bind_including_former_students_and_disclosure_is_never_an_obligation():
    """34 CFR 99.37(a)(2) and (b) (an opt-out made while enrolled still binds); 99.31(d) (never obliged)."""
    assert "directory_information" not in run(**{**DIRECTORY, "opted_out": "yes"}).keys()
    pathway = run(**DIRECTORY)[0]
    text = " ".join([*pathway.confirm, pathway.note])
    assert "99.37(b)" in text and "99.31(d)" in text


# --- health or safety emergency ----------------------------------------------------------------
def test_health_or_safety_emergency_with_its_limits():
    """ED FAQ: permitted when necessary to protect health or safety; limited to the period of the emergency;
    generally no blanket release; an actual, impending or imminent emergency
    (https://studentprivacy.ed.gov/faq/when-it-permissible-utilize-ferpas-health-or-safety-emergency-exception-disclosures)."""
    got = run(**EMERGENCY)
    assert got.keys("fits") == ["health_safety_emergency"]
    assert got[0].record_of_disclosure == "required" and "99.32(a)(5)" in got[0].record_reason
    for condition in ("threat", "emergency_now", "needed_to_protect"):
        assert "health_safety_emergency" not in run(**{**EMERGENCY, condition: "no"}).keys()
        assert run(**{**EMERGENCY, condition: UNKNOWN}).keys("possible") == ["health_safety_emergency"]


# --- de-identified data --------------------------------------------------------------------------
def test_de_identified_data_after_a_reasonable_determination():
    """34 CFR 99.31(b)(1): removal of all PII and a reasonable determination that a student's identity is not
    personally identifiable, whether through single or multiple releases, taking other reasonably available
    information into account."""
    assert run(**DEIDENTIFIED).keys("fits") == ["de_identified"]
    for condition in ("small_cells", "other_releases"):
        assert "de_identified" not in run(**{**DEIDENTIFIED, condition: "no"}).keys()


def test_a_targeted_request_can_make_de_identified_data_identifying():
    """34 CFR 99.3, personally identifiable information (g): information requested by a person who the
    institution reasonably believes knows the identity of the student."""
    assert "de_identified" not in run(**{**DEIDENTIFIED, "targeted_request": "yes"}).keys()


@pytest.mark.parametrize("code,ok", [("none", True), ("random_kept_secret", True),
                                     ("derived_from_personal_info", False), ("key_or_method_shared", False)])
def test_record_codes_must_not_come_from_personal_information_nor_be_revealed(code, ok):
    """34 CFR 99.31(b)(2): a code not based on an SSN or other personal information, whose generation is
    not disclosed, released for education research."""
    assert ("de_identified" in run(**{**DEIDENTIFIED, "record_code": code}).keys("fits")) is ok


# --- outside FERPA -------------------------------------------------------------------------------
def test_a_teachers_personal_observation_is_not_an_education_record():
    """ED FAQ: FERPA does not prohibit sharing information from personal knowledge or observation, unless it
    was obtained through an official role in making a determination kept in an education record
    (https://studentprivacy.ed.gov/faq/are-there-any-limitations-sharing-information-based-personal-knowledge-or-observations)."""
    got = run(education_record="no", requester="district_employee")
    assert got.keys() == ["not_education_record"] and got[0].status == "fits"
    assert "official role" in " ".join(got[0].confirm)


def test_a_nonprofits_own_records_are_outside_ferpa():
    """20 U.S.C. 1232g(a)(4)(A) and 34 CFR 99.3: education records are maintained by an educational agency or
    institution or a party acting for it; a partner's own intake records are not."""
    assert run(discloser="not_covered").keys() == ["not_education_record"]


def test_a_partner_may_pass_on_records_only_with_consent_or_de_identified():
    """34 CFR 99.33(a)(1): no redisclosure without the prior consent of the parent or eligible student."""
    partner = dict(discloser="partner_redisclosing")
    assert run(**partner, **TUTORING).keys() == ["none"]
    assert run(**partner, written_consent="yes", consent_signed_by="parent",
               signature="handwritten").keys("fits") == ["consent"]
    assert run(**partner, **DEIDENTIFIED).keys("fits") == ["de_identified"]


# --- bad input and the rules file -------------------------------------------------------------------
@pytest.mark.parametrize(
    "answers,words",
    [
        ({"direct_contol": "yes"}, ["direct_contol", "Did you mean 'direct_control'", "requester"]),
        ({"data": "pi"}, ["'pi'", "data", "Did you mean 'pii'", "de_identified", "unknown"]),
        ({"purpose": 3}, ["3", "purpose", "services"]),
        ({"requester": "parent_or_eligible_student"}, ["split", "parent", "student"]),
        ({"discloser": True}, ["discloser", "district"]),
    ],
)
def test_bad_answers_name_the_allowed_ones(answers, words):
    with pytest.raises(AnswerError) as err:
        find_pathways(answers)
    for word in words:
        assert word in str(err.value)


@pytest.mark.parametrize("bad", [None, "pii", ["data", "pii"], 7])
def test_answers_must_be_a_mapping(bad):
    with pytest.raises(AnswerError, match="dictionary"):
        find_pathways(bad)


def test_booleans_none_and_capitals_are_read_plainly():
    got = validate_answers({"written_consent": True, "threat": False, "data": None, "requester": " Parent "})
    assert (got["written_consent"], got["threat"], got["data"], got["requester"]) == ("yes", "no", UNKNOWN, "parent")


def test_every_label_is_text_and_every_rule_cites_law_and_guidance():
    for key, spec in questions().items():
        for value, label in spec["choices"].items():
            assert isinstance(value, str) and isinstance(label, str) and label not in ("True", "False"), key
    for rule in pathway_rules():
        assert rule["citation"].startswith(("34 CFR", "20 U.S.C.")), rule["key"]
        assert rule["guidance"] or rule["key"] in {"consent", "transfer_to_another_school"}, rule["key"]
        assert all(url.startswith(("https://studentprivacy.ed.gov/", "http://familypolicy.ed.gov/"))
                   for url in rule["guidance"]), rule["key"]
        assert rule["record_reason"], rule["key"]


def test_results_render_with_the_disclaimer_citations_and_guidance():
    result = run(**TUTORING)
    md, html = result.to_markdown(), result.to_html()
    for text in (md, html):
        assert "not legal advice" in text and "99.31(a)(1)(i)(B)" in text and "studentprivacy.ed.gov" in text
    assert list(result.table().columns)[:3] == ["pathway", "name", "status"]
    assert result.get("school_official").status == "fits" and result.get("studies") is None


def test_no_answers_at_all_lists_every_pathway_as_possible():
    assert find_pathways({}).keys("possible") == pathway_keys(include_none=False)


# --- properties ---------------------------------------------------------------------------------
QS = questions()
ANSWERS = st.fixed_dictionaries({k: st.sampled_from([*v["choices"], UNKNOWN]) for k, v in QS.items()})
RULES = {r["key"]: r for r in _load_rules()["pathways"]}


def _needs(rule, question):
    """True when the pathway cannot be decided without ``question``."""
    groups = rule.get("any_of", [])
    return question in rule.get("when", {}) or (bool(groups) and all(question in g for g in groups))


@settings(max_examples=300, deadline=None)
@given(ANSWERS)
def test_no_pathway_fits_while_a_question_that_decides_it_is_unknown(answers):
    """The rule of the issue: 'fits' only when every deciding condition is answered."""
    for p in find_pathways(answers):
        if p.status == "fits":
            unknown = [q for q in QS if answers[q] == UNKNOWN and _needs(RULES[p.key], q)]
            assert not unknown, (p.key, unknown)


@settings(max_examples=300, deadline=None)
@given(ANSWERS)
def test_every_fitting_pathway_meets_its_conditions_and_the_input_is_not_changed(answers):
    before = copy.deepcopy(answers)
    result = find_pathways(answers)
    assert answers == before
    assert len(result) >= 1 and ("none" not in result.keys() or result.keys() == ["none"])
    for p in result:
        rule = RULES.get(p.key)
        if p.status == "fits":
            assert all(answers[q] in ok for q, ok in rule.get("when", {}).items())
            groups = rule.get("any_of", [])
            assert not groups or any(all(answers[q] in ok for q, ok in g.items()) for g in groups)
        if p.status == "possible":
            assert p.open_questions


@settings(max_examples=300, deadline=None)
@given(ANSWERS, st.sampled_from(list(QS)))
def test_not_knowing_an_answer_never_removes_a_candidate(answers, question):
    known = set(find_pathways(answers).keys()) - {"none"}
    unsure = set(find_pathways({**answers, question: UNKNOWN}).keys())
    assert known <= unsure


@settings(max_examples=200, deadline=None)
@given(ANSWERS)
def test_identifiable_data_without_consent_never_uses_the_consent_or_de_identified_routes(answers):
    got = find_pathways({**answers, "data": "pii", "written_consent": "no"}).keys()
    assert "consent" not in got and "de_identified" not in got
