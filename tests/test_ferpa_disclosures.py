"""Record of requests and disclosures (34 CFR 99.32): what is recorded, per student, answerable to
a parent, append-only, and a hand-edited file reported, never rewritten."""

import pytest

from helpers.ferpa import DisclosureLog, DisclosureLogError, read_disclosure_log, record_required
from helpers.ferpa.disclosures import COLUMNS, OLD_COLUMNS

ENTRY = dict(
    date="2025-10-02", recipient="Riverbend Data Collaborative",
    legitimate_interest="Early-warning study for the district (DSA-01)",
    records_disclosed="Grades 6-9 attendance and course marks, 2024-25",
    pathway="studies", recorded_by="M. Ortiz", today="2025-10-03", students=["S-001", "S-002"],
)
REQUEST = dict(date="2025-09-22", requester="Riverbend Data Collaborative", legitimate_interest="Early-warning study",
               records_requested="attendance and marks", recorded_by="M. Ortiz", today="2025-10-03",
               students=["S-001", "S-002"])


@pytest.fixture
def log(tmp_path):
    return DisclosureLog(tmp_path / "logs" / "disclosures.csv")


@pytest.mark.parametrize("pathway", ["studies", "audit_evaluation", "health_safety_emergency"])
def test_required_pathways_are_written_once_per_student_with_their_citation(log, pathway):
    """34 CFR 99.32(a)(1)-(3): each disclosure, kept with each student's records, naming the parties and
    their legitimate interests."""
    result = log.record(**{**ENTRY, "pathway": pathway, "threat": "Student reported sleeping in a car tonight"})
    assert result.required and result.written
    frame = log.read()
    assert list(frame.columns) == COLUMNS and len(frame) == 2
    assert list(frame["student_id"]) == ["S-001", "S-002"] and set(frame["entry"]) == {"disclosure"}
    assert frame.loc[0, "pathway"] == pathway and "99." in frame.loc[0, "citation"]


@pytest.mark.parametrize("pathway", ["consent", "school_official", "school_official_employee", "directory_information",
                                     "parent_or_eligible_student", "de_identified"])
def test_exempt_pathways_say_no_record_is_required_and_write_nothing(log, pathway):
    """34 CFR 99.32(d): no record for the parent or eligible student, school officials, consented
    disclosures or directory information; de-identified data is not PII."""
    required, reason = record_required(pathway)
    assert not required and ("99.32" in reason)
    result = log.record(**{**ENTRY, "pathway": pathway})
    assert not result.required and not result.written and "Not written" in result.message
    assert len(log.read()) == 0
    kept = log.record(**{**ENTRY, "pathway": pathway}, keep_anyway=True)
    assert kept.written and not kept.required and len(log) == 2


def test_requests_are_recorded_as_well_as_disclosures(log):
    """34 CFR 99.32(a)(1): 'each request for access to and each disclosure'. A request is recorded even
    before (or without) any disclosure."""
    result = log.record_request(**REQUEST)
    assert result.written and result.required and "pathway not decided" in result.message
    refused = log.record_request(**{**REQUEST, "requester": "City of Riverbend", "students": "S-003"})
    assert refused.written
    frame = log.read()
    assert list(frame["entry"]) == ["request"] * 3 and list(frame["student_id"]) == ["S-001", "S-002", "S-003"]
    assert not log.record_request(**{**REQUEST, "pathway": "school_official"}).written  # 99.32(d)(2)


def test_a_parent_asking_who_got_my_childs_data_gets_an_answer(log):
    """34 CFR 99.32(c): the parent or eligible student may inspect the record relating to the student."""
    log.record_request(**REQUEST)
    log.record(**ENTRY)
    log.record(**{**ENTRY, "recipient": "Northfield Evaluation Partners", "pathway": "audit_evaluation",
                  "students": ["S-002"]})
    answer = log.answer_parent("S-001")
    assert "Riverbend Data Collaborative received" in answer and "2025-10-02" in answer
    assert "asked for" in answer and "Northfield" not in answer
    assert "99.32(d)" in answer and "school officials" in answer
    assert "Northfield" in log.answer_parent("S-002")
    assert "Nothing recorded" in log.answer_parent("S-999")
    assert list(log.for_student("S-001")["entry"]) == ["request", "disclosure"]


