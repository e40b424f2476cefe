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

__version__ = "0.1.0"
