"""Draft data-sharing agreements (YAML), some complete and some deliberately deficient.

One complete agreement per FERPA pathway (studies, audit/evaluation, school official,
consent) and four deficient drafts, each missing one or more required elements. The
``deficiencies`` are *not* written into the files; learners find them. Fictional training
material, not legal advice.

Example:
    >>> import tempfile, yaml
    >>> from pathlib import Path
    >>> paths = write_agreements(Path(tempfile.mkdtemp()))
    >>> len(paths), yaml.safe_load(paths[0].read_text())["status"]
    (8, 'draft')
"""

from __future__ import annotations

from pathlib import Path

import yaml

NOTE = "Fictional training material, not legal advice"
DISTRICT = "Riverbend Unified School District"
SECURITY = ("Data stored only on the recipient's encrypted, access-controlled server; access limited to "
            "named staff; multi-factor sign-in; no copies on personal devices; breaches reported to the "
            "district within 72 hours.")
REDISCLOSURE = ("The recipient will not redisclose personally identifiable information from education "
                "records to any other party without prior written consent, as required by 34 CFR 99.33.")
SIGN_DISTRICT = {"name": "Dr. Renata Solberg", "title": "Superintendent, Riverbend Unified School District", "date": "2025-08-28"}


def _base(id_, title, recipient, pathway, purpose, scope, start, end, elements, signer):
    return {
        "id": id_, "title": title, "status": "draft", "training_note": NOTE,
        "discloser": DISTRICT, "recipient": recipient, "pathway": pathway,
        "purpose": purpose, "scope": scope, "duration": {"start": start, "end": end},
        "data_elements": elements,
        "use_limits": "Data may be used only for the purpose stated in this agreement.",
        "redisclosure": REDISCLOSURE,
        "identification_limits": ("No one other than the recipient's named representatives with a legitimate "
                                  "interest may see information that identifies a student or parent; results "
                                  "are published only as aggregates with cells under 10 suppressed."),
        "destruction": {"method": "Secure deletion (NIST SP 800-88 'Purge') with a signed certificate sent to the district",
                        "deadline": f"Within 30 days after {end}" if end else "Within 30 days after the agreement ends"},
        "security": SECURITY,
        "legitimate_interest": None,
        "signatures": [SIGN_DISTRICT, signer],
    }


