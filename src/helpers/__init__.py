"""Helpers for the Riverbend data-sharing curriculum.

One concept per module:

- ``helpers.exercises`` - checked exercises (check / hint / solution)
- ``helpers.checks``    - the question objects for each lesson
- ``helpers.charts``    - accessible chart style and alt text
- ``helpers.paths``     - where the datasets live
- ``helpers.authoring`` - generate learner notebooks from solution notebooks

Other modules (data loading, the Riverbend generator, indicators, privacy, linkage,
the hub, FERPA) are added by the lessons that need them. Nothing in this package
records or sends anything about learners.
"""

from importlib.util import find_spec as _find_spec

__version__ = "0.1.0"

#: Packages the lessons import, by import name, with the name pip knows them by.
REQUIRED = {"pandas": "pandas", "numpy": "numpy", "matplotlib": "matplotlib",
            "ipywidgets": "ipywidgets", "duckdb": "duckdb", "splink": "splink",
            "faker": "faker", "yaml": "pyyaml", "nbformat": "nbformat"}


def missing_packages() -> list[str]:
    """The pip names of required packages that are not installed (normally none).

    >>> missing_packages()
    []
    """
    return [pip for module, pip in REQUIRED.items() if _find_spec(module) is None]


def _check_installation() -> None:
    missing = missing_packages()
    if missing:
        raise ImportError(
            f"The course needs these packages, which are not installed: {', '.join(missing)}. "
            "From the project folder, run `make lab` (it installs everything), or in this "
            "environment run: pip install -e ."
        )


_check_installation()
