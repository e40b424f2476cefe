"""The seven attacks a curious partner tried on the hub (issue 15), each refused with a log row.

1. differencing by re-sending the roster minus one child;
2. structural zeros used to undo suppression;
3. per-child link status (is this named child enrolled?);
4. party names that share tables, or take the district's;
5. a caller's own "today", the district's agreement, identity-level calls;
6. a district field name containing a double quote, reaching SQL;
7. failures and refusals missing from the log, and identifiers in it.
"""

import numpy as np
import pandas as pd
import pytest

from helpers.hub import AccessRefused, Hub, HubError, IngestError
from helpers.linkage.probabilistic import _demo_people
from helpers.privacy import generate_key, recover_suppressed

TODAY = "2025-10-01"
DM = {"record_id": "id", "first_name": "f", "last_name": "l", "date_of_birth": "d"}
GRADES_E = ["K", "1", "2", "3", "4", "5"]
GRADES_M = ["6", "7", "8"]
EVIL = 'absent" FROM links; DROP TABLE links; --'


def district_table() -> pd.DataFrame:
    people = _demo_people(600, seed=21)
    rng = np.random.default_rng(3)
    people["school"] = ["E01"] * 300 + ["M01"] * 300
    people["grade"] = list(rng.choice(GRADES_E, 300)) + list(rng.choice(GRADES_M, 300))
    people["absent"] = rng.random(600) < 0.2
    people[EVIL] = rng.choice(["a", "b"], 600)
    return people


DISTRICT = district_table()


def open_hub(folder, *, training_date=TODAY, key=None) -> Hub:
    h = Hub(folder, key=key or generate_key(), training_date=training_date)
    h.sign_agreement("district", role="district", purpose="attendance supports", shares=list(DISTRICT.columns),
                     expires="2026-06-30", signed_on="2025-08-01")
    h.sign_agreement("Kids Club", purpose="does the club help attendance?", shares=["id", "f", "l", "d"],
                     may_see=["school", "grade", "absent", EVIL], expires="2026-06-30", signed_on="2025-08-01")
    h.ingest("district", DISTRICT, DM)
    return h


def roster(rows) -> pd.DataFrame:
    kids = DISTRICT.iloc[list(rows)][["id", "f", "l", "d"]].copy()
    kids["id"] = ["K" + i for i in kids["id"]]
    return kids.reset_index(drop=True)


def outsider(n: int = 1) -> pd.DataFrame:
    """Children who are not district students."""
    return pd.DataFrame({"id": [f"KX{i + 1}" for i in range(n)], "f": ["Zebulon"] * n,
                         "l": [f"Nobodyson{chr(97 + i)}" for i in range(n)], "d": [f"2001-02-{i + 3:02d}" for i in range(n)]})


def send_and_link(h: Hub, table: pd.DataFrame) -> None:
    h.ingest("Kids Club", table, DM)
    h.link("Kids Club", requested_by=h.steward)


def last(h: Hub) -> pd.Series:
    return h.audit_log().iloc[-1]


@pytest.fixture()
def hub(tmp_path):
    h = open_hub(tmp_path)
    yield h
    h.close()


def test_attack_1_resubmission_minus_one_child_is_refused(hub):
    base = pd.concat([roster(range(0, 600, 10)), outsider()], ignore_index=True)  # 60 children + 1 outsider
    send_and_link(hub, base)
    first = hub.report("Kids Club", by="school", measure="absent")
    assert first.loc["Total", "Total"] == 60
    messages = []
    for dropped in ("K" + DISTRICT["id"].iloc[0], "KX1"):  # an enrolled child, then the outsider
        send_and_link(hub, base[base["id"] != dropped])
        with pytest.raises(AccessRefused, match="differencing") as refusal:
            hub.report("Kids Club", by="school", measure="absent")
        messages.append(str(refusal.value))
        row = last(hub)
        assert (row["action"], row["outcome"]) == ("report", "refused")
    assert messages[0] == messages[1], "the refusal must not tell whether the dropped child was enrolled"
    # a genuinely different roster (at least min_cell more children) is answered
    send_and_link(hub, pd.concat([base, roster(range(5, 600, 40))], ignore_index=True))
    assert hub.report("Kids Club", by="school", measure="absent").loc["Total", "Total"] == 75


def test_attack_2_structural_zeros_are_shown_and_never_protect(hub):
    e01 = [i for i in range(300)][:40]
    m01 = DISTRICT.index[DISTRICT["school"] == "M01"]
    by_grade = {g: list(m01[DISTRICT.loc[m01, "grade"] == g]) for g in GRADES_M}
    rows = e01 + by_grade["6"][:12] + by_grade["7"][:3] + by_grade["8"][:11]
    send_and_link(hub, roster(rows))
    table = hub.report("Kids Club", by="school", measure="grade")
    for g in GRADES_M:
        assert table.loc["E01", g] == 0, "no elementary school teaches grades 6-8: a known zero, shown"
    for g in GRADES_E:
        assert table.loc["M01", g] == 0
    assert pd.isna(table.loc["M01", "7"]), "the small cell is hidden"
    attack = recover_suppressed(table, threshold=hub.min_cell)
    assert attack.safe, str(attack)
    assert "structural zero" in last(hub)["detail"]


def test_attack_3_no_per_child_link_status(hub):
    base = pd.concat([roster(range(0, 300, 5)), outsider(12)], ignore_index=True)
    send_and_link(hub, base)
    own = hub.read("Kids Club", "kids_club_roster")
    assert not any("link" in c for c in own.columns)
    summary = hub.link_summary("Kids Club")
    assert summary.loc["linked to a district student", "records"] == 60
    assert summary.loc["not linked", "records"] == 12
    # add one named child and ask again: refused, whether or not that child is enrolled
    for extra in (roster([301]), outsider(13).iloc[[12]]):
        send_and_link(hub, pd.concat([base, extra], ignore_index=True))
        with pytest.raises(AccessRefused, match="differencing"):
            hub.link_summary("Kids Club")
        assert (last(hub)["action"], last(hub)["outcome"]) == ("link summary", "refused")


