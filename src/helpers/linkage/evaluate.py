"""How good is a linkage? Precision, recall and F1 against a ground truth, and a threshold sweep.

* **Precision**: of the links we made, the share that are right. A false match joins two
  different children's records: one child's absences end up in another child's report.
* **Recall**: of the records that *should* be linked, the share we linked correctly. A
  missed match leaves a child out of every count.
* **F1** balances the two (their harmonic mean).

A ground truth (who really is who) **never exists in real life**: Riverbend has one only
because its people were generated. In practice you estimate quality by reviewing a sample of
pairs by hand, especially those near the threshold.

The truth table has one row per left record: ``left_id`` and the ``right_id`` it really is,
blank when the record has no match on the right (for example a child who is not a district
student).

Example:
    >>> import pandas as pd
    >>> truth = pd.DataFrame({"left_id": ["P1", "P2", "P3", "P4"], "right_id": ["S1", "S2", "S3", None]})
    >>> links = pd.DataFrame({"left_id": ["P1", "P2", "P4"], "right_id": ["S1", "S9", "S4"]})
    >>> q = evaluate_links(links, truth)
    >>> q.precision, q.recall, q.f1
    (0.3333, 0.3333, 0.3333)
    >>> q.false_matches["left_id"].tolist(), q.missed["left_id"].tolist()
    (['P2', 'P4'], ['P2', 'P3'])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Sequence

import pandas as pd

__all__ = ["LinkageQuality", "evaluate_links", "truth_for", "threshold_sweep", "plot_threshold_sweep",
           "pairs_near", "threshold_summary"]

DEFAULT_THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999)


@dataclass(frozen=True)
class LinkageQuality:
    """Quality of one set of links against the truth (rates rounded to 4 decimals)."""

    precision: float
    recall: float
    f1: float
    links: int
    correct: int
    should_link: int
    false_matches: pd.DataFrame
    missed: pd.DataFrame

    def __str__(self) -> str:
        return (f"{self.links:,} links, {self.correct:,} correct, {len(self.false_matches):,} false, "
                f"{len(self.missed):,} of {self.should_link:,} true matches missed: precision "
                f"{self.precision:.3f}, recall {self.recall:.3f}, F1 {self.f1:.3f}")

    def as_dict(self) -> dict[str, Any]:
        """The numbers only (for a row of a results table)."""
        return {"links": self.links, "correct": self.correct, "false_matches": len(self.false_matches),
                "missed": len(self.missed), "precision": self.precision, "recall": self.recall,
                "f1": self.f1}


def _ids(values: pd.Series) -> pd.Series:
    text = values.astype(object).where(values.notna(), "")
    return text.map(lambda v: str(v).strip())


def truth_for(truth: pd.DataFrame, source: str, *, source_col: str = "source",
              left_col: str = "source_record_id", right_col: str = "student_id") -> pd.DataFrame:
    """One source's rows of a multi-source truth table, as ``left_id`` / ``right_id``.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"source": ["a", "b"], "source_record_id": ["A1", "B1"], "student_id": ["S1", None]})
    >>> truth_for(t, "b").to_dict("records")
    [{'left_id': 'B1', 'right_id': ''}]
    """
    for col in (source_col, left_col, right_col):
        if col not in truth.columns:
            raise KeyError(f"The truth table has no column {col!r}; its columns are {list(truth.columns)}.")
    rows = truth[truth[source_col] == source]
    if rows.empty:
        raise ValueError(f"The truth table has no rows for {source!r}. Sources in it: "
                         f"{', '.join(map(str, sorted(truth[source_col].unique())))}.")
    return pd.DataFrame({"left_id": _ids(rows[left_col]).to_numpy(),
                         "right_id": _ids(rows[right_col]).to_numpy()})


def evaluate_links(links: pd.DataFrame, truth: pd.DataFrame) -> LinkageQuality:
    """Compare ``links`` (``left_id``, ``right_id``) with ``truth`` (same columns; blank = no match)."""
    for name, table in (("links", links), ("truth", truth)):
        missing = {"left_id", "right_id"} - set(getattr(table, "columns", []))
        if missing:
            raise KeyError(f"The {name} table needs columns 'left_id' and 'right_id' (missing: "
                           f"{', '.join(sorted(missing))}).")
    t = pd.DataFrame({"left_id": _ids(truth["left_id"]), "true_id": _ids(truth["right_id"])})
    if t["left_id"].duplicated().any():
        raise ValueError("The truth table lists some left_id more than once; it needs one row per record.")
    pred = pd.DataFrame({"left_id": _ids(links["left_id"]), "right_id": _ids(links["right_id"])})
    if pred["left_id"].duplicated().any():
        raise ValueError("Some left record is linked more than once; keep one link per left record.")
    unknown = set(pred["left_id"]) - set(t["left_id"])
    if unknown:
        raise ValueError(f"{len(unknown)} linked record(s) are not in the truth table (for example "
                         f"{sorted(unknown)[0]!r}). Is it the truth for the same source?")
    judged = pred.merge(t, on="left_id", how="left")
    ok = judged["right_id"] == judged["true_id"]
    correct = int(ok.sum())
    false = judged[~ok].rename(columns={"true_id": "true_right_id"}).reset_index(drop=True)
    should = t[t["true_id"] != ""]
    linked_right = should.merge(pred, on="left_id", how="left")
    missed_mask = linked_right["right_id"] != linked_right["true_id"]
    missed = (linked_right[missed_mask].rename(columns={"true_id": "true_right_id", "right_id": "linked_to"})
              [["left_id", "true_right_id", "linked_to"]].fillna({"linked_to": ""}).reset_index(drop=True))
    precision = correct / len(pred) if len(pred) else 1.0
    recall = correct / len(should) if len(should) else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return LinkageQuality(round(precision, 4), round(recall, 4), round(f1, 4), len(pred), correct,
                          len(should), false, missed)


def threshold_sweep(result: Any, truth: pd.DataFrame, thresholds: Iterable[float] = DEFAULT_THRESHOLDS
                    ) -> pd.DataFrame:
    """Precision, recall and F1 at each threshold, for a result with a ``links(threshold)`` method
    (such as :class:`helpers.linkage.probabilistic.ProbabilisticLinkage`)."""
    rows = []
    for t in sorted(float(x) for x in thresholds):
        q = evaluate_links(result.links(t), truth)
        rows.append({"threshold": t, **q.as_dict()})
    return pd.DataFrame(rows)


def plot_threshold_sweep(sweep: pd.DataFrame, chosen: float | None = None):
    """A line chart of precision and recall against the threshold; returns ``(fig, ax)``.

    Show it with ``helpers.charts.show(fig, alt=...)``.
    """
    from helpers.charts import PALETTE, figure, label

    fig, ax = figure()
    ax.plot(sweep["threshold"], sweep["precision"], marker="o", color=PALETTE[0], label="precision")
    ax.plot(sweep["threshold"], sweep["recall"], marker="s", linestyle="--", color=PALETTE[1], label="recall")
    if chosen is not None:
        ax.axvline(chosen, color=PALETTE[7], linewidth=1, linestyle=":", label=f"chosen threshold {chosen}")
    low = min(float(sweep[["precision", "recall"]].min().min()), 0.9)
    ax.set_ylim(max(0.0, low - 0.02), 1.005)
    ax.legend(loc="lower left")
    label(ax, title="Precision and recall at each match-probability threshold",
          x="Threshold (minimum match probability to link)", y="Share (0 to 1)")
    return fig, ax


def pairs_near(scored: pd.DataFrame, threshold: float, n: int = 6, columns: Sequence[str] | None = None
               ) -> pd.DataFrame:
    """The ``n`` scored pairs whose match probability is closest to ``threshold`` (ties by IDs).

    >>> import pandas as pd
    >>> s = pd.DataFrame({"left_id": list("abcd"), "right_id": list("wxyz"),
    ...                   "match_probability": [0.99, 0.91, 0.88, 0.2]})
    >>> pairs_near(s, 0.9, n=2)["left_id"].tolist()
    ['b', 'c']
    """
    dist = (scored["match_probability"] - float(threshold)).abs().rename("_d")
    out = scored.assign(_d=dist).sort_values(["_d", "left_id", "right_id"], kind="stable").head(n)
    out = out.drop(columns="_d").sort_values(["match_probability", "left_id"], ascending=[False, True],
                                             kind="stable")
    if columns is not None:
        out = out[list(columns)]
    return out.reset_index(drop=True)


def threshold_summary(result: Any, truth: pd.DataFrame, threshold: float, n: int = 6
                      ) -> tuple[LinkageQuality, pd.DataFrame]:
    """Quality at one threshold and the ``n`` pairs closest to it, each marked linked or not
    and (from the truth) whether it really is the same person. Used by the threshold slider."""
    quality = evaluate_links(result.links(threshold), truth)
    near = pairs_near(result.scored, threshold, n=n)
    truth_map = dict(zip(_ids(truth["left_id"]), _ids(truth["right_id"])))
    linked = set(zip(result.links(threshold)["left_id"], result.links(threshold)["right_id"]))
    near = near.assign(
        linked=[(a, b) in linked for a, b in zip(near["left_id"], near["right_id"])],
        same_person=[truth_map.get(a) == b for a, b in zip(near["left_id"], near["right_id"])],
    )
    return quality, near
