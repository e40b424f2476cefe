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
of the tables. The model itself (comparisons, blocking rules) is built by
:func:`helpers.linkage.model.build_settings`, which names no engine, and trained by
:func:`helpers.linkage.training.train_model`, which cannot collapse; this module runs them on
DuckDB by default, or on Apache Spark for state-scale data (``engine=spark_session``); what
differs between the engines lives in :mod:`helpers.linkage.engines`.

**Threshold and community size.** The starting weight (the prior) is how likely two random
records are the same person: ``expected_match_share / len(right)``, so it shrinks as the
district grows, and the same evidence gives a lower match probability in a bigger
community. That is the right direction (more children means more look-alikes), but it
means one probability threshold does not mean the same thing at every size. So the share
of a partner's records that have a match is **re-estimated per partner** from the data
(:func:`estimate_match_share`), instead of being assumed, and every link can be read on the match
*weight* scale as well (``links(min_weight=...)``), which does not depend on the prior.

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
import time
from dataclasses import dataclass, field
from typing import Any, Iterator, Sequence

import numpy as np
import pandas as pd

from .model import COMPARISON_LABELS, OPTIONAL_FIELDS, blocking_rules, build_settings, fields_to_compare
from .prepare import PREPARED_COLUMNS
from .training import levels_table, train_model

__all__ = ["ProbabilisticLinkage", "link_probabilistic", "build_settings", "COMPARISON_LABELS",
           "BLOCKING_RULES", "estimate_match_share"]

#: The blocking rules used when both tables hold names and a date of birth (see
#: :func:`helpers.linkage.model.blocking_rules` for how other fields add rules).
BLOCKING_RULES = blocking_rules(["first_name", "last_name", "dob"])

_LEFT, _RIGHT = "a_left", "b_right"
_NEEDED = ["record_id", "first_name", "last_name", "first_name_formal", "dob", "dob_swapped", "dob_year"]


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


def _as_input(df: pd.DataFrame, which: str) -> pd.DataFrame:
    missing = [c for c in _NEEDED if c not in getattr(df, "columns", [])]
    if not isinstance(df, pd.DataFrame) or missing:
        raise ValueError(
            f"The {which} table is not ready for linkage (it lacks {', '.join(missing) or 'columns'}). "
            "Run it through helpers.linkage.prepare(table, mapping) first."
        )
    out = pd.DataFrame({c: (df[c] if c in df.columns else None) for c in PREPARED_COLUMNS}, index=df.index)
    out = out.reset_index(drop=True)
    out["dob_year"] = pd.to_numeric(out["dob_year"], errors="coerce").astype("float64")
    for col in PREPARED_COLUMNS:
        if col != "dob_year":
            values = out[col].astype(object)
            missing = values.isna().to_numpy()
            if not missing.all():
                values = values.where(missing, values.astype(str))
            out[col] = values.where(~missing, None).astype(object)
    out["record_id"] = out["record_id"].astype(str)
    return out


def _held(df: pd.DataFrame) -> list[str]:
    return [c for c in ("first_name", "last_name", "dob", *OPTIONAL_FIELDS) if df[c].notna().any()]


