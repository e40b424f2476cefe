"""The linkage model's settings, apart from any database engine: comparisons and blocking rules.

:func:`build_settings` is the one place the splink model is described. It names no engine,
so the same settings run on DuckDB or on Spark (:func:`helpers.linkage.link_probabilistic`
with ``engine=``); the few things that differ between engines are in :mod:`helpers.linkage.engines`.

* **Comparisons.** Every field both tables hold is compared, each with levels that suit it:
  names (identical, same after nicknames, swapped, one typo, similar), dates of birth
  (identical, day and month swapped, same birthday another year, one digit off), a shared ID
  (identical, one typo), addresses and emails (identical, similar), phones (identical, same
  last seven digits, one typo), ZIP codes, cities, schools and gender.
* **Blocking rules** decide which pairs are compared at all (a pair is compared if any rule
  holds). They are derived from the fields mapped: each field both sides hold opens at
  least one rule, so no field is left unused, and each rule pairs a strong key with a
  second one so the number of pairs grows slowly with the tables. You may pass your own.

Example:
    >>> rules = blocking_rules(["first_name", "last_name", "dob", "phone"])
    >>> rules["same phone number"]
    'l.phone = r.phone'
    >>> "same date of birth and last-name initial" in rules
    True
    >>> [c.get_comparison("duckdb").output_column_name for c in comparisons(["email"])]
    ['first_name', 'last_name', 'dob', 'email']
"""

from __future__ import annotations

from typing import Mapping, Sequence

__all__ = ["OPTIONAL_FIELDS", "COMPARISON_LABELS", "comparisons", "blocking_rules", "build_settings",
           "fields_to_compare"]

#: Plain-words names of the comparisons, for tables and charts.
COMPARISON_LABELS = {
    "first_name": "First name",
    "last_name": "Last name",
    "dob": "Date of birth",
    "shared_id": "Shared ID",
    "school": "School",
    "street_address": "Street address",
    "city": "City",
    "zip": "ZIP code",
    "phone": "Phone",
    "email": "Email",
    "gender": "Gender",
}
#: Fields compared when both tables hold them (names and date of birth are always compared).
OPTIONAL_FIELDS = ("shared_id", "school", "street_address", "city", "zip", "phone", "email", "gender")


def _levels(column: str, *extra) -> list:
    import splink.comparison_level_library as cll

    return [cll.NullLevel(column), cll.ExactMatchLevel(column).configure(label_for_charts="identical"),
            *extra, cll.ElseLevel().configure(label_for_charts="different")]


def _custom(column: str, levels: list):
    from splink import comparison_library as cl

    return cl.CustomComparison(output_column_name=column, comparison_description=COMPARISON_LABELS[column],
                               comparison_levels=levels)


def _optional_comparison(column: str):
    import splink.comparison_level_library as cll

    def typo(col: str, n: int = 1):
        return cll.DamerauLevenshteinLevel(col, n).configure(label_for_charts="one typo")

    def similar(col: str, t: float):
        return cll.JaroWinklerLevel(col, t).configure(label_for_charts="similar")

    extra = {
        "shared_id": [typo("shared_id")],
        "school": [cll.CustomLevel("contains(school_l, school_r) OR contains(school_r, school_l) "
                                   "OR jaro_winkler_similarity(school_l, school_r) >= 0.9",
                                   label_for_charts="similar")],
        "street_address": [cll.CustomLevel("split_part(street_address_l, ' ', 1) = split_part(street_address_r, "
                                           "' ', 1) AND jaro_winkler_similarity(street_address_l, "
                                           "street_address_r) >= 0.88", label_for_charts="similar")],
        "city": [similar("city", 0.9)],
        "zip": [typo("zip")],
        "phone": [cll.CustomLevel("right(phone_l, 7) = right(phone_r, 7)",
                                  label_for_charts="same last seven digits"), typo("phone")],
        "email": [cll.CustomLevel("split_part(email_l, '@', 1) = split_part(email_r, '@', 1)",
                                  label_for_charts="same name, other domain"), similar("email", 0.9)],
        "gender": [],
    }[column]
    return _custom(column, _levels(column, *extra))


