"""Privacy toolkit for Principle 4: build protection into how data is handled.

One concept per module:

- ``classify``       - direct identifiers, quasi-identifiers, sensitive attributes, other
- ``pseudonym``      - keyed pseudonyms (HMAC-SHA256 with a secret key), key handling
- ``hashing_attack`` - why plain hashing is not de-identification (a dictionary attack that
  breaks files hashed with standard hashlib algorithms)
- ``kanonymity``     - k-anonymity and l-diversity over chosen quasi-identifiers
- ``generalize``     - coarsen quasi-identifiers (age bands, 3-digit ZIP, grade bands ...)
- ``suppression``    - small-cell and complementary suppression of count tables: a table
  it calls safe shows no count from 1 to threshold - 1, and no hidden cell or sum of
  hidden cells can be shown to be one (see :mod:`helpers.privacy.suppression`)
- ``recovery``       - the attacker: exact cells, small sums and small ranges of a published table
- ``reidentify``     - a linkage attack on a "de-identified" release; uniqueness

Training material, not legal advice. Nothing here records or sends anything.

Example:
    >>> from helpers.privacy import pseudonymize, generate_key, suppress_small_cells
    >>> len(pseudonymize("RB100239", generate_key()))
    20
"""

from .classify import CLASSES, LABELS, classify_columns, columns_by_class
from .errors import (
    CountsTableError,
    InconsistentTableError,
    KeyFileExistsError,
    KeyRequirementError,
    MissingColumnError,
    PrivacyInputError,
)
from .generalize import GRADE_BANDS, age_band, age_on, birth_year, birth_year_band, grade_band, top_bottom_code, zip3
from .hashing_attack import AttackResult, date_space, dictionary_attack, plain_hash, student_id_space
from .kanonymity import KAnonymity, LDiversity, group_sizes, k_anonymity, l_diversity
from .pseudonym import MIN_KEY_LENGTH, generate_key, load_key, normalize_value, pseudonymize, save_key
from .recovery import Recovery, recover_suppressed
from .reidentify import Reidentification, reidentify, uniqueness, uniqueness_table
from .suppression import TOTAL, TOTAL_LABELS, count_table, publish_percentages, suppress_primary_only, suppress_small_cells

__all__ = [
    # classify
    "CLASSES", "LABELS", "classify_columns", "columns_by_class",
    # pseudonyms and the attack on plain hashes
    "MIN_KEY_LENGTH", "generate_key", "load_key", "save_key", "normalize_value", "pseudonymize",
    "AttackResult", "date_space", "dictionary_attack", "plain_hash", "student_id_space",
    # k-anonymity, generalization
    "KAnonymity", "LDiversity", "group_sizes", "k_anonymity", "l_diversity",
    "GRADE_BANDS", "age_band", "age_on", "birth_year", "birth_year_band", "grade_band", "top_bottom_code", "zip3",
    # suppression and its attacker
    "TOTAL", "TOTAL_LABELS", "count_table", "publish_percentages", "suppress_small_cells", "suppress_primary_only", "Recovery", "recover_suppressed",
    # linkage attack
    "Reidentification", "reidentify", "uniqueness", "uniqueness_table",
    # errors
    "CountsTableError", "InconsistentTableError", "KeyFileExistsError", "KeyRequirementError",
    "MissingColumnError", "PrivacyInputError",
]
