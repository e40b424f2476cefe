"""What "safe" means for suppress_small_cells, checked by an attacker that shares no code with it.

The attacker here is a linear program over the published table (scipy.optimize.linprog):
the unknowns are the hidden cells (totals included), the equations are "every row and
column adds up to its total", and every count is at least 0. Two-way tables with totals
have integral vertices, so the LP's smallest and largest values are the exact whole-number
bounds. For every published table it checks:

* no published cell or total is a count from 1 to t-1, and published values are the truth;
* no hidden cell is pinned to one value;
* no hidden cell is provably inside 1..t-1;
* no set of hidden cells in one row or column (all of them, or any smaller group) is
  provably a sum inside 1..t-1 ("total minus the shown cells").
"""

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from helpers.privacy import recover_suppressed, suppress_primary_only, suppress_small_cells


# --- the independent attacker --------------------------------------------------------------
def margins(values):
    """The truth: counts with a total column, a total row and the grand total (Python ints)."""
    values = np.asarray(values, dtype=object)
    out = np.zeros((values.shape[0] + 1, values.shape[1] + 1), dtype=object)
    out[:-1, :-1] = values
    out[:-1, -1] = values.sum(axis=1)
    out[-1, :-1] = values.sum(axis=0)
    out[-1, -1] = values.sum()
    return out.astype(np.int64)


class LPAttacker:
    """Bounds of any sum of hidden cells of a published table-with-margins (NaN = hidden)."""

    def __init__(self, grid):
        self.grid = grid
        R, C = grid.shape
        self.hidden = [(i, j) for i in range(R) for j in range(C) if np.isnan(grid[i, j])]
        self.index = {cell: k for k, cell in enumerate(self.hidden)}
        rows_eq, rhs = [], []
        for i in range(R):  # parts minus the total = 0, known values moved to the right
            coef, known = np.zeros(len(self.hidden)), 0.0
            for j in range(C):
                sign = -1.0 if j == C - 1 else 1.0
                if (i, j) in self.index:
                    coef[self.index[(i, j)]] += sign
                else:
                    known += sign * grid[i, j]
            rows_eq.append(coef)
            rhs.append(-known)
        for j in range(C):
            coef, known = np.zeros(len(self.hidden)), 0.0
            for i in range(R):
                sign = -1.0 if i == R - 1 else 1.0
                if (i, j) in self.index:
                    coef[self.index[(i, j)]] += sign
                else:
                    known += sign * grid[i, j]
            rows_eq.append(coef)
            rhs.append(-known)
        self.A_eq, self.b_eq = np.array(rows_eq), np.array(rhs)

    def _solve(self, cells, sense):
        c = np.zeros(len(self.hidden))
        for cell in cells:
            c[self.index[cell]] = sense
        res = linprog(c, A_eq=self.A_eq, b_eq=self.b_eq, bounds=(0, None), method="highs")
        if res.status == 3:
            return np.inf
        assert res.status == 0, res.message
        return sense * res.fun

    def minimum(self, cells):
        return round(self._solve(cells, 1.0))

    def maximum(self, cells):
        value = self._solve(cells, -1.0)
        return value if np.isinf(value) else round(value)


def audit(published, truth, threshold, structural=None):
    """Every check in the module docstring; returns nothing, asserts everything."""
    grid = published.to_numpy(dtype="float64", na_value=np.nan)
    shown = ~np.isnan(grid)
    assert np.array_equal(grid[shown], truth[shown]), "a published value is not the true one"
    assert not ((grid[shown] >= 1) & (grid[shown] < threshold)).any(), "a small count is published"
    assert np.isnan(grid[(truth >= 1) & (truth < threshold)]).all()
    if structural is not None:
        assert (grid[:-1, :-1][structural] == 0).all(), "a structural zero is not published as 0"
    lp = LPAttacker(grid)
    for cell in lp.hidden:
        value = truth[cell]
        top = lp.maximum([cell])
        assert top >= value
        if value < threshold:
            # the cell could be the threshold or more: not pinned, not provably small
            assert top >= threshold, f"hidden cell {cell} (true {value}) is provably at most {top}"
        elif top == value:
            assert lp.minimum([cell]) < value, f"hidden cell {cell} is pinned to {value}"
    R, C = grid.shape
    lines = [[(i, j) for j in range(C - 1) if np.isnan(grid[i, j])] for i in range(R)]
    lines += [[(i, j) for i in range(R - 1) if np.isnan(grid[i, j])] for j in range(C)]
    for parts in lines:
        for size in range(2, len(parts) + 1):
            for group in itertools.combinations(parts, size):
                true_sum = sum(int(truth[cell]) for cell in group)
                if 1 <= true_sum < threshold:  # could a reader prove this small sum?
                    assert lp.maximum(list(group)) >= threshold, f"cells {group} provably add up to a small count"


