"""Privacy toolkit for Principle 4: build protection into how data is handled.

One concept per module:

- ``classify``       - direct identifiers, quasi-identifiers, sensitive attributes, other
- ``pseudonym``      - keyed pseudonyms (HMAC-SHA256 with a secret key), key handling
- ``hashing_attack`` - why plain hashing is not de-identification (a dictionary attack)
- ``kanonymity``     - k-anonymity and l-diversity over chosen quasi-identifiers
- ``generalize``     - coarsen quasi-identifiers (age bands, 3-digit ZIP, grade bands ...)
- ``suppression``    - small-cell and complementary suppression of count tables
- ``recovery``       - the attacker: back out hidden cells from a published table
- ``reidentify``     - a linkage attack on a "de-identified" release; uniqueness

Training material, not legal advice. Nothing here records or sends anything.
"""

from .errors import (
    CountsTableError,
    InconsistentTableError,
    KeyFileExistsError,
    KeyRequirementError,
    MissingColumnError,
    PrivacyInputError,
)
from .pseudonym import MIN_KEY_LENGTH, generate_key, load_key, normalize_value, pseudonymize, save_key
from .recovery import Recovery, recover_suppressed
from .suppression import TOTAL, count_table, publish_percentages, suppress_small_cells

__all__ = [
    "MIN_KEY_LENGTH",
    "generate_key",
    "load_key",
    "normalize_value",
    "pseudonymize",
    "save_key",
    "CountsTableError",
    "InconsistentTableError",
    "KeyFileExistsError",
    "KeyRequirementError",
    "MissingColumnError",
    "PrivacyInputError",
    "Recovery",
    "TOTAL",
    "count_table",
    "publish_percentages",
    "recover_suppressed",
    "suppress_small_cells",
]
