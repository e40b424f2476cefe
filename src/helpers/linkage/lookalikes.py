"""Look-alike records: children who are *not* in the district but resemble someone who is.

Real rosters hold siblings, cousins and namesakes of district students who are not district
students themselves (a younger brother in preschool, a cousin from the next town). They are
what makes a low threshold dangerous: the lower the threshold, the more of them get linked
to the student they resemble. Riverbend's partner rosters are clean enough that the trade-off
barely shows, so :func:`add_lookalikes` adds a known number of such records to a prepared
roster (and to its truth, as "no match"), for practising the choice of a threshold.

Kinds, in turn (``kinds=``; the default leaves out twins):

* ``twin``: same last name and date of birth, another first name (an unenrolled twin). The
  model scores these near certain (0.98 in Riverbend): names and a birth date cannot tell
  twins apart, which is why a hub sends same-birthday, same-surname pairs to clerical review;
* ``namesake``: same first and last name, another birthday in another year;
* ``birthday``: same first name and date of birth, another last name (two Emilys born the
  same day);
* ``sibling``: same last name, another first name, born a year earlier or later.

Every other namesake and sibling also attends the same school as the student it copies
(schools are compared when the roster has them), so the look-alikes score across the range.

Example:
    >>> import pandas as pd
    >>> from helpers.linkage.prepare import prepare
    >>> from helpers.linkage.probabilistic import _demo_people
    >>> m = {"record_id": "id", "first_name": "f", "last_name": "l", "date_of_birth": "d"}
    >>> district = prepare(_demo_people(50, seed=1), m)
    >>> roster, truth = district.head(5), pd.DataFrame({"left_id": district["record_id"].head(5),
    ...                                                 "right_id": district["record_id"].head(5)})
    >>> more, more_truth = add_lookalikes(roster, district, truth, n=4, seed=0)
    >>> len(more), int((more_truth["right_id"] == "").sum()), sorted(more["record_id"].str[:3].unique())
    (9, 4, ['LA-', 'P00'])
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from .prepare import formal_first_name, swap_day_month

__all__ = ["KINDS", "add_lookalikes"]

KINDS = ("twin", "namesake", "birthday", "sibling")
DEFAULT_KINDS = ("namesake", "birthday", "sibling")
_OTHER_LAST = ["ashdown", "vantreese", "quillon", "marchetti", "okonkwo", "lindahl", "pereira", "tsosie"]
_OTHER_FIRST = ["avery", "jordan", "rowan", "sage", "quinn", "emery", "reese", "finley", "harper", "kendall"]


def _shift_year(iso: str, years: int) -> str:
    d = dt.date.fromisoformat(iso)
    try:
        return d.replace(year=d.year + years).isoformat()
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28).isoformat()


def add_lookalikes(roster: pd.DataFrame, district: pd.DataFrame, truth: pd.DataFrame, *, n: int = 40,
                   seed: int = 0, kinds: tuple[str, ...] = DEFAULT_KINDS) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``roster`` with ``n`` look-alike records added (IDs ``LA-001`` ...), and ``truth`` with
    them as "no match". Both tables are prepared (:func:`helpers.linkage.prepare`); the
    look-alikes copy district students chosen with ``seed``. Inputs are not changed."""
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        raise ValueError(f"kinds must list some of {', '.join(KINDS)}; not {', '.join(map(str, unknown)) or 'none'}.")
    if not isinstance(n, int) or isinstance(n, bool) or n < 0:
        raise ValueError(f"n must be a whole number of records (0 or more), not {n!r}.")
    usable = district[district["dob"].notna() & district["first_name"].notna() & district["last_name"].notna()]
    if n and usable.empty:
        raise ValueError("The district table has no record with names and a date of birth to copy.")
    rng = np.random.default_rng(seed)
    picks = usable.iloc[rng.choice(len(usable), size=n, replace=len(usable) < n)] if n else usable.iloc[:0]
    rows = []
    for i, (_, r) in enumerate(picks.iterrows()):
        kind = kinds[i % len(kinds)]
        first, last, dob = r["first_name"], r["last_name"], r["dob"]
        other = _OTHER_FIRST[int(rng.integers(len(_OTHER_FIRST)))]
        if other == first:
            other = other + "a"
        if kind == "twin":
            first = other
        elif kind == "birthday":
            last = _OTHER_LAST[int(rng.integers(len(_OTHER_LAST)))]
        elif kind == "namesake":
            dob = _shift_year(dob, int(rng.choice([-2, -1, 1, 2])))
            d = dt.date.fromisoformat(dob)
            dob = d.replace(month=d.month % 12 + 1, day=min(d.day, 28)).isoformat()
        else:
            first, dob = other, _shift_year(dob, int(rng.choice([-1, 1])))
        date = dt.date.fromisoformat(dob)
        row = {c: None for c in roster.columns}
        row.update({"record_id": f"LA-{i + 1:03d}", "first_name": first, "last_name": last,
                    "first_name_formal": formal_first_name(first), "full_name": f"{first} {last}", "dob": dob,
                    "dob_swapped": (swap_day_month(date) or date).isoformat() if swap_day_month(date) else None,
                    "dob_year": date.year})
        if "school" in roster.columns and kind in ("namesake", "sibling") and (i // len(kinds)) % 2 == 0:
            row["school"] = r.get("school")
        rows.append(row)
    added = pd.DataFrame(rows, columns=roster.columns)
    out = pd.concat([roster, added], ignore_index=True) if rows else roster.copy()
    out["dob_year"] = pd.array(out["dob_year"], dtype="Int64")
    new_truth = pd.concat([truth[["left_id", "right_id"]],
                           pd.DataFrame({"left_id": added["record_id"], "right_id": ""})], ignore_index=True)
    return out, new_truth