def test_attack_3b_small_link_counts_are_suppressed(hub):
    send_and_link(hub, pd.concat([roster(range(0, 300, 30)), outsider()], ignore_index=True))
    summary = hub.link_summary("Kids Club")
    assert summary.isna().any().any(), "one unlinked record out of 11 is a small cell"


def test_attack_4_party_names_cannot_share_or_take_tables(hub):
    with pytest.raises(HubError, match="too close"):
        hub.sign_agreement("Kids-Club", purpose="p", shares=["id"], expires="2026-06-30", signed_on="2025-08-01")
    for name in ("District!", "district", " DISTRICT ", "Identities"):
        with pytest.raises(HubError, match="reserved"):
            hub.sign_agreement(name, purpose="p", shares=["id", "f", "l", "d"], expires="2026-06-30",
                               signed_on="2025-08-01")
    with pytest.raises(HubError):
        hub.sign_agreement("", purpose="p", shares=[], expires="2026-06-30", signed_on="2025-08-01")
    assert hub._con.execute('SELECT count(*) FROM "attributes_district"').fetchone()[0] == 600
    assert hub.agreements()["party"].tolist() == ["district", "Kids Club"]


def test_attack_5_the_caller_cannot_set_the_date(hub):
    send_and_link(hub, roster(range(0, 300, 5)))
    with pytest.raises(HubError, match="own clock"):
        hub.report("Kids Club", by="school", measure="absent", today="2026-01-01")
    assert hub.report("Kids Club", by="school", measure="absent", today=TODAY) is not None


def test_attack_5_the_districts_agreement_expiring_or_dropping_a_field_stops_partners(hub):
    send_and_link(hub, roster(range(0, 300, 5)))
    hub.sign_agreement("district", role="district", purpose="attendance supports",
                       shares=[c for c in DISTRICT.columns if c != "absent"], expires="2026-06-30",
                       signed_on="2025-08-01")
    with pytest.raises(AccessRefused, match="no longer covers absent"):
        hub.report("Kids Club", by="school", measure="absent")
    assert last(hub)["outcome"] == "refused"
    hub.sign_agreement("district", role="district", purpose="attendance supports", shares=list(DISTRICT.columns),
                       expires="2025-09-30", signed_on="2025-08-01")
    for call in (lambda: hub.report("Kids Club", by="school", measure="grade"),
                 lambda: hub.link_summary("Kids Club"),
                 lambda: hub.read("Kids Club", "kids_club_roster")):
        with pytest.raises(AccessRefused, match="district's own agreement"):
            call()
        assert last(hub)["outcome"] == "refused"


@pytest.mark.parametrize("who", [None, "Kids Club", "district", "Steward "])
def test_attack_5_identities_and_link_results_are_for_the_steward_only(hub, who):
    hub.ingest("Kids Club", roster(range(0, 300, 5)), DM)
    for call in (lambda: hub.identities("district", requested_by=who),
                 lambda: hub.link("Kids Club", requested_by=who)):
        with pytest.raises(AccessRefused, match="steward only"):
            call()
        assert (last(hub)["outcome"], last(hub)["action"]) in {("refused", "identities"), ("refused", "link")}
    people = hub.identities("district", requested_by=hub.steward)
    assert len(people) == 600
    row = last(hub)
    assert (row["party"], row["action"], row["outcome"]) == ("steward", "identities", "done")


def test_attack_6_a_field_name_with_a_quote_stays_a_name(hub):
    send_and_link(hub, roster(range(0, 600, 5)))
    table = hub.report("Kids Club", by="school", measure=EVIL)
    assert table.columns.name == EVIL and set(table.columns) == {"a", "b", "Total"}
    assert table.loc["Total", "Total"] == 120
    assert hub._con.execute("SELECT count(*) FROM links").fetchone()[0] == 120, "links still there"


def test_attack_7_every_failure_and_refusal_is_logged_without_identifiers(hub):
    n = len(hub.audit_log())
    with pytest.raises(IngestError):
        hub.ingest("Kids Club", "not a table", DM)
    with pytest.raises(IngestError):
        hub.ingest("Kids Club", roster(range(10)), ["id", "f"])  # a list, not a mapping
    bad_dates = roster(range(10)).assign(d=["31/31/2014"] + list(roster(range(10))["d"].iloc[1:]))
    with pytest.raises(IngestError):
        hub.ingest("Kids Club", bad_dates, DM)
    dupes = roster(range(10)).assign(id="K-SAME")
    with pytest.raises(IngestError):
        hub.ingest("Kids Club", dupes, DM)
    send_and_link(hub, roster(range(0, 300, 5)))
    with pytest.raises(HubError):
        hub.report("Kids Club", by="school", measure="school")
    hub.identities("Kids Club", requested_by=hub.steward)
    log = hub.audit_log().iloc[n:]
    assert log["outcome"].tolist()[:4] == ["failed"] * 4
    assert "failed" == log[log["action"] == "report"]["outcome"].iloc[-1]
    assert (log["action"] == "identities").any()
    text = " ".join(hub.audit_log()["detail"].astype(str))
    for value in ["K-SAME", "31/31/2014", *DISTRICT["id"], *("K" + DISTRICT["id"]), *DISTRICT["d"],
                  *(DISTRICT["f"] + " " + DISTRICT["l"])]:
        assert value not in text, f"{value!r} is in the audit log"
