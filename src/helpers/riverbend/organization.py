"""Riverbend's organizational data: data systems, stakeholders, data requests, skills survey.

These tables feed the non-technical principles (leaders, ecosystem, action, people, FERPA).
All names are fictional.

Example:
    >>> import numpy as np
    >>> t = build_organization(np.random.default_rng(1))
    >>> sorted(t)
    ['data_requests', 'data_systems', 'staff_skills_survey', 'stakeholders']
    >>> t["data_systems"]["system_id"].is_unique
    True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SYSTEMS_COLUMNS = ["system_id", "system_name", "organization", "owner", "steward", "data_elements",
                   "refresh", "format", "legal_basis", "holds_pii"]
SYSTEMS = [
    ("SYS01", "PowerRiver SIS", "Riverbend Unified School District", "Chief Academic Officer", "District Data Manager",
     "student_id;state_id;student_name;date_of_birth;gender;race_ethnicity;grade;school;home_address;guardian_name;guardian_phone;guardian_email;home_language;enrollment_dates;attendance_events;program_flags",
     "daily", "database", "FERPA education record", True),
    ("SYS02", "RUSD Gradebook", "Riverbend Unified School District", "Chief Academic Officer", "Curriculum Data Coordinator",
     "student_id;student_name;grade;school;course_marks;credits", "daily", "database", "FERPA education record", True),
    ("SYS03", "State Assessment Portal", "Riverbend Unified School District", "Director of Assessment", "Assessment Coordinator",
     "student_id;state_id;student_name;date_of_birth;grade;school;assessment_scores", "annual", "csv export", "FERPA education record", True),
    ("SYS04", "Behavior Tracker", "Riverbend Unified School District", "Director of Student Services", "Dean of Students (each school)",
     "student_id;student_name;school;discipline_incidents;suspension_days", "daily", "database", "FERPA education record", True),
    ("SYS05", "Special Education Case Manager", "Riverbend Unified School District", "Director of Special Education", "Special Education Data Clerk",
     "student_id;student_name;date_of_birth;school;disability_services;program_flags", "weekly", "database", "FERPA and IDEA", True),
    ("SYS06", "Bright Futures Sign-up Sheets", "Bright Futures After-School", "Executive Director", "Site Coordinator",
     "participant_id;student_name;date_of_birth;school;grade;guardian_phone;program_sessions;consent_flag", "ad hoc", "spreadsheet", "parent consent form", True),
    ("SYS07", "Riverbend Mentors Match Database", "Riverbend Mentors", "Executive Director", "Program Manager",
     "mentee_id;student_name;date_of_birth;school;grade;guardian_name;guardian_phone;mentor_match;consent_flag", "weekly", "cloud app", "parent consent form", True),
    ("SYS08", "Family Center Intake", "Riverbend Family Resource Center", "Center Director", "Intake Specialist",
     "family_id;guardian_name;guardian_phone;home_address;student_name;date_of_birth;school;services_received;consent_flag", "daily", "cloud app", "client consent", True),
    ("SYS09", "Community Dashboard", "Riverbend Rising (collective-impact backbone)", "Backbone Director", "Data Analyst",
     "school;grade;attendance_rate;chronic_absence_rate;assessment_proficiency", "termly", "dashboard", "de-identified aggregates", False),
    ("SYS10", "Riverbend Data Hub", "Riverbend Data Collaborative (neutral hub)", "Hub Director", "Hub Data Steward",
     "hub_person_key;student_id;participant_id;mentee_id;program_sessions;attendance_rate;course_marks", "termly", "database", "data sharing agreements", True),
    ("SYS11", "Youth Soccer League Registration", "Riverbend Youth Soccer League", "League President", "Registrar",
     "student_name;date_of_birth;gender;home_zip;team", "annual", "spreadsheet", "public roster", True),
    ("SYS12", "Bright Futures Attendance Tablet App", "Bright Futures After-School", "Executive Director", "Site Coordinator",
     "participant_id;student_name;school;grade;program_sessions", "daily", "cloud app", "parent consent form", True),
    ("SYS13", "Mentor Survey Spreadsheet", "Riverbend Mentors", "Program Manager", "Volunteer Coordinator",
     "mentee_id;student_name;school;grade;self_reported_grades;self_reported_attendance", "termly", "spreadsheet", "parent consent form", True),
]

STAKEHOLDERS_COLUMNS = ["stakeholder_id", "name", "role", "organization", "priorities", "what_they_can_unblock", "preferred_format"]
STAKEHOLDERS = [
    ("P01", "Dr. Renata Solberg", "superintendent", "Riverbend Unified School District",
     "chronic absence; graduation rate; budget", "approve district data-sharing agreements; assign staff time", "one-page brief with three numbers"),
    ("P02", "Walter Ebbesen", "school board chair", "Riverbend Unified School District",
     "public trust; student privacy; equity across schools", "board policy on data sharing; public support", "short presentation at a board work session"),
    ("P03", "Lorraine Kibbe", "principal", "Cedar Ridge Elementary",
     "attendance; family engagement; fewer reports", "school-level data entry practices; access to families", "conversation with a printed chart"),
    ("P04", "Desmond Quarrie", "principal", "Riverbend High School",
     "ninth-grade on-track; course failures", "master schedule time for mentors", "weekly email with a list of students"),
    ("P05", "Inez Halvorsen", "district data manager", "Riverbend Unified School District",
     "data quality; security; workload", "SIS exports; technical set-up of transfers", "written specification"),
    ("P06", "Marisol Tengwall", "nonprofit executive director", "Bright Futures After-School",
     "show funders results; recruit families", "roster sharing; program consent forms", "dashboard and a short story"),
    ("P07", "Gordon Ashdown", "nonprofit board chair", "Bright Futures After-School",
     "organizational risk; sustainability", "board approval of agreements and budget", "one-page summary with risks"),
    ("P08", "Keisha Underhill", "nonprofit executive director", "Riverbend Mentors",
     "match quality; mentee attendance", "mentee rosters; consent forms", "dashboard"),
    ("P09", "Farid Nakamura-Bell", "center director", "Riverbend Family Resource Center",
     "family stability; housing; trust of families", "family intake consent; outreach", "conversation"),
    ("P10", "Beatrix Oyelowo", "funder", "Riverbend Community Foundation",
     "evidence of impact; collaboration", "multi-year funding for the hub", "annual report with charts"),
    ("P11", "Councilmember Arlo Vance", "mayor's office", "City of Riverbend",
     "youth safety; visible wins", "city funds; convening power", "two-minute talking points"),
    ("P12", "Rosa Delacroix-Pham", "parent leader", "Riverbend Parent Council",
     "privacy; respectful use of family information", "parent trust; consent campaign", "community meeting in English and Spanish"),
    ("P13", "Samuel Okonkwo-Reyes", "backbone director", "Riverbend Rising",
     "shared indicators; partner alignment", "neutral convening; shared dashboard", "shared dashboard"),
    ("P14", "Prof. Helena Marchetti", "hub director", "Riverbend Data Collaborative",
     "sound governance; linkage quality", "hosting the data hub; analysis capacity", "technical memo"),
]

REQUESTS_COLUMNS = ["request_id", "received_on", "requester_org", "requester_role", "purpose", "question",
                    "fields_requested", "intended_action", "frequency", "scenario_notes"]
REQUESTS = [
    ("R01", "2025-09-03", "Bright Futures After-School", "executive director", "program improvement",
     "Are our participants attending school more than last year?",
     "student_id;student_name;date_of_birth;attendance_events", "adjust outreach to participants with falling attendance", "termly",
     "Bright Futures wants data on its own participants. Signed parent consent forms naming the district, the attendance records and this purpose are on file for most participants."),
    ("R02", "2025-09-10", "Riverbend Mentors", "program manager", "tutoring and mentoring service for the district",
     "Which of the ninth graders we mentor are failing a core course right now?",
     "student_id;student_name;course_marks;attendance_events", "mentors contact teachers and plan tutoring within a week", "weekly",
     "The district contracted Riverbend Mentors to run its ninth-grade success program, work district staff would otherwise do. The contract says the district controls how the records are used, and the district's annual notice defines school officials to include contractors performing district services."),
    ("R03", "2025-09-22", "Riverbend Data Collaborative", "hub director", "research for the district",
     "Which early-warning indicators best predict ninth-grade course failure in Riverbend?",
     "student_id;grade;school;attendance_events;course_marks;discipline_incidents;assessment_scores", "district revises its early-warning thresholds", "once",
     "The study is done for the district to improve instruction, under a written agreement. Student names are not needed; a study ID is enough."),
    ("R04", "2025-10-01", "State Department of Education", "program evaluator", "evaluation of a state-funded program",
     "Did the state-funded extended-learning grant improve attendance at the schools that received it?",
     "student_id;state_id;school;grade;attendance_events;program_flags", "state decides whether to renew the grant", "annual",
     "The state education agency is evaluating a state-supported education program and designates an evaluation firm as its authorized representative."),
    ("R05", "2025-10-06", "Riverbend Youth Soccer League", "registrar", "recruitment",
     "Can we get names and grades of all fifth graders to send flyers home?",
     "student_name;grade;school", "mail recruitment flyers", "annual",
     "The district's annual notice designates student name, grade and school as directory information; families had 30 days to opt out and 4% did."),
    ("R06", "2025-10-15", "Riverbend Family Resource Center", "center director", "emergency",
     "A student told a counselor her family is sleeping in a car tonight; can the center get the family's contact details now?",
     "student_name;guardian_name;guardian_phone", "place the family in emergency housing tonight", "once",
     "A specific, immediate threat to the student's safety, and the center has emergency shelter beds."),
    ("R07", "2025-10-20", "Riverbend Community Foundation", "program officer", "funder reporting",
     "What share of students in each school is chronically absent, by grade band?",
     "school;grade;attendance_events", "target next year's attendance grants", "annual",
     "The foundation asks only for counts and rates by school and grade band; small groups would be suppressed before release."),
    ("R08", "2025-11-02", "City of Riverbend", "mayor's office staffer", "nice to know",
     "How many students live in each ZIP code, and what are their names and addresses?",
     "student_name;date_of_birth;home_address;home_zip;grade;school", "none stated", "once",
     "The mayor's office says the list 'might be useful for future planning' and has no program that would use it."),
    ("R09", "2025-11-10", "Bright Futures After-School", "site coordinator", "grant application",
     "How many Cedar Ridge students are economically disadvantaged?",
     "student_id;student_name;date_of_birth;home_address;guardian_phone;program_flags", "cite one number in a grant application", "once",
     "The answer is a single count for one school; the request asks for a full student-level file."),
    ("R10", "2025-11-18", "Riverbend Rising", "data analyst", "shared community dashboard",
     "How did chronic absence change from last year, by school and subgroup?",
     "school;grade;race_ethnicity;program_flags;attendance_events", "choose schools for an attendance campaign", "termly",
     "Published as aggregates on a public dashboard; some subgroups at some schools have fewer than 10 students."),
    ("R11", "2025-12-01", "Riverbend Mentors", "executive director", "own program evaluation",
     "Does our mentoring improve grades compared with similar students?",
     "student_id;student_name;course_marks;attendance_events;race_ethnicity;program_flags", "report results to our board and funders", "annual",
     "Riverbend Mentors wants to evaluate its own program. It is not a state or local education authority and the district did not ask for the evaluation. Consent forms cover attendance only, not marks."),
    ("R12", "2026-01-08", "Riverbend Family Resource Center", "intake specialist", "case management",
     "Which schools do the children of our families attend, and are they attending?",
     "student_name;date_of_birth;school;attendance_events", "caseworkers follow up with families whose children are missing school", "monthly",
     "Families sign an intake form that authorizes the district to share their children's attendance with the center for case management; about 70% of children's records have signed consent."),
    ("R13", "2026-01-15", "Local news reporter", "journalist", "news story",
     "Which school has the most suspensions, and can we see the incident list?",
     "student_id;school;discipline_incidents;suspension_days;race_ethnicity", "write an article", "once",
     "The reporter asks for incident-level rows; the same information could be published as counts by school."),
    ("R14", "2026-02-02", "Bright Futures After-School", "board chair", "nice to know",
     "What are the test scores of every student at our sites, including those not in our program?",
     "student_id;student_name;assessment_scores;school;grade", "none stated", "once",
     "No decision or program change depends on the answer; most of the students are not participants."),
    ("R15", "2026-02-20", "Riverbend Unified School District", "Director of Student Services", "district-run evaluation",
     "Did the district's own attendance-mentor pilot reduce chronic absence at the two middle schools?",
     "student_id;school;grade;attendance_events;program_flags", "decide whether to expand the pilot to all middle schools", "once",
     "The local education agency itself is evaluating its program and wants the hub, as its designated authorized representative, to do the analysis."),
    ("R16", "2026-03-05", "Riverbend Youth Soccer League", "league president", "scholarships",
     "Which of our players qualify for free meals, so we can waive fees?",
     "student_name;date_of_birth;program_flags", "waive registration fees", "annual",
     "Eligibility for free meals is not directory information. The league could instead ask families to consent or to self-certify."),
]

SKILLS = ["spreadsheets", "data_visualization", "data_privacy", "ferpa_knowledge", "data_governance",
          "record_linkage", "sql_or_python", "communicating_data",
          # the skills of those who lead the work (Playbook principle 7)
          "convening_partners", "negotiating_agreements", "building_trust"]
# mean self-rating by role for each skill in SKILLS (1 = no experience ... 4 = could teach it)
ROLE_PROFILE = {
    "executive director": [2.8, 2.2, 2.0, 1.9, 2.0, 1.2, 1.0, 3.3, 3.4, 2.0, 3.3],
    "hub director": [3.5, 3.3, 3.6, 3.3, 3.6, 3.4, 3.2, 3.4, 3.3, 3.8, 3.0],
    "district administrator": [3.0, 2.6, 2.8, 3.3, 2.8, 1.3, 1.2, 3.2, 3.0, 2.6, 2.4],
    "principal": [2.7, 2.3, 2.6, 3.0, 2.3, 1.2, 1.1, 3.1, 2.6, 1.5, 2.5],
    "teacher": [2.6, 1.9, 2.3, 2.4, 1.5, 1.1, 1.1, 2.5, 1.6, 1.1, 2.0],
    "program manager": [3.0, 2.3, 2.0, 1.8, 1.8, 1.2, 1.1, 2.8, 2.8, 1.6, 2.8],
    "program coordinator": [3.0, 2.0, 1.8, 1.5, 1.4, 1.2, 1.1, 2.4, 2.2, 1.3, 2.6],
    "youth worker": [2.2, 1.5, 1.6, 1.3, 1.2, 1.0, 1.0, 2.1, 1.7, 1.1, 2.7],
    "case manager": [2.4, 1.5, 2.2, 1.6, 1.3, 1.1, 1.0, 2.0, 2.0, 1.2, 2.8],
    "intake specialist": [2.8, 1.6, 2.4, 1.7, 1.5, 1.1, 1.0, 2.0, 1.6, 1.1, 2.5],
    "data analyst": [3.8, 3.3, 3.1, 3.0, 2.8, 2.6, 3.2, 2.4, 1.6, 1.4, 1.8],
    "hub analyst": [3.7, 3.4, 3.3, 2.7, 3.0, 3.1, 3.5, 2.6, 1.7, 1.5, 2.0],
}
#: The group each role belongs to (groups are large enough to report without exposing anyone).
ROLE_GROUP = {
    "executive director": "leaders", "hub director": "leaders", "district administrator": "leaders",
    "principal": "leaders", "teacher": "teachers", "program manager": "program staff",
    "program coordinator": "program staff", "youth worker": "program staff", "case manager": "program staff",
    "intake specialist": "program staff", "data analyst": "data staff", "hub analyst": "data staff",
}
#: Who answered, organization by organization: one executive director per nonprofit, a role mix
#: that fits each organization's size (120 people in all).
STAFF = {
    "Riverbend Unified School District": {"district administrator": 3, "principal": 8, "teacher": 34,
                                          "data analyst": 5},
    "Riverbend Data Collaborative": {"hub director": 1, "hub analyst": 4},
    "Riverbend Rising": {"executive director": 1, "program coordinator": 4, "data analyst": 2},
    "Bright Futures After-School": {"executive director": 1, "program coordinator": 5, "youth worker": 16},
    "Riverbend Mentors": {"executive director": 1, "program manager": 1, "program coordinator": 12},
    "Riverbend Family Resource Center": {"executive director": 1, "intake specialist": 3, "program coordinator": 4,
                                         "case manager": 14},
}


def staff_skills_survey(rng: np.random.Generator) -> pd.DataFrame:
    """Self-ratings (1-4) by the 120 staff in :data:`STAFF`; gaps differ by role.

    Technical skills (linkage, SQL) sit with a few data staff; the skills of leading the work
    (convening partners, negotiating agreements, building trust across organizations) sit mostly
    with leaders, and negotiating a data-sharing agreement with hardly anyone.
    """
    people = [(org, role) for org, roles in STAFF.items() for role, count in roles.items() for _ in range(count)]
    order = rng.permutation(len(people))
    orgs = np.array([people[i][0] for i in order], dtype=object)
    roles = np.array([people[i][1] for i in order], dtype=object)
    n = len(people)
    out = {
        "respondent_id": [f"S{i:03d}" for i in range(1, n + 1)],
        "organization": orgs,
        "role": roles,
        "role_group": [ROLE_GROUP[r] for r in roles],
        "years_in_role": np.minimum(rng.geometric(0.22, size=n) - 1, 30),
    }
    means = np.array([ROLE_PROFILE[r] for r in roles])
    ratings = np.clip(np.rint(means + 0.7 * rng.standard_normal(means.shape)), 1, 4).astype(int)
    for j, skill in enumerate(SKILLS):
        out[skill] = ratings[:, j]
    wants = []
    for row in ratings:
        weakest = np.argsort(row, kind="stable")[:2]
        wants.append(";".join(SKILLS[k] for k in sorted(weakest)) if rng.random() < 0.85 else "")
    out["wants_training_in"] = wants
    return pd.DataFrame(out)


def build_organization(rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """The four organizational tables (see module docstring)."""
    return {
        "data_systems": pd.DataFrame(SYSTEMS, columns=SYSTEMS_COLUMNS),
        "stakeholders": pd.DataFrame(STAKEHOLDERS, columns=STAKEHOLDERS_COLUMNS),
        "data_requests": pd.DataFrame(REQUESTS, columns=REQUESTS_COLUMNS),
        "staff_skills_survey": staff_skills_survey(rng),
    }
