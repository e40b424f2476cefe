"""The Riverbend Unified School District: schools, students and their SIS exports.

Everything is drawn with one seeded numpy generator and built column-at-a-time, so a
community of 100,000 students takes seconds, not hours. Hidden facts that the exports do not
show (households, absence propensity, who joined the after-school program) are returned in
``District.hidden`` for the partner generator and the tests.

Example:
    >>> import numpy as np
    >>> d = build_district(np.random.default_rng(7), 300)
    >>> sorted(d.tables)[:3]
    ['assessments', 'attendance', 'course_marks']
    >>> d.tables["students"]["student_id"].is_unique
    True
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import names
from .areas import community_schools, community_zips

CURRENT_YEAR = "2025-26"
PRIOR_YEAR = "2024-25"
YEARS = (PRIOR_YEAR, CURRENT_YEAR)
DAYS_IN_YEAR = 180
GRADES = ["K"] + [str(g) for g in range(1, 13)]
RACES = [
    "Hispanic or Latino",
    "White",
    "Black or African American",
    "Asian",
    "American Indian or Alaska Native",
    "Native Hawaiian or Other Pacific Islander",
    "Two or more races",
]
RACE_P = [0.25, 0.45, 0.17, 0.06, 0.01, 0.004, 0.056]
LANGUAGES = ["English", "Spanish", "Vietnamese", "Arabic", "Somali", "Mandarin", "Hmong", "Other"]
EVENTS = ["excused_absence", "unexcused_absence", "suspension", "tardy"]
ACTIONS = ["warning", "detention", "in_school_suspension", "out_of_school_suspension"]
INCIDENT_TYPES = [
    "classroom_disruption", "defiance", "fighting", "bullying", "technology_misuse",
    "vandalism", "substance",
]
SUBJECTS = ["ELA", "Math", "Science", "Social Studies", "Elective"]
MARKS = ["A", "B", "C", "D", "F"]

#: The school whose records are noticeably worse (missing birth dates, a gap in attendance
#: records, duplicate attendance rows, missing guardian phones).
MESSY_SCHOOL = "E06"

# school_id, name, level, grades, zip, principal, zips it serves
SCHOOLS = [
    ("E01", "Heron Park Elementary", "elementary", "K-5", "00101", "Dana Whitcombe", ["00101", "00102"]),
    ("E02", "Willow Bend Elementary", "elementary", "K-5", "00103", "Marcus Oyelaran", ["00103", "00104"]),
    ("E03", "Lantern Hill Elementary", "elementary", "K-5", "00105", "Priya Castellano", ["00105", "00106"]),
    ("E04", "Old Mill Elementary", "elementary", "K-5", "00108", "Gretchen Alvarado", ["00107", "00108", "00109"]),
    ("E05", "Otter Creek Elementary", "elementary", "K-5", "00201", "Tomasz Reyes-Hall", ["00201", "00202"]),
    ("E06", "Cedar Ridge Elementary", "elementary", "K-5", "00203", "Lorraine Kibbe", ["00203", "00204"]),
    ("E07", "Kingfisher Elementary", "elementary", "K-5", "00205", "Abdi Farrow", ["00205", "00206"]),
    ("M01", "Riverbend North Middle School", "middle", "6-8", "00102", "Celeste Brannigan", ["00101", "00102", "00103", "00104"]),
    ("M02", "Millrace Middle School", "middle", "6-8", "00107", "Hector Lindqvist", ["00105", "00106", "00107", "00108", "00109"]),
    ("M03", "Riverbend South Middle School", "middle", "6-8", "00204", "Yvonne Achterberg", ["00201", "00202", "00203", "00204", "00205", "00206"]),
    ("H01", "Riverbend High School", "high", "9-12", "00106", "Desmond Quarrie", names.ZIPS_NORTH),
    ("H02", "Riverbend South High School", "high", "9-12", "00202", "Noor Pettibone", names.ZIPS_SOUTH),
]


@dataclass
class District:
    """The district's exported tables plus the hidden facts used to build partner data."""

    tables: dict[str, pd.DataFrame]
    hidden: pd.DataFrame
    days: dict[str, np.ndarray] = field(default_factory=dict)
    schools: list = field(default_factory=lambda: list(SCHOOLS))
    zips: list = field(default_factory=lambda: list(names.ALL_ZIPS))


