"""A transparent rule-based matcher: exact keys first, then relaxed rules, each one named.

Rules are tried in order. A record linked by an earlier rule is not looked at again, and a
rule links a record only when it finds exactly **one** candidate; two or more candidates are
reported as ambiguous and left for a person to decide. Every link says which rule made it,
so you can see what each relaxation buys (and what it risks).

Both tables must come from :func:`helpers.linkage.prepare.prepare`.

Example:
    >>> import pandas as pd
    >>> from helpers.linkage.prepare import prepare
    >>> m = {"record_id": "id", "first_name": "f", "last_name": "l", "date_of_birth": "d"}
    >>> partner = prepare(pd.DataFrame({"id": ["P1", "P2", "P3"], "f": ["Bill", "Ruiz", "Ana"],
    ...                                 "l": ["Stone", "Ana", "Ruiz"],
    ...                                 "d": ["2014-03-09", "2013-05-01", "2013-01-05"]}), m)
    >>> district = prepare(pd.DataFrame({"id": ["S1", "S2"], "f": ["William", "Ana"],
    ...                                  "l": ["Stone", "Ruiz"], "d": ["2014-03-09", "2013-05-01"]}), m)
    >>> match_rules(partner, district).values.tolist()
    [['P1', 'S1', 'nickname'], ['P2', 'S2', 'swapped names'], ['P3', 'S2', 'day/month swapped']]
"""

from __future__ import annotations

from typing import Sequence

import pandas as pd

__all__ = ["RULES", "match_rules", "exact_match", "edit_distance", "ambiguous_records"]

#: The rules, in the order they are tried, with what each one accepts.
RULES: dict[str, str] = {
    "exact": "first name, last name and date of birth all identical (after standardizing)",
    "nickname": "same last name and date of birth; first names agree once nicknames are expanded",
    "swapped names": "date of birth identical; first and last name typed the other way round",
    "day/month swapped": "same names; dates of birth agree once day and month are swapped",
    "one typo": "date of birth identical; names differ by a single typo (one letter added, "
                "dropped, changed or two neighbours swapped)",
}


def edit_distance(a: str | None, b: str | None, limit: int = 3) -> int:
    """Damerau-Levenshtein distance (optimal string alignment), capped at ``limit``.

    Counts the single-letter edits (insert, delete, change, swap two neighbours) that turn
    ``a`` into ``b``. Missing values are ``limit`` away from everything.

    >>> edit_distance("garcia", "gracia"), edit_distance("smith", "smyth"), edit_distance("ann", "anne")
    (1, 1, 1)
    """
    if a is None or b is None or not isinstance(a, str) or not isinstance(b, str):
        return limit
    if a == b:
        return 0
    if abs(len(a) - len(b)) >= limit:
        return limit
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) >= limit:
            return limit
        prev2, prev = prev, cur
    return min(prev[-1], limit)


def _check_prepared(df: pd.DataFrame, which: str) -> None:
    needed = {"record_id", "first_name", "last_name", "first_name_formal", "dob", "dob_swapped"}
    if not isinstance(df, pd.DataFrame) or needed - set(df.columns):
        raise ValueError(
            f"The {which} table is not ready for matching (it lacks "
            f"{', '.join(sorted(needed - set(getattr(df, 'columns', []))))}). "
            "Run it through helpers.linkage.prepare(table, mapping) first."
        )


def _pairs(left: pd.DataFrame, right: pd.DataFrame, left_on: list[str], right_on: list[str]) -> pd.DataFrame:
    lk = left.dropna(subset=left_on)
    rk = right.dropna(subset=right_on)
    merged = lk.merge(rk, left_on=left_on, right_on=right_on, suffixes=("_l", "_r"))
    return merged


