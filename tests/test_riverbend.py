"""The committed Riverbend data: reproducible, matches its dictionary, safe, and carries its lessons."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from helpers.riverbend import DEFAULT_SEED, DEFAULT_STUDENTS, generate, write
from helpers.riverbend.agreements import DEFICIENCIES
from helpers.riverbend.dictionary import datapackage, to_json, to_markdown
from helpers.riverbend.district import MESSY_SCHOOL

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "datasets"
PACKAGE = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
CSV_RESOURCES = [r for r in PACKAGE["resources"] if r["format"] == "csv"]


def raw(name: str) -> pd.DataFrame:
    """A committed CSV exactly as text (blank cells as empty strings)."""
    path = next(DATA / r["path"] for r in CSV_RESOURCES if r["name"] == name)
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("riverbend") / "datasets"
    write(generate(DEFAULT_SEED, DEFAULT_STUDENTS), out, docs=out.parent / "data-dictionary.md")
    return out


# --- reproducibility ------------------------------------------------------------------------

def test_regeneration_reproduces_every_committed_file_byte_for_byte(regenerated):
    committed = sorted(p.relative_to(DATA) for p in DATA.rglob("*") if p.is_file())
    fresh = sorted(p.relative_to(regenerated) for p in regenerated.rglob("*") if p.is_file())
    assert committed == fresh, "datasets/ and a fresh generation hold different files; run make data"
    differ = [str(p) for p in committed if (DATA / p).read_bytes() != (regenerated / p).read_bytes()]
    assert not differ, f"these files differ from a fresh generation (run `make data`): {differ}"


def test_data_dictionary_page_and_json_are_up_to_date():
    assert (DATA / "datapackage.json").read_text(encoding="utf-8") == to_json(datapackage())
    page = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert page == to_markdown(PACKAGE), "docs/data-dictionary.md is stale; run make data"


def test_sizes_fit_the_repository():
    csvs = list(DATA.rglob("*.csv"))
    assert sum(p.stat().st_size for p in csvs) < 25 * 1024 * 1024
    for p in csvs:
        with p.open("rb") as fh:
            assert sum(1 for _ in fh) < 1_000_000, p


def test_different_seed_gives_different_people():
    a = generate(1, 300)["students"]
    b = generate(2, 300)["students"]
    assert not a["first_name"].equals(b["first_name"])


# --- every CSV matches its dictionary ----------------------------------------------------

@pytest.mark.parametrize("res", CSV_RESOURCES, ids=lambda r: r["name"])
def test_csv_matches_dictionary(res):
    df = raw(res["name"])
    fields = res["schema"]["fields"]
    assert df.columns.tolist() == [f["name"] for f in fields]
    assert {f["identifier"] for f in fields} <= {"direct", "quasi", "sensitive", "none"}
    for f in fields:
        col, c = df[f["name"]], f["constraints"]
        filled = col[col != ""]
        if c.get("required"):
            assert len(filled) == len(col), f"{res['name']}.{f['name']} has blanks but is required"
        if c.get("unique"):
            assert filled.is_unique, f"{res['name']}.{f['name']} has duplicates"
        if f["type"] == "integer":
            assert filled.str.fullmatch(r"-?\d+").all(), f["name"]
        elif f["type"] == "number":
            pd.to_numeric(filled)
        elif f["type"] == "boolean":
            assert filled.isin(["true", "false"]).all(), f["name"]
        elif f["type"] == "date":
            pd.to_datetime(filled, format="%Y-%m-%d")
        if "enum" in c:
            allowed = {str(v) for v in c["enum"]}
            assert set(filled) <= allowed, f"{res['name']}.{f['name']}: {set(filled) - allowed}"
        if "pattern" in c:
            assert filled.str.fullmatch(c["pattern"]).all()
    pk = res["schema"].get("primaryKey")
    if pk:
        assert not df.duplicated(pk).any(), f"{res['name']} primary key {pk} is not unique"
    for fk in res["schema"].get("foreignKeys", []):
        target = raw(fk["reference"]["resource"])[fk["reference"]["fields"]]
        values = df[fk["fields"]]
        missing = set(values[values != ""]) - set(target)
        assert not missing, f"{res['name']}.{fk['fields']} values not found: {sorted(missing)[:5]}"


# --- built-in patterns ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def absence() -> pd.DataFrame:
    """Per student-year: days enrolled, days absent (any type), rate, chronic flag."""
    att = raw("attendance")
    days = att[att["event"] != "tardy"].drop_duplicates(["student_id", "date"])
    absent = days.groupby(["student_id", "school_year"]).size().rename("absent")
    en = raw("enrollment").astype({"days_enrolled": int}).set_index(["student_id", "school_year"])
    en = en.join(absent).fillna({"absent": 0})
    en["rate"] = en["absent"] / en["days_enrolled"]
    en["chronic"] = en["rate"] >= 0.10
    students = raw("students").set_index("student_id")
    schools = raw("schools").set_index("school_id")
    en = en.reset_index()
    en["level"] = en["school_id"].map(schools["level"])
    for col in ["economically_disadvantaged", "homeless", "foster_care", "grade"]:
        en[col] = en["student_id"].map(students[col])
    return en


def test_chronic_absence_is_realistic_and_patterned(absence):
    cur = absence[absence["school_year"] == "2025-26"]
    assert 0.15 <= cur["chronic"].mean() <= 0.30
    by_level = cur.groupby("level")["chronic"].mean()
    assert by_level["high"] > by_level["elementary"] + 0.05
    for group in ["economically_disadvantaged", "homeless", "foster_care"]:
        rates = cur.groupby(group)["chronic"].mean()
        assert rates["true"] > rates["false"], group


def test_selection_makes_the_naive_program_gap_misleading(absence):
    truth = raw("linkage_truth")
    joined = set(truth.loc[(truth["source"] == "afterschool_roster") & (truth["student_id"] != ""), "student_id"])
    wide = absence.pivot(index="student_id", columns="school_year", values="rate").dropna()
    grade = raw("students").set_index("student_id")["grade"]
    wide = wide[grade.reindex(wide.index).isin([str(g) for g in range(1, 9)])]
    part = wide.index.isin(joined)
    assert part.sum() > 100
    prior_gap = wide.loc[~part, "2024-25"].mean() - wide.loc[part, "2024-25"].mean()
    naive = wide.loc[~part, "2025-26"].mean() - wide.loc[part, "2025-26"].mean()
    change = wide["2025-26"] - wide["2024-25"]
    did = change[~part].mean() - change[part].mean()
    assert prior_gap > 0.02, "participants should already attend better before joining"
    assert naive > 3 * abs(did), f"naive gap {naive:.3f} should overstate the change-based estimate {did:.3f}"


def test_some_subgroup_cells_are_small_enough_to_suppress():
    s = raw("students")
    foster = s[s["foster_care"] == "true"].groupby("school_id").size()
    assert ((foster > 0) & (foster < 10)).any()
    race = s.groupby(["school_id", "race_ethnicity"]).size()
    assert ((race > 0) & (race < 10)).sum() >= 5


def test_one_school_has_measurably_worse_data_quality():
    s = raw("students")
    missing_dob = (s["date_of_birth"] == "").groupby(s["school_id"]).mean()
    assert missing_dob[MESSY_SCHOOL] > 0.05 and missing_dob.drop(MESSY_SCHOOL).max() == 0
    att = raw("attendance")
    dup = att.duplicated().groupby(att["school_id"]).sum()
    assert dup[MESSY_SCHOOL] > 10 and dup.drop(MESSY_SCHOOL).max() == 0
    jan = att[(att["school_year"] == "2025-26") & att["date"].between("2026-01-05", "2026-01-23")
              & (att["event"] != "suspension")]
    assert MESSY_SCHOOL not in set(jan["school_id"]) and jan["school_id"].nunique() >= 10


def test_suspension_days_match_attendance_events():
    d = raw("discipline")
    oss = d[d["action"] == "out_of_school_suspension"].astype({"days_suspended": int})
    expected = oss.groupby(["student_id", "school_year"])["days_suspended"].sum()
    att = raw("attendance").drop_duplicates()
    events = att[att["event"] == "suspension"].groupby(["student_id", "school_year"]).size()
    assert len(expected) > 50
    pd.testing.assert_series_equal(expected.sort_index(), events.sort_index(), check_names=False)


def test_some_students_were_enrolled_only_briefly():
    days = raw("enrollment")["days_enrolled"].astype(int)
    assert (days < 30).sum() >= 10 and (days == 180).mean() > 0.8


def test_partner_records_are_hard_to_link_for_real_reasons():
    s = raw("students")
    names = s.groupby(["first_name", "last_name"]).size()
    assert names.get(("Maria", "Garcia"), 0) >= 3
    twins = s[s["date_of_birth"] != ""].groupby(["last_name", "date_of_birth", "street_address"]).size()
    assert (twins >= 2).sum() >= 5
    truth = raw("linkage_truth")
    assert (truth["student_id"] == "").groupby(truth["source"]).sum().min() > 0
    m = raw("mentoring_roster")
    assert m["full_name"].str.contains(",").mean() > 0.15
    a = raw("afterschool_roster")
    a_truth = a.merge(truth, left_on="participant_id", right_on="source_record_id").merge(
        s, on="student_id", suffixes=("", "_sis"))
    assert (a_truth["first_name"] != a_truth["first_name_sis"]).mean() > 0.05  # nicknames, typos, swaps
    assert (a["date_of_birth"] == "").any() and a["date_of_birth"].str.contains("-").any()
    assert a_truth["participant_id"].size > a_truth["student_id"].nunique()  # duplicate sign-ups
    fam = raw("family_center_families")
    fam_truth = raw("family_center_children").merge(truth, left_on="child_id", right_on="source_record_id")
    fam_truth = fam_truth[fam_truth["student_id"] != ""].merge(fam, on="family_id").merge(
        s, on="student_id", suffixes=("", "_sis"))
    assert (fam_truth["street_address"] != fam_truth["street_address_sis"]).mean() > 0.05  # moved house


def test_organization_tables_have_the_intended_shape():
    assert 12 <= len(raw("data_requests")) <= 20
    assert 80 <= len(raw("staff_skills_survey")) <= 150
    elements = raw("data_systems")["data_elements"].str.split(";").explode()
    overlap = elements.value_counts()
    assert overlap["date_of_birth"] >= 4 and overlap["school"] >= 5


def test_agreements_cover_each_pathway_and_include_deficient_drafts():
    files = sorted((DATA / "organization" / "agreements").glob("*.yaml"))
    docs = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in files]
    assert {d["pathway"] for d in docs} == {"studies", "audit_evaluation", "school_official", "consent"}
    assert all(d["status"] == "draft" and "not legal advice" in d["training_note"] for d in docs)
    by_id = {d["id"]: d for d in docs}
    assert set(DEFICIENCIES) < set(by_id)
    assert by_id["DSA-05-studies-draft"]["destruction"]["deadline"] is None
    assert "direct_control" not in by_id["DSA-06-school-official-draft"]
    assert by_id["DSA-03-school-official"]["direct_control"]
    assert by_id["DSA-02-audit"]["authorized_representative"]


# --- safety -------------------------------------------------------------------------------------

SSN = re.compile(r"\b\d{3}-\d{2}-\d{4}\b")
PHONE = re.compile(r"\(?\b\d{3}\)?[ .-]?\d{3}-\d{4}\b")
EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
ZIP_CELL = re.compile(r"\d{5}")


def test_safety_scan_finds_nothing_real():
    files = [p for p in DATA.rglob("*") if p.suffix in {".csv", ".yaml", ".json", ".md"}]
    assert len(files) > 20
    for p in files:
        text = p.read_text(encoding="utf-8")
        assert not SSN.search(text), f"SSN-like number in {p}"
        for phone in PHONE.findall(text):
            assert re.search(r"555-01\d\d$", phone), f"phone {phone} outside 555-01xx in {p}"
        for domain in EMAIL.findall(text):
            assert domain in {"example.org", "example.com"}, f"e-mail domain {domain} in {p}"
    for res in CSV_RESOURCES:
        df = raw(res["name"])
        for col in [c for c in df.columns if "zip" in c]:
            zips = set(df[col]) - {""}
            assert all(z[:3] in {"001", "002"} and ZIP_CELL.fullmatch(z) for z in zips), (res["name"], col)


def test_safety_scan_would_catch_a_real_looking_value():
    assert SSN.search("id 123-45-6789")
    assert not re.search(r"555-01\d\d$", PHONE.findall("call (212) 555-1234")[0])
    assert EMAIL.findall("a@gmail.com") == ["gmail.com"]
