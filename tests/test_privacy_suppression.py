"""Small-cell and complementary suppression, attacked with recover_suppressed.

The central promise: after ``suppress_small_cells`` no published cell (totals included)
is a small count, published cells and totals are the true ones, and no hidden cell, sum
of hidden cells or range of a hidden cell gives away a small count (see also
``test_privacy_guarantee.py``, where an independent LP attacker checks the same). The attacker is checked separately against a
brute-force enumeration, so "recovers nothing" is a meaningful result.
"""

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from helpers.privacy import (
    TOTAL,
    CountsTableError,
    InconsistentTableError,
    PrivacyInputError,
    count_table,
    publish_percentages,
    recover_suppressed,
    suppress_primary_only,
    suppress_small_cells,
)
from helpers.privacy.suppression import suppression_pattern, with_margins


@st.composite
def count_tables(draw, max_rows=6, max_cols=6):
    rows = draw(st.integers(1, max_rows))
    cols = draw(st.integers(1, max_cols))
    threshold = draw(st.sampled_from([1, 2, 3, 5, 10, 10, 10, 11, 20, 30]))
    small = st.integers(1, max(threshold - 1, 1))
    mode = draw(st.sampled_from(["mixed", "all_small", "zeros", "big_small", "uniform"]))
    cell = {
        "mixed": st.integers(0, 3 * threshold),
        "all_small": st.integers(0, max(threshold - 1, 0)),
        "zeros": st.sampled_from([0, 0, 0, 1, 2, threshold, threshold + 1]),
        "big_small": st.one_of(small, st.integers(threshold, 5000)),
        "uniform": st.integers(0, 200),
    }[mode]
    values = draw(st.lists(st.lists(cell, min_size=cols, max_size=cols), min_size=rows, max_size=rows))
    index = pd.Index([f"r{i}" for i in range(rows)], name="school")
    frame = pd.DataFrame(values, index=index, columns=[f"c{j}" for j in range(cols)])
    return frame, threshold, draw(st.booleans())


def _grid(published):
    return published.to_numpy(dtype="float64", na_value=np.nan)


# 400 larger tables here (up to 6 x 6, attacked by recover_suppressed); the 1,000-table audit by an
# independent LP attacker is in test_privacy_guarantee.py.
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(count_tables())
def test_suppression_properties_hold_for_every_table(case):
    counts, threshold, suppress_zeros = case
    before = counts.copy(deep=True)
    published = suppress_small_cells(counts, threshold, suppress_zeros=suppress_zeros)
    truth = with_margins(counts.to_numpy())
    grid = _grid(published)
    shown = ~np.isnan(grid)

    # the input is unchanged, the output is a new Int64 frame with totals
    pd.testing.assert_frame_equal(counts, before)
    assert published.shape == (counts.shape[0] + 1, counts.shape[1] + 1)
    assert published.index[-1] == TOTAL and published.columns[-1] == TOTAL
    assert all(str(d) == "Int64" for d in published.dtypes)

    # published cells, totals included, are the true values
    assert np.array_equal(grid[shown], truth[shown])
    # no published cell is a small count; zeros only when allowed
    assert not ((grid[shown] > 0) & (grid[shown] < threshold)).any()
    if suppress_zeros:
        assert not (grid[shown] < threshold).any()
    # every small cell is hidden
    assert np.isnan(grid[(truth > 0) & (truth < threshold)]).all()
    # no line has exactly one hidden cell
    hidden = ~shown
    assert not (hidden.sum(axis=1) == 1).any() and not (hidden.sum(axis=0) == 1).any()

    # the attacker recovers nothing, and its bounds contain the truth
    recovery = recover_suppressed(published, threshold=threshold)
    assert recovery.n_recovered == 0, recovery.summary()
    assert recovery.safe, recovery.summary()  # no small sums or small ranges either
    assert recovery.n_hidden == int(hidden.sum())
    for rec in recovery.cells.itertuples():
        i, j = published.index.get_loc(rec.row), published.columns.get_loc(rec.column)
        assert rec.lower <= truth[i, j]
        assert pd.isna(rec.upper) or truth[i, j] <= rec.upper

    # without totals: the same hidden cells, and still safe for a reader who knows the shown totals
    inner = suppress_small_cells(counts, threshold, add_totals=False, suppress_zeros=suppress_zeros)
    pd.testing.assert_frame_equal(inner, published.iloc[:-1, :-1])