# --- random tables ----------------------------------------------------------------------------
@st.composite
def count_tables(draw):
    rows, cols = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    threshold = draw(st.sampled_from([2, 3, 5, 5, 10, 10, 11, 16]))
    mode = draw(st.sampled_from(["mixed", "small", "zeros", "big_small"]))
    cell = {
        "mixed": st.integers(0, 3 * threshold),
        "small": st.integers(0, threshold),
        "zeros": st.sampled_from([0, 0, 1, 2, threshold - 1, threshold, 2 * threshold]),
        "big_small": st.one_of(st.integers(1, threshold - 1), st.integers(threshold, 400)),
    }[mode]
    values = np.array(draw(st.lists(st.lists(cell, min_size=cols, max_size=cols), min_size=rows, max_size=rows)))
    structural = None
    if draw(st.booleans()) and (values == 0).any():
        pick = draw(st.lists(st.booleans(), min_size=values.size, max_size=values.size))
        structural = (values == 0) & np.array(pick).reshape(values.shape)
    counts = pd.DataFrame(values, index=[f"r{i}" for i in range(rows)], columns=[f"c{j}" for j in range(cols)])
    return counts, threshold, draw(st.booleans()), structural


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(count_tables())
def test_no_small_count_leaks_from_a_suppressed_table(case):
    counts, threshold, suppress_zeros, structural = case
    before = counts.copy(deep=True)
    zeros = None if structural is None else pd.DataFrame(structural, index=counts.index, columns=counts.columns)
    published = suppress_small_cells(counts, threshold, suppress_zeros=suppress_zeros, structural_zeros=zeros)
    pd.testing.assert_frame_equal(counts, before)
    truth = margins(counts.to_numpy())
    audit(published, truth, threshold, structural)
    if suppress_zeros:
        hidden_zero = np.isnan(published.to_numpy(dtype="float64", na_value=np.nan)) & (truth == 0)
        shown_zero = ~np.isnan(published.to_numpy(dtype="float64", na_value=np.nan)) & (truth == 0)
        allowed = np.zeros(truth.shape, dtype=bool)
        if structural is not None:
            allowed[:-1, :-1] = structural
            allowed[:-1, -1] = structural.all(axis=1)
            allowed[-1, :-1] = structural.all(axis=0)
            allowed[-1, -1] = structural.all()
        assert not (shown_zero & ~allowed).any(), "a zero is published although suppress_zeros=True"
        assert hidden_zero.sum() >= 0
    # the library's own attacker agrees that nothing small leaks
    assert recover_suppressed(published, threshold=threshold).safe


# --- the reproducers, verbatim -----------------------------------------------------
def test_line_sum_reproducer_is_protected():
    published = suppress_small_cells(pd.DataFrame({"stably housed": [365, 300], "homeless": [1, 20], "foster care": [3, 15]}, index=["E02", "H01"]), 10)
    truth = margins([[365, 1, 3], [300, 20, 15]])
    audit(published, truth, 10)
    row = published.loc["E02"]
    hidden_sum = int(row["Total"]) - int(row.iloc[:-1].fillna(0).sum())
    assert hidden_sum >= 10, "E02's total minus its shown cells is a small count"
    assert recover_suppressed(published, threshold=10).safe


