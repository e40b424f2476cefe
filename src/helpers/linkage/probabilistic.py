"""Probabilistic (Fellegi-Sunter) linkage with splink on DuckDB.

The idea in plain words: for every candidate pair of records, each comparison (first name,
last name, date of birth, school, ZIP) lands on a *level*, from "identical" down to
"completely different". For every level the model knows two numbers:

* **m** - how often true matches land on this level (same child, typed twice);
* **u** - how often two *different* children land on it by coincidence.

The level's **match weight** is ``log2(m / u)``: positive when the level is evidence for a
match, negative when it is evidence against. The weights of a pair add up (with a starting
weight for how rare matches are to begin with) to a total, which is turned into a match
probability. Neither m nor u needs labelled data: u is estimated from random pairs (almost
all of which are non-matches), m by the expectation-maximisation (EM) algorithm.

Only pairs that share something (the same date of birth, the same last name and birth year,
...) are compared at all: these **blocking rules** keep the work close to linear in the size
of the tables. The same settings run unchanged on Spark for state-scale data
(``splink.SparkAPI(spark_session=spark)`` instead of ``DuckDBAPI()``).

Example:
    >>> import pandas as pd
    >>> from helpers.linkage.prepare import prepare
    >>> m = {"record_id": "id", "first_name": "f", "last_name": "l", "date_of_birth": "d"}
    >>> district = prepare(_demo_people(300, seed=1), m)
    >>> partner = prepare(_demo_people(300, seed=1).sample(40, random_state=2), m)
    >>> result = link_probabilistic(partner, district, threshold=0.9)
    >>> len(result.links()) >= 38
    True
    >>> result.parameters().columns.tolist()
    ['comparison', 'level', 'm_probability', 'u_probability', 'match_weight']
"""

from __future__ import annotations

import contextlib
import logging
import math
from dataclasses import dataclass, field
from typing import Iterator, Sequence

import numpy as np
import pandas as pd

__all__ = ["ProbabilisticLinkage", "link_probabilistic", "build_settings", "COMPARISON_LABELS"]

#: Plain-words names of the comparisons, for tables and charts.
COMPARISON_LABELS = {
    "first_name": "First name",
    "last_name": "Last name",
    "dob": "Date of birth",
    "school": "School",
    "zip": "ZIP code",
    "gender": "Gender",
}

_LEFT, _RIGHT = "a_left", "b_right"
_COLUMNS = ["record_id", "first_name", "last_name", "first_name_formal", "full_name", "dob",
            "dob_swapped", "dob_year", "school", "zip", "gender"]


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Silence splink's progress messages (they would clutter the notebooks)."""
    log = logging.getLogger("splink")
    old = log.level
    log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        log.setLevel(old)