def _agreements() -> list[dict]:
    hub = {"name": "Prof. Helena Marchetti", "title": "Director, Riverbend Data Collaborative", "date": "2025-09-02"}
    mentors = {"name": "Keisha Underhill", "title": "Executive Director, Riverbend Mentors", "date": "2025-08-30"}
    bright = {"name": "Marisol Tengwall", "title": "Executive Director, Bright Futures After-School", "date": "2025-09-05"}
    frc = {"name": "Farid Nakamura-Bell", "title": "Director, Riverbend Family Resource Center", "date": "2025-09-12"}

    studies = _base("DSA-01-studies", "Early-warning indicator study", "Riverbend Data Collaborative", "studies",
                    "Study, for the district, of which early-warning indicators best predict ninth-grade course failure, to improve instruction.",
                    "Students enrolled in grades 6-9 in school years 2024-25 and 2025-26.",
                    "2025-09-15", "2026-08-31",
                    ["study_id", "grade", "school", "attendance_events", "course_marks", "discipline_incidents", "assessment_scores"], hub)
    studies["legitimate_interest"] = "The district asked for this study to revise its early-warning thresholds."

    audit = _base("DSA-02-audit", "Evaluation of the extended-learning grant", "Northfield Evaluation Partners", "audit_evaluation",
                  "Evaluate the state-funded extended-learning program at Riverbend schools on behalf of the district.",
                  "Students at the four schools that received the grant, 2024-25 and 2025-26.",
                  "2025-10-01", "2026-12-31",
                  ["student_id", "school", "grade", "attendance_events", "program_flags"],
                  {"name": "Odette Laramie", "title": "Principal, Northfield Evaluation Partners", "date": "2025-10-03"})
    audit["authorized_representative"] = ("Riverbend Unified School District designates Northfield Evaluation Partners "
                                          "as its authorized representative for this evaluation only.")
    audit["legitimate_interest"] = "Evaluation of a state-supported education program required by the grant."

    official = _base("DSA-03-school-official", "Ninth-grade success mentoring", "Riverbend Mentors", "school_official",
                     "Provide ninth-grade mentoring and tutoring, a service the district would otherwise provide with its own staff.",
                     "Ninth graders assigned to the program by the district.",
                     "2025-08-25", "2026-06-30",
                     ["student_id", "student_name", "grade", "school", "course_marks", "attendance_events"], mentors)
    official["direct_control"] = ("The district directs and controls the mentors' use of the records: the district chooses "
                                  "which records are shared, reviews access logs monthly and can end access at any time.")
    official["legitimate_interest"] = "Mentors need current marks and attendance to plan weekly tutoring."
    official["annual_notice_criteria"] = ("The district's annual FERPA notice defines school officials to include contractors, "
                                          "consultants and volunteers performing institutional services under district control.")

    consent = _base("DSA-04-consent", "Attendance sharing with parent consent", "Bright Futures After-School", "consent",
                    "Share participants' school attendance so site staff can follow up when attendance drops.",
                    "Only students whose parent signed the Bright Futures consent form (form BF-C1, 2025 edition).",
                    "2025-09-01", "2026-06-30",
                    ["student_id", "student_name", "attendance_events"], bright)
    consent["legitimate_interest"] = "Signed, dated parent consent names the records, the purpose and Bright Futures as recipient."

    # Deficient drafts -----------------------------------------------------------------
    bad_studies = _base("DSA-05-studies-draft", "Reading study (draft from partner)", "Riverbend Data Collaborative", "studies",
                        "Research on early reading.", "All students.", "2025-10-01", "2027-06-30",
                        ["student_id", "student_name", "date_of_birth", "home_address", "assessment_scores"], hub)
    bad_studies["destruction"] = {"method": "Delete files when the project ends", "deadline": None}
    bad_studies["legitimate_interest"] = "Partner interest in reading outcomes."

    bad_official = _base("DSA-06-school-official-draft", "After-school homework help (draft)", "Bright Futures After-School",
                         "school_official", "Homework help at after-school sites.", "All students at Cedar Ridge Elementary.",
                         "2025-09-01", "2026-06-30", ["student_id", "student_name", "course_marks", "attendance_events", "program_flags"], bright)
    bad_official["legitimate_interest"] = "Staff want to know how students are doing."
    bad_official["annual_notice_criteria"] = None

    bad_audit = _base("DSA-07-audit-draft", "Mentoring program self-evaluation (draft)", "Riverbend Mentors", "audit_evaluation",
                      "Riverbend Mentors evaluates its own mentoring program for its funders.", "All mentees.",
                      "2025-09-01", "2026-08-31", ["student_id", "student_name", "course_marks", "race_ethnicity"], mentors)
    bad_audit["redisclosure"] = None

    bad_consent = _base("DSA-08-consent-draft", "Family center case management (draft)", "Riverbend Family Resource Center", "consent",
                        "Case management for families.", "All children of families served by the center.",
                        "2026-01-01", None, ["student_name", "date_of_birth", "school", "attendance_events", "discipline_incidents"], frc)
    bad_consent["use_limits"] = None
    bad_consent["signatures"] = [frc]
    return [studies, audit, official, consent, bad_studies, bad_official, bad_audit, bad_consent]


#: What is wrong with each deficient draft (for tests and facilitator notes; not written to disk).
DEFICIENCIES = {
    "DSA-05-studies-draft": ["destruction deadline missing", "scope and purpose too vague", "more data elements than needed"],
    "DSA-06-school-official-draft": ["direct control missing", "annual notice criteria missing"],
    "DSA-07-audit-draft": ["no authorized representative; a nonprofit cannot use audit/evaluation for its own program", "redisclosure missing"],
    "DSA-08-consent-draft": ["no end date", "use limits missing", "district signature missing",
                             "no statement that parents signed and dated consent (only the center signed)"],
}


def write_agreements(out_dir: Path) -> list[Path]:
    """Write each agreement as ``<id>.yaml`` in ``out_dir``; return the paths in order."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for agreement in _agreements():
        path = out_dir / f"{agreement['id']}.yaml"
        text = yaml.safe_dump(agreement, sort_keys=False, allow_unicode=True, width=100)
        path.write_text(f"# {NOTE}.\n" + text, encoding="utf-8", newline="\n")
        paths.append(path)
    return paths
