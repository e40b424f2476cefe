"""splink linkage and its evaluation, on small made-up tables (no Riverbend data)."""

import numpy as np
import pandas as pd
import pytest

from helpers.linkage import (
    evaluate_links,
    link_probabilistic,
    pairs_near,
    plot_threshold_sweep,
    prepare,
    threshold_sweep,
    truth_for,
)
from helpers.linkage.probabilistic import _demo_people

M = {"record_id": "id", "first_name": "f", "last_name": "l", "date_of_birth": "d"}


def messy_copy(people: pd.DataFrame, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A 'partner' copy of some people with typical mess, plus outsiders, and its truth."""
    rng = np.random.default_rng(seed)
    kids = people.sample(60, random_state=seed).reset_index(drop=True)
    rows, truth = [], []
    for i, r in kids.iterrows():
        f, l, d = r.f, r.l, r.d
        kind = i % 6
        if kind == 1:
            f, l = l, f
        elif kind == 2:
            y, mo, da = d.split("-")
            d = f"{da}/{mo}/{y}" if int(da) <= 12 else f"{mo}/{da}/{y}"
        elif kind == 3:
            l = l[:-1]
        rows.append((f"X{i:03d}", f, l, d))
        truth.append((f"X{i:03d}", r.id))
    for j in range(8):
        rows.append((f"Y{j:03d}", "Zora", f"Outsider{j}", "2001-01-0" + str(j + 1)))
        truth.append((f"Y{j:03d}", ""))
    return (pd.DataFrame(rows, columns=["id", "f", "l", "d"]),
            pd.DataFrame(truth, columns=["left_id", "right_id"]))


@pytest.fixture(scope="module")
def linked():
    people = _demo_people(800, seed=5)
    partner, truth = messy_copy(people, seed=3)
    left, right = prepare(partner, M), prepare(people, M)
    return left, right, truth, link_probabilistic(left, right, threshold=0.9)


def test_links_are_good_and_outsiders_are_not_linked(linked):
    _, _, truth, result = linked
    q = evaluate_links(result.links(), truth)
    assert q.precision >= 0.95 and q.recall >= 0.85, str(q)
    outsiders = set(truth.loc[truth["right_id"] == "", "left_id"])
    assert not outsiders & set(result.links()["left_id"])


def test_results_are_deterministic_and_rounded(linked):
    left, right, _, result = linked
    again = link_probabilistic(left, right, threshold=0.9)
    pd.testing.assert_frame_equal(result.scored, again.scored)
    pd.testing.assert_frame_equal(result.parameters(), again.parameters())
    assert (result.scored["match_probability"] == result.scored["match_probability"].round(4)).all()


def test_each_left_record_links_at_most_once(linked):
    _, _, _, result = linked
    links = result.links(0.01)
    assert links["left_id"].is_unique
    assert (links["match_probability"] >= 0.01).all()


def test_parameters_hold_m_u_and_log2_weights(linked):
    _, _, _, result = linked
    p = result.parameters()
    assert set(p["comparison"]) >= {"First name", "Last name", "Date of birth"}
    ok = p.dropna()
    assert np.allclose(ok["match_weight"], np.log2(ok["m_probability"] / ok["u_probability"]), atol=0.01)
    exact_dob = p[(p["comparison"] == "Date of birth") & (p["level"] == "identical")].iloc[0]
    assert exact_dob["match_weight"] > 5, "agreeing on the date of birth is strong evidence"
    different = p[p["level"] == "different"]
    assert (different["match_weight"] < 0).all(), "disagreeing is evidence against"


def test_explain_adds_up_to_the_pairs_weight(linked):
    _, _, _, result = linked
    top = result.scored.iloc[0]
    steps = result.explain(top["left_id"], top["right_id"])
    assert steps["match_weight"].iloc[-1] == pytest.approx(top["match_weight"], abs=0.1)
    assert steps["match_weight"].iloc[:-1].sum() == pytest.approx(steps["match_weight"].iloc[-1], abs=0.01)
    with pytest.raises(KeyError, match="not compared"):
        result.explain("nobody", "nothing")


def test_inputs_are_not_changed(linked):
    left, right, _, _ = linked
    before = left.copy(deep=True)
    link_probabilistic(left.head(20), right, threshold=0.5)
    pd.testing.assert_frame_equal(left, before)


def test_bad_threshold_and_unprepared_tables_are_explained(linked):
    left, right, _, _ = linked
    with pytest.raises(ValueError, match="between 0 and 1"):
        link_probabilistic(left, right, threshold=90)
    with pytest.raises(ValueError, match="prepare"):
        link_probabilistic(pd.DataFrame({"a": [1]}), right)


def test_threshold_sweep_and_chart(linked):
    _, _, truth, result = linked
    sweep = threshold_sweep(result, truth, [0.2, 0.5, 0.9, 0.999])
    assert sweep["threshold"].tolist() == [0.2, 0.5, 0.9, 0.999]
    assert sweep["links"].is_monotonic_decreasing
    fig, ax = plot_threshold_sweep(sweep, chosen=0.9)
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title()
    near = pairs_near(result.scored, 0.5, n=3)
    assert len(near) == 3


def test_evaluate_links_counts_and_errors():
    truth = pd.DataFrame({"left_id": ["a", "b", "c"], "right_id": ["1", "2", None]})
    q = evaluate_links(pd.DataFrame({"left_id": ["a", "c"], "right_id": ["1", "3"]}), truth)
    assert (q.links, q.correct, len(q.false_matches), len(q.missed)) == (2, 1, 1, 1)
    assert q.precision == 0.5 and q.recall == 0.5
    empty = evaluate_links(pd.DataFrame({"left_id": [], "right_id": []}), truth)
    assert empty.precision == 1.0 and empty.recall == 0.0
    with pytest.raises(ValueError, match="not in the truth"):
        evaluate_links(pd.DataFrame({"left_id": ["z"], "right_id": ["1"]}), truth)
    with pytest.raises(KeyError, match="left_id"):
        evaluate_links(pd.DataFrame({"id": ["a"]}), truth)
    with pytest.raises(ValueError, match="no rows for"):
        truth_for(pd.DataFrame({"source": ["a"], "source_record_id": ["1"], "student_id": ["S"]}), "b")