def school_days(year: str) -> np.ndarray:
    """The 180 instructional days of a school year (weekdays minus holidays and breaks).

    >>> days = school_days("2025-26")
    >>> len(days), str(days[0]), str(days[-1])
    (180, '2025-08-18', '2026-05-29')
    """
    start = int(year[:4])
    holidays = [f"{start}-09-01", f"{start}-10-13", f"{start}-11-11"]
    holidays += [str(d) for d in np.arange(np.datetime64(f"{start}-11-24"), np.datetime64(f"{start}-11-29"))]
    holidays += [str(d) for d in np.arange(np.datetime64(f"{start}-12-22"), np.datetime64(f"{start + 1}-01-03"))]
    holidays += [f"{start + 1}-01-19", f"{start + 1}-02-16"]
    holidays += [str(d) for d in np.arange(np.datetime64(f"{start + 1}-03-16"), np.datetime64(f"{start + 1}-03-21"))]
    span = np.arange(np.datetime64(f"{start}-08-18"), np.datetime64(f"{start + 1}-06-30"))
    ok = np.is_busday(span, holidays=np.array(holidays, dtype="datetime64[D]"))
    return span[ok][:DAYS_IN_YEAR]


def _grade_label(g: np.ndarray) -> np.ndarray:
    return np.array(GRADES, dtype=object)[g]


def _level(g: np.ndarray) -> np.ndarray:
    return np.where(g <= 5, 0, np.where(g <= 8, 1, 2))  # 0 elementary, 1 middle, 2 high


def _school_for(rng: np.random.Generator, zips: np.ndarray, grade: np.ndarray, all_schools=SCHOOLS) -> np.ndarray:
    """Zoned school for each student (by ZIP and grade), with some school choice."""
    level = _level(grade)
    out = np.empty(len(zips), dtype=object)
    for lv, lv_name in enumerate(["elementary", "middle", "high"]):
        schools = [s for s in all_schools if s[2] == lv_name]
        zone = {z: s[0] for s in schools for z in s[6]}
        pick = level == lv
        out[pick] = [zone[z] for z in zips[pick]]
        choice = pick & (rng.random(len(zips)) < 0.07)
        out[choice] = rng.choice(np.array([s[0] for s in schools], dtype=object), size=int(choice.sum()))
    return out


def _households(rng: np.random.Generator, n_students: int, all_zips=names.ALL_ZIPS) -> tuple[pd.DataFrame, np.ndarray]:
    sizes = rng.choice([1, 2, 3, 4], size=n_students, p=[0.45, 0.35, 0.15, 0.05])
    cut = int(np.searchsorted(np.cumsum(sizes), n_students)) + 1
    sizes = sizes[:cut]
    sizes[-1] -= int(sizes.sum()) - n_students
    n_h = len(sizes)
    race = rng.choice(np.array(RACES, dtype=object), size=n_h, p=RACE_P)
    hisp = race == RACES[0]
    lang_p_h = [0.45, 0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.05]
    lang_p_o = [0.88, 0.01, 0.025, 0.025, 0.02, 0.02, 0.01, 0.01]
    lang = np.where(
        hisp,
        rng.choice(np.array(LANGUAGES, dtype=object), size=n_h, p=lang_p_h),
        rng.choice(np.array(LANGUAGES, dtype=object), size=n_h, p=lang_p_o),
    )
    last = names.last_names(rng, n_h)
    g_gender = rng.choice(np.array(["F", "M"]), size=n_h, p=[0.7, 0.3])
    g_first = names.first_names(rng, g_gender)
    g_last = np.where(rng.random(n_h) < 0.85, last, names.last_names(rng, n_h))
    zips = rng.choice(np.array(all_zips, dtype=object), size=n_h)
    econ = rng.random(n_h) < np.where(hisp | (race == RACES[2]), 0.6, 0.32)
    homeless = rng.random(n_h) < np.where(econ, 0.03, 0.002)
    hh = pd.DataFrame(
        {
            "household_id": np.arange(n_h),
            "race": race,
            "home_language": lang,
            "last_name": last,
            "guardian_first": g_first,
            "guardian_last": g_last,
            "street_address": names.street_addresses(rng, n_h),
            "zip": zips,
            "guardian_phone": names.fictional_phones(rng, n_h),
            "guardian_email": names.emails(rng, g_first, g_last),
            "econ": econ,
            "homeless": homeless,
            "size": sizes,
        }
    )
    return hh, np.repeat(np.arange(n_h), sizes)