def comparisons(optional: Sequence[str] = (), core: Sequence[str] = ("first_name", "last_name", "dob")) -> list:
    """The comparisons: first name, last name, date of birth (those in ``core``, which both
    tables hold), then each field in ``optional``."""
    import splink.comparison_level_library as cll

    first = _custom("first_name", _levels(
        "first_name",
        cll.CustomLevel("first_name_formal_l = first_name_formal_r", label_for_charts="same after nicknames"),
        cll.ColumnsReversedLevel("first_name", "last_name", symmetrical=True).configure(
            label_for_charts="swapped with last name"),
        cll.DamerauLevenshteinLevel("first_name_formal", 1).configure(label_for_charts="one typo"),
        cll.JaroWinklerLevel("first_name_formal", 0.88).configure(label_for_charts="similar"),
    ))
    last = _custom("last_name", _levels(
        "last_name",
        cll.ColumnsReversedLevel("last_name", "first_name", symmetrical=True).configure(
            label_for_charts="swapped with first name"),
        cll.DamerauLevenshteinLevel("last_name", 1).configure(label_for_charts="one typo"),
        cll.JaroWinklerLevel("last_name", 0.88).configure(label_for_charts="similar"),
    ))
    dob = _custom("dob", _levels(
        "dob",
        cll.CustomLevel("dob_l = dob_swapped_r OR dob_swapped_l = dob_r", label_for_charts="day and month swapped"),
        cll.CustomLevel("substr(dob_l, 6, 5) = substr(dob_r, 6, 5)",
                        label_for_charts="same day and month, other year"),
        cll.DamerauLevenshteinLevel("dob", 1).configure(label_for_charts="one digit off"),
    ))
    unknown = [c for c in optional if c not in OPTIONAL_FIELDS]
    if unknown:
        raise ValueError(f"Cannot compare {', '.join(map(repr, unknown))}; the fields that can be compared "
                         f"besides names and date of birth are: {', '.join(OPTIONAL_FIELDS)}.")
    chosen = [c for name, c in (("first_name", first), ("last_name", last), ("dob", dob)) if name in core]
    return chosen + [_optional_comparison(c) for c in OPTIONAL_FIELDS if c in optional]


_FIRST_INITIAL = "substr(l.first_name_formal, 1, 1) = substr(r.first_name_formal, 1, 1)"
_LAST_INITIAL = "substr(l.last_name, 1, 1) = substr(r.last_name, 1, 1)"
_NAME_RULES = {
    "same first name (after nicknames) and last name":
        "l.first_name_formal = r.first_name_formal AND l.last_name = r.last_name",
    "first and last name swapped": "l.first_name = r.last_name AND l.last_name = r.first_name",
}
_DOB_RULES = {
    "same date of birth and last-name initial": f"l.dob = r.dob AND {_LAST_INITIAL}",
    "same date of birth and first-name initial": f"l.dob = r.dob AND {_FIRST_INITIAL}",
    "date of birth with day and month swapped, same last-name initial": f"l.dob = r.dob_swapped AND {_LAST_INITIAL}",
    "same last name, birth year and first-name initial":
        f"l.last_name = r.last_name AND l.dob_year = r.dob_year AND {_FIRST_INITIAL}",
    "same first name (after nicknames) and birthday (day and month)":
        "l.first_name_formal = r.first_name_formal AND substr(l.dob, 6, 5) = substr(r.dob, 6, 5)",
    "same last name, a date of birth missing": "l.last_name = r.last_name AND (l.dob IS NULL OR r.dob IS NULL)",
    "same first name (after nicknames) and last-name initial, a date of birth missing":
        f"l.first_name_formal = r.first_name_formal AND {_LAST_INITIAL} AND (l.dob IS NULL OR r.dob IS NULL)",
    "same date of birth, a name missing": (
        "l.dob = r.dob AND (l.first_name IS NULL OR r.first_name IS NULL OR l.last_name IS NULL "
        "OR r.last_name IS NULL)"),
}
_FIELD_RULES = {
    "shared_id": {"same shared ID": "l.shared_id = r.shared_id"},
    "phone": {"same phone number": "l.phone = r.phone"},
    "email": {"same email address": "l.email = r.email"},
    "street_address": {"same street address and first-name initial":
                       f"l.street_address = r.street_address AND {_FIRST_INITIAL}"},
    "zip": {"same ZIP code, first name (after nicknames) and last-name initial":
            f"l.zip = r.zip AND l.first_name_formal = r.first_name_formal AND {_LAST_INITIAL}"},
    "city": {"same city, last name and first-name initial":
             f"l.city = r.city AND l.last_name = r.last_name AND {_FIRST_INITIAL}"},
    "school": {"same school, last name and first-name initial":
               f"l.school = r.school AND l.last_name = r.last_name AND {_FIRST_INITIAL}"},
    "gender": {},
}


