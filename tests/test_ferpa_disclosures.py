"""Record of disclosures (34 CFR 99.32): validation, exemptions, append-only CSV."""

import pytest

from helpers.ferpa import DisclosureLog, DisclosureLogError, read_disclosure_log, record_required
from helpers.ferpa.disclosures import COLUMNS

ENTRY = dict(
    date="2025-10-02", recipient="Riverbend Data Collaborative",
    legitimate_interest="Early-warning study for the district (DSA-01)",
    records_disclosed="Grades 6-9 attendance and course marks, 2024-25",
    pathway="studies", recorded_by="M. Ortiz", today="2025-10-03",
)


@pytest.fixture
def log(tmp_path):
    return DisclosureLog(tmp_path / "logs" / "disclosures.csv")


@pytest.mark.parametrize("pathway", ["studies", "audit_evaluation", "health_safety_emergency"])
def test_required_pathways_are_written_with_their_citation(log, pathway):
    result = log.record(**{**ENTRY, "pathway": pathway, "threat": "Student reported sleeping in a car tonight"})
    assert result.required and result.written
    frame = log.read()
    assert list(frame.columns) == COLUMNS and len(frame) == 1
    assert frame.loc[0, "pathway"] == pathway and "99." in frame.loc[0, "citation"]


@pytest.mark.parametrize(
    "pathway", ["consent", "school_official", "directory_information", "parent_or_eligible_student", "de_identified"]
)
def test_exempt_pathways_say_no_record_is_required_and_write_nothing(log, pathway):
    required, reason = record_required(pathway)
    assert not required and ("99.32" in reason)
    result = log.record(**{**ENTRY, "pathway": pathway})
    assert not result.required and not result.written and "Not written" in result.message
    assert len(log.read()) == 0
    kept = log.record(**{**ENTRY, "pathway": pathway}, keep_anyway=True)
    assert kept.written and not kept.required and len(log) == 1


def test_emergency_needs_the_threat(log):
    with pytest.raises(DisclosureLogError, match="threat"):
        log.record(**{**ENTRY, "pathway": "health_safety_emergency"})
    with pytest.raises(DisclosureLogError, match="threat"):
        log.record(**{**ENTRY, "pathway": "health_safety_emergency", "threat": "TBD"})


@pytest.mark.parametrize(
    "change,words",
    [
        ({"pathway": "friendship"}, ["friendship", "studies"]),
        ({"pathway": "none"}, ["none"]),
        ({"date": "02/10/2025"}, ["date", "2025-10-02"]),
        ({"date": "2025-12-01"}, ["future"]),
        ({"recipient": ""}, ["recipient"]),
        ({"legitimate_interest": "TBD"}, ["legitimate_interest"]),
        ({"records_disclosed": None}, ["records_disclosed"]),
        ({"recorded_by": 42}, ["recorded_by"]),
        ({"threat": 3}, ["threat"]),
    ],
)
def test_invalid_entries_are_refused_and_nothing_is_written(log, change, words):
    with pytest.raises(DisclosureLogError) as err:
        log.record(**{**ENTRY, **change})
    for w in words:
        assert w in str(err.value)
    assert not log.path.exists()


def test_the_log_is_append_only(log):
    log.record(**ENTRY)
    first = log.path.read_text()
    log.record(**{**ENTRY, "recipient": "Northfield Evaluation Partners", "pathway": "audit_evaluation"})
    second = log.path.read_text()
    assert second.startswith(first) and len(log) == 2
    reopened = DisclosureLog(log.path)
    reopened.record(**ENTRY)
    assert len(read_disclosure_log(log.path)) == 3
    for verb in ("delete", "remove", "update", "edit", "clear", "drop"):
        assert not hasattr(log, verb)


def test_text_with_commas_quotes_and_newlines_round_trips(log):
    log.record(**{**ENTRY, "records_disclosed": 'Marks, "attendance"\nand discipline'})
    assert log.read().loc[0, "records_disclosed"] == 'Marks, "attendance" and discipline'


def test_other_files_are_not_mistaken_for_a_log(tmp_path):
    other = tmp_path / "roster.csv"
    other.write_text("id,name\n1,Ann\n")
    with pytest.raises(DisclosureLogError, match="not a disclosure log"):
        DisclosureLog(other)
    with pytest.raises(DisclosureLogError, match="not a disclosure log"):
        read_disclosure_log(other)
    with pytest.raises(DisclosureLogError, match="folder"):
        DisclosureLog(tmp_path)


def test_reading_an_empty_log_gives_the_columns(log):
    frame = log.read()
    assert list(frame.columns) == COLUMNS and frame.empty


def test_the_inputs_are_not_changed(log):
    entry = dict(ENTRY)
    log.record(**entry)
    assert entry == ENTRY
