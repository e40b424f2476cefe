"""Training the linkage model so that it cannot collapse, whatever the tables look like.

Training estimates, for every level of every comparison, **u** (how often two different
people land there by chance: from random pairs) and **m** (how often the same person does:
by expectation-maximisation, EM, on pairs that share a date of birth, then a name, then
any shared identifier). EM can go wrong on real tables: too few pairs, an m so small it
underflows (splink refuses values below 1e-300), or a drift to the wrong group of pairs.
Here:

* every EM round runs first with the share of matches held at the prior; if that fails it
  runs again from the same starting model with the share left free; if that fails too, the
  round is skipped and a note says so in plain words;
* after training, every m is **floored** at :data:`M_FLOOR`, so no level weighs minus
  infinity (a typo or a school move lowers the score; it never rules a pair out); a level
  never seen among the random pairs gets a u of one over the number of pairs sampled (it
  is at least that rare); then the weights are kept in order: every partial-agreement
  level ("one typo", "similar") weighs at least as much as "different" and no more than
  "identical" (by adjusting u, so m keeps its floor);
* levels that no round could train take the **fallback model** :data:`FALLBACK_M` (a
  documented, deliberately modest model: identical 0.85, different 0.03, the rest shared
  between the partial levels), and u falls back to :data:`FALLBACK_U` if random sampling
  fails. Every fallback is written to the notes.

The model is read and written through splink's public model description
(``linker.misc.save_model_to_json()``), never its private attributes, and the engine is a
parameter (``make_linker``), so the same training runs on DuckDB or Spark.

Example (the adjustment on its own):
    >>> model = {"comparisons": [{"output_column_name": "dob", "comparison_levels": [
    ...     {"is_null_level": True, "label_for_charts": "missing"},
    ...     {"label_for_charts": "identical", "m_probability": 0.9, "u_probability": 0.001},
    ...     {"label_for_charts": "one digit off", "m_probability": 1e-200, "u_probability": 0.01},
    ...     {"label_for_charts": "different", "m_probability": 0.05, "u_probability": 0.989}]}]}
    >>> [round(lv["m_probability"], 4) for lv in adjust_model(model)["comparisons"][0]["comparison_levels"][1:]]
    [0.9, 0.005, 0.05]
    >>> [round(lv["u_probability"], 4) for lv in adjust_model(model)["comparisons"][0]["comparison_levels"][1:]]
    [0.001, 0.01, 0.989]
"""

from __future__ import annotations

import copy
import math
from typing import Any, Callable, Sequence

__all__ = ["M_FLOOR", "FALLBACK_M", "FALLBACK_U", "adjust_model", "train_model", "levels_table"]

#: No m is taken below this: a disagreement lowers a pair's score but never rules it out.
M_FLOOR = 0.005
#: m for levels no EM round could train: identical, different, and the partial levels share the rest.
FALLBACK_M = {"identical": 0.85, "different": 0.03}
#: u when random sampling fails: identical, different, and the partial levels share the rest.
FALLBACK_U = {"identical": 0.01, "different": 0.95}