def test_interval_reproducer_is_protected():
    counts = pd.DataFrame([[1, 5, 7], [15, 1, 2], [4, 0, 3]], index=list("ABC"), columns=list("xyz"))
    published = suppress_small_cells(counts, 5)
    audit(published, margins(counts.to_numpy()), 5)
    lp = LPAttacker(published.to_numpy(dtype="float64", na_value=np.nan))
    if ("B", "z") in [(published.index[i], published.columns[j]) for i, j in lp.hidden]:
        assert lp.maximum([(1, 2)]) >= 5


# the tables the old suppress_small_cells published for the two reproducers (before this fix)
OLD_E02 = pd.DataFrame({"stably housed": [365, 300, 665], "homeless": [pd.NA, pd.NA, 21],
                        "foster care": [pd.NA, pd.NA, 18], "Total": [369, 335, 704]},
                       index=["E02", "H01", "Total"]).astype("Int64")
OLD_ABC = pd.DataFrame({"x": [pd.NA, 15, pd.NA, 20], "y": [5, pd.NA, pd.NA, 6], "z": [pd.NA, pd.NA, pd.NA, 12],
                        "Total": [13, 18, 7, 38]}, index=["A", "B", "C", "Total"]).astype("Int64")


def test_attack_finds_the_line_sum_in_the_old_table():
    result = recover_suppressed(OLD_E02, threshold=10)
    assert result.n_recovered == 0 and not result.safe
    sums = result.small_sums
    assert sums.loc[0, "line"] == "row 'E02'" and sums.loc[0, "lower"] == sums.loc[0, "upper"] == 4
    assert "row 'E02': these two hidden cells (homeless, foster care) add up to exactly 4" in result.summary()
    # the independent attacker agrees
    lp = LPAttacker(OLD_E02.to_numpy(dtype="float64", na_value=np.nan))
    assert lp.minimum([(0, 1), (0, 2)]) == lp.maximum([(0, 1), (0, 2)]) == 4


def test_attack_finds_the_interval_in_the_old_table():
    result = recover_suppressed(OLD_ABC, threshold=5)
    ranges = result.small_ranges
    assert ranges[["row", "column", "lower", "upper"]].values.tolist() == [["B", "z", 2, 3]]
    assert "row 'B', column 'z' is provably between 2 and 3" in result.summary()
    lp = LPAttacker(OLD_ABC.to_numpy(dtype="float64", na_value=np.nan))
    assert (lp.minimum([(1, 2)]), lp.maximum([(1, 2)])) == (2, 3)


def test_naive_table_shows_all_three_kinds_of_leak():
    counts = pd.DataFrame({"a": [3, 40, 2], "b": [4, 50, 30], "c": [30, 20, 1]}, index=["x", "y", "z"])
    result = recover_suppressed(suppress_primary_only(counts, 10), threshold=10)
    assert result.n_recovered >= 1 and not result.safe
    assert result.n_disclosures >= result.n_recovered


# --- attacker details from the issue ---------------------------------------------------------
@pytest.mark.parametrize("label", ["Total", "total", "TOTAL", "All students", "all", "Grand total"])
def test_attacker_reads_totals_however_they_are_labelled(label):
    published = pd.DataFrame({"yes": [pd.NA, 20, 23], "no": [30, 15, 45], label: [33, 35, 68]},
                             index=["A", "B", label]).astype("Int64")
    result = recover_suppressed(published)
    assert result.recovered[["row", "column", "value"]].values.tolist() == [["A", "yes", 3]]
    assert result.n_hidden == 1  # the total row is not counted as data (no double counting)


def test_total_row_anywhere_and_custom_label():
    published = pd.DataFrame({"yes": [23, pd.NA, 20], "no": [45, 30, 15], "Sum": [68, 33, 35]},
                             index=["Everyone", "A", "B"]).astype("Int64")
    result = recover_suppressed(published, total_label="Everyone")
    assert result.n_hidden == 1  # no 'Sum' total column found by that label, so rows only
    assert result.recovered["value"].tolist() == [3]


