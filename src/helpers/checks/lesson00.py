"""Checks for lesson 00: Welcome to Jupyter and to Riverbend."""

from helpers.exercises import ChoiceQuestion, NumberQuestion

seven_times_24 = NumberQuestion(
    "seven_times_24",
    expected=7 * 24,
    hints=[
        "In Python, * multiplies. Type the sum to the right of the = sign.",
        "The cell should read: hours_in_a_week = 7 * <hours in a day>",
    ],
    solution_text="`hours_in_a_week = 7 * 24`",
    correct_note="Python did the arithmetic, and the name hours_in_a_week now holds the result.",
    mistakes={7 + 24: "That looks like 7 + 24. Multiplication uses the * sign."},
)

read_the_error = ChoiceQuestion(
    "read_the_error",
    options={
        "a": "The computer is broken; restart the laptop.",
        "b": "A name was used before it was created; run the cell that defines it, or fix the spelling.",
        "c": "The data file is missing.",
        "d": "Python cannot do arithmetic on numbers this large.",
    },
    answer="b",
    feedback={
        "a": "Errors are messages, not breakdowns. Read the last line of the error: what kind of error is it?",
        "c": "The last line of the error names the problem. Does it mention a file?",
        "d": "Look at the last line of the error. It is about a name, not a number.",
    },
    hints=["Read the very last line of the red error box: it names the kind of error and the culprit."],
    solution_text='"b": a NameError means Python does not know that name yet.',
    correct_note="A NameError almost always means a typo or a cell that has not been run yet.",
)


def _schools():
    from helpers.data import load

    return load("schools")


def _students_at(school_id: str) -> int:
    from helpers.data import load

    return int((load("students")["school_id"] == school_id).sum())


def _level_count(level: str) -> int:
    s = _schools()
    return int((s["level"] == level).sum())


n_schools = NumberQuestion(
    "n_schools",
    expected=lambda: len(_schools()),
    hints=[
        "len(table) counts the rows of a table.",
        "Each row of the schools table is one school: n_schools = len(schools)",
    ],
    solution_text="`n_schools = len(schools)`",
    correct_note="One row per school: counting rows is the most common first question about any table.",
    mistakes=lambda: {
        _level_count("elementary"): "That is only the elementary schools. Count every row.",
        len(_schools().columns): "That is the number of columns, not rows. len() counts rows.",
    },
)

cedar_ridge_students = NumberQuestion(
    "cedar_ridge_students",
    expected=lambda: _students_at("E06"),
    hints=[
        "Cedar Ridge Elementary has the school_id E06. Look it up in the counts table above.",
        'In code: (students["school_id"] == "E06").sum() counts the rows where the school is E06.',
    ],
    solution_text='`cedar_ridge_students = (students["school_id"] == "E06").sum()`, or read it off `per_school`.',
    correct_note="You can read a number off a table, or compute it; computing it means it stays right when the data changes.",
    mistakes=lambda: {_students_at("E01"): "That is Heron Park (E01), the first row. Cedar Ridge is E06."},
)

EXAMPLES = {
    "seven_times_24": {"right": [168, 168.0], "wrong": [31, 24, 7, "168", 1.68]},
    "read_the_error": {"right": ["b", "B"], "wrong": ["a", "c", "d"]},
    "n_schools": {"right": [lambda: len(_schools())], "wrong": [lambda: _level_count("elementary"), 6, 0, "12"]},
    "cedar_ridge_students": {
        "right": [lambda: _students_at("E06")],
        "wrong": [lambda: _students_at("E01"), lambda: _students_at("E06") + 1, "E06"],
    },
}
