"""The claims lesson 04 makes, checked against the privacy toolkit, the data and the lesson's text.

Each test names the statement it protects: the naive table leaks in all three ways and the
"safe" table leaks in none (checked by an independent linear-programming attacker, not by the
toolkit's own attack); the dictionary attack breaks a file hashed with plain ``hashlib`` and a
keyed pseudonym resists it; the exercises work when a learner does what the text says (issue
19: the classify layout trap, home language read both ways, a release without ``homeless``
rejected, helpers named in the text are imported); options and tables printed in the lesson's
Markdown are the ones the checks judge; committed outputs carry no timings.
"""

import hashlib
import json
import re

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import linprog

from helpers import authoring
from helpers.checks import lesson04 as q
from helpers.privacy import (TOTAL, dictionary_attack, generate_key, pseudonymize, recover_suppressed,
                             student_id_space, suppress_small_cells)

LESSON = authoring.ROOT / "lessons" / "04_protection.ipynb"
SOLUTION = authoring.ROOT / "solutions" / "04_protection.ipynb"


def _cells(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [(c["cell_type"], "".join(c["source"]) if isinstance(c["source"], list) else c["source"], c)
            for c in nb["cells"]]


def _markdown(path):
    """The notebook's Markdown, with links reduced to their text (the build links glossary terms)."""
    text = "\n".join(src for kind, src, _ in _cells(path) if kind == "markdown")
    return re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)


@pytest.fixture(scope="module")
def lesson_text():
    return _markdown(LESSON)


# ------------------------------------------------------------------ section 5: suppression
def test_the_naive_table_shows_all_three_kinds_of_leak():
    attack = q.naive_attack()
    assert attack.n_recovered >= 1, "an exact cell"
    assert len(attack.small_sums) >= 1, "a small line-sum"
    assert len(attack.small_ranges) >= 1, "a small range"


def test_the_range_the_lesson_quotes_is_the_one_the_attack_finds(lesson_text):
    row, column, low, high = q.range_leak_cell()
    true = int(q.housing_table().loc[row, column])
    assert low <= true <= high and 1 <= low and high <= 9
    assert f"between {low} and {high}" in lesson_text and f"{column} {row}" in lesson_text


def _lp_bounds(published: pd.DataFrame):
    """Min and max of every hidden interior cell and of every line's hidden sum, by linear programming.

    Independent of the toolkit: variables are the hidden interior cells, constraints are every
    published row and column total, counts are non-negative. The constraint matrix of a two-way
    table is totally unimodular, so the LP optimum is the integer optimum.
    """
    body = published.drop(index=TOTAL, columns=TOTAL)
    grid = body.to_numpy(dtype="float64", na_value=np.nan)
    rows_total = published[TOTAL].drop(index=TOTAL).to_numpy(dtype="float64", na_value=np.nan)
    cols_total = published.loc[TOTAL].drop(TOTAL).to_numpy(dtype="float64", na_value=np.nan)
    grand = float(published.loc[TOTAL, TOTAL])
    hidden = [(i, j) for i in range(grid.shape[0]) for j in range(grid.shape[1]) if np.isnan(grid[i, j])]
    index = {cell: k for k, cell in enumerate(hidden)}
    a_eq, b_eq = [], []
    lines = [("row", i, rows_total[i]) for i in range(grid.shape[0])] + \
            [("col", j, cols_total[j]) for j in range(grid.shape[1])]
    # a hidden total becomes a variable tied to the grand total through the other totals
    n_cells = len(hidden)
    extra = {}
    for kind, k, total in lines:
        if np.isnan(total):
            extra[(kind, k)] = n_cells + len(extra)
    n = n_cells + len(extra)
    for kind, k, total in lines:
        coef = np.zeros(n)
        cells = [(k, j) for j in range(grid.shape[1])] if kind == "row" else [(i, k) for i in range(grid.shape[0])]
        known = sum(grid[c] for c in cells if not np.isnan(grid[c]))
        for c in cells:
            if c in index:
                coef[index[c]] = 1
        if (kind, k) in extra:
            coef[extra[(kind, k)]] = -1
            a_eq.append(coef)
            b_eq.append(-known)
        else:
            a_eq.append(coef)
            b_eq.append(total - known)
    for kind in ("row", "col"):
        coef = np.zeros(n)
        known = 0.0
        for (knd, k, total) in lines:
            if knd != kind:
                continue
            if (knd, k) in extra:
                coef[extra[(knd, k)]] = 1
            else:
                known += total
        a_eq.append(coef)
        b_eq.append(grand - known)

    def bounds_of(objective):
        lo = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=[(0, None)] * n, method="highs")
        hi = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=[(0, None)] * n, method="highs")
        assert lo.status == 0, "the published table is inconsistent"
        return round(lo.fun), (None if hi.status == 3 else round(-hi.fun))

    out = []
    for cell in hidden:
        objective = np.zeros(n)
        objective[index[cell]] = 1
        out.append(("cell", cell, *bounds_of(objective)))
    for kind, k, _ in lines:
        cells = [c for c in hidden if (c[0] if kind == "row" else c[1]) == k]
        if len(cells) >= 2:
            objective = np.zeros(n)
            for c in cells:
                objective[index[c]] = 1
            out.append((kind, k, *bounds_of(objective)))
    return out


