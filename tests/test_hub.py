"""The hub: agreements, pseudonymous storage, per-party views, safe reports, audit, transactions."""

import datetime as dt

import pandas as pd
import pytest

from helpers.hub import AccessRefused, Hub, HubError, IngestError, request_report
from helpers.linkage.probabilistic import _demo_people
from helpers.privacy import generate_key

TODAY = "2025-10-01"
DM = {"record_id": "id", "first_name": "f", "last_name": "l", "date_of_birth": "d"}


def district_table() -> pd.DataFrame:
    people = _demo_people(400, seed=11)
    people["school"] = ["E01" if i % 3 else "E02" for i in range(len(people))]
    people["absent"] = [i % 4 == 0 for i in range(len(people))]
    people["secret_flag"] = False
    return people


def open_hub(folder, key=None) -> Hub:
    h = Hub(folder, key=key or generate_key(), training_date=TODAY)
    d = district_table()
    h.sign_agreement("district", role="district", purpose="attendance supports", shares=list(d.columns),
                     expires="2026-06-30", signed_on="2025-08-01")
    h.sign_agreement("Kids Club", purpose="does the club help attendance?", shares=["id", "f", "l", "d", "sessions"],
                     may_see=["school", "absent"], expires="2026-06-30", signed_on="2025-08-01")
    h.ingest("district", d, DM)
    return h


@pytest.fixture()
def hub(tmp_path):
    h = open_hub(tmp_path)
    yield h
    h.close()


def roster() -> pd.DataFrame:
    kids = district_table().iloc[:120][["id", "f", "l", "d"]].copy()
    kids["id"] = [f"K{i:03d}" for i in range(len(kids))]
    kids["sessions"] = range(len(kids))
    return kids


def state(h: Hub) -> dict:
    con = h._con
    return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").df().to_json(date_format="iso")
            for t in ("identities", "links", "agreements")}


def test_database_is_a_file_and_the_key_is_not_in_it(hub, tmp_path):
    assert hub.path.exists() and hub.path.parent == tmp_path
    key = hub._key
    hub.close()
    assert key.encode() not in hub.path.read_bytes()
    with pytest.raises(HubError, match="different key"):
        Hub(tmp_path, key=generate_key())
    Hub(tmp_path, key=key).close()


def test_clock_is_the_real_date_unless_the_steward_sets_a_training_date(tmp_path):
    real = Hub(tmp_path / "a", key=generate_key())
    assert real.today == dt.date.today()
    assert "the real date" in real.audit_log()["detail"].iloc[0]
    real.close()
    training = Hub(tmp_path / "b", key=generate_key(), training_date="2025-11-03")
    assert training.today == dt.date(2025, 11, 3)
    first = training.audit_log().iloc[0]
    assert (first["action"], first["party"]) == ("open hub", "steward") and "2025-11-03" in first["detail"]
    assert not hasattr(type(training), "today") or isinstance(type(training).today, property)
    with pytest.raises(AttributeError):
        training.today = dt.date(2030, 1, 1)
    training.close()


def test_records_are_keyed_by_pseudonyms(hub):
    hub.ingest("Kids Club", roster(), DM)
    attrs = hub._con.execute('SELECT * FROM "attributes_kids_club"').df()
    assert "id" not in attrs.columns and "f" not in attrs.columns, "identity fields are kept apart"
    assert attrs["record_key"].str.fullmatch(r"[0-9a-f]{20}").all()
    assert not attrs["record_key"].isin(roster()["id"]).any()


def test_link_report_and_each_student_counted_once(hub):
    r = roster()
    r = pd.concat([r, r.iloc[[0]].assign(id="K999")], ignore_index=True)  # registered twice
    hub.ingest("Kids Club", r, DM)
    result = hub.link("Kids Club", requested_by=hub.steward)
    assert len(result.links()) >= 115
    table = hub.report("Kids Club", by="school", measure="absent")
    assert table.loc["Total", "Total"] == len(set(result.links()["right_id"]))
    assert list(table.columns) == ["yes", "no", "Total"]
    assert table.dtypes.map(str).eq("Int64").all()


def test_reports_pass_small_cell_suppression(hub):
    hub.ingest("Kids Club", roster().iloc[:25], DM)
    hub.link("Kids Club", requested_by=hub.steward)
    table = hub.report("Kids Club", by="school", measure="absent")
    shown = table.drop(index="Total", columns="Total").stack().dropna()
    assert ((shown >= hub.min_cell) | (shown == 0) & (not hub.suppress_zeros)).all()
    assert table.isna().any().any()


def test_partner_never_gets_row_level_district_data(hub):
    hub.ingest("Kids Club", roster(), DM)
    assert hub.views("Kids Club") == ["kids_club_roster"]
    for view in ("district_records", "identities", "links", "attributes_district", "released"):
        with pytest.raises(AccessRefused, match="row-level"):
            hub.read("Kids Club", view)
    own = hub.read("Kids Club", "kids_club_roster")
    assert set(own.columns) == {"your_id", "record_key", "sessions"}
    log = hub.audit_log()
    assert (log["outcome"] == "refused").sum() == 5


