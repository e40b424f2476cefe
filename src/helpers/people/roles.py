"""Data roles: the owner, the steward and the custodian, and who holds each for each system.

The owner answers for the data, the steward for its fitness for use and its rules, the
custodian for the technology that holds it. :data:`RESPONSIBILITIES` lists everyday tasks,
each under a stable id, and the role that holds each (lesson 07 uses it as an exercise).

Example:
    >>> data_roles()["role"].tolist()
    ['owner', 'steward', 'custodian']
    >>> role_for("Sign the data-sharing agreement on behalf of the district")
    'owner'
"""

from __future__ import annotations

from typing import Sequence

import pandas as pd

from helpers.validation import require_columns

from .errors import MissingColumnError, UnknownResponsibilityError, require_frame

__all__ = ["DATA_ROLES", "RESPONSIBILITIES", "data_roles", "responsibilities", "role_for", "system_roles"]

#: The three data roles. The owner answers for the data, the steward for its fitness and
#: rules, the custodian for the technology that holds it.
DATA_ROLES = (
    ("owner", "Accountable for the data",
     "Decides whether and with whom data is shared, approves agreements and access, answers for it if "
     "something goes wrong."),
    ("steward", "Fitness for use and the rules",
     "Defines what each field means, sets and checks data-quality rules, documents definitions, reviews "
     "requests against the rules."),
    ("custodian", "The technology",
     "Runs the systems: storage, backups, security patches, user accounts and secure transfers, carrying out "
     "the owner's and steward's decisions."),
)

#: Everyday responsibilities, each under a stable id: ``id: (task, role, why)``. Exercises refer
#: to a task by its id, so reordering or adding tasks never re-letters an exercise.
RESPONSIBILITIES = {
    "approve_request": ("Approve or refuse the mentoring program's request for attendance data", "owner",
                        "Deciding whether data leaves the organization is the accountable person's call."),
    "sign_agreement": ("Sign the data-sharing agreement on behalf of the district", "owner",
                       "Signing commits the organization; that is accountability."),
    "answer_for_misuse": ("Answer to the school board if a partner misuses shared data", "owner",
                          "The owner is accountable for the data, including when things go wrong."),
    "define_indicator": ("Write down what 'chronically absent' means in the data dictionary", "steward",
                         "Definitions are about fitness for use: a steward's job."),
    "roster_quality": ("Check each month's partner roster for missing dates of birth and fix the entry rules",
                       "steward", "Data-quality rules and their follow-up belong to the steward."),
    "review_request": ("Review a new data request against the agreed minimum fields", "steward",
                       "Applying the rules to a request is stewardship; the owner then decides."),
    "patch_and_back_up": ("Apply security patches and run nightly backups of the hub database", "custodian",
                          "Keeping the technology running and safe is the custodian's job."),
    "create_account": ("Create an account for a new analyst once access has been approved", "custodian",
                       "The custodian carries out an access decision; they do not make it."),
    "secure_transfer": ("Set up the encrypted file transfer between the district and the hub", "custodian",
                        "Transfers are technology work."),
}


def data_roles() -> pd.DataFrame:
    """The three data roles: owner, steward and custodian, in a sentence each."""
    return pd.DataFrame(list(DATA_ROLES), columns=["role", "in_short", "what_they_do"])


def responsibilities() -> pd.DataFrame:
    """Everyday responsibilities and the role that holds each (see :data:`RESPONSIBILITIES`).

    >>> responsibilities().loc["sign_agreement", "role"]
    'owner'
    """
    table = pd.DataFrame([(key, *row) for key, row in RESPONSIBILITIES.items()],
                         columns=["id", "responsibility", "role", "why"])
    return table.set_index("id")


def role_for(responsibility: str) -> str:
    """The role that holds a responsibility from :data:`RESPONSIBILITIES` (spacing and case ignored).

    >>> role_for("Sign the data-sharing agreement on behalf of the district")
    'owner'
    """
    key = " ".join(str(responsibility).lower().split())
    for text, role, _ in RESPONSIBILITIES.values():
        if " ".join(text.lower().split()) == key:
            return role
    raise UnknownResponsibilityError(
        f"{responsibility!r} is not in the list of responsibilities. Copy a task from responsibilities()."
    )


def system_roles(data_systems: pd.DataFrame, roles: Sequence[str] = ("owner", "steward", "custodian")) -> pd.DataFrame:
    """Who holds each role for each system, as a long table; unrecorded roles say ``"not recorded"``.

    >>> systems = pd.DataFrame({"system_name": ["SIS"], "owner": ["CAO"], "steward": [""]})
    >>> system_roles(systems)[["role", "held_by"]].to_dict("list")
    {'role': ['owner', 'steward', 'custodian'], 'held_by': ['CAO', 'not recorded', 'not recorded']}
    """
    require_frame(data_systems, "systems inventory")
    require_columns(data_systems, ["system_name"], "The systems inventory", allow_empty=True, error=MissingColumnError)
    keep = [c for c in ("system_id", "system_name", "organization") if c in data_systems.columns]
    rows = []
    for _, system in data_systems.iterrows():
        for role in roles:
            value = system.get(role, None) if role in data_systems.columns else None
            text = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value).strip()
            rows.append({**{k: system[k] for k in keep}, "role": role, "held_by": text or "not recorded"})
    return pd.DataFrame(rows, columns=keep + ["role", "held_by"])