def _leaks(published, threshold=10):
    return [b for b in _lp_bounds(published) if b[3] is not None and 1 <= b[2] and b[3] <= threshold - 1
            or (b[2] == b[3] and 1 <= b[2] <= threshold - 1)]


def test_the_independent_attacker_finds_the_naive_leaks_too():
    from helpers.privacy import suppress_primary_only

    assert _leaks(suppress_primary_only(q.housing_table(), threshold=10))


@pytest.mark.parametrize("by", ["race_ethnicity", "school_id"])
def test_the_safe_tables_leak_nothing_to_an_independent_attacker(by):
    published = suppress_small_cells(q.housing_table(by), threshold=10)
    assert recover_suppressed(published).safe
    assert not _leaks(published), f"LP attacker found small counts in the safe {by} table"
    shown = published.drop(index=TOTAL, columns=TOTAL).stack().dropna().astype(int)
    assert not ((shown >= 1) & (shown <= 9)).any(), "no published count from 1 to 9"


def test_the_coarser_table_the_lesson_recommends_hides_nothing():
    text = _markdown(SOLUTION)
    assert "every group is large enough and nothing is hidden" in text
    from helpers.data import load
    from helpers.privacy import count_table

    students = load("students")
    combined = q.housing_status(students).replace({"homeless": "homeless or foster care",
                                                   "foster care": "homeless or foster care"})
    with_level = students.assign(housing=combined).merge(load("schools")[["school_id", "level"]], on="school_id")
    assert not suppress_small_cells(count_table(with_level, "level", "housing"), threshold=10).isna().any().any()


# ------------------------------------------------------------------ section 3: hashing
def test_a_file_hashed_with_plain_hashlib_falls_and_a_keyed_file_does_not():
    ids = q._students()["student_id"].head(50)
    hashed = [hashlib.sha256(i.encode()).hexdigest() for i in ids]
    assert dictionary_attack(hashed, student_id_space("RB", 6, start=100000)).n_recovered == 50
    tokens = pseudonymize(ids, generate_key())
    assert dictionary_attack(tokens, student_id_space("RB", 6, start=100000)).n_recovered == 0


def test_committed_outputs_carry_no_timings():
    for kind, _, cell in _cells(SOLUTION):
        for out in cell.get("outputs", []):
            text = json.dumps(out)
            assert not re.search(r"\d+(\.\d+)? ?s(econds)?\b[;.]", text.replace("\\n", " ")), text[:200]


