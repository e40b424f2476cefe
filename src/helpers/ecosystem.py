"""The information ecosystem: which systems hold which data, and how data moves between them.

Start from an inventory: one row per system, with the organization that runs it and its
data elements written as a list ("student_id;student_name;date_of_birth"). From it:

* :func:`element_matrix` - a yes/no grid of systems by data elements;
* :func:`collected_by` - for each element, how many systems and organizations hold it
  (an element held by several organizations is collected more than once: families are
  asked the same question again and again, and the copies drift apart);
* :func:`systems_holding` - which systems already hold every element a question needs
  (connect to those before building anything new);
* :func:`flow_map` - a picture of the systems, grouped by organization, with arrows for
  the data flows you list (drawn with matplotlib).

Example:
    >>> import pandas as pd
    >>> systems = pd.DataFrame({"system_id": ["S1", "S2", "S3"], "system_name": ["SIS", "Sign-up", "Survey"],
    ...     "organization": ["District", "Club", "Club"],
    ...     "data_elements": ["student_id;student_name;attendance_events", "student_name;grade", "grade"]})
    >>> c = collected_by(systems)
    >>> c.loc[c["element"] == "student_name", ["systems", "organizations"]].values.tolist()
    [[2, 2]]
    >>> systems_holding(systems, ["student_id", "attendance_events"])["system_id"].tolist()
    ['S1']
"""

from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from helpers.validation import DataShapeError, require_columns

__all__ = [
    "EcosystemError",
    "split_elements",
    "element_matrix",
    "collected_by",
    "systems_holding",
    "flow_map",
]


class EcosystemError(DataShapeError):
    """An inventory or flow list cannot be used as given."""


def split_elements(text: object, sep: str = ";") -> list[str]:
    """The data elements in one inventory cell, trimmed and in lower case.

    >>> split_elements(" Student_ID; grade ;;")
    ['student_id', 'grade']
    """
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return []
    try:
        if pd.isna(text):
            return []
    except (TypeError, ValueError):
        pass
    return [e.strip().lower() for e in str(text).split(sep) if e.strip()]


def _long(systems: pd.DataFrame, system_col: str, elements_col: str, org_col: str | None, sep: str) -> pd.DataFrame:
    cols = [system_col, elements_col] + ([org_col] if org_col else [])
    require_columns(systems, cols, "data_systems")
    if systems[system_col].duplicated().any():
        dup = systems.loc[systems[system_col].duplicated(), system_col].iloc[0]
        raise EcosystemError(f"data_systems lists {dup!r} more than once in {system_col!r}: one row per system, please.")
    rows = []
    for _, r in systems.iterrows():
        for element in dict.fromkeys(split_elements(r[elements_col], sep)):
            rows.append({"system": r[system_col], "element": element,
                         "organization": r[org_col] if org_col else r[system_col]})
    return pd.DataFrame(rows, columns=["system", "element", "organization"])


def element_matrix(
    systems: pd.DataFrame,
    *,
    system_col: str = "system_id",
    elements_col: str = "data_elements",
    sep: str = ";",
) -> pd.DataFrame:
    """A grid: one row per system, one column per element, True where the system holds it.

    Elements are ordered from most widely held to least (ties alphabetically).

    >>> import pandas as pd
    >>> inv = pd.DataFrame({"system_id": ["A", "B"], "data_elements": ["x;y", "y"]})
    >>> element_matrix(inv).astype(int).values.tolist()
    [[1, 1], [1, 0]]
    """
    long = _long(systems, system_col, elements_col, None, sep)
    grid = pd.crosstab(long["system"], long["element"]).astype(bool)
    grid = grid.reindex(index=list(systems[system_col]), fill_value=False)
    order = sorted(grid.columns, key=lambda c: (-int(grid[c].sum()), c))
    grid = grid[order]
    grid.index.name = system_col
    grid.columns.name = "element"
    return grid