def _comparisons(optional: Sequence[str]) -> list:
    import splink.comparison_level_library as cll
    from splink import comparison_library as cl

    first = cl.CustomComparison(
        output_column_name="first_name",
        comparison_description="First name",
        comparison_levels=[
            cll.NullLevel("first_name"),
            cll.ExactMatchLevel("first_name").configure(label_for_charts="identical"),
            cll.CustomLevel("first_name_formal_l = first_name_formal_r",
                            label_for_charts="same after nicknames"),
            cll.ColumnsReversedLevel("first_name", "last_name", symmetrical=True).configure(
                label_for_charts="swapped with last name"),
            cll.DamerauLevenshteinLevel("first_name_formal", 1).configure(label_for_charts="one typo"),
            cll.JaroWinklerLevel("first_name_formal", 0.88).configure(label_for_charts="similar"),
            cll.ElseLevel().configure(label_for_charts="different"),
        ],
    )
    last = cl.CustomComparison(
        output_column_name="last_name",
        comparison_description="Last name",
        comparison_levels=[
            cll.NullLevel("last_name"),
            cll.ExactMatchLevel("last_name").configure(label_for_charts="identical"),
            cll.ColumnsReversedLevel("last_name", "first_name", symmetrical=True).configure(
                label_for_charts="swapped with first name"),
            cll.DamerauLevenshteinLevel("last_name", 1).configure(label_for_charts="one typo"),
            cll.JaroWinklerLevel("last_name", 0.88).configure(label_for_charts="similar"),
            cll.ElseLevel().configure(label_for_charts="different"),
        ],
    )
    dob = cl.CustomComparison(
        output_column_name="dob",
        comparison_description="Date of birth",
        comparison_levels=[
            cll.NullLevel("dob"),
            cll.ExactMatchLevel("dob").configure(label_for_charts="identical"),
            cll.CustomLevel("dob_l = dob_swapped_r OR dob_swapped_l = dob_r",
                            label_for_charts="day and month swapped"),
            cll.CustomLevel("substr(dob_l, 6, 5) = substr(dob_r, 6, 5)",
                            label_for_charts="same day and month, other year"),
            cll.DamerauLevenshteinLevel("dob", 1).configure(label_for_charts="one digit off"),
            cll.ElseLevel().configure(label_for_charts="different"),
        ],
    )
    comps = [first, last, dob]
    if "school" in optional:
        comps.append(cl.CustomComparison(
            output_column_name="school",
            comparison_description="School",
            comparison_levels=[
                cll.NullLevel("school"),
                cll.ExactMatchLevel("school").configure(label_for_charts="identical"),
                cll.CustomLevel(
                    "contains(school_l, school_r) OR contains(school_r, school_l) "
                    "OR jaro_winkler_similarity(school_l, school_r) >= 0.9",
                    label_for_charts="similar",
                ),
                cll.ElseLevel().configure(label_for_charts="different"),
            ],
        ))
    if "zip" in optional:
        comps.append(cl.CustomComparison(
            output_column_name="zip",
            comparison_description="ZIP code",
            comparison_levels=[
                cll.NullLevel("zip"),
                cll.ExactMatchLevel("zip").configure(label_for_charts="identical"),
                cll.ElseLevel().configure(label_for_charts="different"),
            ],
        ))
    if "gender" in optional:
        comps.append(cl.CustomComparison(
            output_column_name="gender",
            comparison_description="Gender",
            comparison_levels=[
                cll.NullLevel("gender"),
                cll.ExactMatchLevel("gender").configure(label_for_charts="identical"),
                cll.ElseLevel().configure(label_for_charts="different"),
            ],
        ))
    return comps


#: Which pairs are compared at all (a pair is compared if any rule holds). Each rule pairs a
#: strong key with a first letter, so the number of pairs stays manageable as tables grow.
BLOCKING_RULES = {
    "same date of birth and last-name initial":
        "l.dob = r.dob AND substr(l.last_name, 1, 1) = substr(r.last_name, 1, 1)",
    "same date of birth and first-name initial":
        "l.dob = r.dob AND substr(l.first_name_formal, 1, 1) = substr(r.first_name_formal, 1, 1)",
    "date of birth with day and month swapped, same last-name initial":
        "l.dob = r.dob_swapped AND substr(l.last_name, 1, 1) = substr(r.last_name, 1, 1)",
    "same last name, birth year and first-name initial": (
        "l.last_name = r.last_name AND l.dob_year = r.dob_year "
        "AND substr(l.first_name_formal, 1, 1) = substr(r.first_name_formal, 1, 1)"),
    "same first name (after nicknames) and last name":
        "l.first_name_formal = r.first_name_formal AND l.last_name = r.last_name",
    "first and last name swapped": "l.first_name = r.last_name AND l.last_name = r.first_name",
    "same first name (after nicknames) and birthday (day and month)": (
        "l.first_name_formal = r.first_name_formal AND substr(l.dob, 6, 5) = substr(r.dob, 6, 5)"),
    "same last name and first-name initial, a date of birth missing": (
        "l.last_name = r.last_name AND substr(l.first_name_formal, 1, 1) = substr(r.first_name_formal, 1, 1) "
        "AND (l.dob IS NULL OR r.dob IS NULL)"),
}


