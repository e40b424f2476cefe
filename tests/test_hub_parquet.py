"""The hub's identities and links as Parquet: steward only, logged, same key, all or nothing."""

import pandas as pd
import pytest

from helpers.hub import AccessRefused, Hub, HubError
from helpers.privacy import generate_key

from test_hub import DM, TODAY, open_hub, roster


@pytest.fixture()
def linked(tmp_path):
    key = generate_key()
    h = open_hub(tmp_path / "a", key)
    h.ingest("Kids Club", roster(), DM)
    h.link("Kids Club", requested_by=h.steward)
    yield h, key
    h.close()


def _table(h: Hub, name: str) -> pd.DataFrame:
    return h._con.execute(f"SELECT * FROM {name} ORDER BY ALL").df()


def test_export_then_load_into_a_fresh_hub_restores_identities_and_links(linked, tmp_path):
    h, key = linked
    counts = h.export_parquet(tmp_path / "out", requested_by=h.steward)
    assert counts == {"identities": 400 + 120, "links": len(_table(h, "links"))} and counts["links"] > 100
    other = open_hub(tmp_path / "b", key)  # same agreements and key; the district only, no links yet
    assert len(_table(other, "links")) == 0
    assert other.load_parquet(tmp_path / "out", requested_by=other.steward) == counts
    for name in ("identities", "links"):
        pd.testing.assert_frame_equal(_table(other, name), _table(h, name))
    log = other.audit_log()
    assert log["action"].iloc[-1] == "load parquet" and log["outcome"].iloc[-1] == "done"
    other.close()


def test_parquet_is_for_the_steward_only_and_refusals_are_logged(linked, tmp_path):
    h, _ = linked
    with pytest.raises(AccessRefused):
        h.export_parquet(tmp_path / "out", requested_by="Kids Club")
    with pytest.raises(AccessRefused):
        h.load_parquet(tmp_path / "out", requested_by="Kids Club")
    assert not (tmp_path / "out").exists()
    log = h.audit_log()
    assert log["outcome"].tolist()[-2:] == ["refused", "refused"]


def test_files_from_a_hub_with_another_key_are_refused_and_nothing_changes(linked, tmp_path):
    h, _ = linked
    h.export_parquet(tmp_path / "out", requested_by=h.steward)
    other = open_hub(tmp_path / "b")  # a new key
    before = _table(other, "identities")
    with pytest.raises(HubError, match="this hub's key"):
        other.load_parquet(tmp_path / "out", requested_by=other.steward)
    pd.testing.assert_frame_equal(_table(other, "identities"), before)
    assert other.audit_log()["outcome"].iloc[-1] == "failed"
    other.close()


def test_missing_files_and_unknown_parties_get_clear_errors(linked, tmp_path):
    h, key = linked
    with pytest.raises(HubError, match="export_parquet"):
        h.load_parquet(tmp_path / "nowhere", requested_by=h.steward)
    h.export_parquet(tmp_path / "out", requested_by=h.steward)
    bare = Hub(tmp_path / "c", key=key, training_date=TODAY)  # no agreements at all
    with pytest.raises(HubError, match="no agreement"):
        bare.load_parquet(tmp_path / "out", requested_by=bare.steward)
    bare.close()
