"""Agreement checker: complete agreements pass, each missing element is caught, broken files
give clear errors.

Element lists follow 34 CFR 99.31(a)(6)(iii)(C) (studies; ED FAQ
https://studentprivacy.ed.gov/faq/must-school-or-lea-have-written-agreement-community-based-organization-conducting-study),
99.35(a)(3)(i)-(v) (audit or evaluation; ED FAQ
https://studentprivacy.ed.gov/faq/must-lea-have-written-agreement-community-based-organization-prior-disclosing-personally),
99.31(a)(1)(i)(B) (school official) and 99.30 (consent). Training material, not legal advice.
"""

import copy
import json

import pytest
import yaml

from helpers import paths
from helpers.ferpa import AgreementError, check_agreement, load_agreement, render_agreement
from helpers.ferpa.agreements import REQUIREMENTS, is_blank

SIGS = [
    {"name": "R. Solberg", "title": "Superintendent, Riverbend Unified School District", "date": "2025-08-28"},
    {"name": "K. Underhill", "title": "Director, Riverbend Mentors", "date": "2025-08-30"},
]
COMMON = {
    "id": "T-1", "title": "Test agreement", "status": "draft", "training_note": "Fictional training material",
    "discloser": "Riverbend Unified School District", "recipient": "Riverbend Mentors",
    "purpose": "Study to improve ninth-grade instruction", "scope": "Grade 9, 2025-26",
    "duration": {"start": "2025-09-01", "end": "2026-06-30"},
    "data_elements": ["study_id", "course_marks"],
    "use_limits": "Only for the stated purpose.",
    "redisclosure": "No redisclosure without consent (34 CFR 99.33).",
    "identification_limits": "Only named representatives with legitimate interests see identities.",
    "destruction": {"method": "Secure deletion with certificate", "deadline": "Within 30 days after the end date"},
    "security": "Encrypted storage; named staff only; breaches reported to the district within 72 hours.",
    "authorized_representative": "The district designates the recipient as its authorized representative.",
    "direct_control": "The district decides which records are used and can end access at any time.",
    "legitimate_interest": "Mentors need current marks to plan tutoring.",
    "annual_notice_criteria": "The annual notice defines school officials to include contractors.",
    "consent": "Each parent signed and dated consent form RM-1 naming these records, this purpose and Riverbend Mentors.",
    "signatures": SIGS,
}


def complete(pathway):
    return {**copy.deepcopy(COMMON), "pathway": pathway}


def required_cases():
    return [(pw, spec["element"], spec["look_in"]) for pw, specs in REQUIREMENTS.items() for spec in specs]


@pytest.mark.parametrize("pathway", list(REQUIREMENTS))
def test_complete_agreement_of_each_pathway_passes_with_no_recommendations(pathway):
    result = check_agreement(complete(pathway))
    assert result.passes, result.missing()
    assert result.missing("recommended") == []
    table = result.table()
    assert list(table.columns) == ["element", "kind", "status", "citation", "advice"]
    assert set(table.loc[table.kind == "required", "element"]) == {s["element"] for s in REQUIREMENTS[pathway]}


def _remove(agreement, fields, how):
    for dotted in fields:
        *parents, last = dotted.split(".")
        target = agreement
        for p in parents:
            target = target[p]
        if last not in target:
            continue
        if how == "delete":
            del target[last]
        elif how == "none":
            target[last] = None
        elif how == "non_answer" and isinstance(target[last], str):
            target[last] = "We will figure this out later."
        else:
            target[last] = [] if isinstance(target[last], list) else ("TBD" if how == "tbd" else "   ")
    return agreement


@pytest.mark.parametrize("how", ["delete", "none", "tbd", "blank", "non_answer"])
@pytest.mark.parametrize("pathway,element,fields", required_cases(), ids=[f"{c[0]}-{c[1]}" for c in required_cases()])
def test_each_required_element_removed_in_turn_is_reported_missing(pathway, element, fields, how):
    agreement = _remove(complete(pathway), fields, how)
    result = check_agreement(agreement)
    assert not result.passes
    assert result.missing() == [element]
    finding = next(f for f in result.findings if f.element == element and f.kind == "required")
    assert finding.citation and finding.advice


def test_duration_needs_both_dates():
    a = complete("studies")
    a["duration"]["end"] = None
    assert check_agreement(a).missing() == ["duration"]


