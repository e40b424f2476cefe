"""Community partners' exports: as messy as the real thing, for linkage practice.

Each partner keeps its own IDs and types what families tell it: nicknames, typos, names in
"Last, First" order, dates of birth in mixed formats (or missing, or day and month swapped),
free-text school names, duplicate registrations, old addresses, and children who are not
district students at all. ``linkage_truth`` records who is who; it never exists in real life.

Example:
    >>> import numpy as np
    >>> from helpers.riverbend.district import build_district
    >>> d = build_district(np.random.default_rng(3), 400)
    >>> p = build_partners(np.random.default_rng(4), d)
    >>> set(p["linkage_truth"]["source"]) <= set(PARTNER_SOURCES)
    True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import names
from .district import SCHOOLS

PARTNER_SOURCES = ["afterschool_roster", "mentoring_roster", "family_center_children", "community_directory"]
SERVICES = ["food pantry", "utility assistance", "tutoring referral", "housing navigation",
            "parenting class", "clothing closet", "ESL class", "tax preparation"]
PRIVATE_SCHOOLS = ["St. Brendan Academy", "Riverbend Montessori", "Harborview Christian School"]
PRESCHOOLS = ["Little Sprouts Preschool", "", "Head Start"]


def messy_date(value, rng: np.random.Generator, missing: float = 0.07, swapped: float = 0.05) -> str:
    """A date of birth as someone typed it: mixed formats, sometimes blank or day/month swapped.

    >>> import datetime as dt
    >>> messy_date(dt.date(2014, 3, 9), np.random.default_rng(0), missing=0, swapped=0)
    '03/09/2014'
    """
    u = rng.random()
    if pd.isna(value) or u < missing:
        return ""
    d = pd.Timestamp(value)
    if u < missing + swapped:
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    v = rng.random()
    if v < 0.62:
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if v < 0.80:
        return d.strftime("%Y-%m-%d")
    if v < 0.94:
        return f"{d.month}/{d.day}/{d.year % 100:02d}"
    return d.strftime("%B %d, %Y").replace(" 0", " ")


def _school_variants(rng: np.random.Generator, schools=SCHOOLS) -> dict[str, list[str]]:
    out = {}
    for sid, name, level, *_ in schools:
        if level == "high":
            short = [name.replace(" High School", " HS"), name.replace(" High School", " high").lower()]
        elif level == "middle":
            short = [name.replace(" Middle School", " MS"), name.replace(" Middle School", " middle").lower()]
        else:
            short = [name.replace(" Elementary", " Elem"), name.replace(" Elementary", "").lower()]
        out[sid] = [name, *short, names.typo(name, rng)]
    return out


def _pick_school(rng, variants, school_ids) -> list[str]:
    w = [0.4, 0.3, 0.2, 0.1]
    return [variants[s][int(rng.choice(4, p=w))] for s in school_ids]


def _grade_as_typed(rng, grade_num: int) -> str:
    if grade_num == 0:
        return ["K", "Kinder", "KG"][int(rng.integers(0, 3))]
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(grade_num, "th")
    return [str(grade_num), f"{grade_num}{suffix}", f"Gr {grade_num}"][int(rng.choice(3, p=[0.6, 0.3, 0.1]))]


def _first_as_typed(rng, first: str, nick: float, typo: float) -> str:
    u = rng.random()
    if u < nick and first in names.NICKNAMES:
        return names.nickname_for(first, int(rng.integers(0, 3)))
    if u < nick + typo:
        return names.typo(first, rng)
    return first


def _outsiders(rng, n: int, min_age: int, max_age: int, zips=names.ALL_ZIPS) -> pd.DataFrame:
    """Children who are not district students (private school, younger siblings, other towns)."""
    gender = rng.choice(np.array(["F", "M"]), size=n)
    age_days = rng.integers(min_age * 365, max_age * 365 + 1, size=n)
    return pd.DataFrame({
        "first_name": names.first_names(rng, gender),
        "last_name": names.last_names(rng, n),
        "date_of_birth": np.datetime64("2025-09-01") - age_days.astype("timedelta64[D]"),
        "gender": gender,
        "zip": rng.choice(np.array(zips, dtype=object), size=n),
        "guardian_phone": names.fictional_phones(rng, n),
        "grade_num": np.clip(age_days // 365 - 5, 0, 12),
        "student_id": "",
    })


def build_partners(rng: np.random.Generator, district) -> dict[str, pd.DataFrame]:
    """Partner rosters, the public directory and the linkage ground truth."""
    h = district.hidden
    variants = _school_variants(rng, district.schools)
    truth = []

    # --- Bright Futures After-School ----------------------------------------------------
    kids = h[h["afterschool"]].copy()
    extra = _outsiders(rng, max(2, len(kids) // 16), 6, 13, district.zips)
    extra["school_id"] = ""
    roster = pd.concat([kids, extra], ignore_index=True)
    dups = roster[roster["student_id"] != ""].sample(frac=0.03, random_state=rng.integers(2**31))
    roster = pd.concat([roster, dups], ignore_index=True)
    roster = roster.iloc[rng.permutation(len(roster))].reset_index(drop=True)
    rows = []
    for i, r in enumerate(roster.itertuples(index=False), start=1):
        first, last = _first_as_typed(rng, r.first_name, 0.12, 0.04), r.last_name
        if rng.random() < 0.04:
            last = names.typo(last, rng)
        if rng.random() < 0.03:
            first, last = last, first
        school = (_pick_school(rng, variants, [r.school_id])[0] if r.school_id
                  else PRIVATE_SCHOOLS[int(rng.integers(0, 3))])
        phone = r.guardian_phone if (r.guardian_phone and rng.random() < 0.85) else names.fictional_phones(rng, 1)[0]
        rows.append({
            "participant_id": f"BF-{1000 + i}", "first_name": first, "last_name": last,
            "date_of_birth": messy_date(r.date_of_birth, rng),
            "school": school, "grade": _grade_as_typed(rng, int(r.grade_num)),
            "guardian_phone": phone,
            "enrolled_on": str(np.datetime64("2025-08-25") + int(rng.integers(0, 50))),
            "sessions_attended": int(rng.integers(4, 121)),
            "consent_on_file": bool(rng.random() < 0.85),
        })
        truth.append(("afterschool_roster", f"BF-{1000 + i}", r.student_id))
    afterschool = pd.DataFrame(rows)

    # --- Riverbend Mentors ------------------------------------------------------------------
    kids = h[h["mentoring"]].copy()
    extra = _outsiders(rng, max(2, len(kids) // 20), 11, 17, district.zips)
    extra["school_id"] = ""
    roster = pd.concat([kids, extra], ignore_index=True)
    roster = roster.iloc[rng.permutation(len(roster))].reset_index(drop=True)
    rows = []
    for i, r in enumerate(roster.itertuples(index=False), start=1):
        first = _first_as_typed(rng, r.first_name, 0.2, 0.03)
        last = names.typo(r.last_name, rng) if rng.random() < 0.03 else r.last_name
        full = f"{last}, {first}" if rng.random() < 0.3 else f"{first} {last}"
        dob = pd.Timestamp(r.date_of_birth)
        if rng.random() < 0.03:
            dob = dob.replace(year=dob.year + int(rng.choice([-1, 1])))
        birth = "" if rng.random() < 0.08 else dob.strftime("%Y-%m-%d")
        school = (_pick_school(rng, variants, [r.school_id])[0] if r.school_id
                  else PRIVATE_SCHOOLS[int(rng.integers(0, 3))])
        mid = f"RM-{i:04d}"
        rows.append({
            "mentee_id": mid, "full_name": full, "birth_date": birth, "school": school,
            "match_start": str(np.datetime64("2024-09-01") + int(rng.integers(0, 480))),
            "consent_on_file": bool(rng.random() < 0.8),
        })
        truth.append(("mentoring_roster", mid, r.student_id))
    mentoring = pd.DataFrame(rows)

    # --- Riverbend Family Resource Center -----------------------------------------------------
    hh_ids = np.unique(h["household_id"])
    econ = h.groupby("household_id")["economically_disadvantaged"].first().reindex(hh_ids).to_numpy()
    p = np.where(econ, 3.0, 1.0)
    n_fam = max(5, len(hh_ids) // 16)
    chosen = np.sort(rng.choice(hh_ids, size=n_fam, replace=False, p=p / p.sum()))
    by_hh = {k: g for k, g in h[h["household_id"].isin(chosen)].groupby("household_id", sort=True)}
    students = district.tables["students"].set_index("student_id")
    fam_rows, child_rows = [], []
    fam_no = child_no = 0
    registrations = [(hid, False) for hid in chosen]
    registrations += [(hid, True) for hid in chosen if rng.random() < 0.06]
    for hid, duplicate in registrations:
        g = by_hh[hid]
        first_kid = students.loc[g["student_id"].iloc[0]]
        fam_no += 1
        fid = f"FRC-{fam_no:05d}"
        contact = first_kid["guardian_name"]
        if duplicate or rng.random() < 0.04:
            parts = contact.split(" ", 1)
            contact = f"{parts[0]} {names.typo(parts[1], rng)}" if duplicate else f"{parts[1]}, {parts[0]}"
        moved = rng.random() < 0.15
        address = names.street_addresses(rng, 1)[0] if moved else first_kid["street_address"]
        zip_ = rng.choice(district.zips) if moved else first_kid["zip"]
        phone = (names.fictional_phones(rng, 1)[0] if (moved or duplicate or rng.random() < 0.1)
                 else g["guardian_phone"].iloc[0])
        k = int(rng.integers(1, 4))
        services = sorted(rng.choice(SERVICES, size=k, replace=False).tolist())
        intake = np.datetime64("2023-01-09") + int(rng.integers(0, 1080))
        fam_rows.append({
            "family_id": fid, "primary_contact_name": contact, "phone": phone,
            "street_address": address, "zip": zip_, "services": ";".join(services),
            "intake_date": str(intake),
        })
        kids = g.copy()
        if rng.random() < 0.3:
            sib = _outsiders(rng, 1, 0, 4, district.zips)
            sib["last_name"] = g["last_name"].iloc[0]
            sib["school_id"] = "PRE"
            kids = pd.concat([kids, sib], ignore_index=True)
        if rng.random() < 0.05:
            priv = _outsiders(rng, 1, 6, 14, district.zips)
            priv["last_name"] = g["last_name"].iloc[0]
            priv["school_id"] = "PRIVATE"
            kids = pd.concat([kids, priv], ignore_index=True)
        for r in kids.itertuples(index=False):
            child_no += 1
            cid = f"C{child_no:06d}"
            first = _first_as_typed(rng, r.first_name, 0.08, 0.04)
            last = names.typo(r.last_name, rng) if rng.random() < 0.03 else r.last_name
            if rng.random() < 0.05:
                first, last = last, first
            if r.school_id == "PRE":
                school = PRESCHOOLS[int(rng.integers(0, 3))]
            elif r.school_id == "PRIVATE":
                school = PRIVATE_SCHOOLS[int(rng.integers(0, 3))]
            else:
                school = _pick_school(rng, variants, [r.school_id])[0]
            child_rows.append({
                "child_id": cid, "family_id": fid, "first_name": first, "last_name": last,
                "date_of_birth": messy_date(r.date_of_birth, rng, missing=0.05, swapped=0.04),
                "school": school, "consent_on_file": bool(rng.random() < 0.7),
            })
            truth.append(("family_center_children", cid, r.student_id))
    families = pd.DataFrame(fam_rows)
    children = pd.DataFrame(child_rows)

    # --- Public listing: Riverbend Youth Soccer League roster -----------------------------
    age_ok = h["grade_num"].between(1, 8).to_numpy()
    players = h[age_ok & (rng.random(len(h)) < 0.3)]
    extra = _outsiders(rng, max(2, len(players) // 10), 6, 13, district.zips)
    roster = pd.concat([players, extra], ignore_index=True)
    roster = roster.iloc[rng.permutation(len(roster))].reset_index(drop=True)
    directory = pd.DataFrame({
        "registration_id": [f"YSL-{i:05d}" for i in range(1, len(roster) + 1)],
        "player_name": (roster["first_name"] + " " + roster["last_name"]).to_numpy(),
        "birth_date": pd.to_datetime(roster["date_of_birth"]).dt.strftime("%Y-%m-%d").to_numpy(),
        "gender": roster["gender"].to_numpy(),
        "zip": roster["zip"].to_numpy(),
        "team": rng.choice(np.array(["Herons", "Otters", "Kingfishers", "Foxes", "Wrens", "Millers"],
                                    dtype=object), size=len(roster)),
    })
    for rid, sid in zip(directory["registration_id"], roster["student_id"]):
        truth.append(("community_directory", rid, sid))

    return {
        "afterschool_roster": afterschool,
        "mentoring_roster": mentoring,
        "family_center_families": families,
        "family_center_children": children,
        "community_directory": directory,
        "linkage_truth": pd.DataFrame(truth, columns=["source", "source_record_id", "student_id"]),
    }