def build_settings(prior: float, optional: Sequence[str] = ()):
    """The splink model settings: comparisons, blocking rules and the prior match probability."""
    from splink import SettingsCreator

    return SettingsCreator(
        link_type="link_only",
        unique_id_column_name="record_id",
        probability_two_random_records_match=prior,
        comparisons=_comparisons(optional),
        blocking_rules_to_generate_predictions=list(BLOCKING_RULES.values()),
        retain_matching_columns=True,
        retain_intermediate_calculation_columns=False,
        additional_columns_to_retain=[],
    )


def _optional_columns(left: pd.DataFrame, right: pd.DataFrame, compare: Sequence[str]) -> list[str]:
    usable = []
    for col in compare:
        if col not in COMPARISON_LABELS or col in ("first_name", "last_name", "dob"):
            raise ValueError(f"compare= accepts 'school', 'zip' and 'gender'; {col!r} is not one of them.")
        if left[col].notna().any() and right[col].notna().any():
            usable.append(col)
    return usable


def _as_input(df: pd.DataFrame, which: str) -> pd.DataFrame:
    missing = [c for c in _COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(
            f"The {which} table is not ready for linkage (it lacks {', '.join(missing)}). "
            "Run it through helpers.linkage.prepare(table, mapping) first."
        )
    out = df[_COLUMNS].copy()
    out["dob_year"] = out["dob_year"].astype("Int64").astype("float64")
    for col in _COLUMNS:
        if col != "dob_year":
            out[col] = out[col].astype(object).where(out[col].notna(), None)
    return out


@dataclass
class ProbabilisticLinkage:
    """The result of :func:`link_probabilistic`: scored pairs and the model's parameters.

    ``scored`` holds every compared pair with a match probability of at least 0.001 (rounded
    to 4 decimals), the comparison level of each field, and both records' values, sorted by
    probability (highest first) then IDs, so the order is the same on every run.
    """

    scored: pd.DataFrame
    threshold: float
    prior: float
    levels: pd.DataFrame
    comparisons: list[str] = field(default_factory=list)
    seconds: float | None = None

    def links(self, threshold: float | None = None) -> pd.DataFrame:
        """Each left record's best candidate at or above ``threshold`` (default: the model's).

        Several left records may link to the same right record (a partner roster with the
        same child registered twice), but each left record links to at most one right record.
        Ties at the top are left unlinked, for a person to decide.
        """
        t = self.threshold if threshold is None else float(threshold)
        s = self.scored[self.scored["match_probability"] >= t]
        if s.empty:
            return s[["left_id", "right_id", "match_probability", "match_weight"]].reset_index(drop=True)
        top = s.groupby("left_id")["match_probability"].transform("max")
        best = s[s["match_probability"] == top]
        ties = best.groupby("left_id")["right_id"].transform("nunique") > 1
        best = best[~ties].drop_duplicates("left_id")
        return (best[["left_id", "right_id", "match_probability", "match_weight"]]
                .sort_values(["match_probability", "left_id"], ascending=[False, True], kind="stable")
                .reset_index(drop=True))

    def parameters(self) -> pd.DataFrame:
        """m, u and the match weight log2(m/u) of every comparison level (the model itself)."""
        return self.levels[["comparison", "level", "m_probability", "u_probability", "match_weight"]].copy()

    @property
    def prior_weight(self) -> float:
        """The starting weight, log2 of the prior odds that two random records match."""
        return round(math.log2(self.prior / (1 - self.prior)), 2)

    def explain(self, left_id: str, right_id: str) -> pd.DataFrame:
        """How one pair's match weight adds up: the starting weight, then one row per comparison.

        The last row is the total; ``match_probability`` is ``2**w / (1 + 2**w)`` of it.
        """
        row = self.scored[(self.scored["left_id"] == str(left_id)) & (self.scored["right_id"] == str(right_id))]
        if row.empty:
            raise KeyError(
                f"The pair ({left_id!r}, {right_id!r}) was not compared, or scored below 0.001. "
                "Pick a pair from result.scored."
            )
        row = row.iloc[0]
        steps = [{"step": "starting weight (matches are rare)", "level": "", "match_weight": self.prior_weight}]
        for comp in self.comparisons:
            level = row[f"{comp}_level"]
            weight = self.levels.loc[(self.levels["comparison"] == COMPARISON_LABELS[comp])
                                     & (self.levels["level"] == level), "match_weight"]
            steps.append({"step": COMPARISON_LABELS[comp], "level": level,
                          "match_weight": float(weight.iloc[0]) if len(weight) else 0.0})
        out = pd.DataFrame(steps)
        total = round(float(out["match_weight"].sum()), 2)
        prob = round(2**total / (1 + 2**total), 4)
        out = pd.concat([out, pd.DataFrame([{"step": f"total (match probability {prob})", "level": "",
                                              "match_weight": total}])], ignore_index=True)
        return out


def _sig(value: float | None, digits: int = 4) -> float:
    """Round to significant digits (m and u can be tiny), NaN when missing."""
    return float(f"{float(value):.{digits}g}") if value is not None else np.nan


def _levels_table(linker) -> tuple[pd.DataFrame, dict[str, dict[int, str]]]:
    """m, u and weight per level, as splink uses them (levels never seen get splink's 1e-6)."""
    rows, by_comp = [], {}
    for comp in linker._settings_obj.comparisons:  # splink 5.0 keeps the trained model here
        name = comp.output_column_name
        label = COMPARISON_LABELS.get(name, name)
        by_comp[name] = {}
        for lv in comp.comparison_levels:
            if lv.is_null_level:
                continue
            gamma = int(lv.comparison_vector_value)
            text = lv.label_for_charts
            by_comp[name][gamma] = text
            m, u = lv.m_probability, lv.u_probability
            weight = math.log2(m / u) if m and u else float("nan")
            rows.append({"comparison": label, "level": text, "gamma": gamma,
                         "m_probability": _sig(m), "u_probability": _sig(u),
                         "match_weight": round(weight, 2)})
    return pd.DataFrame(rows), by_comp


def _train_m_on_same_dob(linker, em_max_pairs: float) -> None:
    """EM on pairs with the same date of birth, the share of matches held at the prior.

    On very small tables EM can push an m below 1e-300, which splink 5 refuses to store
    (ValueError). Then the round is run again, from the same starting values, with the share
    re-estimated (splink's default), as before the share was held.
    """
    from splink import block_on

    start = linker._settings_obj.core_model_settings.copy()  # a failed round leaves it half-changed
    try:
        linker.training.estimate_parameters_using_expectation_maximisation(
            block_on("dob"), max_pairs=em_max_pairs, fix_probability_two_random_records_match=True)
    except ValueError as err:
        if "below the minimum allowed" not in str(err):
            raise
        linker._settings_obj.core_model_settings = start
        linker.training.estimate_parameters_using_expectation_maximisation(
            block_on("dob"), max_pairs=em_max_pairs)


def link_probabilistic(
    left: pd.DataFrame,
    right: pd.DataFrame,
    *,
    threshold: float = 0.9,
    compare: Sequence[str] = ("school", "zip", "gender"),
    expected_match_share: float = 0.9,
    seed: int = 42,
    u_max_pairs: float = 2e5,
    em_max_pairs: float = 2e6,
) -> ProbabilisticLinkage:
    """Link ``left`` (e.g. a partner roster) to ``right`` (e.g. the district) with splink.

    Both tables come from :func:`helpers.linkage.prepare.prepare`. ``compare`` names optional
    fields to compare when *both* tables have them. The prior (how likely two random records
    are the same child) is ``expected_match_share / len(right)``: each left record is
    expected to match at most one right record. u is estimated from ``u_max_pairs`` random
    pairs with a fixed ``seed``; m by EM on pairs with the same date of birth, then on pairs
    with the same names (each capped near ``em_max_pairs`` pairs by splink's deterministic
    sampling), so every comparison gets trained. Inputs are not changed.

    In the date-of-birth round the share of matches among the training pairs is held at the
    prior (adjusted by splink for the blocking rule) instead of being re-estimated. In a big
    population most children who share a birthday are strangers (at 600,000 students, fewer
    than 1 pair in 100), and a free EM then drifts to the wrong group: "same birthday *and*
    same school" (about 1 pair in 5), learning that names say almost nothing, so almost no
    pair reached the threshold. The prior is known (each left record matches at most one
    right record), so there is nothing to gain from letting it drift.
    """
    import time

    from splink import DuckDBAPI, Linker, block_on

    if not 0 < threshold < 1:
        raise ValueError(f"threshold must be a probability between 0 and 1, not {threshold!r}.")
    started = time.perf_counter()
    a, b = _as_input(left, "left"), _as_input(right, "right")
    if a.empty or b.empty:
        raise ValueError("Both tables need at least one row to link.")
    optional = _optional_columns(a, b, compare)
    prior = min(0.5, expected_match_share / len(b))
    settings = build_settings(prior, optional)
    with _quiet():
        db_api = DuckDBAPI()
        sdf_a = db_api.register(a, table_name=_LEFT)
        sdf_b = db_api.register(b, table_name=_RIGHT)
        linker = Linker([sdf_a, sdf_b], settings, log_level=None)
        linker.training.estimate_u_using_random_sampling(max_pairs=u_max_pairs, seed=seed)
        _train_m_on_same_dob(linker, em_max_pairs)
        linker.training.estimate_parameters_using_expectation_maximisation(
            block_on("first_name_formal", "last_name"), max_pairs=em_max_pairs)
        pred = linker.inference.predict(threshold_match_probability=0.001).as_pandas_dataframe()
        levels, names = _levels_table(linker)
        db_api.duckdb_con.close()
    comps = list(names)
    flip = pred["source_dataset_l"] == _RIGHT
    out = pd.DataFrame({
        "left_id": np.where(flip, pred["record_id_r"], pred["record_id_l"]).astype(str),
        "right_id": np.where(flip, pred["record_id_l"], pred["record_id_r"]).astype(str),
        "match_probability": pred["match_probability"].astype(float).round(4),
        "match_weight": pred["match_weight"].astype(float).round(2),
    })
    for comp in comps:
        gamma = pred[f"gamma_{comp}"].astype(int)
        out[f"{comp}_level"] = [names[comp].get(g, "missing") for g in gamma]
    for col in ("first_name", "last_name", "dob") + tuple(optional):
        left_col = np.where(flip, pred[f"{col}_r"], pred[f"{col}_l"])
        right_col = np.where(flip, pred[f"{col}_l"], pred[f"{col}_r"])
        out[f"{col}_left"] = left_col
        out[f"{col}_right"] = right_col
    out = (out.sort_values(["match_probability", "left_id", "right_id"], ascending=[False, True, True],
                           kind="stable").reset_index(drop=True))
    return ProbabilisticLinkage(scored=out, threshold=threshold, prior=prior, levels=levels,
                                comparisons=comps, seconds=time.perf_counter() - started)


def _demo_people(n: int, seed: int = 0) -> pd.DataFrame:
    """A small made-up table of people (for examples and tests; no real names needed)."""
    rng = np.random.default_rng(seed)
    firsts = np.array(["Ana", "Ben", "Cara", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivan", "Jo", "Kai",
                       "Lena", "Milo", "Nora", "Omar", "Pia", "Quin", "Rosa", "Sami", "Tess"])
    lasts = np.array(["Reyes", "Okafor", "Lindqvist", "Nguyen", "Brennan", "Haddad", "Costa", "Ivanova",
                      "Mbeki", "Tanaka", "Oyelaran", "Kowalski", "Ferreira", "Achterberg", "Quarrie"])
    days = rng.integers(0, 6 * 365, size=n)
    dob = (np.datetime64("2010-01-01") + days.astype("timedelta64[D]")).astype(str)
    return pd.DataFrame({
        "id": [f"P{i:05d}" for i in range(n)],
        "f": rng.choice(firsts, size=n),
        "l": rng.choice(lasts, size=n),
        "d": dob,
    })