def _brute_force_bounds(published):
    """Every non-negative completion of the hidden inner cells, by enumeration."""
    grid = _grid(published)
    inner = grid[:-1, :-1]
    hidden = [(i, j) for i, j in zip(*np.nonzero(np.isnan(inner)))]
    grand = grid[-1, -1]
    ranges = []
    for i, j in hidden:
        caps = [v for v in (grid[i, -1], grid[-1, j], grand) if not np.isnan(v)]
        ranges.append(range(int(min(caps)) + 1))
    if np.prod([len(r) for r in ranges], dtype=float) > 20000:
        return None
    seen = {}
    for combo in itertools.product(*ranges):
        filled = inner.copy()
        for (i, j), v in zip(hidden, combo):
            filled[i, j] = v
        full = with_margins(filled.astype(np.int64))
        known = ~np.isnan(grid)
        if not np.array_equal(full[known], grid[known]):
            continue
        for i, j in zip(*np.nonzero(~known)):
            lo, hi = seen.get((i, j), (np.inf, -np.inf))
            seen[(i, j)] = (min(lo, full[i, j]), max(hi, full[i, j]))
    return seen


@st.composite
def small_published(draw):
    rows, cols = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    values = draw(st.lists(st.lists(st.integers(0, 6), min_size=cols, max_size=cols), min_size=rows, max_size=rows))
    counts = pd.DataFrame(values)
    hide = draw(st.lists(st.lists(st.booleans(), min_size=cols + 1, max_size=cols + 1),
                         min_size=rows + 1, max_size=rows + 1))
    table = with_margins(counts.to_numpy())
    published = pd.DataFrame(table, index=[*range(rows), TOTAL], columns=[*range(cols), TOTAL]).astype("Int64")
    mask = np.array(hide)
    mask[-1, -1] = False  # keep the grand total so every range is finite
    return published.mask(mask), table


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(small_published())
def test_attack_bounds_are_exactly_the_brute_force_bounds(case):
    published, truth = case
    hidden_inner = int(published.iloc[:-1, :-1].isna().sum().sum())
    assume(hidden_inner <= 5)
    expected = _brute_force_bounds(published)
    assume(expected is not None)
    result = recover_suppressed(published)
    for rec in result.cells.itertuples():
        i, j = published.index.get_loc(rec.row), published.columns.get_loc(rec.column)
        lo, hi = expected[(i, j)]
        assert (rec.lower, rec.upper) == (lo, hi), (published, rec)
        assert rec.exact == (lo == hi)


def test_primary_only_suppression_is_recovered():
    counts = pd.DataFrame({"housed": [40, 35, 52], "homeless": [3, 12, 14]}, index=["E01", "E02", "E03"])
    naive = suppress_primary_only(counts, threshold=10)
    result = recover_suppressed(naive)
    assert result.n_recovered == result.n_hidden == 1
    assert result.recovered.loc[0, "value"] == 3
    assert "only this cell hidden" in result.recovered.loc[0, "how"]
    assert recover_suppressed(suppress_small_cells(counts, 10)).n_recovered == 0


def test_attack_finds_hidden_cells_that_must_all_be_zero():
    # row B's hidden cells must sum to 0 (its total equals its shown cell): both are zero,
    # which then gives away A's hidden cells through the columns.
    published = pd.DataFrame(
        {"x": [pd.NA, pd.NA, 20, 23], "y": [pd.NA, pd.NA, 30, 30], "z": [50, 40, 10, 100], TOTAL: [53, 40, 60, 153]},
        index=["A", "B", "C", TOTAL],
    ).astype("Int64")
    result = recover_suppressed(published)
    assert result.n_recovered == 4
    values = {(r.row, r.column): r.value for r in result.recovered.itertuples()}
    assert values == {("A", "x"): 3, ("A", "y"): 0, ("B", "x"): 0, ("B", "y"): 0}


