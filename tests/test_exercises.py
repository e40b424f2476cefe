"""The exercise framework: right, wrong, blank and hostile answers."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.exercises import (
    ChoiceQuestion,
    CustomQuestion,
    Incorrect,
    LabelItemsQuestion,
    NumberQuestion,
    PickItemsQuestion,
    TableQuestion,
    ____,
    is_placeholder,
)


class Hostile:
    """An object whose every operation raises."""

    def __getattribute__(self, name):
        raise RuntimeError("boom")

    def __eq__(self, other):
        raise RuntimeError("boom")

    def __hash__(self):
        raise RuntimeError("boom")

    def __float__(self):
        raise RuntimeError("boom")

    def __str__(self):
        raise RuntimeError("boom")

    def __len__(self):
        raise RuntimeError("boom")

    def __iter__(self):
        raise RuntimeError("boom")


def questions():
    return [
        NumberQuestion("n", expected=lambda: 0.25, tolerance=0.001, mistakes={0.75: "You counted the ones present."}),
        ChoiceQuestion("c", options={"a": "Consent", "b": "School official"}, answer="b",
                       feedback={"a": "Consent works, but is not needed here."}),
        PickItemsQuestion("p", options=["grade", "school", "name", "date of birth"],
                          answer=["grade", "school"], why_not={"name": "An aggregate needs no names."}),
        TableQuestion("t", expected=lambda: pd.Series({"A": 1.0, "B": 2.0})),
        CustomQuestion("x", checker=lambda a: None if a == 3 else (_ for _ in ()).throw(Incorrect("no")), accepts=int),
        LabelItemsQuestion("l", items=["zip", "iep"], labels=["quasi", "sensitive"],
                           answer={"zip": "quasi", "iep": "sensitive"}),
    ]


WEIRD = [None, "", "   ", 0, -1, 1e308, math.nan, math.inf, True, [], {}, set(), [____], (1, 2),
         pd.DataFrame(), pd.Series(dtype=float), np.array([1, 2]), np.float64("nan"), b"bytes",
         object(), print, type, Ellipsis]


@pytest.mark.parametrize("q", questions(), ids=lambda q: q.name)
def test_placeholder_is_not_attempted(q):
    assert q.evaluate(____).status == "unattempted"
    assert q.evaluate().status == "unattempted"


@pytest.mark.parametrize("q", questions(), ids=lambda q: q.name)
@pytest.mark.parametrize("answer", WEIRD, ids=lambda a: type(a).__name__)
def test_check_never_raises_and_rejects_nonsense(q, answer, capsys):
    result = q.evaluate(answer)
    assert result.status in {"incorrect", "unattempted"}
    assert result.message
    q.check(answer)  # displays, must not raise
    assert capsys.readouterr().out


@pytest.mark.parametrize("q", questions(), ids=lambda q: q.name)
def test_an_object_that_raises_on_everything_is_handled(q):
    result = q.evaluate(Hostile())
    assert result.status == "incorrect" and result.message


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(),
                 st.lists(st.text()), st.dictionaries(st.text(), st.integers())))
def test_no_answer_crashes_any_question(answer):
    for q in questions():  # a learner's answer is never reported as a problem in the course
        assert q.evaluate(answer).status in {"correct", "incorrect", "unattempted"}


def test_number_question():
    q = questions()[0]
    assert q.evaluate(0.25).correct
    assert q.evaluate(np.float64(0.2504)).correct
    assert q.evaluate(pd.Series([0.25]).iloc[0]).correct
    wrong = q.evaluate(0.75)
    assert wrong.status == "incorrect" and "present" in wrong.message
    assert "percent" in q.evaluate(25).message  # gave a percent for a fraction
    assert "too low" in q.evaluate(0.1).message
    assert "text" in q.evaluate("0.25").message
    assert "missing" in q.evaluate(float("nan")).message


def test_messages_never_leak_the_answer():
    q = NumberQuestion("n", expected=0.3175, tolerance=1e-4)
    for guess in [0.1, 0.5, 31.75, 3.175, "x", [1]]:
        assert "0.3175" not in q.evaluate(guess).message
    c = questions()[1]
    for guess in ["a", "z", 1]:
        assert "School official" not in c.evaluate(guess).message
    p = questions()[2]
    for guess in [["grade"], ["school"], ["name"], ["grade", "school", "name"]]:
        msg = p.evaluate(guess).message
        assert "school'" not in msg.replace("'school'", "") or "grade" not in msg


def test_choice_question_accepts_key_or_text_and_explains_wrong_choice():
    c = questions()[1]
    assert c.evaluate("b").correct
    assert c.evaluate(" B ").correct
    assert c.evaluate("school official").correct
    assert "not needed" in c.evaluate("a").message
    assert "not one of the options" in c.evaluate("d").message


def test_pick_items_question():
    p = questions()[2]
    assert p.evaluate(["school", "grade"]).correct
    assert p.evaluate({"GRADE", "school"}).correct
    extra = p.evaluate(["grade", "school", "name"])
    assert extra.status == "incorrect" and "aggregate needs no names" in extra.message
    missing = p.evaluate(["grade"])
    assert "1 more item" in missing.message and "school" not in missing.message
    assert "not one of the options" in p.evaluate(["grades"]).message
    assert p.evaluate(["grade", ____]).status == "unattempted"


def test_table_question():
    t = questions()[3]
    assert t.evaluate(pd.Series({"B": 2.0, "A": 1.0})).correct
    assert t.evaluate(pd.Series({"A": 1.0, "B": 2.5})).status == "incorrect"
    assert "rows" in t.evaluate(pd.Series({"A": 1.0})).message
    assert "labelled" in t.evaluate(pd.Series({"A": 1.0, "C": 2.0})).message
    frame = TableQuestion("f", expected=pd.DataFrame({"k": [1, 2], "v": ["x", "y"]}))
    assert frame.evaluate(pd.DataFrame({"k": [1, 2], "v": ["x", "y"], "extra": 0})).correct
    assert "missing the column" in frame.evaluate(pd.DataFrame({"k": [1, 2]})).message


def test_custom_question():
    x = questions()[4]
    assert x.evaluate(3).correct
    assert x.evaluate(4).message == "no"


def test_hints_are_graduated_and_solution_shows(capsys):
    q = NumberQuestion("h", expected=1, hints=["first", "second"], solution_text="answer = 1")
    q.hint()
    q.hint()
    q.hint()
    out = capsys.readouterr().out
    assert out.index("first") < out.index("second")
    assert "Hint 2 of 2" in out
    q.solution()
    assert "answer = 1" in capsys.readouterr().out


def test_is_placeholder():
    assert is_placeholder(____) and is_placeholder([1, ____]) and is_placeholder("____")
    assert not is_placeholder(0) and not is_placeholder("") and not is_placeholder(None)


def test_result_renders_html_and_text():
    r = questions()[0].evaluate(0.25)
    assert "Correct" in str(r) and "Correct" in r._repr_html_()
    r = questions()[0].evaluate("<script>")
    assert "<script>" not in r._repr_html_()


# -- 18.1: every field is a value or a function of the data, read lazily ------------------------
class Counter:
    """A zero-argument function that records how often it was called."""

    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


def test_every_field_may_be_a_function_and_nothing_is_computed_until_checked():
    fields = {
        ChoiceQuestion: dict(options={"a": "Consent", "b": "School official"}, answer="b",
                             feedback={"a": "Consent works, but is not needed here."}),
        PickItemsQuestion: dict(options=["grade", "school", "name"], answer=["grade"], optional=["school"],
                                why_not={"name": "No names."}),
        NumberQuestion: dict(expected=0.25, shown_as="percent0", tolerance=1e-6, mistakes={0.75: "present"},
                             also_accept=[0.5], accept_between=(0.9, 0.95)),
        LabelItemsQuestion: dict(items=["zip"], labels={"quasi": "a combination key"}, answer={"zip": "quasi"},
                                 retry_hint="Think."),
        TableQuestion: dict(expected=pd.Series({"A": 1.0})),
    }
    common = dict(hints=["one"], solution_text="sol", correct_note="Because.")
    for cls, values in fields.items():
        counters = {k: Counter(v) for k, v in {**values, **common}.items()}
        q = cls("q", **counters)
        assert all(c.calls == 0 for c in counters.values()), cls.__name__
        for name, counter in counters.items():
            assert q.raw(name) is counter
            assert getattr(q, name) is counter.value, (cls.__name__, name)
        assert q.describe()  # the answer key reads computed fields too


def test_choice_options_answer_and_feedback_may_be_computed():
    q = ChoiceQuestion("c", options=lambda: {"a": "Consent", "b": "School official"}, answer=lambda: "b",
                       feedback=lambda: {"a": "Not needed here."})
    assert q.evaluate("b").correct
    assert q.evaluate("school official").correct
    assert q.evaluate("a").message == "Not needed here."


def test_pick_items_why_not_may_be_computed():
    p = PickItemsQuestion("p", options=lambda: ["grade", "name"], answer=lambda: ["grade"],
                          why_not=lambda: {"name": "An aggregate needs no names."})
    assert "aggregate needs no names" in p.evaluate(["grade", "name"]).message


# -- 18.2: each type describes itself; the scenario flag ----------------------------------------
def test_each_type_describes_its_answer():
    q = questions()
    assert "0.25" in q[0].describe() and "shown as" not in q[0].describe()
    assert "**Answer:** b (School official)" in q[1].describe() and "Consent works" in q[1].describe()
    assert "**Answer:** `grade`, `school`" in q[2].describe() and "aggregate needs no names" in q[2].describe()
    assert "| `zip` | quasi |" in q[5].describe()
    shown = NumberQuestion("r", expected=0.2375, shown_as="percent0").describe()
    assert "shown as 24%" in shown


def test_scenario_flag_is_set_by_type_and_may_be_overridden():
    flags = {type(q).__name__: q.scenario for q in questions()}
    assert flags == {"NumberQuestion": False, "ChoiceQuestion": True, "PickItemsQuestion": True,
                     "TableQuestion": False, "CustomQuestion": False, "LabelItemsQuestion": True}
    assert CustomQuestion("judge", checker=lambda a: None, scenario=True).scenario


# -- the labelling question (lessons 04 and 06) -------------------------------------------------
def labelling():
    return LabelItemsQuestion(
        "classify", items=["student_id", "zip", "iep", "home_language"],
        labels={"direct": "a column that identifies a person on its own",
                "quasi": "a column that identifies only in combination", "sensitive": "a private fact",
                "none": "none of these"},
        answer={"student_id": "direct", "zip": "quasi", "iep": "sensitive",
                "home_language": ("quasi", "sensitive")},
        retry_hint="Ask what each column does.")


def test_label_items_question():
    q = labelling()
    right = {"student_id": "direct", "zip": "quasi", "iep": "sensitive", "home_language": "quasi"}
    assert q.evaluate(right).correct
    assert q.evaluate({**right, "home_language": "Sensitive"}).correct  # both readings are reasonable
    assert q.evaluate({" Student_ID ": "DIRECT", "zip": "quasi", "iep": "sensitive", "home_language": "quasi"}).correct
    assert q.evaluate(pd.Series(right)).correct
    wrong = q.evaluate({**right, "zip": "none", "iep": "quasi"})
    assert wrong.status == "incorrect"
    assert wrong.message.startswith("2 of 4 right. Look again at zip, iep.")
    assert "none of these" in wrong.message and "Ask what each column does." in wrong.message
    assert "still missing: iep" in q.evaluate({k: v for k, v in right.items() if k != "iep"}).message
    typo = q.evaluate({**right, "zipp": "quasi"}).message
    assert "not on the list: zipp" in typo
    assert "'secret' is not one of the labels" in q.evaluate({**right, "zip": "secret"}).message
    assert "dictionary" in q.evaluate(["direct"]).message


def test_label_items_normalize_turns_synonyms_into_labels():
    synonyms = {"quasi-identifier": "quasi", "other": "none"}

    def normalize(label):
        if label.lower() in synonyms:
            return synonyms[label.lower()]
        if label.lower() in {"direct", "quasi", "sensitive", "none"}:
            return label
        raise ValueError(f"{label!r} is not a class.")

    q = labelling()
    q.normalize = normalize
    right = {"student_id": "direct", "zip": "Quasi-identifier", "iep": "sensitive", "home_language": "quasi"}
    assert q.evaluate(right).correct
    assert "zip: 'banana' is not a class." in q.evaluate({**right, "zip": "banana"}).message


# -- 18.10 / 19.7: a checker bug is not the learner's fault ------------------------------------
def broken_questions():
    def broken_checker(answer):
        return {}["missing key"]

    return [
        CustomQuestion("custom", checker=broken_checker),
        NumberQuestion("number", expected=lambda: 1 / 0),
        ChoiceQuestion("choice", options=lambda: {}["x"], answer="a"),
        PickItemsQuestion("pick", options=["a"], answer=lambda: [][1]),
    ]


@pytest.mark.parametrize("q", broken_questions(), ids=lambda q: q.name)
def test_a_checker_bug_is_reported_as_a_problem_in_the_course(q, monkeypatch, capsys):
    monkeypatch.delenv("HELPERS_DEBUG", raising=False)
    answer = {"number": 1, "choice": "a", "pick": ["a"], "custom": 1}[q.name]
    result = q.evaluate(answer)
    assert result.status == "error"
    assert "problem in the course, not in your answer" in result.message
    assert "tell your facilitator" in result.message
    assert "Problem in the course" in str(result) and "Problem in the course" in result._repr_html_()
    q.check(answer)  # still never raises
    assert "facilitator" in capsys.readouterr().out


@pytest.mark.parametrize("q", broken_questions(), ids=lambda q: q.name)
def test_the_debug_switch_re_raises_a_checker_bug(q, monkeypatch):
    monkeypatch.setenv("HELPERS_DEBUG", "1")
    answer = {"number": 1, "choice": "a", "pick": ["a"], "custom": 1}[q.name]
    with pytest.raises((KeyError, ZeroDivisionError, IndexError)):
        q.evaluate(answer)
    assert q.evaluate(____).status == "unattempted"  # the blank is never an error


@pytest.mark.parametrize("q", questions(), ids=lambda q: q.name)
def test_a_hostile_answer_is_the_learners_not_the_courses(q, monkeypatch):
    monkeypatch.setenv("HELPERS_DEBUG", "1")  # even in debug mode: nothing to re-raise
    assert q.evaluate(Hostile()).status == "incorrect"


# -- 19.1: one rounding rule for every number question ------------------------------------------
@pytest.mark.parametrize("exact,shown_as,answer", [
    (0.23783, "percent0", 0.24),    # lesson 01: the chart says "district 24%"
    (0.23783, "percent0", 0.238),
    (0.99417, "percent0", 0.99),    # lesson 04: printed 99.4%, read as 99%
    (0.99417, "percent0", 0.994),
    (0.91875, "share2", 0.92),      # lesson 05: alt text "about 0.92"
    (0.70833, "percent0", 0.71),    # lesson 06: the chart says 71%
    (0.80952, "share2", 0.81),      # lesson 07: read off a two-decimal table
    (0.80952, "share2", 0.8095),
    (168.4, "whole", 168),
    (2.345, "decimals1", 2.3),
])
def test_a_value_that_rounds_to_the_shown_figure_is_right(exact, shown_as, answer):
    q = NumberQuestion("n", expected=lambda: exact, shown_as=shown_as)
    assert q.evaluate(answer).correct
    assert q.evaluate(exact).correct


@pytest.mark.parametrize("exact,shown_as,answer", [
    (0.23783, "percent0", 0.23), (0.23783, "percent0", 0.2), (0.99417, "percent0", 0.98),
    (0.91875, "share2", 0.9), (0.70833, "percent0", 0.7), (168.4, "whole", 169), (0.23783, None, 0.24),
])
def test_a_value_that_does_not_round_to_the_shown_figure_is_wrong(exact, shown_as, answer):
    assert NumberQuestion("n", expected=exact, shown_as=shown_as).evaluate(answer).status == "incorrect"


def test_a_share_given_as_a_percent_gets_a_kind_message():
    q = NumberQuestion("rate", expected=lambda: 0.24, shown_as="percent0")
    result = q.evaluate(24)
    assert result.status == "incorrect"
    assert result.message.startswith("Right number, written as a percent.")
    assert "write 0.24 instead of 24" in result.message
    assert "99.4" not in q.evaluate(99.4).message and "above 1" in q.evaluate(99.4).message
    recall = NumberQuestion("recall", expected=0.91875, shown_as="share2")
    assert "write 0.92 instead of 92" in recall.evaluate(92).message


def test_mistakes_are_matched_by_the_same_rule():
    q = NumberQuestion("gap", expected=0.80952, shown_as="share2", mistakes={1 - 0.80952: "That is the confident share."})
    assert q.evaluate(0.19).message == "That is the confident share."


def test_shown_as_typo_fails_when_the_question_is_made():
    with pytest.raises(ValueError, match="percent0"):
        NumberQuestion("n", expected=1, shown_as="percent")


# -- 19.4: an empty answer gets a message that fits the question ---------------------------------
def test_empty_answer_message_fits_the_question_type():
    q = {type(x).__name__: x for x in questions()}
    number = q["NumberQuestion"].evaluate("").message
    assert "type the number itself, without quotes" in number and "between the quotes" not in number
    assert "letter of your choice between the quotes" in q["ChoiceQuestion"].evaluate("").message
    assert "as a list in square brackets" in q["PickItemsQuestion"].evaluate("  ").message
    assert "dictionary" in q["LabelItemsQuestion"].evaluate("").message
    assert "without quotes" in q["NumberQuestion"].evaluate("0.25").message


# -- 19.5: option answers are read the way a person would write them ----------------------------
def test_choice_reads_copied_text_letters_and_either_quote_style():
    c = ChoiceQuestion("c", options={"a": "Ask for consent.", "b": "Use the school-official exception."}, answer="b")
    for answer in ["b", "B", " b ", "(b)", "b)", "b.", "'b'", '"b"', ["b"], ("B",), "option b",
                   "- Use the school-official exception.", "use the school official exception",
                   "USE THE SCHOOL-OFFICIAL EXCEPTION", "b: Use the school-official exception."]:
        assert c.evaluate(answer).correct, answer
    unknown = c.evaluate("z").message
    assert "not one of the options" in unknown and '"a" or "b"' in unknown
    assert "one option only" in c.evaluate("a, b").message
    assert "one option only" in c.evaluate(["a", "b"]).message
    slip = c.evaluate(print).message
    assert "the Python function print" in slip and "single or double quotes both work" in slip
    assert "single or double" in c.form


def test_pick_items_reads_lists_of_letters_in_common_formats():
    p = PickItemsQuestion("p", options=list("abcdefg"), answer=["a", "c"])
    for answer in [["a", "c"], ("c", "a"), {"A", "C"}, "a, c", "a,c", "ac", "A C", "a and c", "[a, c]", "c; a", ["a, c"],
                   np.array(["a", "c"]), pd.Series(["a", "c"])]:
        assert p.evaluate(answer).correct, answer
    unknown = p.evaluate("a, z").message
    assert "'z' is not one of the options" in unknown and '"a", "b", "c", "d", "e", "f" and "g"' in unknown


def test_pick_items_reads_numbers_and_copied_option_text():
    principles = PickItemsQuestion("pr", options=[str(n) for n in range(1, 8)], answer=["1", "4", "5"])
    for answer in ["1, 4, 5", [1, 4, 5], (5.0, 4, 1), "145", "1 4 5"]:
        assert principles.evaluate(answer).correct, answer
    assert '"1", "2", "3", "4", "5", "6" and "7"' in principles.evaluate("1, 4, 9").message
    practices = ["Keep the key apart from the data.", "Publish small counts.", "Destroy data when done."]
    p = PickItemsQuestion("practices", options=practices, answer=[practices[0], practices[2]])
    assert p.evaluate(["- keep the key apart from the data", "DESTROY DATA WHEN DONE"]).correct
    assert p.evaluate("- Keep the key apart from the data.\n- Destroy data when done.").correct
    assert "not one of the options" in p.evaluate(["Keep the key"]).message


# -- 19.2: several right answers where the lesson calls them reasonable -------------------------
def test_several_right_answers():
    c = ChoiceQuestion("c", options={"a": "x", "b": "y", "c": "z"}, answer=("b", "c"),
                       feedback={"c": "Also reasonable: stricter.", "a": "No."}, correct_note="Yes.")
    assert c.evaluate("b").message == "Yes." and c.evaluate("c").message == "Also reasonable: stricter."
    assert c.evaluate("a").status == "incorrect"
    assert "**Answer:** b (y) or c (z)" in c.describe()
    n = NumberQuestion("min_cell", expected=10, also_accept={11: "Stricter than promised: fine."})
    assert n.evaluate(10).correct and n.evaluate(11).message == "Stricter than promised: fine."
    assert n.evaluate(9).status == "incorrect"
    r = NumberQuestion("min_cell", expected=10, accept_between=(10, 20), mistakes={5: "Too few."})
    assert r.evaluate(15).correct and r.evaluate(21).status == "incorrect" and r.evaluate(5).message == "Too few."
    p = questions()[2]
    p.optional = ["date of birth"]
    assert p.evaluate(["grade", "school", "date of birth"]).correct and p.evaluate(["grade", "school"]).correct
    assert "Right either way" in p.describe()


def test_syntax_slips_are_named_in_plain_words():
    q = NumberQuestion("rate", expected=0.24, shown_as="percent0")
    assert "Use a point for decimals, for example 0.24" in q.evaluate((0, 24)).message  # rate = 0,24
    assert "Remove the comma" in q.evaluate((0.24,)).message  # rate = 0.24,
    assert "with a point: 0.24" in q.evaluate("0,24").message
    assert "without the % sign" in q.evaluate("24%").message
    assert "Replace all of it" in q.evaluate("____0.24").message
    c = questions()[1]
    assert c.evaluate('"b"').correct and c.evaluate("'b'").correct  # quotes typed inside the quotes


def test_hints_and_solution_that_cannot_be_computed_do_not_raise(capsys, monkeypatch):
    monkeypatch.delenv("HELPERS_DEBUG", raising=False)
    q = NumberQuestion("h", expected=1, hints=lambda: [][0], solution_text=lambda: {}["x"])
    q.hint()
    q.solution()
    out = capsys.readouterr().out
    assert "tell your facilitator" in out.lower() and "could not be shown" in out
    assert PickItemsQuestion("p", options=list("1234567"), answer=["1", "4", "5"]).evaluate([145]).correct


def test_a_template_still_holding_the_blank_is_not_attempted():
    q = labelling()
    assert q.evaluate({"student_id": "direct", "zip": "____", "iep": ____, "home_language": "quasi"}).status == "unattempted"
    assert questions()[2].evaluate(["grade", "____"]).status == "unattempted"


@settings(max_examples=300, deadline=None)
@given(st.floats(min_value=0, max_value=1), st.integers(min_value=0, max_value=2))
def test_the_figure_a_lesson_prints_is_always_right_and_two_figures_away_never(share, digits):
    q = NumberQuestion("share", expected=share, shown_as=f"percent{digits}")
    step = 10.0 ** -(digits + 2)
    printed = float(f"{share:.{digits + 2}f}")  # what f"{share:.0%}" shows, as a share
    python_round = round(share, digits + 2)  # what a learner's round() gives
    assert q.evaluate(printed).correct and q.evaluate(python_round).correct and q.evaluate(share).correct
    for off in (printed + 2 * step, printed - 2 * step):
        if 0 <= off:
            assert q.evaluate(off).status == "incorrect", off


def test_ties_count_whichever_way_they_are_rounded():
    q = NumberQuestion("eighth", expected=0.125, shown_as="share2")
    assert f"{0.125:.2f}" == "0.12" and q.evaluate(0.12).correct  # as Python prints it
    assert q.evaluate(0.13).correct  # rounded half up, as taught at school
    assert q.evaluate(0.11).status == "incorrect"


def test_options_that_cannot_be_computed_are_reported_not_raised(capsys, monkeypatch):
    monkeypatch.delenv("HELPERS_DEBUG", raising=False)
    ChoiceQuestion("c", options=lambda: {}["x"], answer="a").show_options()
    assert "Tell your facilitator" in capsys.readouterr().out
    monkeypatch.setenv("HELPERS_DEBUG", "1")
    with pytest.raises(KeyError):
        ChoiceQuestion("c", options=lambda: {}["x"], answer="a").show_options()