def blocking_rules(fields: Sequence[str]) -> dict[str, str]:
    """The blocking rules for the fields both tables hold: a plain-words name -> SQL condition.

    Names open the name rules, a date of birth the date rules, and every other identifier
    (shared ID, phone, email, address, ZIP, city, school) a rule of its own.

    >>> list(blocking_rules(["first_name", "last_name"]))
    ['same first name (after nicknames) and last name', 'first and last name swapped']
    """
    present = set(fields)
    rules: dict[str, str] = {}
    if {"first_name", "last_name"} & present:
        rules.update(_NAME_RULES)
    if "dob" in present:
        rules.update(_DOB_RULES)
    for name in OPTIONAL_FIELDS:
        if name in present:
            rules.update(_FIELD_RULES[name])
    if not rules:
        raise ValueError("The two tables share no field to compare: map at least the names, a date of "
                         "birth or a shared ID on both sides.")
    return rules


def fields_to_compare(held_by_left: Sequence[str], held_by_right: Sequence[str],
                      compare: Sequence[str] | None = None) -> list[str]:
    """The optional fields to compare: those both tables hold (limited to ``compare`` if given).

    >>> fields_to_compare(["zip", "phone"], ["phone", "school"])
    ['phone']
    """
    both = [f for f in OPTIONAL_FIELDS if f in held_by_left and f in held_by_right]
    if compare is None:
        return both
    unknown = [c for c in compare if c not in OPTIONAL_FIELDS]
    if unknown:
        raise ValueError(f"compare= accepts {', '.join(OPTIONAL_FIELDS)}; {', '.join(map(repr, unknown))} "
                         "is not one of them.")
    return [f for f in both if f in compare]


def build_settings(prior: float, optional: Sequence[str] = (),
                   rules: Mapping[str, str] | Sequence[str] | None = None,
                   core: Sequence[str] = ("first_name", "last_name", "dob"), link_type: str = "link_only"):
    """The splink model settings (no engine): comparisons, blocking rules and the prior.

    ``optional`` names the fields compared besides names and date of birth (``core``: those
    of first name, last name and date of birth both tables hold); ``rules`` are the blocking
    rules (SQL conditions on ``l.`` and ``r.``), derived from the fields when not given.
    ``link_type="dedupe_only"`` gives the same model for one table (used to estimate u from
    pairs of different people within the district). EM stops after 10 rounds or when no
    m moves by more than 0.001 (finer steps did not change a single link in the benchmark).

    >>> s = build_settings(0.001, ["phone"])
    >>> s.probability_two_random_records_match, len(s.blocking_rules_to_generate_predictions) > 5
    (0.001, True)
    """
    from splink import SettingsCreator

    if not 0 < prior < 1:
        raise ValueError(f"The prior must be a probability between 0 and 1, not {prior!r}.")
    if rules is None:
        rules = blocking_rules([*core, *optional])
    conditions = list(rules.values()) if isinstance(rules, Mapping) else list(rules)
    return SettingsCreator(
        link_type=link_type,
        unique_id_column_name="record_id",
        probability_two_random_records_match=prior,
        comparisons=comparisons(optional, core),
        blocking_rules_to_generate_predictions=conditions,
        retain_matching_columns=True,
        retain_intermediate_calculation_columns=False,
        additional_columns_to_retain=[],
        max_iterations=10,
        em_convergence=0.001,
    )