def collected_by(
    systems: pd.DataFrame,
    *,
    system_col: str = "system_id",
    elements_col: str = "data_elements",
    org_col: str = "organization",
    sep: str = ";",
) -> pd.DataFrame:
    """For each data element: how many systems and organizations hold it, and which.

    Columns: element, systems, organizations, system_list, organization_list. Sorted
    with the most duplicated elements first.
    """
    long = _long(systems, system_col, elements_col, org_col, sep)
    if long.empty:
        raise EcosystemError(f"No data elements found in {elements_col!r}. Are they separated by {sep!r}?")
    g = long.groupby("element", sort=True)
    out = pd.DataFrame({
        "systems": g["system"].nunique(),
        "organizations": g["organization"].nunique(),
        "system_list": g["system"].agg(lambda s: "; ".join(dict.fromkeys(map(str, s)))),
        "organization_list": g["organization"].agg(lambda s: "; ".join(sorted(set(map(str, s))))),
    }).reset_index()
    return out.sort_values(["organizations", "systems", "element"], ascending=[False, False, True],
                           kind="stable").reset_index(drop=True)


def systems_holding(
    systems: pd.DataFrame,
    elements: Iterable[str],
    *,
    system_col: str = "system_id",
    elements_col: str = "data_elements",
    sep: str = ";",
) -> pd.DataFrame:
    """The systems that already hold *every* one of ``elements``, plus what each lacks.

    Returns the inventory rows (all columns) of systems holding all of them, in inventory
    order. To see partial coverage, use :func:`element_matrix`.
    """
    wanted = [e.strip().lower() for e in ([elements] if isinstance(elements, str) else list(elements))]
    if not wanted:
        raise EcosystemError("List at least one data element, like ['student_id', 'attendance_events'].")
    grid = element_matrix(systems, system_col=system_col, elements_col=elements_col, sep=sep)
    unknown = [e for e in wanted if e not in grid.columns]
    if unknown:
        raise EcosystemError(
            f"No system holds {', '.join(map(repr, unknown))}. Known elements include: "
            f"{', '.join(list(grid.columns)[:12])} ..."
        )
    has_all = grid[wanted].all(axis=1)
    ids = set(has_all[has_all].index)
    return systems[systems[system_col].isin(ids)].reset_index(drop=True)


