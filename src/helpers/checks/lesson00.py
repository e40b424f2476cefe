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

EXAMPLES = {
    "seven_times_24": {"right": [168, 168.0], "wrong": [31, 24, 7, "168", 1.68]},
    "read_the_error": {"right": ["b", "B"], "wrong": ["a", "c", "d"]},
}