def _levels(comparison: dict) -> list[dict]:
    return [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _fill(levels: list[dict], key: str, table: dict[str, float]) -> None:
    partial = [lv for lv in levels if lv.get("label_for_charts") not in table]
    rest = max(0.0, 1.0 - sum(table.values()))
    for lv in levels:
        label = lv.get("label_for_charts")
        lv[key] = table[label] if label in table else rest / max(1, len(partial))


def adjust_model(model: dict, untrained: Sequence[str] = (), u_failed: bool = False,
                 unseen_u: float | None = None) -> dict:
    """A copy of a splink model description with m floored and level weights kept in order.

    ``untrained`` names comparisons (output columns) that get :data:`FALLBACK_M`;
    ``u_failed`` gives every comparison :data:`FALLBACK_U`. ``unseen_u`` is the u of a level
    no random pair landed on (about one over the number of pairs sampled); without it, the
    u of the rarest level that was seen.
    """
    out = copy.deepcopy(model)
    for comp in out["comparisons"]:
        levels = _levels(comp)
        if u_failed:
            _fill(levels, "u_probability", FALLBACK_U)
        if comp["output_column_name"] in untrained:
            _fill(levels, "m_probability", FALLBACK_M)
        observed = [u for u in (_number(lv.get("u_probability")) for lv in levels) if u and math.isfinite(u)]
        unseen = unseen_u if unseen_u else (min(observed) if observed else 0.01)
        for lv in levels:
            m, u = _number(lv.get("m_probability")), _number(lv.get("u_probability"))
            lv["m_probability"] = min(1.0, max(m if m is not None and math.isfinite(m) else 0.0, M_FLOOR))
            lv["u_probability"] = min(1.0, max(u if u and math.isfinite(u) else unseen, 1e-12))
        if len(levels) < 2:
            continue
        weights = [math.log2(lv["m_probability"] / lv["u_probability"]) for lv in levels]
        low = weights[-1]  # "different"
        high = max(weights[0], low)  # "identical"
        for lv, w in zip(levels, [high] + [min(max(w, low), high) for w in weights[1:-1]] + [low]):
            u = lv["m_probability"] / 2**w
            if u > 1.0:  # keep the weight: u at most 1, m = 2**w (still above the floor, as w >= log2(floor))
                lv["u_probability"], lv["m_probability"] = 1.0, 2**w
            else:
                lv["u_probability"] = max(u, 1e-300)
    return out


def _plain(err: Exception) -> str:
    text = str(err)
    if "below the minimum" in text or "underflow" in text:
        return "the estimates became too small to store (too few pairs of this kind)"
    if "no" in text.lower() and "pairs" in text.lower():
        return "there were no pairs of this kind to learn from"
    return "it could not learn from these pairs"


def train_model(make_linker: Callable[[Any], Any], settings: Any, em_rounds: Sequence[tuple[str, Any, bool, Sequence[str]]], *,
                u_max_pairs: float = 2e5, em_max_pairs: float = 2e6, seed: int = 42,
                u_linker: Any = None, unseen_u: float | None = None) -> tuple[dict, list[str]]:
    """Train a model; return its description (for ``make_linker``) and plain-words notes.

    ``make_linker(settings_or_model)`` builds a splink ``Linker`` on the engine's tables;
    ``em_rounds`` lists ``(description, blocking rule, hold the match share at the prior,
    comparisons the rule holds fixed)``.
    ``u_linker``, if given, is a one-table (dedupe) linker on the right table with the same
    comparisons: u is estimated there, from pairs of *different* records of one table, so
    true matches cannot inflate it (between two tables that overlap, random pairs include
    the true matches, which makes a unique ID look common), and copied into the model.
    Never raises because training went wrong: failed steps fall back and are noted.
    """
    notes: list[str] = []
    u_failed = False
    try:
        source = u_linker if u_linker is not None else make_linker(settings)
        source.training.estimate_u_using_random_sampling(max_pairs=u_max_pairs, seed=seed, num_chunks=1,
                                                         min_count_per_level=None)
        linker = make_linker(_with_u(settings_model(make_linker, settings), source.misc.save_model_to_json()))
    except Exception as err:  # noqa: BLE001 - any failure falls back to a documented model
        u_failed = True
        notes.append(f"Chance agreement (u) could not be estimated from random pairs ({_plain(err)}); "
                     "the fallback values were used.")
        linker = make_linker(settings)
    trained: set[str] = set()
    model = linker.misc.save_model_to_json()
    all_columns = [c["output_column_name"] for c in model["comparisons"]]
    for description, rule, hold_share, blocked in em_rounds:
        start = linker.misc.save_model_to_json()
        done = False
        for hold in ((True, False) if hold_share else (False,)):
            try:
                linker.training.estimate_parameters_using_expectation_maximisation(
                    rule, fix_probability_two_random_records_match=hold, max_pairs=em_max_pairs)
                done = True
                break
            except Exception as err:  # noqa: BLE001
                last = err
                linker = make_linker(start)
        if done:
            trained.update(c for c in all_columns if c not in blocked)
        else:
            notes.append(f"Training on pairs with {description} was skipped: {_plain(last)}.")
    model = linker.misc.save_model_to_json()
    untrained = [c for c in all_columns if c not in trained]
    if untrained:
        notes.append("No training round could learn " + ", ".join(untrained) + "; the fallback model "
                     "(identical m=0.85, different m=0.03) was used for it.")
    return adjust_model(model, untrained, u_failed, unseen_u), notes


def settings_model(make_linker: Callable[[Any], Any], settings: Any) -> dict:
    """The model description of untrained settings."""
    return make_linker(settings).misc.save_model_to_json()


def _with_u(model: dict, source: dict) -> dict:
    """``model`` with the u of every level taken from ``source`` (same comparisons)."""
    out = copy.deepcopy(model)
    for comp, other in zip(out["comparisons"], source["comparisons"]):
        for lv, lv_other in zip(comp["comparison_levels"], other["comparison_levels"]):
            if not lv.get("is_null_level") and "u_probability" in lv_other:
                lv["u_probability"] = lv_other["u_probability"]
    return out


def levels_table(model: dict, labels: dict[str, str]) -> list[dict]:
    """One row per non-missing level: comparison, level, gamma, m, u (from a model description)."""
    rows = []
    for comp in model["comparisons"]:
        name = comp["output_column_name"]
        levels = comp["comparison_levels"]
        gamma = sum(1 for lv in levels if not lv.get("is_null_level")) - 1
        for lv in levels:
            if lv.get("is_null_level"):
                continue
            rows.append({"column": name, "comparison": labels.get(name, name), "level": lv["label_for_charts"],
                         "gamma": gamma, "m_probability": lv["m_probability"], "u_probability": lv["u_probability"]})
            gamma -= 1
    return rows