def test_consent_must_be_signed_by_the_parent_or_eligible_student_not_the_recipient():
    """34 CFR 99.30(a): 'The parent or eligible student shall provide a signed and dated written consent'.
    DSA-08 once passed with only the family center's signature."""
    c = complete("consent")
    del c["consent"]
    c["signatures"] = [SIGS[1]]  # only the recipient signed
    assert check_agreement(c).missing() == ["consent_signature"]
    c["signatures"] = [{"name": "A. Rivera", "title": "Parent of the student", "date": "2025-09-01"}]
    assert "consent_signature" not in check_agreement(c).missing()
    c["signatures"] = [SIGS[1]]
    c["scope"] = "Only students whose parent signed and dated the center's consent form."
    assert "consent_signature" not in check_agreement(c).missing()
    c["scope"] = "Only students whose parent agreed on the phone."  # oral consent: no signature, no date
    assert "consent_signature" in check_agreement(c).missing()


def test_best_practice_gaps_are_recommendations_not_requirements():
    a = complete("consent")
    a["security"] = "TBD"
    a["training_note"] = None
    a["signatures"] = [SIGS[1]]  # the district has not signed
    result = check_agreement(a)
    assert result.passes
    assert set(result.missing("recommended")) == {"security", "breach_notification", "signatures", "training_note"}
    assert "not lawful" in result.summary()


def test_security_without_breach_notification_is_flagged():
    a = complete("studies")
    a["security"] = "Encrypted storage, named staff only."
    assert check_agreement(a).missing("recommended") == ["breach_notification"]


@pytest.mark.parametrize("text", ["", "TBD", "tbd.", "TODO", "N/A", "[insert date]", "<recipient>", "___", "..."])
def test_placeholders_count_as_missing(text):
    assert is_blank(text)
    a = complete("studies")
    a["purpose"] = text
    assert check_agreement(a).missing() == ["purpose"]


@pytest.mark.parametrize("text", ["Study (grade 9) of reading", "x-ray", "None of the data leave the district"])
def test_real_text_is_not_a_placeholder(text):
    assert not is_blank(text)


@pytest.mark.parametrize("text", ["yes", "Yes.", "OK", "We will figure this out later", "To be agreed.",
                                  "We'll sort it out later", "see above"])
def test_obvious_non_answers_do_not_count_and_the_reason_is_given(text):
    """Issue 19 item 3: 'yes' and 'We will figure this out later' were accepted as clauses."""
    a = complete("school_official")
    a["direct_control"] = text
    result = check_agreement(a)
    assert result.missing() == ["direct_control"]
    finding = next(f for f in result.findings if f.element == "direct_control")
    assert finding.reason and "direct_control" in finding.reason


def test_a_one_word_recipient_name_counts_but_a_one_word_purpose_does_not():
    a = complete("consent")
    a["recipient"] = "Mentors"
    assert check_agreement(a).passes
    a["purpose"] = "Mentoring"
    assert check_agreement(a).missing() == ["purpose"]


def test_an_element_counts_by_what_the_agreement_says_not_the_field_it_is_under():
    """A redisclosure limit written under `security` still binds the recipient (34 CFR 99.33(a))."""
    a = complete("school_official")
    a["redisclosure"] = None
    a["security"] = "Encrypted storage. The recipient will not redisclose the records to any other party."
    result = check_agreement(a)
    assert result.passes
    assert next(f for f in result.findings if f.element == "redisclosure").found_in == "security"


def test_audit_evaluation_requires_use_limits():
    """34 CFR 99.35(a)(3)(ii)(C) and (v): how the data will be used, and use limited to the audit or evaluation."""
    a = complete("audit_evaluation")
    del a["use_limits"]
    assert check_agreement(a).missing() == ["use_limits"]


def test_a_generator_leak_fails_the_agreement():
    """An agreement that says 'after None' does not state a time period (99.31(a)(6)(iii)(C)(4))."""
    a = complete("studies")
    a["destruction"]["deadline"] = "Within 30 days after None"
    result = check_agreement(a)
    assert not result.passes and result.missing() == []
    assert "after None" in result.problems[0] and "destruction.deadline" in result.problems[0]
    assert "leak" in result.summary()


def test_a_misspelled_field_is_named_with_the_nearest_known_one():
    """Issue 19 item 6: draft["direct_contol"] was silently ignored."""
    a = complete("school_official")
    a["direct_contol"] = a.pop("direct_control")
    with pytest.raises(AgreementError) as err:
        check_agreement(a)
    assert "direct_contol" in str(err.value) and "Did you mean 'direct_control'" in str(err.value)


def test_school_official_agreement_is_recommended_not_required():
    """ED FAQ: FERPA does not require a written agreement for the school official exception; it is a best practice
    (https://studentprivacy.ed.gov/faq/must-school-have-written-agreement-or-contract-community-based-organization-which-it-non)."""
    result = check_agreement(complete("school_official"))
    assert "does not require a written agreement" in result.note and result.note in result.to_markdown()


