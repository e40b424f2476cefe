"""The data dictionary: a Frictionless ``datapackage.json`` and a readable Markdown page.

Every column has a type, a description, constraints and an ``identifier`` class used by the
privacy lessons: ``direct`` (names, IDs, address, phone, e-mail), ``quasi`` (date of birth,
ZIP, gender, race, grade, school), ``sensitive`` (IEP, homeless, discipline, marks...) or
``none``.

Example:
    >>> pkg = datapackage()
    >>> [r["name"] for r in pkg["resources"]][:2]
    ['schools', 'students']
    >>> field = resource(pkg, "students")["schema"]["fields"][0]
    >>> field["name"], field["identifier"]
    ('student_id', 'direct')
"""

from __future__ import annotations

import json

from .district import ACTIONS, EVENTS, GRADES, INCIDENT_TYPES, LANGUAGES, MARKS, RACES, SUBJECTS, YEARS

S, I, N, B, D = "string", "integer", "number", "boolean", "date"
GRADE_TESTED = [3, 4, 5, 6, 7, 8, 11]


def f(name, type_, ident, description, *, required=True, unique=False, enum=None, **extra):
    """One field: ``f(name, type, identifier, description, required=..., unique=..., enum=...)``."""
    constraints = {"required": required}
    if unique:
        constraints["unique"] = True
    if enum is not None:
        constraints["enum"] = list(enum)
    constraints.update(extra)
    return {"name": name, "type": type_, "description": description,
            "constraints": constraints, "identifier": ident}


def _fk(field, resource, ref="student_id"):
    return {"fields": field, "reference": {"resource": resource, "fields": ref}}


SID = f("student_id", S, "direct", "District student ID (e.g. RB100234).")
SCH = f("school_id", S, "quasi", "School code; see schools.")
YEAR = f("school_year", S, "none", "School year: 2024-25 (prior) or 2025-26 (current).", enum=YEARS)