def _students(rng: np.random.Generator, n: int) -> pd.DataFrame:
    hh, hh_of = _households(rng, n, community_zips(n))
    h = hh.iloc[hh_of].reset_index(drop=True)
    gender = rng.choice(np.array(["F", "M", "X"]), size=n, p=[0.49, 0.495, 0.015])
    grade = rng.integers(0, 13, size=n)
    # age on 1 Sept 2025 is grade + 5; a few were held back a year
    held = rng.random(n) < 0.03
    year0 = 2019 - grade - held
    dob = (
        np.array([f"{y}-09-02" for y in year0], dtype="datetime64[D]")
        + rng.integers(0, 365, size=n).astype("timedelta64[D]")
    )
    first = names.first_names(rng, gender)
    last = np.where(rng.random(n) < 0.9, h["last_name"].to_numpy(), names.last_names(rng, n))
    middle = np.where(rng.random(n) < 0.45, names.first_names(rng, gender), "")
    # twins: in some multi-child households, the second child shares the first child's birth day
    first_in_hh = np.r_[True, hh_of[1:] != hh_of[:-1]]
    second = np.r_[False, (hh_of[1:] == hh_of[:-1]) & first_in_hh[:-1]]
    twin = second & (rng.random(n) < 0.06)
    idx = np.flatnonzero(twin)
    dob[idx] = dob[idx - 1]
    grade[idx] = grade[idx - 1]
    last[idx] = last[idx - 1]
    # a few very common names shared by several unrelated students
    common = [("Maria", "Garcia", "F"), ("James", "Smith", "M"), ("Jose", "Hernandez", "M"),
              ("Emily", "Johnson", "F"), ("Michael", "Brown", "M")]
    per_name = max(3, n // 1000)
    free = np.flatnonzero(~twin & ~np.r_[twin[1:], False])
    chosen = rng.choice(free, size=per_name * len(common), replace=False)
    for k, (f, l_, g) in enumerate(common):
        rows = chosen[k * per_name : (k + 1) * per_name]
        first[rows], last[rows], gender[rows] = f, l_, g
    ids = rng.choice(900_000, size=n, replace=False) + 100_000
    state = rng.choice(9_000_000_000, size=n, replace=False) + 1_000_000_000
    foreign_lang = h["home_language"].to_numpy() != "English"
    iep = rng.random(n) < 0.14
    df = pd.DataFrame(
        {
            "student_id": np.array([f"RB{i}" for i in ids], dtype=object),
            "state_id": state.astype(str).astype(object),
            "first_name": first,
            "middle_name": middle,
            "last_name": last,
            "date_of_birth": dob,
            "gender": gender,
            "race_ethnicity": h["race"].to_numpy(),
            "grade_num": grade,
            "street_address": h["street_address"].to_numpy(),
            "zip": h["zip"].to_numpy(),
            "guardian_name": (h["guardian_first"] + " " + h["guardian_last"]).to_numpy(),
            "guardian_phone": h["guardian_phone"].to_numpy(),
            "guardian_email": h["guardian_email"].to_numpy(),
            "home_language": h["home_language"].to_numpy(),
            "english_learner": rng.random(n) < np.where(foreign_lang, 0.45, 0.01),
            "iep": iep,
            "section_504": ~iep & (rng.random(n) < 0.045),
            "economically_disadvantaged": h["econ"].to_numpy(),
            "homeless": h["homeless"].to_numpy(),
            "foster_care": rng.random(n) < 0.004,
            "household_id": hh_of,
            "twin": twin | np.r_[twin[1:], False],
        }
    )
    df["school_id"] = _school_for(rng, df["zip"].to_numpy(), grade, community_schools(n))
    return df


def build_district(rng: np.random.Generator, n_students: int) -> District:
    """Build every district table for ``n_students`` students (see module docstring)."""
    s = _students(rng, n_students)
    n = len(s)
    grade = s["grade_num"].to_numpy()
    level = _level(grade)

    # --- who was here last year, and who moved in or out this year -----------------------
    new_to_district = (grade == 0) | (rng.random(n) < 0.08)
    entry_cur = np.zeros(n, dtype=int)
    late = new_to_district & (grade > 0) & (rng.random(n) < 0.6)
    entry_cur[late] = rng.integers(5, 176, size=int(late.sum()))
    exit_cur = np.full(n, DAYS_IN_YEAR - 1)
    leaver = rng.random(n) < 0.04
    exit_cur[leaver] = np.minimum(DAYS_IN_YEAR - 1, entry_cur[leaver] + rng.integers(3, 170, size=int(leaver.sum())))
    has_prior = ~new_to_district
    entry_pri = np.where(rng.random(n) < 0.03, rng.integers(5, 150, size=n), 0)
    prior_grade = np.maximum(grade - 1, 0)
    prior_school = _school_for(rng, s["zip"].to_numpy(), prior_grade, community_schools(n_students))
    same_level = _level(prior_grade) == level
    prior_school = np.where(same_level, s["school_id"].to_numpy(), prior_school)

    # --- latent traits ------------------------------------------------------------------
    z = rng.standard_normal(n)  # absence propensity (family circumstances, health, ...)
    ability = -0.4 * z + np.sqrt(1 - 0.16) * rng.standard_normal(n)
    mult = (
        np.where(s["economically_disadvantaged"], 1.35, 1.0)
        * np.where(s["homeless"], 2.2, 1.0)
        * np.where(s["foster_care"], 1.9, 1.0)
        * np.where(s["iep"], 1.2, 1.0)
    )
    base = np.array([0.048, 0.06, 0.076])[level]
    base_prior = np.array([0.048, 0.06, 0.076])[_level(prior_grade)]

    # After-school program (started 2025-26): motivated families with good attendance
    # self-select; the program itself helps only a little.
    eligible = has_prior & (grade >= 1) & (grade <= 8) & (entry_cur == 0) & ~leaver
    w = np.exp(-1.1 * z)
    p_join = np.clip(0.10 * w / w[eligible].mean(), 0, 0.9)
    afterschool = eligible & (rng.random(n) < p_join)
    # Mentoring: serves middle and high schoolers, referred more often when struggling.
    ment_w = np.exp(0.6 * z)
    mentoring = (grade >= 6) & (rng.random(n) < np.clip(0.045 * ment_w / ment_w.mean(), 0, 0.9))

    sigma = 0.72
    rate_pri = base_prior * mult * np.exp(sigma * z + 0.25 * rng.standard_normal(n) - sigma**2 / 2)
    rate_cur = base * mult * np.exp(sigma * z + 0.25 * rng.standard_normal(n) - sigma**2 / 2)
    rate_cur = np.where(afterschool, rate_cur * 0.92, rate_cur)
    tardy_rate = 0.025 * np.exp(0.5 * rng.standard_normal(n)) * np.where(level == 2, 1.5, 1.0)

    days = {y: school_days(y) for y in YEARS}
    year_rows = {
        PRIOR_YEAR: dict(
            rows=np.flatnonzero(has_prior), entry=entry_pri, exit=np.full(n, DAYS_IN_YEAR - 1),
            school=prior_school, grade=prior_grade, rate=rate_pri,
        ),
        CURRENT_YEAR: dict(
            rows=np.arange(n), entry=entry_cur, exit=exit_cur, school=s["school_id"].to_numpy(),
            grade=grade, rate=rate_cur,
        ),
    }
    sid = s["student_id"].to_numpy()
    enrol, att, disc, marks, tests = [], [], [], [], []
    incident_no = 0
    for year in YEARS:
        y = year_rows[year]
        r = y["rows"]
        entry, exit_ = y["entry"][r], y["exit"][r]
        school, g = y["school"][r], y["grade"][r]
        cal = days[year]
        enrol.append(pd.DataFrame({
            "student_id": sid[r], "school_id": school, "school_year": year,
            "entry_date": cal[entry], "exit_date": cal[exit_],
            "days_enrolled": exit_ - entry + 1,
        }))
        status = _daily_status(rng, y["rate"][r], tardy_rate[r], entry, exit_, _level(g),
                               s["economically_disadvantaged"].to_numpy()[r])
        d, incident_no = _discipline(rng, status, r, sid, school, _level(g), z[r], entry, exit_, cal, year, incident_no)
        disc.append(d)
        att.append(_attendance_events(rng, status, sid[r], school, year, cal))
        marks.append(_course_marks(rng, r, sid, g, entry, exit_, ability, y["rate"][r], year))
        tests.append(_assessments(rng, r, sid, g, entry, exit_, ability, year))

    students = s.copy()
    students["grade"] = _grade_label(grade)
    messy = (students["school_id"] == MESSY_SCHOOL).to_numpy()
    dob_out = students["date_of_birth"].astype("datetime64[s]").astype(object)
    drop_dob = messy & (rng.random(n) < 0.12)
    dob_out[drop_dob] = pd.NaT
    students["date_of_birth"] = pd.to_datetime(pd.Series(dob_out))
    drop_phone = messy & (rng.random(n) < 0.10)
    students.loc[drop_phone, "guardian_phone"] = ""

    hidden = s[["student_id", "household_id", "twin", "first_name", "last_name",
                "date_of_birth", "gender", "zip", "street_address", "grade_num",
                "guardian_phone", "school_id", "economically_disadvantaged"]].copy()
    hidden["afterschool"] = afterschool
    hidden["mentoring"] = mentoring
    hidden["z"] = z

    order = np.argsort(sid, kind="stable")
    student_cols = [
        "student_id", "state_id", "first_name", "middle_name", "last_name", "date_of_birth",
        "gender", "race_ethnicity", "grade", "school_id", "street_address", "zip",
        "guardian_name", "guardian_phone", "guardian_email", "home_language",
        "english_learner", "iep", "section_504", "economically_disadvantaged", "homeless",
        "foster_care",
    ]
    tables = {
        "schools": pd.DataFrame([s_[:6] for s_ in community_schools(n_students)],
                                columns=["school_id", "school_name", "level", "grades", "zip", "principal"]),
        "students": students.iloc[order][student_cols].reset_index(drop=True),
        "enrollment": _sorted(pd.concat(enrol, ignore_index=True), ["student_id", "school_year"]),
        "attendance": _sorted(pd.concat(att, ignore_index=True), ["student_id", "school_year", "date"]),
        "course_marks": _sorted(pd.concat(marks, ignore_index=True), ["student_id", "school_year", "term", "course_id"]),
        "assessments": _sorted(pd.concat(tests, ignore_index=True), ["student_id", "school_year", "subject"]),
        "discipline": pd.concat(disc, ignore_index=True),
    }
    return District(tables=tables, hidden=hidden.iloc[order].reset_index(drop=True), days=days,
                    schools=list(community_schools(n_students)), zips=list(community_zips(n_students)))


def _sorted(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return df.sort_values(keys, kind="stable").reset_index(drop=True)


def _daily_status(rng, rate, tardy, entry, exit_, level, econ) -> np.ndarray:
    """Matrix student x day: -1 not enrolled, 0 present, 1 excused, 2 unexcused, 4 tardy."""
    n = len(rate)
    status = np.zeros((n, DAYS_IN_YEAR), dtype=np.int8)
    day = np.arange(DAYS_IN_YEAR)
    unexcused_share = np.clip(0.35 + 0.12 * level + 0.1 * econ, 0, 0.9)
    step = 20_000
    for a in range(0, n, step):
        b = min(n, a + step)
        u = rng.random((b - a, DAYS_IN_YEAR), dtype=np.float32)
        v = rng.random((b - a, DAYS_IN_YEAR), dtype=np.float32)
        r = rate[a:b, None]
        absent = u < r
        block = np.where(absent, np.where(v < unexcused_share[a:b, None], 2, 1), 0).astype(np.int8)
        block[(~absent) & (u < r + tardy[a:b, None])] = 4
        out = (day[None, :] < entry[a:b, None]) | (day[None, :] > exit_[a:b, None])
        block[out] = -1
        status[a:b] = block
    return status


def _discipline(rng, status, r, sid, school, level, z, entry, exit_, cal, year, incident_no):
    """Incidents; out-of-school suspensions overwrite the following days with code 3."""
    lam = np.array([0.06, 0.32, 0.26])[level] * np.exp(0.55 * z) / np.exp(0.55**2 / 2)
    room = exit_ - entry >= 10
    count = np.where(room, rng.poisson(lam), 0)
    row = np.repeat(np.arange(len(r)), count)
    k = len(row)
    lo, hi = entry[row], exit_[row] - 6
    day = lo + (rng.random(k) * (hi - lo + 1)).astype(int)
    itype = rng.choice(len(INCIDENT_TYPES), size=k, p=[0.32, 0.24, 0.14, 0.1, 0.12, 0.04, 0.04])
    severe = np.isin(itype, [2, 5, 6])
    action = np.where(
        severe,
        rng.choice(4, size=k, p=[0.05, 0.15, 0.3, 0.5]),
        rng.choice(4, size=k, p=[0.45, 0.35, 0.13, 0.07]),
    )
    o = np.lexsort((day, row))
    row, day, itype, action = row[o], day[o], itype[o], action[o]
    oss = action == 3
    # at most one out-of-school suspension per student per year; later ones become in-school
    first_oss = oss & ~pd.Series(np.where(oss, row, -1)).duplicated().to_numpy()
    action = np.where(oss & ~first_oss, 2, action)
    oss = action == 3
    days_susp = np.where(oss, rng.choice([1, 2, 3, 5], size=k, p=[0.4, 0.3, 0.2, 0.1]),
                         np.where(action == 2, rng.choice([1, 2], size=k), 0))
    days_susp = np.where(oss, np.minimum(days_susp, exit_[row] - day), days_susp)
    srow = np.repeat(row[oss], days_susp[oss])
    offs = np.concatenate([np.arange(1, d + 1) for d in days_susp[oss]]) if oss.any() else np.array([], int)
    sday = np.repeat(day[oss], days_susp[oss]) + offs
    status[srow, sday] = 3
    ids = np.arange(incident_no + 1, incident_no + k + 1)
    df = pd.DataFrame({
        "incident_id": np.array([f"INC{year[:4]}-{i:06d}" for i in ids], dtype=object),
        "student_id": sid[r][row],
        "school_id": school[row],
        "school_year": year,
        "date": cal[day],
        "incident_type": np.array(INCIDENT_TYPES, dtype=object)[itype],
        "action": np.array(ACTIONS, dtype=object)[action],
        "days_suspended": days_susp,
    })
    return df, incident_no + k


def _attendance_events(rng, status, sid, school, year, cal) -> pd.DataFrame:
    row, day = np.nonzero(status > 0)
    code = status[row, day]
    event = np.array(["", "excused_absence", "unexcused_absence", "suspension", "tardy"], dtype=object)[code]
    df = pd.DataFrame({"student_id": sid[row], "school_id": school[row], "school_year": year,
                       "date": cal[day], "event": event})
    messy = (df["school_id"] == MESSY_SCHOOL).to_numpy()
    if year == CURRENT_YEAR:
        # three weeks in January when the messy school's attendance clerk recorded nothing
        gap = messy & (df["date"] >= "2026-01-05").to_numpy() & (df["date"] <= "2026-01-23").to_numpy()
        gap &= (df["event"] != "suspension").to_numpy()
        df = df[~gap]
        messy = messy[~gap]
    dup = messy & (rng.random(len(df)) < 0.04)
    return pd.concat([df, df[dup]], ignore_index=True)


def _course_marks(rng, r, sid, g, entry, exit_, ability, rate, year) -> pd.DataFrame:
    parts = []
    for term, mid in (("S1", 60), ("S2", 150)):
        take = (g >= 6) & (entry <= mid) & (exit_ >= mid)
        rows = np.flatnonzero(take)
        k = len(rows)
        rr = np.repeat(rows, 5)
        subj = np.tile(np.arange(5), k)
        score = (ability[r][rr] - 6.0 * (rate[rr] - 0.07) + 0.15 * np.isin(subj, [4])
                 + 0.6 * rng.standard_normal(5 * k))
        mark = np.digitize(score, [-1.4, -0.85, -0.2, 0.6])  # 0=F .. 4=A
        gg = g[rr]
        elective = rng.choice(np.array(["ART", "MUSIC", "CS", "SPAN", "PE"], dtype=object), size=5 * k)
        prefix = np.array(["ELA", "MATH", "SCI", "SOC", ""], dtype=object)[subj]
        prefix = np.where(subj == 4, elective, prefix)
        parts.append(pd.DataFrame({
            "student_id": sid[r][rr], "school_year": year, "term": term,
            "course_id": [f"{p}{x:02d}" for p, x in zip(prefix, gg)],
            "subject": np.array(SUBJECTS, dtype=object)[subj],
            "mark": np.array(MARKS[::-1], dtype=object)[mark],
            "credits": np.where(gg >= 9, 0.5, 0.0),
        }))
    return pd.concat(parts, ignore_index=True)


def _assessments(rng, r, sid, g, entry, exit_, ability, year) -> pd.DataFrame:
    tested = np.isin(g, [3, 4, 5, 6, 7, 8, 11]) & (entry <= 150) & (exit_ >= 150)
    rows = np.repeat(np.flatnonzero(tested), 2)
    subj = np.tile(np.array(["ELA", "Math"], dtype=object), int(tested.sum()))
    took = rng.random(len(rows)) > 0.03
    rows, subj = rows[took], subj[took]
    dev = ability[r][rows] + 0.5 * rng.standard_normal(len(rows))
    center = 2300 + 40 * (g[rows] - 3)
    score = np.round(center + 85 * dev).astype(int)
    level = 1 + np.digitize(dev, [-0.6, 0.15, 0.95])
    return pd.DataFrame({"student_id": sid[r][rows], "school_year": year, "subject": subj,
                         "grade_tested": g[rows], "scale_score": score, "performance_level": level})
