"""The scaled communities the linkage benchmark uses: more schools and ZIP codes as they grow."""

import pandas as pd

from helpers.riverbend import generate
from helpers.riverbend.areas import areas_for, community_schools, community_zips


def test_a_bigger_community_has_more_schools_and_zips_not_bigger_schools():
    t = generate(7, 12_500)
    schools, students = t["schools"], t["students"]
    assert areas_for(12_500) == 3 and len(schools) == 36 and schools["school_id"].is_unique
    assert schools["school_name"].is_unique
    assert set(students["school_id"]) <= set(schools["school_id"])
    assert set(students["zip"]) <= set(community_zips(12_500)) and students["zip"].nunique() > 30
    per_school = students.groupby("school_id").size()
    assert per_school.max() < 1500, "schools stay the size of Riverbend's"
    # students are zoned to schools of their own area
    area_of_zip = {z: i // 15 for i, z in enumerate(community_zips(12_500))}  # 15 ZIP codes per area
    area_of_school = dict(zip(schools["school_id"], schools["zip"].map(area_of_zip)))
    home = students["zip"].map(area_of_zip)
    assert (home == students["school_id"].map(area_of_school)).mean() > 0.85


def test_partner_rosters_name_schools_of_the_whole_community():
    t = generate(7, 12_500)
    typed = t["afterschool_roster"]["school"].astype(str)
    assert typed.str.contains("Ashford|Birchwood").any()


def test_the_default_community_is_riverbend_alone():
    assert areas_for(6000) == 1 and len(community_schools(6000)) == 12 and len(community_zips(6000)) == 15
    assert community_schools(6001)[12][0] == "E08"
    assert pd.Series([s[0] for s in community_schools(60_000)]).is_unique


def test_every_zip_code_stays_in_the_unassigned_ranges_at_any_size():
    """000xx-004xx are not assigned to any place; larger communities share codes instead of leaving them."""
    for n in (6000, 60_000, 600_000):
        zips = community_zips(n)
        assert all(z.isdigit() and len(z) == 5 and 1 <= int(z) <= 499 for z in zips), n
    assert community_zips(6000)[:15] == community_zips(60_000)[:15]
