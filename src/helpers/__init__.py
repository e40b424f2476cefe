"""Helpers for the Riverbend data-sharing curriculum.

One concept per module. Lessons import from these; facilitators adapting the course
mostly meet the first two groups.

Data and its quality:

- ``helpers.data``         - load a Riverbend dataset by name, correctly typed
- ``helpers.paths``        - where the ``datasets/`` folder is
- ``helpers.own_data``     - point the lessons at your own (de-identified) data
- ``helpers.riverbend``    - the generator of the fictional community's data
- ``helpers.validation``   - table checks (``require_columns``) and the errors they raise
- ``helpers.profiling``    - completeness, validity and duplicates of a table
- ``helpers.standardize``  - one way to read typed dates and school names
- ``helpers.crosswalk``    - partner fields to district codes (schools, grades, dates)
- ``helpers.indicators``   - student indicators with their definitions as parameters

The seven principles, in lesson order:

- ``helpers.principles``   - the seven principles, named once
- ``helpers.brief``        - a one-page brief for a decision-maker (1)
- ``helpers.ecosystem``    - which systems hold which data, and the flows between them (2)
- ``helpers.privacy``      - classify, pseudonymize, generalize, suppress; re-identification (4)
- ``helpers.linkage``      - record linkage, deterministic and probabilistic (5)
- ``helpers.hub``          - a trusted local data hub in one DuckDB file (5)
- ``helpers.ferpa``        - FERPA pathways, agreements, consent, disclosure records (6)
- ``helpers.people``       - skills gaps, data roles, a training plan, the bus factor (7)
- ``helpers.capstone``     - lesson 08's scenario: settings and pipeline for all seven
- ``helpers.widgets``      - interactive widgets over the helpers above
- ``helpers.charts``       - accessible chart style and alt text

Exercises and facilitator material:

- ``helpers.exercises``    - checked exercises (check / hint / solution)
- ``helpers.checks``       - the question objects for each lesson
- ``helpers.authoring``    - generate learner notebooks from solution notebooks
- ``helpers.core_path``    - how much a participant meets on a lesson's core path
- ``helpers.glossary``     - the glossary and the links to it from every lesson
- ``helpers.answer_key``   - the facilitator answer key
- ``helpers.runsheet``     - the run-sheet and the README's lesson map
- ``helpers.agenda``       - workshop agendas from the lessons' own times
- ``helpers.facilitator_notes`` - the facilitator edition of the notes
- ``helpers.handouts``     - slides, handouts, scenario cards, paper fallback

Nothing in this package records or sends anything about learners.
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