def test_the_requirement_tables_are_data_with_citations():
    import yaml as _yaml

    from helpers.ferpa.agreements import RULES_FILE

    data = _yaml.safe_load(RULES_FILE.read_text())
    assert data["requirements"] == REQUIREMENTS
    for pathway, specs in REQUIREMENTS.items():
        for spec in specs:
            assert spec["citation"].startswith("34 CFR") and spec["advice"], (pathway, spec["element"])
    assert [s["citation"].split(" ")[2] for s in REQUIREMENTS["audit_evaluation"]][:1] == ["99.35(a)(3)(i)"]


def test_the_input_is_not_changed():
    a = complete("studies")
    before = copy.deepcopy(a)
    result = check_agreement(a)
    result.agreement["purpose"] = "changed"
    assert a == before


def test_reads_yaml_and_json_files(tmp_path):
    y = tmp_path / "a.yaml"
    y.write_text(yaml.safe_dump(complete("studies")))
    j = tmp_path / "a.json"
    j.write_text(json.dumps(complete("school_official")))
    assert check_agreement(y).passes and check_agreement(str(j)).passes
    assert check_agreement(y).source == str(y)


def test_unquoted_yaml_dates_are_accepted(tmp_path):
    y = tmp_path / "a.yaml"
    text = yaml.safe_dump(complete("studies")).replace("'2025-09-01'", "2025-09-01")
    y.write_text(text)
    assert check_agreement(y).passes


@pytest.mark.parametrize(
    "content,words",
    [
        ("pathway: studies\npurpose: [unclosed\n", ["not valid YAML", "line"]),
        ("- a\n- b\n", ["named fields", "list"]),
        ("", ["nothing"]),
        ("purpose: x\n", ["no pathway", "studies"]),
        ("pathway: friendship\n", ["friendship", "audit_evaluation"]),
        ("pathway: studie\n", ["studie", "Did you mean 'studies'"]),
        ("pathway: studies\npurpse: x\n", ["purpse", "Did you mean 'purpose'"]),
        ("pathway: studies\ndata_elements: student_id, grade\n", ["data_elements", "list"]),
        ("pathway: studies\nduration: one year\n", ["duration", "mapping"]),
        ("pathway: studies\npurpose: [a, b]\n", ["purpose", "text"]),
        ("pathway: consent\nsignatures: [Ann]\n", ["signature"]),
        ("pathway: studies\ndata_elements: [1, 2]\n", ["data_elements"]),
        ("pathway: studies\nduration: {start: 2025-01-01, end: [1]}\n", ["duration.end"]),
    ],
)
def test_malformed_files_give_clear_errors(tmp_path, content, words):
    path = tmp_path / "bad.yaml"
    path.write_text(content)
    with pytest.raises(AgreementError) as err:
        check_agreement(path)
    for w in words:
        assert w in str(err.value)


def test_missing_file_folder_binary_and_bad_json(tmp_path):
    with pytest.raises(AgreementError, match="no agreement file"):
        check_agreement(tmp_path / "nope.yaml")
    with pytest.raises(AgreementError, match="folder"):
        check_agreement(tmp_path)
    binary = tmp_path / "b.yaml"
    binary.write_bytes(b"\xff\xfe\x00\x81")
    with pytest.raises(AgreementError, match="not a text file"):
        check_agreement(binary)
    bad = tmp_path / "b.json"
    bad.write_text("{pathway: }")
    with pytest.raises(AgreementError, match="not valid JSON"):
        load_agreement(bad)


@pytest.mark.parametrize("bad", [42, None, ["pathway", "studies"], b"pathway: studies"])
def test_wrong_kind_of_input(bad):
    with pytest.raises(AgreementError, match="dictionary or the path"):
        check_agreement(bad)


def test_rendering_shows_disclaimer_fields_and_missing_items():
    a = complete("studies")
    a["destruction"]["deadline"] = "TBD"
    result = check_agreement(a)
    md = result.to_markdown()
    assert "not legal advice" in md and "# Test agreement" in md
    assert "**MISSING**" in md and "destruction_deadline" in md
    assert "*(missing)*" in render_agreement(a)
    assert "1 recommendation" not in str(result)
    assert "missing destruction_deadline" in str(result)


def test_riverbend_drafts_complete_ones_pass_deficient_ones_fail():
    folder = paths.datasets_dir() / "organization" / "agreements"
    results = {p.stem: check_agreement(p) for p in sorted(folder.glob("*.yaml"))}
    assert results, "no Riverbend agreements found"
    for name, result in results.items():
        assert "not legal advice" in result.to_markdown()
        if name.endswith("-draft"):
            assert result.missing() or result.missing("recommended"), name
    complete_ones = [n for n in results if not n.endswith("-draft")]
    assert complete_ones and all(results[n].passes for n in complete_ones)
    assert sum(not r.passes for r in results.values()) >= 2
    assert not any(r.problems for r in results.values()), "a Riverbend agreement contains a generator leak"
    assert "consent_signature" in results["DSA-08-consent-draft"].missing()
