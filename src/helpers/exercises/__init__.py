"""Checked exercises: ``check()``, graduated ``hint()`` and ``solution()``.

The pattern follows Kaggle's learntools: each lesson has small question objects (see
``helpers.checks``). A learner writes an answer into a variable that starts as the
placeholder ``____``, then calls ``q.check(answer)``. The check reports one of these and
never raises on a learner's answer, whatever it is given:

* **Correct** - with a short note on why it matters;
* **Not quite** - with a message aimed at the likely mistake, never the answer;
* **Not attempted yet** - the answer is still the placeholder (so "Run All" is safe);
* **Problem in the course** - the checker itself failed. That is not the learner's fault:
  the message says so and asks them to tell the facilitator. Authors set the environment
  variable ``HELPERS_DEBUG=1`` to re-raise the error instead.

Question types (one module each; a new type touches only its own module):

* :class:`NumberQuestion` - one number, by the rounding rule of :mod:`helpers.exercises.number`:
  a question declares how the lesson shows the number (``shown_as="percent0"``, ``"share2"``,
  ``"decimals1"``, ``"whole"``) and any value that rounds to the shown figure is right;
  a share given as a percent (24 for 0.24) gets a kind "write it as a share";
* :class:`ChoiceQuestion` - one option; :class:`PickItemsQuestion` - several options;
  :class:`LabelItemsQuestion` - a label for each item (a dictionary);
* :class:`TableQuestion` - a DataFrame or Series; :class:`CustomQuestion` - anything else.

Every field of a question (options, answer, feedback, why_not, expected, mistakes, hints
...) is a value or a function of no arguments that computes it from the data when it is
read (:class:`~helpers.exercises.core.Computed`), so importing a checks module does no work.
Where a lesson calls several answers reasonable, each type has a way to accept them all:
``ChoiceQuestion(answer=("b", "c"))``, ``PickItemsQuestion(optional=[...])``,
``LabelItemsQuestion(answer={"item": ("quasi", "sensitive")})``,
``NumberQuestion(also_accept=[...], accept_between=(low, high))``.

Each type describes itself: ``q.describe()`` is its entry in the facilitator answer key, and
``q.scenario`` says whether it is a scenario judgement (choice, pick, label), which the lesson
lint requires at least once per lesson.

Example:
    >>> from helpers.exercises import NumberQuestion, ____
    >>> q = NumberQuestion("warmup", expected=12, hints=["Count the rows."])
    >>> q.evaluate(____).status
    'unattempted'
    >>> q.evaluate(12).status
    'correct'
    >>> q.evaluate("twelve").status
    'incorrect'
    >>> print(q.evaluate("").message)
    Your answer is empty text (two quotes with nothing between). This question needs a number: type the number itself, without quotes, for example 0.25.

Nothing is recorded or sent anywhere: there is no tracking of learners.
"""

from .core import DEBUG_VARIABLE, Computed, Incorrect, Placeholder, Question, Result, ____, is_placeholder, resolve
from .labels import LabelItemsQuestion, LabelWithReasons
from .number import NumberQuestion
from .options import ChoiceQuestion, PickItemsQuestion
from .other import CustomQuestion, TableQuestion

__all__ = [
    "____",
    "Placeholder",
    "is_placeholder",
    "Result",
    "Question",
    "NumberQuestion",
    "ChoiceQuestion",
    "PickItemsQuestion",
    "LabelItemsQuestion",
    "LabelWithReasons",
    "TableQuestion",
    "CustomQuestion",
    "Incorrect",
    "Computed",
    "resolve",
    "DEBUG_VARIABLE",
]
