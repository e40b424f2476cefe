"""A bigger community has more schools and more ZIP codes, not bigger schools.

The default Riverbend (6,000 students) has 12 schools in 15 ZIP codes. A community generated
with more students gets one more **area** for every 6,000 students (rounded up), each with
its own 12 schools (7 elementary, 3 middle, 2 high) and 15 ZIP codes, zoned like Riverbend's.
Without this, a 100x community crammed 600,000 children into 12 schools, so a name and a
school were shared by far more children than in any real district, which made linkage look
harder than it is. The default community is unchanged (the first area *is* Riverbend).

Area ZIP codes stay in the unassigned 000xx-004xx ranges (no real place has them): Riverbend
keeps its 15 codes and each further area takes the next 15 of the 499 codes 00001-00499. From
the 34th area on, areas share codes, as neighborhoods of a big city do; a 100x community
(600,000 students) then has about 1,200 students per ZIP code, close to a real city's.

>>> len(community_schools(6000)), len(community_schools(18000)), len(community_zips(18000))
(12, 36, 45)
>>> [s[:3] for s in community_schools(12000)[12:14]]
[('E08', 'Ashford Heron Park Elementary', 'elementary'), ('E09', 'Ashford Willow Bend Elementary', 'elementary')]
"""

from __future__ import annotations

import math

from . import names

__all__ = ["AREA_STUDENTS", "AREA_NAMES", "areas_for", "community_schools", "community_zips"]

#: Students per area: the size of the default community.
AREA_STUDENTS = 6000
#: Names for the areas after Riverbend (a number is added after the last one).
AREA_NAMES = ["Ashford", "Birchwood", "Cold Spring", "Dunmore", "Elmhurst", "Fairhaven", "Glenview", "Harrow",
              "Ivydale", "Juniper Falls", "Kestrel Point", "Larkfield", "Maple Ridge", "Northgate", "Oakmont",
              "Pine Hollow", "Quarry Hill", "Redwater", "Stonebridge", "Thornbury", "Upton", "Valewood",
              "Westbrook", "Yarrow", "Zephyr Bay"]


def areas_for(n_students: int) -> int:
    """How many areas a community of ``n_students`` has (at least one).

    >>> areas_for(6000), areas_for(6001), areas_for(60000)
    (1, 2, 10)
    """
    return max(1, math.ceil(int(n_students) / AREA_STUDENTS))


def _area_name(k: int) -> str:
    base = AREA_NAMES[(k - 1) % len(AREA_NAMES)]
    rounds = (k - 1) // len(AREA_NAMES)
    return base if rounds == 0 else f"{base} {rounds + 1}"


#: Every fictional ZIP code, Riverbend's own first: 00001-00499 (000xx-004xx are unassigned).
ZIP_POOL = names.ALL_ZIPS + [f"{n:05d}" for n in range(1, 500) if f"{n:05d}" not in names.ALL_ZIPS]


def _area_zip(zip_code: str, k: int) -> str:
    """Area ``k``'s counterpart of Riverbend's ZIP code ``zip_code``.

    >>> _area_zip("00101", 0), _area_zip("00101", 1), _area_zip("00101", 40)
    ('00101', '00001', '00087')
    """
    j = names.ALL_ZIPS.index(zip_code)
    return ZIP_POOL[(len(names.ALL_ZIPS) * k + j) % len(ZIP_POOL)]


def community_zips(n_students: int) -> list[str]:
    """Every ZIP code of the community (Riverbend's own list when there is one area)."""
    k_max = areas_for(n_students)
    if k_max == 1:
        return names.ALL_ZIPS
    return [_area_zip(z, k) for k in range(k_max) for z in names.ALL_ZIPS]


def community_schools(n_students: int) -> list[tuple]:
    """Every school of the community as (id, name, level, grades, zip, principal, zips served)."""
    from .district import SCHOOLS

    k_max = areas_for(n_students)
    if k_max == 1:
        return SCHOOLS
    out = list(SCHOOLS)
    counters = {"E": 7, "M": 3, "H": 2}
    for k in range(1, k_max):
        area = _area_name(k)
        for sid, name, level, grades, zip_code, principal, served in SCHOOLS:
            letter = sid[0]
            counters[letter] += 1
            new_name = name.replace("Riverbend", area) if "Riverbend" in name else f"{area} {name}"
            out.append((f"{letter}{counters[letter]:02d}", new_name, level, grades, _area_zip(zip_code, k),
                        principal, [_area_zip(z, k) for z in served]))
    # ids in area order within each level: E01-E07, E08-E14, ...
    return out
