"""Training cannot collapse: every EM round falls back, m is floored, the model stays ordered."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.linkage import link_probabilistic, prepare
from helpers.linkage.model import blocking_rules, build_settings
from helpers.linkage.probabilistic import _demo_people
from helpers.linkage.training import FALLBACK_M, M_FLOOR, adjust_model

M = {"record_id": "id", "first_name": "f", "last_name": "l", "date_of_birth": "d"}


def test_every_em_round_failing_falls_back_with_plain_notes(monkeypatch):
    from splink.internals.linker_components.training import LinkerTraining

    def underflow(self, *args, **kwargs):
        raise ValueError("m_probability value 1e-322 is below the minimum allowed value of 1e-300.")

    monkeypatch.setattr(LinkerTraining, "estimate_parameters_using_expectation_maximisation", underflow)
    people = prepare(_demo_people(300, seed=3), M)
    result = link_probabilistic(people.head(30), people, threshold=0.9)
    assert any("skipped" in n and "too small to store" in n for n in result.notes)
    assert any("fallback model" in n for n in result.notes)
    p = result.parameters()
    identical = p[p["level"] == "identical"]["m_probability"]
    different = p[p["level"] == "different"]["m_probability"]
    assert (identical >= FALLBACK_M["identical"] - 1e-9).all(), "fallback m (raised, never lowered, to keep order)"
    assert different.round(4).eq(FALLBACK_M["different"]).all()
    assert len(result.links()) >= 28, "the fallback model still links exact copies"


def test_u_estimation_failing_falls_back(monkeypatch):
    from splink.internals.linker_components.training import LinkerTraining

    def broken(self, *args, **kwargs):
        raise RuntimeError("no pairs")

    monkeypatch.setattr(LinkerTraining, "estimate_u_using_random_sampling", broken)
    people = prepare(_demo_people(200, seed=4), M)
    result = link_probabilistic(people.head(20), people)
    assert any("Chance agreement" in n for n in result.notes)
    assert len(result.links()) >= 18


@pytest.mark.parametrize("n", [2, 3, 5, 12])
def test_tiny_tables_never_raise_a_splink_traceback(n):
    people = prepare(_demo_people(n, seed=n), M)
    result = link_probabilistic(people.head(max(1, n // 2)), people)
    assert set(result.links()["left_id"]) <= set(people["record_id"])


def test_no_level_weighs_minus_infinity_and_levels_are_ordered():
    people = prepare(_demo_people(600, seed=6), M)
    result = link_probabilistic(people.sample(60, random_state=1), people)
    p = result.parameters()
    assert (p["m_probability"] >= M_FLOOR * 0.999).all()
    assert np.isfinite(p["match_weight"]).all() and (p["match_weight"] > -20).all()
    for _, levels in p.groupby("comparison", sort=False):
        w = levels["match_weight"].to_numpy()
        assert (w[:-1] >= w[-1] - 0.01).all(), "a partial agreement never weighs less than 'different'"
        assert (w[0] >= w[1:] - 0.01).all(), "nothing weighs more than 'identical'"


def test_user_blocking_rules_are_used():
    people = prepare(_demo_people(300, seed=7), M)
    mine = {"same date of birth only": "l.dob = r.dob"}
    result = link_probabilistic(people.head(30), people, blocking=mine)
    assert len(result.links()) >= 28
    assert (result.scored["dob_level"] == "identical").all(), "only pairs with the same date were compared"


def test_settings_name_no_engine_and_rules_follow_the_fields():
    s = build_settings(0.001, ["phone", "shared_id"])
    assert s.link_type == "link_only"
    assert "same phone number" in blocking_rules(["phone"]) and "same shared ID" in blocking_rules(["shared_id"])
    with pytest.raises(ValueError, match="share no field"):
        blocking_rules(["gender"])
    with pytest.raises(ValueError, match="between 0 and 1"):
        build_settings(0, [])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.floats(min_value=0, max_value=1), st.just(float("nan")), st.none(),
                          st.just("level not observed in training dataset")), min_size=6, max_size=6))
def test_adjust_model_always_gives_finite_floored_ordered_weights(values):
    levels = [{"is_null_level": True, "label_for_charts": "missing"}]
    labels = ["identical", "one typo", "different"]
    for i, label in enumerate(labels):
        levels.append({"label_for_charts": label, "m_probability": values[i], "u_probability": values[i + 3]})
    out = adjust_model({"comparisons": [{"output_column_name": "x", "comparison_levels": levels}]}, unseen_u=1e-5)
    got = out["comparisons"][0]["comparison_levels"][1:]
    weights = [math.log2(lv["m_probability"] / lv["u_probability"]) for lv in got]
    assert all(math.isfinite(w) for w in weights)
    assert all(lv["m_probability"] >= M_FLOOR for lv in got)
    assert weights[1] >= weights[2] - 1e-9 and weights[0] >= max(weights[1:]) - 1e-9