def _rule_candidates(rule: str, left: pd.DataFrame, right: pd.DataFrame) -> pd.DataFrame:
    cols = ["record_id", "first_name", "last_name", "first_name_formal", "dob", "dob_swapped"]
    left, right = left[cols], right[cols]
    if rule == "exact":
        key = ["first_name", "last_name", "dob"]
        m = _pairs(left, right, key, key)
    elif rule == "nickname":
        key = ["first_name_formal", "last_name", "dob"]
        m = _pairs(left, right, key, key)
    elif rule == "swapped names":
        m = _pairs(left, right, ["first_name", "last_name", "dob"], ["last_name", "first_name", "dob"])
    elif rule == "day/month swapped":
        m = pd.concat([
            _pairs(left, right, ["first_name_formal", "last_name", "dob"],
                   ["first_name_formal", "last_name", "dob_swapped"]),
            _pairs(left, right, ["first_name_formal", "last_name", "dob_swapped"],
                   ["first_name_formal", "last_name", "dob"]),
        ], ignore_index=True)
    elif rule == "one typo":
        same_first = _pairs(left, right, ["first_name_formal", "dob"], ["first_name_formal", "dob"])
        same_first = same_first.rename(columns={"first_name_formal": "first_name_formal_l"})
        same_first["first_name_formal_r"] = same_first["first_name_formal_l"]
        same_first = same_first[[edit_distance(a, b, 2) == 1
                                 for a, b in zip(same_first["last_name_l"], same_first["last_name_r"])]]
        same_last = _pairs(left, right, ["last_name", "dob"], ["last_name", "dob"])
        same_last = same_last[[edit_distance(a, b, 2) == 1 for a, b in
                               zip(same_last["first_name_formal_l"], same_last["first_name_formal_r"])]]
        m = pd.concat([same_first, same_last], ignore_index=True)
    else:
        raise ValueError(f"Unknown rule {rule!r}. Choose from: {', '.join(RULES)}.")
    if m.empty:
        return pd.DataFrame({"left_id": pd.Series(dtype=object), "right_id": pd.Series(dtype=object)})
    return (m.rename(columns={"record_id_l": "left_id", "record_id_r": "right_id"})[["left_id", "right_id"]]
            .drop_duplicates())


def _run(left: pd.DataFrame, right: pd.DataFrame, rules: Sequence[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    _check_prepared(left, "left")
    _check_prepared(right, "right")
    unknown = [r for r in rules if r not in RULES]
    if unknown:
        raise ValueError(f"Unknown rule(s) {', '.join(map(repr, unknown))}. Choose from: {', '.join(RULES)}.")
    remaining = left
    links, ambiguous = [], []
    for rule in rules:
        if remaining.empty:
            break
        cand = _rule_candidates(rule, remaining, right)
        counts = cand.groupby("left_id")["right_id"].nunique()
        unique_ids = counts.index[counts == 1]
        many = counts.index[counts > 1]
        found = cand[cand["left_id"].isin(unique_ids)].drop_duplicates("left_id").assign(rule=rule)
        links.append(found)
        if len(many):
            ambiguous.append(cand[cand["left_id"].isin(many)].assign(rule=rule))
        done = set(found["left_id"]) | set(many)
        remaining = remaining[~remaining["record_id"].isin(done)]
    cols = ["left_id", "right_id", "rule"]
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    out = pd.concat([empty, *links], ignore_index=True)[cols]
    order = {r: i for i, r in enumerate(rules)}
    out = (out.assign(_o=out["rule"].map(order)).sort_values(["_o", "left_id"], kind="stable")
           .drop(columns="_o").reset_index(drop=True))
    amb = pd.concat([empty, *ambiguous], ignore_index=True)[cols].sort_values(
        ["left_id", "right_id"], kind="stable").reset_index(drop=True)
    return out, amb


def match_rules(left: pd.DataFrame, right: pd.DataFrame, rules: Sequence[str] = tuple(RULES)) -> pd.DataFrame:
    """Link each ``left`` record to at most one ``right`` record with the named ``rules``.

    Returns a table with ``left_id``, ``right_id`` and the ``rule`` that made each link,
    ordered by rule then ``left_id``. Neither input is changed. Records with several
    candidates under a rule are not linked: see :func:`ambiguous_records`.
    """
    return _run(left, right, list(rules))[0]


def exact_match(left: pd.DataFrame, right: pd.DataFrame) -> pd.DataFrame:
    """Only the strictest rule: identical first name, last name and date of birth."""
    return match_rules(left, right, ["exact"])


def ambiguous_records(left: pd.DataFrame, right: pd.DataFrame, rules: Sequence[str] = tuple(RULES)) -> pd.DataFrame:
    """The ``left`` records a rule could not link because it found several candidates.

    One row per candidate (``left_id``, ``right_id``, ``rule``): these need a person.

    >>> import pandas as pd
    >>> from helpers.linkage.prepare import prepare
    >>> m = {"record_id": "id", "first_name": "f", "last_name": "l", "date_of_birth": "d"}
    >>> twins = prepare(pd.DataFrame({"id": ["S1", "S2"], "f": ["Ann", "Ann"], "l": ["Lee", "Lee"],
    ...                               "d": ["2014-01-02"] * 2}), m)
    >>> ambiguous_records(twins.assign(record_id=["P1", "P2"]).head(1), twins)["right_id"].tolist()
    ['S1', 'S2']
    """
    return _run(left, right, list(rules))[1]
