"""Generator for the fictional Riverbend community's data (``datasets/``).

``generate`` builds every table in memory; ``write`` saves them as CSV files plus the data
dictionary, the draft agreements and the ground-truth README. The command line
``python -m helpers.riverbend --seed 2026 --students 6000 --out datasets`` wraps both.
Same seed and package versions give byte-identical files.

Example:
    >>> tables = generate(seed=1, students=300)
    >>> tables["students"].shape[0]
    300
    >>> "linkage_truth" in tables
    True
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .agreements import write_agreements
from .dictionary import RESOURCES, datapackage, to_json, to_markdown
from .district import build_district
from .organization import build_organization
from .partners import build_partners

DEFAULT_SEED = 2026
DEFAULT_STUDENTS = 6000
FOLDERS = {name: folder for name, folder, *_ in RESOURCES}

GROUND_TRUTH_README = """# Ground truth for record linkage: this never exists in real life

`linkage_truth.csv` says which district student each partner record really belongs to
(blank when the person is not a district student at all: a younger sibling, a private-school
child, a child from another town).

In real life **no such table exists**. Nobody knows for certain which after-school sign-up is
which student: that is the whole difficulty of record linkage. This file exists only because
Riverbend is synthetic, so that learners can *measure* how well a matching method works
(precision, recall, false matches) before trusting a method on real data where they cannot
check.

Do not use it to link records. Use it only to score a linkage you made without it.
"""


def generate(seed: int = DEFAULT_SEED, students: int = DEFAULT_STUDENTS) -> dict[str, pd.DataFrame]:
    """Every Riverbend table, keyed by resource name (same seed -> same tables)."""
    if int(students) < 100:
        raise ValueError(f"students must be at least 100 (got {students}); a district needs some students.")
    root = np.random.SeedSequence(int(seed))
    rng_district, rng_partners, rng_org = (np.random.default_rng(s) for s in root.spawn(3))
    district = build_district(rng_district, int(students))
    tables = dict(district.tables)
    tables.update(build_partners(rng_partners, district))
    tables.update(build_organization(rng_org))
    return {name: tables[name] for name in FOLDERS}


def _csv_ready(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_bool_dtype(s):
            out[col] = s.map({True: "true", False: "false"})
        elif pd.api.types.is_datetime64_any_dtype(s):
            out[col] = s.dt.strftime("%Y-%m-%d")
    return out


def write(tables: dict[str, pd.DataFrame], out: Path, docs: Path | None = None) -> list[Path]:
    """Write ``tables`` under ``out`` (one folder per source) and return the files written."""
    out = Path(out)
    written = []
    for name, df in tables.items():
        path = out / FOLDERS[name] / f"{name}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        _csv_ready(df).to_csv(path, index=False, lineterminator="\n", float_format="%.1f", encoding="utf-8")
        written.append(path)
    written += write_agreements(out / "organization" / "agreements")
    readme = out / "ground_truth" / "README.md"
    readme.write_text(GROUND_TRUTH_README, encoding="utf-8", newline="\n")
    written.append(readme)
    package = datapackage()
    pkg_path = out / "datapackage.json"
    pkg_path.write_text(to_json(package), encoding="utf-8", newline="\n")
    written.append(pkg_path)
    if docs is not None:
        docs = Path(docs)
        docs.parent.mkdir(parents=True, exist_ok=True)
        docs.write_text(to_markdown(package), encoding="utf-8", newline="\n")
        written.append(docs)
    return written
