"""Worked answers to the pathway questions for the Riverbend requests and capstone flows.

**Training material, not legal advice.** The answers live in ``examples.yaml`` next to this
file, read from each request's ``scenario_notes``; a question the notes do not settle is left
unknown, so the finder says *possible* and names what to find out.

Example:
    >>> from helpers.ferpa import find_pathways
    >>> find_pathways(example_answers("R03")).keys("fits")
    ['studies']
    >>> sorted(examples())[:3]
    ['R01', 'R02', 'R03']
"""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path

import yaml

from .pathways import AnswerError, did_you_mean, validate_answers

__all__ = ["example_answers", "examples"]

EXAMPLES_FILE = Path(__file__).with_name("examples.yaml")


@lru_cache(maxsize=1)
def _load() -> dict:
    with EXAMPLES_FILE.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    for name, example in data.items():
        validate_answers(example["answers"])  # fail loudly on a typo in the file
    return data


def examples() -> dict[str, dict]:
    """Every worked example: ``{name: {"answers": ..., "expect": ..., "note": ...}}`` (a copy)."""
    return copy.deepcopy(_load())


def example_answers(name: str) -> dict[str, str]:
    """The answers for one request (``"R01"``...) or flow (``"district_to_hub"``, ``"hub_to_mentors"``)."""
    data = _load()
    if name not in data:
        raise AnswerError(f"{name!r} is not a worked example.{did_you_mean(name, data)} Use one of: {', '.join(data)}.")
    return dict(data[name]["answers"])