def test_int64_totals_do_not_overflow():
    big = 2**40
    counts = pd.DataFrame({"a": [big, big], "b": [3, big]}, index=["x", "y"])
    published = suppress_small_cells(counts, 10)
    assert int(published.loc["Total", "Total"]) == 3 * big + 3
    result = recover_suppressed(published)
    assert (result.cells["lower"] >= 0).all()
    assert result.safe


def test_structural_zeros_are_published_and_never_absorb_a_count():
    # an elementary school has no grade 8 (known to everyone); its small grade-5 count
    # must not be "protected" by hiding the grade-8 zero
    counts = pd.DataFrame({"grade 5": [3, 40, 25], "grade 8": [0, 35, 30]}, index=["Elem", "Mid A", "Mid B"])
    published = suppress_small_cells(counts, 10, suppress_zeros=True, structural_zeros=[("Elem", "grade 8")])
    assert published.loc["Elem", "grade 8"] == 0
    mask = pd.DataFrame(False, index=counts.index, columns=counts.columns)
    mask.loc["Elem", "grade 8"] = True
    audit(published, margins(counts.to_numpy()), 10, mask.to_numpy())
    # without declaring it, the hidden zero would be the only protection of Elem's row
    naive = suppress_small_cells(counts, 10, suppress_zeros=True)
    assert pd.isna(naive.loc["Elem", "grade 8"])


def test_structural_zeros_as_a_table_in_any_order():
    counts = pd.DataFrame({"grade 5": [3, 40, 25], "grade 8": [0, 35, 30]}, index=["Elem", "Mid A", "Mid B"])
    mask = pd.DataFrame({"grade 8": [False, False, True], "grade 5": [False, False, False]},
                        index=["Mid B", "Mid A", "Elem"])
    published = suppress_small_cells(counts, 10, suppress_zeros=True, structural_zeros=mask)
    assert published.loc["Elem", "grade 8"] == 0
    assert mask.loc["Elem", "grade 8"]  # the mask is not changed


# --- the library's attacker agrees with the independent one -----------------------------------
@st.composite
def published_tables(draw):
    rows, cols = draw(st.integers(1, 3)), draw(st.integers(1, 4))
    values = np.array(draw(st.lists(st.lists(st.integers(0, 12), min_size=cols, max_size=cols),
                                    min_size=rows, max_size=rows)))
    truth = margins(values)
    hide = np.array(draw(st.lists(st.booleans(), min_size=truth.size, max_size=truth.size))).reshape(truth.shape)
    hide[-1, -1] = False  # keep the grand total so every range is finite
    published = pd.DataFrame(truth, index=[*range(rows), "Total"], columns=[*range(cols), "Total"]).astype("Int64")
    return published.mask(hide), truth


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(published_tables())
def test_recover_suppressed_bounds_and_sums_match_the_lp_attacker(case):
    published, truth = case
    result = recover_suppressed(published, threshold=5)
    lp = LPAttacker(published.to_numpy(dtype="float64", na_value=np.nan))
    for rec in result.cells.itertuples():
        cell = (published.index.get_loc(rec.row), published.columns.get_loc(rec.column))
        assert (rec.lower, rec.upper) == (lp.minimum([cell]), lp.maximum([cell])), rec
        assert rec.exact == (rec.lower == rec.upper)
        assert rec.small_range == (1 <= rec.lower and rec.upper <= 4)
    for rec in result.sums.itertuples():
        kind, label = rec.line.split(" ", 1)
        label = eval(label)  # the repr of the row or column label
        if kind == "row":
            i = published.index.get_loc(label)
            group = [(i, published.columns.get_loc(c)) for c in rec.cells]
        else:
            j = published.columns.get_loc(label)
            group = [(published.index.get_loc(r), j) for r in rec.cells]
        assert (rec.lower, rec.upper) == (lp.minimum(group), lp.maximum(group)), rec
        assert rec.small == (1 <= rec.lower and rec.upper <= 4)
