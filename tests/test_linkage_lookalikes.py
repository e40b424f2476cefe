"""Look-alike records make the threshold trade-off visible: low thresholds admit false matches."""

import pandas as pd
import pytest

from helpers.linkage import add_lookalikes, link_probabilistic, prepare, threshold_sweep
from helpers.linkage.probabilistic import _demo_people

M = {"record_id": "id", "first_name": "f", "last_name": "l", "date_of_birth": "d"}


@pytest.fixture(scope="module")
def swept():
    people = _demo_people(1500, seed=12)
    district = prepare(people, M)
    roster = district.sample(150, random_state=1).reset_index(drop=True)
    roster = roster.assign(record_id="R" + roster["record_id"])
    truth = pd.DataFrame({"left_id": roster["record_id"], "right_id": roster["record_id"].str[1:]})
    hard, hard_truth = add_lookalikes(roster, district, truth, n=30, seed=2)
    result = link_probabilistic(hard, district)
    return roster, truth, hard, hard_truth, threshold_sweep(result, hard_truth, [0.05, 0.5, 0.9, 0.999])


def test_lookalikes_are_added_as_non_matches_and_inputs_kept(swept):
    roster, truth, hard, hard_truth, _ = swept
    assert len(hard) == len(roster) + 30 and len(hard_truth) == len(truth) + 30
    added = hard_truth[hard_truth["left_id"].str.startswith("LA-")]
    assert (added["right_id"] == "").all()
    assert not roster["record_id"].str.startswith("LA-").any(), "the input roster is unchanged"


def test_a_lower_threshold_admits_false_matches(swept):
    sweep = swept[-1].set_index("threshold")
    assert sweep.loc[0.05, "false_matches"] > sweep.loc[0.999, "false_matches"]
    assert sweep.loc[0.05, "precision"] < 1.0
    assert sweep["recall"].is_monotonic_decreasing


def test_bad_arguments_are_explained():
    district = prepare(_demo_people(20, seed=1), M)
    truth = pd.DataFrame({"left_id": [], "right_id": []})
    with pytest.raises(ValueError, match="whole number"):
        add_lookalikes(district, district, truth, n=-1)
    with pytest.raises(ValueError, match="kinds"):
        add_lookalikes(district, district, truth, kinds=("clone",))