RESOURCES = [
    ("schools", "district", "The district's 12 schools (7 elementary, 3 middle, 2 high).", ["school_id"], [], [
        f("school_id", S, "none", "School code.", unique=True),
        f("school_name", S, "none", "School name.", unique=True),
        f("level", S, "none", "School level.", enum=["elementary", "middle", "high"]),
        f("grades", S, "none", "Grades served, e.g. K-5."),
        f("zip", S, "none", "School ZIP code (fictional, in the unassigned 000xx-004xx ranges; Riverbend itself uses 001xx/002xx)."),
        f("principal", S, "direct", "Principal's name (fictional)."),
    ]),
    ("students", "district", "One row per student enrolled at any time in 2025-26 (SIS export).",
     ["student_id"], [_fk("school_id", "schools", "school_id")], [
        f("student_id", S, "direct", "District student ID (e.g. RB100234).", unique=True),
        f("state_id", S, "direct", "10-digit state student ID.", unique=True, pattern=r"\d{10}"),
        f("first_name", S, "direct", "First name."),
        f("middle_name", S, "direct", "Middle name; often blank.", required=False),
        f("last_name", S, "direct", "Last name."),
        f("date_of_birth", D, "quasi", "Date of birth; missing for some students at one school.", required=False),
        f("gender", S, "quasi", "F, M or X (non-binary).", enum=["F", "M", "X"]),
        f("race_ethnicity", S, "quasi", "Federal race/ethnicity category.", enum=RACES),
        f("grade", S, "quasi", "Grade in 2025-26 (K, 1-12).", enum=GRADES),
        f("school_id", S, "quasi", "School in 2025-26; see schools."),
        f("street_address", S, "direct", "Home street address (fictional)."),
        f("zip", S, "quasi", "Home ZIP code (fictional, in the unassigned 000xx-004xx ranges; Riverbend itself uses 001xx/002xx)."),
        f("guardian_name", S, "direct", "Parent or guardian's name."),
        f("guardian_phone", S, "direct", "Guardian phone (555-01xx); some blank.", required=False),
        f("guardian_email", S, "direct", "Guardian e-mail (example.org/.com)."),
        f("home_language", S, "quasi", "Main language spoken at home.", enum=LANGUAGES),
        f("english_learner", B, "sensitive", "English learner (true/false)."),
        f("iep", B, "sensitive", "Has an individualized education program (special education)."),
        f("section_504", B, "sensitive", "Has a Section 504 plan."),
        f("economically_disadvantaged", B, "sensitive", "Eligible for free or reduced-price meals."),
        f("homeless", B, "sensitive", "Identified as homeless (McKinney-Vento)."),
        f("foster_care", B, "sensitive", "In foster care."),
    ]),
    ("enrollment", "district", "Enrollment spells per student and school year. Only students in the 2025-26 export appear.",
     ["student_id", "school_year"], [_fk("student_id", "students"), _fk("school_id", "schools", "school_id")], [
        SID, SCH, YEAR,
        f("entry_date", D, "none", "First day enrolled that year."),
        f("exit_date", D, "none", "Last day enrolled that year."),
        f("days_enrolled", I, "none", "Instructional days enrolled (of 180).", minimum=1, maximum=180),
    ]),
    ("attendance", "district",
     "One row per attendance event (absences of every type, and tardies). Days without a row are days present. "
     "Absences of all types count toward chronic absence; tardies do not. One school's file has duplicate rows and a gap.",
     [], [_fk("student_id", "students"), _fk("school_id", "schools", "school_id")], [
        SID, SCH, YEAR,
        f("date", D, "none", "School day of the event."),
        f("event", S, "sensitive", "excused_absence, unexcused_absence, suspension (out of school) or tardy.", enum=EVENTS),
    ]),
    ("course_marks", "district", "Semester marks for middle and high school (elementary uses standards-based reports, not included).",
     ["student_id", "school_year", "term", "course_id"], [_fk("student_id", "students")], [
        SID, YEAR,
        f("term", S, "none", "Semester.", enum=["S1", "S2"]),
        f("course_id", S, "none", "Course code: subject prefix and grade, e.g. MATH07."),
        f("subject", S, "none", "Subject area.", enum=SUBJECTS),
        f("mark", S, "sensitive", "Letter mark A-F.", enum=MARKS),
        f("credits", N, "none", "Credits earned toward graduation (0.5 per high school semester course; 0 in middle school)."),
    ]),
    ("assessments", "district", "State test results, grades 3-8 and 11.",
     ["student_id", "school_year", "subject"], [_fk("student_id", "students")], [
        SID, YEAR,
        f("subject", S, "none", "Tested subject.", enum=["ELA", "Math"]),
        f("grade_tested", I, "quasi", "Grade in which the test was taken.", enum=GRADE_TESTED),
        f("scale_score", I, "sensitive", "Scale score."),
        f("performance_level", I, "sensitive", "1 (well below) to 4 (exceeds standard); 3+ is proficient.", enum=[1, 2, 3, 4]),
    ]),
    ("discipline", "district",
     "Discipline incidents. Out-of-school suspension days match 'suspension' attendance events on the following school days.",
     ["incident_id"], [_fk("student_id", "students"), _fk("school_id", "schools", "school_id")], [
        f("incident_id", S, "none", "Incident number.", unique=True),
        SID, SCH, YEAR,
        f("date", D, "none", "Date of the incident."),
        f("incident_type", S, "sensitive", "What happened.", enum=INCIDENT_TYPES),
        f("action", S, "sensitive", "Consequence.", enum=ACTIONS),
        f("days_suspended", I, "sensitive", "Days of in-school or out-of-school suspension (0 otherwise)."),
    ]),
    ("afterschool_roster", "partners",
     "Bright Futures After-School sign-up list (program started 2025-26), typed by site staff. Dates are strings as typed.",
     ["participant_id"], [], [
        f("participant_id", S, "direct", "Bright Futures ID.", unique=True),
        f("first_name", S, "direct", "First name as given (nicknames, typos)."),
        f("last_name", S, "direct", "Last name as given."),
        f("date_of_birth", S, "quasi", "Date of birth as typed: mixed formats, some blank or day/month swapped.", required=False),
        f("school", S, "quasi", "School as typed (free text)."),
        f("grade", S, "quasi", "Grade as typed (3, 3rd, Gr 3, K, Kinder...)."),
        f("guardian_phone", S, "direct", "Guardian phone as given."),
        f("enrolled_on", D, "none", "Date of sign-up."),
        f("sessions_attended", I, "sensitive", "Program sessions attended so far."),
        f("consent_on_file", B, "none", "Signed parent consent to share with the district is on file."),
    ]),
    ("mentoring_roster", "partners", "Riverbend Mentors mentee list.", ["mentee_id"], [], [
        f("mentee_id", S, "direct", "Riverbend Mentors ID.", unique=True),
        f("full_name", S, "direct", "Name as recorded: 'First Last' or 'Last, First', often a nickname."),
        f("birth_date", S, "quasi", "Date of birth (YYYY-MM-DD) as recorded; some blank or wrong.", required=False),
        f("school", S, "quasi", "School as typed (free text)."),
        f("match_start", D, "none", "Date matched with a mentor."),
        f("consent_on_file", B, "none", "Signed parent consent to share with the district is on file."),
    ]),
    ("family_center_families", "partners",
     "Riverbend Family Resource Center intake, one row per registration (some families registered twice; some addresses are old).",
     ["family_id"], [], [
        f("family_id", S, "direct", "Family ID.", unique=True),
        f("primary_contact_name", S, "direct", "Parent or guardian's name as given."),
        f("phone", S, "direct", "Contact phone."),
        f("street_address", S, "direct", "Address at intake (may be out of date)."),
        f("zip", S, "quasi", "ZIP at intake."),
        f("services", S, "sensitive", "Services received (semicolon-separated)."),
        f("intake_date", D, "none", "Date of intake."),
    ]),
    ("family_center_children", "partners",
     "Children listed on family intakes, including younger siblings and private-school children who are not district students.",
     ["child_id"], [_fk("family_id", "family_center_families", "family_id")], [
        f("child_id", S, "direct", "Child ID.", unique=True),
        f("family_id", S, "direct", "Family; see family_center_families."),
        f("first_name", S, "direct", "First name as given (sometimes swapped with last name)."),
        f("last_name", S, "direct", "Last name as given."),
        f("date_of_birth", S, "quasi", "Date of birth as typed: mixed formats, some blank or swapped.", required=False),
        f("school", S, "quasi", "School as given (free text; may be a preschool, private school or blank).", required=False),
        f("consent_on_file", B, "none", "Signed consent to share with the district is on file."),
    ]),
    ("community_directory", "public",
     "A public-style listing: the Riverbend Youth Soccer League roster. Covers part of the district's students (and some others). "
     "Used for the re-identification exercise.", ["registration_id"], [], [
        f("registration_id", S, "direct", "League registration number.", unique=True),
        f("player_name", S, "direct", "Player's name."),
        f("birth_date", D, "quasi", "Date of birth."),
        f("gender", S, "quasi", "F, M or X.", enum=["F", "M", "X"]),
        f("zip", S, "quasi", "Home ZIP code."),
        f("team", S, "none", "Team name."),
    ]),
    ("linkage_truth", "ground_truth",
     "Who is who across partner files. Such a table NEVER exists in real life; it is here only to measure linkage quality.",
     ["source", "source_record_id"], [_fk("student_id", "students")], [
        f("source", S, "none", "Partner resource name.",
          enum=["afterschool_roster", "mentoring_roster", "family_center_children", "community_directory"]),
        f("source_record_id", S, "direct", "ID in that partner file."),
        f("student_id", S, "direct", "The district student it is, or blank if not a district student.", required=False),
    ]),
    ("data_systems", "organization", "Inventory of the community's data systems. Data element names are shared across systems so overlaps can be found.",
     ["system_id"], [], [
        f("system_id", S, "none", "System code.", unique=True),
        f("system_name", S, "none", "System name."),
        f("organization", S, "none", "Organization that runs it."),
        f("owner", S, "none", "Data owner (accountable)."),
        f("steward", S, "none", "Data steward (day-to-day quality and rules)."),
        f("data_elements", S, "none", "Data elements held (semicolon-separated, shared vocabulary)."),
        f("refresh", S, "none", "How often it is updated.", enum=["daily", "weekly", "termly", "annual", "ad hoc"]),
        f("format", S, "none", "Storage or export format."),
        f("legal_basis", S, "none", "Why the organization may hold the data."),
        f("holds_pii", B, "none", "Holds personally identifiable information."),
    ]),
    ("stakeholders", "organization", "Leaders and decision-makers, what they care about and can unblock.",
     ["stakeholder_id"], [], [
        f("stakeholder_id", S, "none", "Stakeholder code.", unique=True),
        f("name", S, "direct", "Name (fictional)."),
        f("role", S, "none", "Role."),
        f("organization", S, "none", "Organization."),
        f("priorities", S, "none", "What they care about (semicolon-separated)."),
        f("what_they_can_unblock", S, "none", "Decisions or resources they control."),
        f("preferred_format", S, "none", "How they like to receive information."),
    ]),
    ("data_requests", "organization",
     "Log of data requests received by the district. scenario_notes give the facts needed to choose a FERPA pathway (not the answer).",
     ["request_id"], [], [
        f("request_id", S, "none", "Request code.", unique=True),
        f("received_on", D, "none", "Date received."),
        f("requester_org", S, "none", "Requesting organization."),
        f("requester_role", S, "none", "Requester's role."),
        f("purpose", S, "none", "Stated purpose."),
        f("question", S, "none", "The question they want answered."),
        f("fields_requested", S, "none", "Data elements requested (semicolon-separated)."),
        f("intended_action", S, "none", "What they will do with the answer."),
        f("frequency", S, "none", "How often.", enum=["once", "weekly", "monthly", "termly", "annual"]),
        f("scenario_notes", S, "none", "Facts for deciding the pathway."),
    ]),
    ("staff_skills_survey", "organization", "Self-rated data skills (1 = no experience ... 4 = could teach it).",
     ["respondent_id"], [], [
        f("respondent_id", S, "none", "Respondent code.", unique=True),
        f("organization", S, "none", "Organization."),
        f("role", S, "quasi", "Job role (one executive director per nonprofit)."),
        f("role_group", S, "none", "Group of roles, large enough to report without exposing anyone.",
          enum=["leaders", "data staff", "program staff", "teachers"]),
        f("years_in_role", I, "quasi", "Years in current role."),
        *[f(sk, I, "none", f"Self-rating for {sk.replace('_', ' ')} (1-4).", enum=[1, 2, 3, 4])
          for sk in ["spreadsheets", "data_visualization", "data_privacy", "ferpa_knowledge", "data_governance",
                     "record_linkage", "sql_or_python", "communicating_data"]],
        f("convening_partners", I, "none", "Self-rating for convening partners: bringing organizations to the table "
          "and keeping them there (1-4).", enum=[1, 2, 3, 4]),
        f("negotiating_agreements", I, "none", "Self-rating for negotiating data-sharing agreements with other "
          "organizations (1-4).", enum=[1, 2, 3, 4]),
        f("building_trust", I, "none", "Self-rating for building trust across organizations (1-4).",
          enum=[1, 2, 3, 4]),
        f("wants_training_in", S, "none", "Skills they want training in (semicolon-separated).", required=False),
    ]),
]

