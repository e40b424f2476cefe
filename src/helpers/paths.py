"""Where the project's data is: the ``datasets/`` folder.

Notebooks run from ``lessons/`` or ``solutions/``, tests from the root, Binder from its
home folder. The data is found by, in order: the ``RIVERBEND_DATA`` environment variable,
a ``datasets/`` folder in the current folder or any folder above it, then the folder
next to this package's source (an editable install).

Example:
    >>> datasets_dir().name
    'datasets'
"""

from __future__ import annotations

import os
from pathlib import Path

MARKER = "datapackage.json"


class DataNotFoundError(FileNotFoundError):
    """The Riverbend ``datasets/`` folder could not be found."""


def _candidates() -> list[Path]:
    here = Path.cwd().resolve()
    found = [p / "datasets" for p in (here, *here.parents)]
    found.append(Path(__file__).resolve().parents[2] / "datasets")
    return found


def datasets_dir() -> Path:
    """The folder holding the Riverbend CSV files and ``datapackage.json``."""
    env = os.environ.get("RIVERBEND_DATA")
    if env:
        path = Path(env).expanduser()
        if not path.is_absolute():  # relative to the folder JupyterLab started in, or any above
            here = Path.cwd().resolve()
            path = next((p / path for p in (here, *here.parents) if (p / path / MARKER).exists()), path)
        if not (path / MARKER).exists():
            raise DataNotFoundError(
                f"RIVERBEND_DATA points to {path}, but there is no {MARKER} there. "
                "Point it at a folder made by `python -m helpers.riverbend --out FOLDER`, "
                "or unset it to use the project's datasets/ folder."
            )
        return path
    for path in _candidates():
        if (path / MARKER).exists():
            return path
    raise DataNotFoundError(
        "Could not find the Riverbend data (a datasets/ folder with datapackage.json). "
        "Open the notebook from inside the project folder, or rebuild the data with "
        "`python -m helpers.riverbend --out datasets`."
    )
