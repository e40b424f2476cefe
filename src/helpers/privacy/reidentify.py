"""A linkage attack: put names back on a "de-identified" release with a public list.

Removing names and IDs is not enough when the release keeps ZIP code, date of birth and
gender. Latanya Sweeney estimated from the 1990 US census that about 87% of Americans
are unique on those three; Philippe Golle, redoing the estimate with 2000 census data,
found about 63%. Either way, most people can be singled out by anyone holding a list that
has names next to the same three facts (a voter roll, a youth sports league roster).

:func:`reidentify` runs that attack: it joins the release to a directory on the
quasi-identifiers and reports the release rows that match **exactly one** person in the
directory, with that person's name. :func:`uniqueness` measures how many records are
unique on a combination of columns (the raw material of the attack).

Example:
    >>> import pandas as pd
    >>> release = pd.DataFrame({"zip": ["00101", "00101", "00102"], "date_of_birth": ["2014-03-07"] * 3,
    ...                         "gender": ["F", "F", "M"], "suspended": [True, False, True]})
    >>> directory = pd.DataFrame({"name": ["Ana Ruiz", "Ben Cho"], "zip": ["00101", "00102"],
    ...                           "birth_date": ["2014-03-07", "2014-03-07"], "gender": ["F", "M"]})
    >>> result = reidentify(release, directory)
    >>> result.n_singled_out, result.matches["name"].tolist()
    (3, ['Ana Ruiz', 'Ana Ruiz', 'Ben Cho'])
    >>> uniqueness(release, ["zip", "gender"])
    0.3333333333333333
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import pandas as pd

from .errors import MissingColumnError, PrivacyInputError, column_list, require_frame
from .pseudonym import normalize_value

__all__ = ["Reidentification", "reidentify", "uniqueness", "uniqueness_table"]

_SYNONYMS = {
    "date_of_birth": ("birth_date", "dob", "birthdate"),
    "birth_date": ("date_of_birth", "dob", "birthdate"),
    "zip": ("zip_code", "postal_code", "zipcode"),
    "gender": ("sex",),
    "sex": ("gender",),
}
_NAME_COLUMNS = ("name", "full_name", "player_name", "student_name")


def _key(value: Any, zip_like: bool) -> str | None:
    text = normalize_value(value)
    if text is not None and zip_like and text.isdigit() and len(text) < 5:
        text = text.zfill(5)
    return text


def _keys(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {f"_k{i}": [_key(v, "zip" in str(col).lower()) for v in df[col].tolist()] for i, col in enumerate(columns)},
        index=df.index,
    )


def _resolve(on: Any, directory: pd.DataFrame, directory_on: Sequence[str] | None) -> tuple[list[str], list[str]]:
    if isinstance(on, str):
        on = [on]
    if not isinstance(on, (Mapping, list, tuple)):
        raise PrivacyInputError(
            f"on must list the columns to link on, for example on=['zip', 'date_of_birth', 'gender'], not {on!r}."
        )
    if directory_on is not None and not isinstance(directory_on, (list, tuple)):
        raise PrivacyInputError(f"directory_on must be a list of directory columns, like ['zip_code'], not {directory_on!r}.")
    if isinstance(on, Mapping):
        left, right = list(on.keys()), list(on.values())
    else:
        left = list(on)
        if directory_on is not None:
            right = list(directory_on)
            if len(right) != len(left):
                raise PrivacyInputError("on and directory_on must list the same number of columns, in the same order.")
        else:
            right = []
            for col in left:
                found = col if col in directory.columns else next(
                    (s for s in _SYNONYMS.get(col, ()) if s in directory.columns), None)
                if found is None:
                    raise MissingColumnError([col], [str(c) for c in directory.columns], "the directory")
                right.append(found)
    if not left:
        raise PrivacyInputError("Give at least one column to link on, for example on=['zip', 'date_of_birth', 'gender'].")
    return left, right


@dataclass
class Reidentification:
    """The outcome of a linkage attack (see :func:`reidentify`)."""

    n_release: int
    n_singled_out: int
    n_ambiguous: int
    n_no_match: int
    matches: pd.DataFrame
    on: list[str]

    @property
    def share_singled_out(self) -> float:
        """Share of release rows tied to exactly one named person (0 to 1)."""
        return self.n_singled_out / self.n_release if self.n_release else 0.0

    def summary(self) -> str:
        return (
            f"Linked on {', '.join(self.on)}: {self.n_singled_out:,} of {self.n_release:,} release rows "
            f"({self.share_singled_out:.1%}) match exactly one named person; {self.n_ambiguous:,} match "
            f"several; {self.n_no_match:,} match nobody."
        )

    def __str__(self) -> str:
        return self.summary()

    __repr__ = __str__

    def _repr_html_(self) -> str:
        colour = "#8a3b00" if self.n_singled_out else "#0b6e4f"
        return f'<div role="status" style="border-left:4px solid {colour};padding:4px 10px">{html.escape(self.summary())}</div>'


def reidentify(
    release: pd.DataFrame,
    directory: pd.DataFrame,
    on: Sequence[str] | Mapping[str, str] = ("zip", "date_of_birth", "gender"),
    *,
    directory_on: Sequence[str] | None = None,
    name_column: str | None = None,
) -> Reidentification:
    """Join a release to a named directory on quasi-identifiers; report who is singled out.

    ``on`` lists release columns; the directory columns have the same names, a common
    synonym (``birth_date`` for ``date_of_birth``), the names in ``directory_on``, or are
    given as a dict ``{release column: directory column}``. Values are compared after
    normalization (case, spaces, date formats, ZIP leading zeros). Rows with a blank in
    any linking column cannot be linked. ``matches`` holds every singled-out release row
    (all its columns) with the matched ``name`` (``matched_name`` when the release
    already has a ``name`` column).

    >>> import pandas as pd
    >>> reidentify(pd.DataFrame({"zip": ["1"]}), pd.DataFrame({"name": ["A"]}), on=["zip"])
    Traceback (most recent call last):
    ...
    helpers.privacy.errors.MissingColumnError: The directory has no column 'zip'. Its columns are: 'name'. Check the spelling, or rename the column first.
    """
    require_frame(release, "the release")
    require_frame(directory, "the directory")
    left, right = _resolve(on, directory, directory_on)
    column_list(release, left, "the release")
    column_list(directory, right, "the directory")
    if name_column is None:
        name_column = next((c for c in _NAME_COLUMNS if c in directory.columns), None)
        if name_column is None:
            raise PrivacyInputError(
                f"Which directory column holds the names? Pass name_column=... (columns: {list(directory.columns)})."
            )
    column_list(directory, [name_column], "the directory")
    rel_keys = _keys(release, left)
    dir_keys = _keys(directory, right)
    key_cols = list(rel_keys.columns)
    dir_keys = dir_keys.dropna()
    dir_keys["_name"] = directory.loc[dir_keys.index, name_column].astype(object)
    counts = dir_keys.groupby(key_cols).agg(_hits=("_name", "size"), name=("_name", "first")).reset_index()
    linkable = rel_keys.dropna()
    joined = linkable.reset_index(names="_row").merge(counts, on=key_cols, how="left")
    hits = joined["_hits"].fillna(0)
    single = joined[hits == 1]
    matches = release.loc[single["_row"]].copy()
    matches.insert(0, "name" if "name" not in matches.columns else "matched_name", single["name"].to_numpy())
    return Reidentification(
        n_release=int(len(release)),
        n_singled_out=int((hits == 1).sum()),
        n_ambiguous=int((hits > 1).sum()),
        n_no_match=int(len(release) - (hits >= 1).sum()),
        matches=matches,
        on=left,
    )


def uniqueness(df: pd.DataFrame, quasi_identifiers: str | Sequence[str]) -> float:
    """Share of records whose combination of ``quasi_identifiers`` no other record has.

    >>> import pandas as pd
    >>> uniqueness(pd.DataFrame({"zip": ["1", "1", "2", "3"]}), "zip")
    0.5
    """
    require_frame(df, "the table")
    qis = column_list(df, quasi_identifiers)
    if len(df) == 0:
        raise PrivacyInputError("The table has no rows, so there is nothing to measure.")
    sizes = df.groupby(qis, dropna=False, observed=True).size()
    return float((sizes == 1).sum() / len(df))


def uniqueness_table(df: pd.DataFrame, combinations: Sequence[Sequence[str]]) -> pd.DataFrame:
    """Uniqueness for several combinations of columns, one row each.

    >>> import pandas as pd
    >>> t = uniqueness_table(pd.DataFrame({"zip": ["1", "1", "2"], "g": ["F", "M", "F"]}), [["zip"], ["zip", "g"]])
    >>> t.values.tolist()
    [['zip', 1, 0.3333333333333333], ['zip + g', 3, 1.0]]
    """
    if isinstance(combinations, str) or not isinstance(combinations, (list, tuple)) or not combinations:
        raise PrivacyInputError(
            "combinations must be a list of column lists, for example [['zip'], ['zip', 'gender']], "
            f"not {combinations!r}."
        )
    rows = []
    for combo in combinations:
        combo = list(combo) if isinstance(combo, (list, tuple)) else [combo]
        share = uniqueness(df, combo)
        rows.append({"columns": " + ".join(combo), "unique_records": int(round(share * len(df))), "share_unique": share})
    return pd.DataFrame(rows, columns=["columns", "unique_records", "share_unique"])