DESCRIPTION = (
    "Synthetic, entirely fictional data about the invented community of Riverbend, made by a seeded generator "
    "(python -m helpers.riverbend). No real person is described. ZIP codes are in the unassigned 000xx-004xx "
    "ranges, phone numbers use the reserved 555-01xx lines, e-mails use example.org/example.com, and there are "
    "no Social Security numbers. Besides the CSV resources: organization/agreements/*.yaml are draft data-sharing "
    "agreements (fictional training material, not legal advice) and ground_truth/README.md explains the linkage truth."
)


def datapackage() -> dict:
    """The data package descriptor (a plain dict ready for ``json.dump``)."""
    resources = []
    for name, folder, description, pk, fks, fields in RESOURCES:
        schema = {"fields": fields}
        if pk:
            schema["primaryKey"] = pk
        if fks:
            schema["foreignKeys"] = fks
        resources.append({"name": name, "path": f"{folder}/{name}.csv", "format": "csv",
                          "mediatype": "text/csv", "encoding": "utf-8",
                          "description": description, "schema": schema})
    resources.append({"name": "agreements", "path": "organization/agreements", "format": "yaml",
                      "description": "Draft data-sharing agreements, one YAML file each; some are deliberately deficient."})
    return {"name": "riverbend", "title": "Riverbend: a fictional community's school and partner data",
            "description": DESCRIPTION, "licenses": [{"name": "CC0-1.0"}], "resources": resources}


