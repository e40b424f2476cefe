"""Alt text for lesson 05's charts, computed from the data (the charts' words must be true of them)."""

from __future__ import annotations

import pandas as pd

# -- alt text computed from the data (the charts' words must be true of the charts) ----------------
def sweep_alt(sweep: pd.DataFrame) -> str:
    """Alt text for the lesson's chart of the two mistakes at each threshold, read off the sweep."""
    def at(row) -> str:
        return (f"at {row['threshold']:g}, {int(row['false_matches'])} false matches and {int(row['missed'])} "
                "missed")

    first, last = sweep.iloc[0], sweep.iloc[-1]
    parts = [f"Bar chart of the two mistakes at each match threshold on the practice roster, from "
             f"{first['threshold']:g} to {last['threshold']:g}: false matches (look-alikes linked) and missed "
             f"district students. {at(first).capitalize()}."]
    clean = sweep[sweep["false_matches"] == 0]
    if len(clean):
        low = clean.iloc[0]
        parts.append(f"False matches reach 0 from a threshold of {low['threshold']:g}, where {int(low['missed'])} are "
                     "missed.")
    parts.append(f"{at(last).capitalize()}.")
    return " ".join(parts)


def weights_alt(weights: pd.DataFrame) -> str:
    """Alt text for the match-weight bar chart: every level, with its sign, from the model."""
    def name(row) -> str:
        return f"{row['comparison'].lower()} {row['level']} ({row['match_weight']:+.1f})"

    pos = [name(r) for _, r in weights.iterrows() if r["match_weight"] > 0]
    neg = [name(r) for _, r in weights.iterrows() if r["match_weight"] <= 0]
    return ("Horizontal bar chart of the match weight of each comparison level (bars cut at -12 and 14). "
            f"Evidence for a match: {'; '.join(pos) or 'none'}. Evidence against: {'; '.join(neg) or 'none'}.")