def test_attack_solves_combined_equations_when_every_line_has_two_hidden_cells():
    # Two hidden rectangles joined by one hidden cell (B, c): every row and column with a
    # hidden cell has at least two, yet adding up equations pins the joining cell.
    inner = np.array([[5, 6, 20, 20], [7, 8, 4, 20], [20, 20, 3, 2], [20, 20, 9, 1]])
    counts = pd.DataFrame(inner, index=list("ABCD"), columns=list("abcd"))
    table = with_margins(inner)
    hide = np.zeros(table.shape, dtype=bool)
    for i, j in [(0, 0), (0, 1), (1, 0), (1, 1), (1, 2), (2, 2), (2, 3), (3, 2), (3, 3)]:
        hide[i, j] = True
    published = pd.DataFrame(table, index=[*counts.index, TOTAL], columns=[*counts.columns, TOTAL]).astype("Int64").mask(hide)
    assert (hide.sum(axis=1)[hide.sum(axis=1) > 0] >= 2).all() and (hide.sum(axis=0)[hide.sum(axis=0) > 0] >= 2).all()
    result = recover_suppressed(published)
    recovered = {(r.row, r.column): r.value for r in result.recovered.itertuples()}
    assert recovered == {("B", "c"): 4}
    # our suppression never leaves such a bridge
    assert recover_suppressed(suppress_small_cells(counts, 10)).n_recovered == 0


def test_zeros_are_published_by_default_and_hidden_on_request():
    counts = pd.DataFrame({"a": [0, 40], "b": [25, 30]}, index=["x", "y"])
    assert suppress_small_cells(counts, 10).loc["x", "a"] == 0
    hidden = suppress_small_cells(counts, 10, suppress_zeros=True)
    assert pd.isna(hidden.loc["x", "a"])
    assert recover_suppressed(hidden).n_recovered == 0


def test_small_totals_are_suppressed_too():
    counts = pd.DataFrame({"a": [2, 40], "b": [3, 30]}, index=["tiny", "big"])
    published = suppress_small_cells(counts, 10)
    assert pd.isna(published.loc["tiny", TOTAL])
    assert published.loc[TOTAL, TOTAL] == 75
    assert recover_suppressed(published).n_recovered == 0


def test_single_row_and_single_column_tables():
    row = pd.DataFrame([[3, 40, 50]], columns=["x", "y", "z"])
    col = pd.DataFrame({"n": [3, 40, 50]})
    for counts in (row, col):
        published = suppress_small_cells(counts, 10)
        assert recover_suppressed(published).n_recovered == 0
        assert published.iloc[-1, -1] == 93


def test_nothing_to_suppress_changes_nothing():
    counts = pd.DataFrame({"a": [10, 0], "b": [25, 30]})
    published = suppress_small_cells(counts, 10)
    assert published.notna().all().all()
    assert recover_suppressed(published).summary().startswith("Nothing is hidden")


def test_labels_survive_multiindex_and_categorical_tables():
    people = pd.DataFrame({
        "school": pd.Categorical(["A"] * 30 + ["B"] * 14),
        "grade": ["1"] * 20 + ["2"] * 10 + ["1"] * 7 + ["2"] * 7,
        "homeless": [False] * 27 + [True] * 3 + [False] * 12 + [True] * 2,
    })
    counts = count_table(people, ["school", "grade"], "homeless")
    published = suppress_small_cells(counts, 5)
    assert published.index[-1] == (TOTAL, "")
    assert published.loc[(TOTAL, ""), TOTAL] == 44
    assert recover_suppressed(published).n_recovered == 0