# ------------------------------------------------------------------ issue 19: exercises work as written
def test_classify_works_when_the_learner_fills_in_the_template():
    cells = _cells(LESSON)
    template = next(src for kind, src, _ in cells if kind == "code" and src.startswith("my_classes = {"))
    assert "____\n" not in template.replace('"____"', "") and "my_classes = ____" not in template
    follow = [src for kind, src, _ in cells if kind == "code" and "my_classes" in src]
    assert all("my_classes = ____" not in s for s in follow), "no blank left below the template"
    answers = iter(q.dictionary_classes()[c] for c in re.findall(r'"(\w+)": "____"', template))
    filled = re.sub(r'"____"', lambda m: f'"{next(answers)}"', template)
    scope = {}
    exec(filled, scope)
    assert q.classify.evaluate(scope["my_classes"]).correct
    scope["my_classes"]["home_language"] = "sensitive"
    assert q.classify.evaluate(scope["my_classes"]).correct


@pytest.mark.parametrize("name,labels", [("my_uses", lambda: q.responsible_use.answer),
                                          ("my_drill", lambda: q.incident_drill.answer)])
def test_the_labelling_templates_work_when_filled_in(name, labels):
    template = next(src for kind, src, _ in _cells(LESSON) if kind == "code" and src.startswith(f"{name} = {{"))
    right = labels()
    filled = re.sub(r'"(\w+)": "____"',
                    lambda m: f'"{m[1]}": "{right[m[1]] if isinstance(right[m[1]], str) else right[m[1]][0]}"',
                    template)
    scope = {}
    exec(filled, scope)
    question = q.responsible_use if name == "my_uses" else q.incident_drill
    assert question.evaluate(scope[name]).correct
    blank = {}
    exec(template, blank)
    assert question.evaluate(blank[name]).status == "unattempted"


def test_a_safer_release_without_homeless_is_rejected():
    release = q.release_from_letters(["a", "c", "d"])
    result = q.safer_release.evaluate(release.drop(columns="homeless"))
    assert result.status == "incorrect" and "homeless" in result.message
    assert q.safer_release.evaluate(release).correct


def test_the_birth_year_route_is_explained_not_a_trap():
    result = q.safer_picks.evaluate(["b", "c", "d"])
    assert result.status == "incorrect" and "born in" in result.message
    assert q.safer_picks.evaluate(["a", "c", "d"]).correct


def test_every_privacy_helper_named_in_the_text_is_imported():
    import helpers.privacy as privacy

    cells = _cells(LESSON)
    first_code = next(src for kind, src, _ in cells if kind == "code")
    named = set(re.findall(r"`(\w+)(?:\(|`)", _markdown(LESSON)))
    for name in named & set(privacy.__all__):
        assert re.search(rf"\b{name}\b", first_code), f"the text names {name} but the lesson does not import it"


def test_share_at_risk_accepts_the_rounded_figure():
    assert q.share_at_risk.evaluate(0.99).correct
    assert q.share_at_risk.evaluate(round(q.careless_share_at_risk(), 3)).correct


# ------------------------------------------------------------------ the text shows what the checks judge
CHOICES = ["who_decides", "key_matters", "why_named", "range_leak", "family_notice", "what_to_send",
           "together_tables"]


@pytest.mark.parametrize("name", CHOICES)
def test_options_printed_in_the_lesson_are_the_ones_judged(lesson_text, name):
    for letter, text in dict(getattr(q, name).options).items():
        assert f"- **{letter}**: {text}" in lesson_text, f"{name} option {letter} differs from the lesson's text"


def test_picks_uses_and_drill_steps_printed_in_the_lesson_are_the_ones_judged(lesson_text):
    for letter, text in q.safer_picks.current_texts().items():
        assert f"- **{letter}**: {text}" in lesson_text
    for key, text in q.USES.items():
        assert f"- `{key}`: {text}" in lesson_text
    for key, text in q.DRILL_STEPS.items():
        assert f"| `{key}` | {text} |" in lesson_text


def test_right_letters_are_spread():
    letters = [str(getattr(q, n).answer) for n in CHOICES]
    assert max(letters.count(x) for x in set(letters)) <= 3, letters
