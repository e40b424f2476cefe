"""Record linkage: which records in two tables are the same person?

Four small modules, used in this order:

- ``prepare``       - a column mapping, checks with clear errors, standardized names and dates
- ``deterministic`` - transparent rules (exact, nickname, swapped names, swapped day/month, one typo)
- ``probabilistic`` - Fellegi-Sunter linkage with splink on DuckDB, or on Spark (``engine=``;
                    what differs between the engines is in ``engines``)
- ``evaluate``      - precision, recall, F1 and a threshold sweep against a ground truth

They work on any two tables, given a mapping from each table's columns to the roles
``record_id``, ``first_name``, ``last_name`` (or ``full_name``), and optionally
``date_of_birth``, ``shared_id``, ``school``, ``street_address``, ``city``, ``zip``
(or ``postcode``), ``phone``, ``email`` and ``gender``. ``model`` builds the splink settings
(no engine) and ``training`` trains them without collapsing.

Example:
    >>> import pandas as pd
    >>> from helpers import linkage
    >>> m = {"record_id": "id", "first_name": "f", "last_name": "l", "date_of_birth": "d"}
    >>> left = linkage.prepare(pd.DataFrame({"id": ["P1"], "f": ["Liz"], "l": ["Ng"], "d": ["5/4/2015"]}), m)
    >>> right = linkage.prepare(pd.DataFrame({"id": ["S1"], "f": ["Elizabeth"], "l": ["Ng"],
    ...                                       "d": ["2015-05-04"]}), m)
    >>> linkage.match_rules(left, right).to_dict("records")
    [{'left_id': 'P1', 'right_id': 'S1', 'rule': 'nickname'}]
"""

from .deterministic import RULES, ambiguous_records, edit_distance, exact_match, match_rules
from .evaluate import (
    LinkageQuality,
    evaluate_links,
    pairs_near,
    plot_threshold_sweep,
    threshold_summary,
    threshold_sweep,
    truth_for,
)
from .prepare import (
    NICKNAMES,
    ROLES,
    DuplicateIdError,
    EmptyTableError,
    LinkageInputError,
    MappingError,
    TableReport,
    canonical_mapping,
    check_table,
    formal_first_name,
    parse_date,
    parse_dates,
    prepare,
    split_full_name,
    standardize_name,
    standardize_school,
    swap_day_month,
)
from .lookalikes import KINDS as LOOKALIKE_KINDS, add_lookalikes
from .probabilistic import BLOCKING_RULES, ProbabilisticLinkage, estimate_match_share, link_probabilistic

__all__ = [
    "RULES", "ambiguous_records", "edit_distance", "exact_match", "match_rules",
    "LinkageQuality", "evaluate_links", "pairs_near", "plot_threshold_sweep", "threshold_summary", "threshold_sweep", "truth_for",
    "NICKNAMES", "ROLES", "DuplicateIdError", "EmptyTableError", "LinkageInputError", "MappingError",
    "TableReport", "canonical_mapping", "check_table", "formal_first_name", "parse_date", "parse_dates", "prepare",
    "split_full_name", "standardize_name", "standardize_school", "swap_day_month",
    "LOOKALIKE_KINDS", "add_lookalikes",
    "BLOCKING_RULES", "ProbabilisticLinkage", "estimate_match_share", "link_probabilistic",
]