def test_an_entry_without_students_is_kept_but_flagged(log):
    result = log.record(**{**ENTRY, "students": None})
    assert result.written and "no students named" in result.message
    assert "names no student" in log.answer_parent("S-001")


def test_emergency_needs_the_threat(log):
    """34 CFR 99.32(a)(5): record the articulable and significant threat."""
    for threat in (None, "TBD"):
        with pytest.raises(DisclosureLogError, match="threat"):
            log.record(**{**ENTRY, "pathway": "health_safety_emergency", "threat": threat})


@pytest.mark.parametrize(
    "change,words",
    [
        ({"pathway": "friendship"}, ["friendship", "studies"]),
        ({"pathway": "studys"}, ["Did you mean 'studies'"]),
        ({"pathway": "none"}, ["none"]),
        ({"date": "02/10/2025"}, ["date", "2025-10-02"]),
        ({"date": "2025-12-01"}, ["future"]),
        ({"recipient": ""}, ["recipient"]),
        ({"legitimate_interest": "TBD"}, ["legitimate_interest"]),
        ({"records_disclosed": None}, ["records_disclosed"]),
        ({"recorded_by": 42}, ["recorded_by"]),
        ({"threat": 3}, ["threat"]),
        ({"students": ["S-001", ""]}, ["students"]),
        ({"students": {"a": 1}}, ["students"]),
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
    assert second.startswith(first) and len(log) == 4
    DisclosureLog(log.path).record(**ENTRY)
    assert len(read_disclosure_log(log.path)) == 6
    for verb in ("delete", "remove", "update", "edit", "clear", "drop"):
        assert not hasattr(log, verb)


@pytest.mark.parametrize("edit", ["change", "delete_middle", "swap"])
def test_a_hand_edited_log_is_reported_and_never_rewritten(log, edit):
    log.record_request(**REQUEST)
    log.record(**ENTRY)
    lines = log.path.read_text().splitlines(keepends=True)
    if edit == "change":
        lines[3] = lines[3].replace("Riverbend Data Collaborative", "Someone Else")
    elif edit == "delete_middle":
        del lines[2]
    else:
        lines[1], lines[2] = lines[2], lines[1]
    log.path.write_text("".join(lines))
    tampered = log.path.read_bytes()
    with pytest.raises(DisclosureLogError, match="line") as err:
        log.read()
    assert "not been changed" in str(err.value)
    with pytest.raises(DisclosureLogError):
        log.record(**ENTRY)
    with pytest.raises(DisclosureLogError):
        DisclosureLog(log.path)
    assert log.path.read_bytes() == tampered


def test_text_with_commas_quotes_and_newlines_round_trips(log):
    log.record(**{**ENTRY, "records_disclosed": 'Marks, "attendance"\nand discipline'})
    assert log.read().loc[0, "records"] == 'Marks, "attendance" and discipline'


def test_result_entry_keeps_the_names_callers_used(log):
    entry = log.record(**ENTRY).entry
    assert entry["recipient"] == ENTRY["recipient"] and entry["pathway"] == "studies"
    assert entry["records_disclosed"] == ENTRY["records_disclosed"] and entry["students"] == ["S-001", "S-002"]


def test_other_files_are_not_mistaken_for_a_log(tmp_path):
    other = tmp_path / "roster.csv"
    other.write_text("id,name\n1,Ann\n")
    with pytest.raises(DisclosureLogError, match="not a disclosure log"):
        DisclosureLog(other)
    with pytest.raises(DisclosureLogError, match="not a disclosure log"):
        read_disclosure_log(other)
    with pytest.raises(DisclosureLogError, match="folder"):
        DisclosureLog(tmp_path)
    old = tmp_path / "old.csv"
    old.write_text(",".join(OLD_COLUMNS) + "\n")
    with pytest.raises(DisclosureLogError, match="earlier version"):
        DisclosureLog(old)
    assert old.read_text() == ",".join(OLD_COLUMNS) + "\n"


def test_reading_an_empty_log_gives_the_columns(log):
    frame = log.read()
    assert list(frame.columns) == COLUMNS and frame.empty


def test_the_inputs_are_not_changed(log):
    entry = {**ENTRY, "students": ["S-001", "S-002"]}
    log.record(**entry)
    assert entry == {**ENTRY, "students": ["S-001", "S-002"]}