@dataclass
class ProbabilisticLinkage:
    """The result of :func:`link_probabilistic`: scored pairs and the model's parameters.

    ``scored`` holds every compared pair with a match probability of at least 0.001 (rounded
    to 4 decimals), the comparison level of each field, and both records' values, sorted by
    probability (highest first) then IDs, so the order is the same on every run. The match
    probability is the chance that the left record *is* this right record, among all the
    right records it was compared with: ``pair_weight`` is splink's weight for the pair on
    its own, ``evidence_weight`` the same without the starting weight, and ``match_weight``
    the log2 odds of the match probability (see :meth:`explain`).
    """

    scored: pd.DataFrame
    threshold: float
    prior: float
    levels: pd.DataFrame
    comparisons: list[str] = field(default_factory=list)
    seconds: float | None = None
    notes: list[str] = field(default_factory=list)
    match_share: float | None = None

    def links(self, threshold: float | None = None, *, min_weight: float | None = None) -> pd.DataFrame:
        """Each left record's best candidate at or above ``threshold`` (default: the model's).

        With ``min_weight`` the cut is on the evidence instead: the pair's match weight
        without the starting weight (``scored["evidence_weight"]``), which does not depend on
        the size of the district. Several left records may link to the same right record (a
        partner roster with the same child registered twice), but each left record links to
        at most one right record. Ties at the top are left unlinked, for a person to decide.
        """
        if min_weight is not None:
            s = self.scored[self.scored["evidence_weight"] >= float(min_weight)]
        else:
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
        """How one pair's match weight adds up: the starting weight, one row per comparison, then
        the other candidates for the same left record (a rival with good evidence lowers the
        weight; with none it is close to zero).

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
        rivals = round(float(row["match_weight"]) - float(row["pair_weight"]), 2)
        steps.append({"step": "other candidates for this record", "level": "", "match_weight": rivals})
        out = pd.DataFrame(steps)
        total = round(float(out["match_weight"].sum()), 2)
        prob = round(2**total / (1 + 2**total), 4)
        out = pd.concat([out, pd.DataFrame([{"step": f"total (match probability {prob})", "level": "",
                                              "match_weight": total}])], ignore_index=True)
        return out


def _sig(value: float | None, digits: int = 4) -> float:
    """Round to significant digits (m and u can be tiny), NaN when missing."""
    return float(f"{float(value):.{digits}g}") if value is not None else np.nan


def _levels_frame(model: dict) -> tuple[pd.DataFrame, dict[str, dict[int, str]]]:
    rows = levels_table(model, COMPARISON_LABELS)
    names: dict[str, dict[int, str]] = {}
    for r in rows:
        names.setdefault(r["column"], {})[r["gamma"]] = r["level"]
        m, u = r["m_probability"], r["u_probability"]
        r["match_weight"] = round(math.log2(m / u), 2) if m and u else float("nan")
        r["m_probability"], r["u_probability"] = _sig(m), _sig(u)
    return pd.DataFrame(rows).drop(columns="column"), names


def _em_rounds(fields: Sequence[str]) -> list:
    from splink import block_on

    rounds = []
    if "dob" in fields:
        rounds.append(("the same date of birth", block_on("dob"), True, ["dob"]))
    if "first_name" in fields and "last_name" in fields:
        rounds.append(("the same first and last name", block_on("first_name_formal", "last_name"), False,
                       ["first_name", "last_name"]))
    if "shared_id" in fields:
        rounds.append(("the same shared ID", block_on("shared_id"), False, ["shared_id"]))
    return rounds


def estimate_match_share(scored: pd.DataFrame, n_left: int, n_right: int, *, start: float = 0.5,
                         rounds: int = 50) -> float:
    """The share of left records that have a match on the right, estimated from the evidence.

    ``scored`` has one row per compared pair with ``left_id`` and ``evidence_weight`` (the
    pair's match weight without the starting weight, log2 of its Bayes factor). If a share
    s of left records have a match, each one equally likely to be any of the ``n_right``
    right records, the chance that left record i has one is
    ``s * S_i / (1 - s + s * S_i)`` with ``S_i`` the sum of its candidates' Bayes factors
    divided by ``n_right``. The share is the average of those chances; it is found by
    repeating that step (an EM for the share alone), bounded to 0.01-0.99.

    >>> import pandas as pd
    >>> s = pd.DataFrame({"left_id": ["a", "b", "c", "d"], "evidence_weight": [30.0, 30.0, -5.0, -5.0]})
    >>> estimate_match_share(s, 4, 1000)
    0.5
    """
    if n_left <= 0 or n_right <= 0 or scored.empty:
        return 0.01
    factors = np.exp2(scored["evidence_weight"].astype(float).clip(upper=200)) / n_right
    per_left = factors.groupby(scored["left_id"].to_numpy()).sum().to_numpy()
    share = start
    for _ in range(rounds):
        chance = share * per_left / (1 - share + share * per_left)
        share = min(0.99, max(0.01, float(chance.sum()) / n_left))
    return round(share, 4)


def link_probabilistic(
    left: pd.DataFrame,
    right: pd.DataFrame,
    *,
    threshold: float = 0.9,
    compare: Sequence[str] | None = None,
    expected_match_share: float | None = None,
    blocking: dict[str, str] | Sequence[str] | None = None,
    seed: int = 42,
    u_max_pairs: float = 1e5,
    em_max_pairs: float = 2e6,
    engine: Any = None,
) -> ProbabilisticLinkage:
    """Link ``left`` (e.g. a partner roster) to ``right`` (e.g. the district) with splink on DuckDB.

    Both tables come from :func:`helpers.linkage.prepare.prepare`. Every field both tables
    hold is compared (``compare`` limits the optional ones: shared ID, school, address, city,
    ZIP, phone, email, gender). ``blocking`` replaces the derived blocking rules (a dict of
    name -> SQL condition on ``l.`` and ``r.``, or a list of conditions). The prior is
    ``share / len(right)``, where the share of left records that have a match is
    ``expected_match_share`` if given, otherwise estimated from the data
    (:func:`estimate_match_share`). u comes from ``u_max_pairs`` random pairs (fixed ``seed``;
    pairs within the right table when a near-unique identifier is compared, since between two
    overlapping tables many random pairs with the same ID are the same person);
    m from EM on pairs with the same date of birth (the match share held at the prior), then
    the same names, then the same shared ID; see :mod:`helpers.linkage.training` for the
    fallbacks that keep training from collapsing (they are listed in ``result.notes``).
    ``engine`` is where it runs: DuckDB (``None``, the default) or Spark (a ``SparkSession``, or
    ``"spark"`` for :func:`helpers.linkage.engines.local_spark`); the model is the same.
    Inputs are not changed.
    """
    from splink import Linker

    from . import engines

    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 < threshold < 1:
        raise ValueError(f"threshold must be a probability between 0 and 1, not {threshold!r}.")
    if expected_match_share is not None and not 0 < expected_match_share <= 1:
        raise ValueError(f"expected_match_share must be between 0 and 1, not {expected_match_share!r}.")
    started = time.perf_counter()
    a, b = _as_input(left, "left"), _as_input(right, "right")
    if a.empty or b.empty:
        raise ValueError("Both tables need at least one row to link.")
    held = [f for f in _held(a) if f in _held(b)]
    optional = fields_to_compare(held, held, compare)
    core = [f for f in ("first_name", "last_name", "dob") if f in held]
    rules = blocking if blocking is not None else blocking_rules(core + optional)
    share = expected_match_share if expected_match_share is not None else 0.9
    settings = build_settings(min(0.5, share / len(b)), optional, rules, core)
    with _quiet():
        db_api = engines.make_engine(engine)
        tables = [engines.register(db_api, a, _LEFT), engines.register(db_api, b, _RIGHT)]

        def make_linker(model):
            # settings are checked once; a model description saved from a checked linker needs no re-check
            return Linker(tables, model, log_level=None, validate_settings=not isinstance(model, dict))

        u_linker = None
        if len(b) >= 2 and set(optional) & {"shared_id", "phone", "email"}:
            # a near-unique identifier: random pairs between two overlapping tables are often the
            # same person, so u is estimated from pairs of different records within the district
            one = engines.register(db_api, b, "b_right_alone")
            u_linker = Linker(one, build_settings(min(0.5, share / len(b)), optional, rules, core,
                                                  link_type="dedupe_only"), log_level=None, validate_settings=False)
        model, notes = train_model(make_linker, settings, _em_rounds(held), u_max_pairs=u_max_pairs,
                                   em_max_pairs=em_max_pairs, seed=seed, u_linker=u_linker,
                                   unseen_u=1 / max(1.0, min(u_max_pairs, len(b) * (len(b) - 1) / 2)))
        pred = _predict(make_linker, model)
        start_prior = model["probability_two_random_records_match"]
        if expected_match_share is None:
            evidence = pred["match_weight"].astype(float) - math.log2(start_prior / (1 - start_prior))
            flip = pred["source_dataset_l"] == _RIGHT
            ids = np.where(flip, pred["record_id_r"], pred["record_id_l"]).astype(str)
            share = estimate_match_share(pd.DataFrame({"left_id": ids, "evidence_weight": evidence}), len(a), len(b))
        prior = min(0.5, share / len(b))
        engines.close(db_api)
    levels, names = _levels_frame(model)
    comps = list(names)
    flip = pred["source_dataset_l"] == _RIGHT
    out = pd.DataFrame({
        "left_id": np.where(flip, pred["record_id_r"], pred["record_id_l"]).astype(str),
        "right_id": np.where(flip, pred["record_id_l"], pred["record_id_r"]).astype(str),
    })
    evidence = pred["match_weight"].astype(float).to_numpy() - math.log2(start_prior / (1 - start_prior))
    pair_weight = evidence + math.log2(prior / (1 - prior))
    weight = _weight_among_candidates(out["left_id"].to_numpy(), evidence, share, len(b))
    out["match_probability"] = (1 / (1 + np.exp2(-np.clip(weight, -200, 200)))).round(4)
    out["match_weight"] = weight.round(2)
    out["pair_weight"] = pair_weight.round(2)
    out["evidence_weight"] = evidence.round(2)
    for comp in comps:
        gamma = pred[f"gamma_{comp}"].astype(int)
        out[f"{comp}_level"] = gamma.map(names[comp]).fillna("missing").astype(object).to_numpy()
    for col in [*core, *optional]:
        out[f"{col}_left"] = np.where(flip, pred[f"{col}_r"], pred[f"{col}_l"])
        out[f"{col}_right"] = np.where(flip, pred[f"{col}_l"], pred[f"{col}_r"])
    out = out[out["match_probability"] >= 0.001]
    out = (out.sort_values(["match_probability", "left_id", "right_id"], ascending=[False, True, True],
                           kind="stable").reset_index(drop=True))
    return ProbabilisticLinkage(scored=out, threshold=float(threshold), prior=prior, levels=levels,
                                comparisons=comps, seconds=time.perf_counter() - started, notes=notes,
                                match_share=share)


def _weight_among_candidates(left_ids: np.ndarray, evidence: np.ndarray, share: float, n_right: int) -> np.ndarray:
    """log2 odds that a left record is this candidate, among all its candidates.

    With a share ``share`` of left records having one match among ``n_right`` right records,
    P(left i is right j) = share * F_ij / (1 - share + share * sum_k F_ik), where F is the
    Bayes factor 2**evidence over ``n_right``: a pair with strong evidence and no rival is
    linked even in a big district, while two look-alikes split the probability between them.
    """
    factor = np.exp2(np.clip(evidence, -200, 200)) / n_right
    total = pd.Series(factor).groupby(left_ids).transform("sum").to_numpy()
    rivals = 1 - share + share * (total - factor)
    return np.log2(share * factor) - np.log2(np.maximum(rivals, 1e-300))


def _predict(make_linker, model: dict) -> pd.DataFrame:
    """Every compared pair that could matter: pair weight above -10 (with the starting weight of
    a share of at most 0.99, such a pair scores below 0.001 and adds less than 1/1000 as a rival)."""
    return make_linker(model).inference.predict(threshold_match_weight=-10).as_pandas_dataframe()


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