def flow_map(
    systems: pd.DataFrame,
    flows: pd.DataFrame | None = None,
    *,
    system_col: str = "system_id",
    name_col: str = "system_name",
    org_col: str = "organization",
    center: str | None = None,
    highlight: Sequence[str] = (),
    title: str = "Systems and data flows",
):
    """Draw each organization's systems as a stack of boxes, and the flows as arrows.

    Organizations sit around an oval in inventory order (the first on the left, then
    clockwise); an organization's first system is the box nearest the middle. The
    organization named ``center`` (for example the data hub) sits in the middle.
    ``flows`` has columns ``source`` and ``target`` (system IDs) and optionally ``label``
    (what moves) and ``kind``: "automatic" (solid), "manual" (dashed: someone re-types or
    e-mails a file) or "planned" (dotted). Systems in ``highlight`` are drawn in orange.
    Returns ``(fig, ax)``; show it with :func:`helpers.charts.show` and alt text that
    states what the map shows.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> inv = pd.DataFrame({"system_id": ["A", "B"], "system_name": ["SIS", "Hub"], "organization": ["D", "H"]})
    >>> fig, ax = flow_map(inv, pd.DataFrame({"source": ["A"], "target": ["B"], "label": ["attendance"]}))
    >>> len(ax.patches) >= 2
    True
    """
    from matplotlib.patches import FancyBboxPatch

    from helpers.charts import PALETTE, figure

    require_columns(systems, [system_col, name_col, org_col], "data_systems")
    if flows is None:
        flows = pd.DataFrame(columns=["source", "target"])
    require_columns(flows, ["source", "target"], "flows") if len(flows) else None
    ids = list(map(str, systems[system_col]))
    unknown = sorted({str(x) for x in pd.concat([flows["source"], flows["target"]])} - set(ids))
    if unknown:
        raise EcosystemError(f"flows mention systems not in the inventory: {', '.join(unknown)}.")
    orgs = list(dict.fromkeys(systems[org_col].astype(str)))
    if center is not None and center not in orgs:
        raise EcosystemError(f"center={center!r} is not an organization in the inventory. Choose one of: {'; '.join(orgs)}.")
    ring = [o for o in orgs if o != center]
    anchor: dict[str, tuple[float, float]] = {}
    rx, ry = 6.2, 3.9
    for k, org in enumerate(ring):
        angle = np.pi - 2 * np.pi * k / max(len(ring), 1)
        anchor[org] = (rx * np.cos(angle), ry * np.sin(angle))
    if center is not None:
        anchor[center] = (0.0, 0.0)
    members: dict[str, list[str]] = {}
    for sid, org in zip(ids, systems[org_col].astype(str)):
        members.setdefault(org, []).append(sid)
    step = 1.15
    pos: dict[str, tuple[float, float]] = {}
    for org, sids in members.items():
        x0, y0 = anchor[org]
        top = y0 + (len(sids) - 1) * step / 2
        # above the middle, the first system sits lowest (nearest the centre), so arrows
        # that leave it do not pass behind its neighbours
        order = list(reversed(sids)) if y0 > 0.5 else sids
        for k, sid in enumerate(order):
            pos[sid] = (x0, top - k * step)
    fig, ax = figure(figsize=(10, 7.2))
    ax.grid(False)
    w, h = 2.5, 0.85
    names = dict(zip(ids, systems[name_col].astype(str)))
    strong = set(map(str, highlight))
    boxes = {}
    for sid, (x, y) in pos.items():
        box = FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0.03", zorder=2,
                             facecolor=PALETTE[1] if sid in strong else "#e8f1f8",
                             edgecolor=PALETTE[5] if sid in strong else PALETTE[0],
                             linewidth=2 if sid in strong else 1)
        ax.add_patch(box)
        boxes[sid] = box
        ax.text(x, y, _wrap(names[sid], 20), ha="center", va="center", fontsize=7.5, zorder=3)
    for org, sids in members.items():
        x, y = max((pos[sid] for sid in sids), key=lambda p: p[1])
        ax.text(x, y + h / 2 + 0.12, _wrap(org, 26), ha="center", va="bottom", fontsize=8,
                fontweight="bold", zorder=3)
    styles = {"manual": "--", "planned": ":", "automatic": "-"}
    for _, f in flows.iterrows():
        (x1, y1), (x2, y2) = pos[str(f["source"])], pos[str(f["target"])]
        kind = str(f["kind"]) if "kind" in flows.columns else "automatic"
        rad = 0.35 if abs(x1 - x2) < 0.1 else 0.12
        ax.annotate("", xy=(x2, y2), xytext=(x1, y1), zorder=1,
                    arrowprops=dict(arrowstyle="-|>", color="#333", lw=1.4, linestyle=styles.get(kind, "-"),
                                    patchA=boxes[str(f["source"])], patchB=boxes[str(f["target"])],
                                    shrinkA=3, shrinkB=3, mutation_scale=14,
                                    connectionstyle=f"arc3,rad={rad}"))
        if "label" in flows.columns and str(f["label"]).strip():
            ax.text((x1 + x2) / 2, (y1 + y2) / 2, _wrap(str(f["label"]), 18), fontsize=6.5,
                    ha="center", va="center", color="#222", zorder=4,
                    bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="#bbb", alpha=0.95))
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    ax.set_xlim(min(xs) - w / 2 - 0.3, max(xs) + w / 2 + 0.3)
    ax.set_ylim(min(ys) - h / 2 - 0.3, max(ys) + h / 2 + 1.0)
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title(title)
    return fig, ax


def _wrap(text: str, width: int) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return "\n".join(lines)
