"""Ecosystem inventory: who holds what, where collection is duplicated, the flows map."""

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

from helpers.ecosystem import (  # noqa: E402
    EcosystemError,
    collected_by,
    element_matrix,
    flow_map,
    split_elements,
    systems_holding,
)
from helpers.validation import MissingColumnsError  # noqa: E402


@pytest.fixture
def inventory():
    return pd.DataFrame({
        "system_id": ["S1", "S2", "S3", "S4"],
        "system_name": ["SIS", "Sign-up sheet", "Tablet app", "Hub"],
        "organization": ["District", "Club", "Club", "Hub org"],
        "data_elements": ["student_id;Student_Name;attendance_events", "student_name;grade;phone",
                          "student_name; grade", "student_id"],
    })


def test_matrix_marks_exactly_the_listed_elements(inventory):
    m = element_matrix(inventory)
    assert m.loc["S1"].sum() == 3 and m.loc["S4"].tolist().count(True) == 1
    assert list(m.columns[:1]) == ["student_name"]  # most widely held first
    assert m.index.tolist() == ["S1", "S2", "S3", "S4"]


def test_collected_by_counts_systems_and_organizations(inventory):
    c = collected_by(inventory).set_index("element")
    assert c.loc["student_name", "systems"] == 3 and c.loc["student_name", "organizations"] == 2
    assert c.loc["grade", "systems"] == 2 and c.loc["grade", "organizations"] == 1
    assert c.index[0] == "student_name"


def test_systems_holding_everything_needed(inventory):
    assert systems_holding(inventory, ["student_id", "attendance_events"])["system_id"].tolist() == ["S1"]
    assert systems_holding(inventory, "student_id")["system_id"].tolist() == ["S1", "S4"]
    with pytest.raises(EcosystemError, match="No system holds 'shoe_size'"):
        systems_holding(inventory, ["shoe_size"])


def test_errors_and_no_mutation(inventory):
    before = inventory.copy()
    collected_by(inventory)
    element_matrix(inventory)
    flow_map(inventory, pd.DataFrame({"source": ["S2"], "target": ["S3"], "kind": ["manual"]}))
    pd.testing.assert_frame_equal(inventory, before)
    with pytest.raises(MissingColumnsError, match="data_elements"):
        collected_by(inventory.drop(columns="data_elements"))
    with pytest.raises(EcosystemError, match="more than once"):
        element_matrix(pd.concat([inventory, inventory.iloc[:1]]))
    with pytest.raises(EcosystemError, match="not in the inventory"):
        flow_map(inventory, pd.DataFrame({"source": ["S1"], "target": ["S9"]}))
    with pytest.raises(EcosystemError, match="center"):
        flow_map(inventory, center="Nobody")


def test_flow_map_draws_every_system_and_flow(inventory):
    flows = pd.DataFrame({"source": ["S1", "S2"], "target": ["S4", "S3"], "label": ["attendance", "names"],
                          "kind": ["automatic", "manual"]})
    fig, ax = flow_map(inventory, flows, center="Hub org", highlight=["S4"])
    texts = [t.get_text() for t in ax.texts]
    assert {"SIS", "Hub", "attendance", "names"} <= set(texts)
    assert len(ax.patches) >= 4
    arrows = [c for c in ax.get_children() if type(c).__name__ == "Annotation" and c.get_text() == ""]
    assert len(arrows) == 2
    hub = [t for t in ax.texts if t.get_text() == "Hub"][0]
    assert hub.get_position() == (0.0, 0.0)


def test_split_elements():
    assert split_elements(None) == [] and split_elements(float("nan")) == []
    assert split_elements("A|b", sep="|") == ["a", "b"]