@pytest.mark.parametrize(
    "bad, words",
    [
        (pd.DataFrame(), "empty"),
        (pd.DataFrame({"a": []}, dtype="int64"), "empty"),
        (pd.DataFrame({"a": [1, -2]}), "negative"),
        (pd.DataFrame({"a": [1.0, np.nan]}), "blank"),
        (pd.DataFrame({"a": pd.array([1, None], dtype="Int64")}), "blank"),
        (pd.DataFrame({"a": [1.5, 2.0]}), "fractional"),
        (pd.DataFrame({"school": ["A", "B"], "n": [1, 2]}), "set_index('school')"),
        (pd.DataFrame({"a": [True, False]}), "not counts"),
        (pd.DataFrame({"a": [1, 2], TOTAL: [1, 2]}), "already has a total column ('Total')"),
        ([[1, 2]], "DataFrame"),
    ],
)
def test_bad_counts_get_a_clear_error(bad, words):
    with pytest.raises(PrivacyInputError) as err:
        suppress_small_cells(bad)
    assert words in str(err.value)


@pytest.mark.parametrize("threshold", [0, -5, 2.5, "10", True, None])
def test_bad_threshold_is_refused(threshold):
    with pytest.raises(PrivacyInputError, match="threshold"):
        suppress_small_cells(pd.DataFrame({"a": [1, 20]}), threshold)


def test_attacker_rejects_inconsistent_and_text_tables():
    bad = pd.DataFrame({"a": [5, 10], TOTAL: [6, 10]}, index=["x", TOTAL]).astype("Int64")
    with pytest.raises(InconsistentTableError, match="does not add up"):
        recover_suppressed(bad)
    words = pd.DataFrame({"a": ["<10", 20]})
    with pytest.raises(CountsTableError, match="text"):
        recover_suppressed(words)
    with pytest.raises(PrivacyInputError):
        recover_suppressed("not a table")


def test_attacker_without_totals_has_no_equations():
    published = suppress_primary_only(pd.DataFrame({"a": [3, 40], "b": [30, 40]}), 10, add_totals=False)
    assert recover_suppressed(published).n_recovered == 0


@settings(max_examples=200, deadline=None)
@given(count_tables(max_rows=5, max_cols=4), st.sampled_from(["row", "column"]))
def test_percentages_never_reveal_a_hidden_count(case, of):
    counts, threshold, suppress_zeros = case
    before = counts.copy()
    published = suppress_small_cells(counts, threshold, suppress_zeros=suppress_zeros)
    pct = publish_percentages(counts, threshold, of=of, suppress_zeros=suppress_zeros)
    pd.testing.assert_frame_equal(counts, before)
    assert pct.shape == published.shape
    grid = _grid(published)
    denom = grid[:, [-1]] if of == "row" else grid[[-1], :]
    denom = np.broadcast_to(denom, grid.shape)
    values = pct.to_numpy(dtype="float64", na_value=np.nan)
    shown = ~np.isnan(values)
    # a percentage appears only where both its count and its denominator are published
    assert not (shown & (np.isnan(grid) | np.isnan(denom))).any()
    with np.errstate(invalid="ignore", divide="ignore"):
        expected = np.round(grid / denom * 100, 1)
    assert np.allclose(values[shown], expected[shown], atol=0.051)


def test_percentage_arguments_are_checked():
    counts = pd.DataFrame({"a": [1, 20]})
    with pytest.raises(PrivacyInputError, match="'row' or 'column'"):
        publish_percentages(counts, of="diagonal")
    with pytest.raises(PrivacyInputError, match="decimals"):
        publish_percentages(counts, decimals=-1)


def test_count_table_counts_missing_values_and_names_missing_columns():
    people = pd.DataFrame({"school": ["A", "A", None], "iep": [True, False, True]})
    table = count_table(people, "school", "iep")
    assert table.loc["(missing)", True] == 1 and int(table.to_numpy().sum()) == 3
    with pytest.raises(KeyError, match="'grade'"):
        count_table(people, "grade", "iep")


def test_pattern_function_matches_public_function():
    table = with_margins(np.array([[3, 20], [15, 30]]))
    mask = suppression_pattern(table, 10)
    published = suppress_small_cells(pd.DataFrame([[3, 20], [15, 30]]), 10)
    assert np.array_equal(mask, published.isna().to_numpy())