def resource(package: dict, name: str) -> dict:
    """The resource called ``name`` in ``package`` (KeyError if absent)."""
    for r in package["resources"]:
        if r["name"] == name:
            return r
    raise KeyError(name)


def to_json(package: dict) -> str:
    """Stable JSON text for the descriptor."""
    return json.dumps(package, indent=2, ensure_ascii=False) + "\n"


def to_markdown(package: dict) -> str:
    """A readable page with one table per resource (``docs/data-dictionary.md``)."""
    lines = ["# Riverbend data dictionary", "",
             "<!-- Generated by `python -m helpers.riverbend` from datasets/datapackage.json. Do not edit. -->", "",
             package["description"], "",
             "Identifier classes: **direct** identifies a person on its own; **quasi** can identify in combination; "
             "**sensitive** is information to protect; **none** is neither.", ""]
    for r in package["resources"]:
        lines += [f"## {r['name']}", "", f"`{r['path']}` ({r['format']}). {r['description']}", ""]
        if "schema" not in r:
            continue
        schema = r["schema"]
        if schema.get("primaryKey"):
            lines += [f"Primary key: {', '.join(schema['primaryKey'])}.", ""]
        for fk in schema.get("foreignKeys", []):
            lines += [f"Foreign key: {fk['fields']} → {fk['reference']['resource']}.{fk['reference']['fields']}.", ""]
        lines += ["| Column | Type | Identifier | Required | Description | Allowed values |",
                  "| --- | --- | --- | --- | --- | --- |"]
        for fld in schema["fields"]:
            c = fld["constraints"]
            allowed = ", ".join(str(v) for v in c.get("enum", []))
            req = "yes" if c.get("required") else "no"
            if c.get("unique"):
                req += " (unique)"
            lines.append(f"| {fld['name']} | {fld['type']} | {fld['identifier']} | {req} | "
                         f"{fld['description']} | {allowed} |")
        lines.append("")
    return "\n".join(lines)