def test_fields_outside_the_agreement_are_refused_and_logged(hub):
    with pytest.raises(AccessRefused, match="does not cover: phone"):
        hub.ingest("Kids Club", roster().assign(phone="555-0100"), DM)
    hub.ingest("Kids Club", roster(), DM)
    hub.link("Kids Club", requested_by=hub.steward)
    with pytest.raises(AccessRefused, match="secret_flag"):
        hub.report("Kids Club", by="school", measure="secret_flag")
    response = request_report(hub, "Kids Club", by="school", measure="secret_flag")
    assert not response.granted and "outside its agreement" in response.message
    refused = hub.audit_log().query("outcome == 'refused'")
    assert len(refused) == 3 and set(refused["action"]) == {"ingest", "report"}


@pytest.mark.parametrize("typo,suggestion", [("schol", "school"), ("ABSENT", "absent"), ("absnt", "absent")])
def test_a_typo_in_a_field_name_is_no_such_field_not_a_refusal(hub, typo, suggestion):
    hub.ingest("Kids Club", roster(), DM)
    hub.link("Kids Club", requested_by=hub.steward)
    with pytest.raises(HubError, match=f"No such field: '{typo}' \\(did you mean '{suggestion}'\\?\\)"):
        hub.report("Kids Club", by=typo, measure="absent" if suggestion == "school" else "school")
    last = hub.audit_log().iloc[-1]
    assert (last["action"], last["outcome"]) == ("report", "failed")
    assert "refused" not in set(hub.audit_log()["outcome"])


def test_expired_agreement_stops_access(tmp_path):
    key = generate_key()
    h = open_hub(tmp_path, key)
    h.ingest("Kids Club", roster(), DM)
    h.link("Kids Club", requested_by=h.steward)
    h.close()
    last_day = Hub(tmp_path, key=key, training_date="2026-06-30")
    assert last_day.report("Kids Club", by="school", measure="absent") is not None
    last_day.close()
    later = Hub(tmp_path, key=key, training_date="2026-07-01")
    for call in (lambda: later.report("Kids Club", by="school", measure="absent"),
                 lambda: later.read("Kids Club", "kids_club_roster"),
                 lambda: later.ingest("Kids Club", roster(), DM)):
        with pytest.raises(AccessRefused, match="expired on 2026-06-30"):
            call()
    with pytest.raises(AccessRefused, match="no agreement"):
        later.read("Strangers Inc", "kids_club_roster")
    later.close()


@pytest.mark.parametrize("bad,match", [
    (lambda r: r.iloc[0:0], "no rows"),
    (lambda r: r.assign(id="K1"), "more than"),
    (lambda r: r.assign(d=["31/31/2014"] + list(r["d"].iloc[1:])), "could not be read"),
    (lambda r: r.rename(columns={"f": "first"}), "not in the table|does not cover"),
])
def test_a_failed_ingest_changes_nothing_and_is_logged(hub, bad, match):
    hub.ingest("Kids Club", roster(), DM)
    hub.link("Kids Club", requested_by=hub.steward)
    before = state(hub)
    with pytest.raises((IngestError, AccessRefused), match=match):
        hub.ingest("Kids Club", bad(roster()), DM)
    assert state(hub) == before
    last = hub.audit_log().iloc[-1]
    assert last["action"] == "ingest" and last["outcome"] in ("failed", "refused")


def test_a_crash_midway_rolls_back_and_the_log_row_with_it(hub, monkeypatch):
    hub.ingest("Kids Club", roster(), DM)
    before = state(hub)
    log_before = len(hub.audit_log())

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(hub, "_make_views", boom)
    with pytest.raises(IngestError, match="Nothing was changed"):
        hub.ingest("Kids Club", roster().iloc[:10], DM)
    assert state(hub) == before
    log = hub.audit_log()
    assert len(log) == log_before + 1, "the 'done' row rolled back with the change; only the failure remains"
    assert log.iloc[-1]["outcome"] == "failed"


def test_ingest_does_not_change_the_callers_table(hub):
    r = roster()
    copy = r.copy(deep=True)
    hub.ingest("Kids Club", r, DM)
    pd.testing.assert_frame_equal(r, copy)


def test_agreement_rules():
    h = Hub(key=generate_key())
    with pytest.raises(HubError, match="purpose"):
        h.sign_agreement("X", purpose=" ", shares=[], expires="2026-01-01", signed_on="2025-01-01")
    with pytest.raises(HubError, match="before it is signed"):
        h.sign_agreement("X", purpose="p", shares=[], expires="2024-01-01", signed_on="2025-01-01")
    h.sign_agreement("D1", role="district", purpose="p", shares=[], expires="2026-01-01", signed_on="2025-01-01")
    with pytest.raises(HubError, match="one district|too close"):
        h.sign_agreement("D2", role="district", purpose="p", shares=[], expires="2026-01-01",
                         signed_on="2025-01-01")
    with pytest.raises(HubError, match="date like"):
        h.sign_agreement("X", purpose="p", shares=[], expires="someday", signed_on="2025-01-01")
    with pytest.raises(HubError, match="secret key"):
        Hub(key=None)
    with pytest.raises(HubError, match="min_cell"):
        Hub(key=generate_key(), min_cell=1)
    h.close()


def test_audit_log_records_everything_in_order(hub):
    hub.ingest("Kids Club", roster(), DM)
    hub.link("Kids Club", requested_by=hub.steward)
    hub.report("Kids Club", by="school", measure="absent")
    log = hub.audit_log()
    assert log["seq"].is_monotonic_increasing
    assert log["action"].tolist() == ["open hub", "sign agreement", "sign agreement", "ingest", "ingest", "link",
                                      "report"]
    assert set(log.columns) == {"seq", "day", "party", "action", "outcome", "detail"}
