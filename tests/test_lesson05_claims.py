"""The claims lesson 05 makes, checked against the hub, the linkage and the lesson's own text.

Each test names the statement it protects: the options printed in the lesson are the ones
the checks judge; "exact matching missed three in ten"; on the practice roster a lower
threshold admits look-alikes and a higher one misses real children (so "trades precision
against recall" is true of the lesson's own output); the six review pairs are what the
model answer says they are; the hub refuses the differencing attack and logs it, and tells
a refusal from a typo; the charts' alt text is true of the charts; the Spark section runs Spark
when it is here and says what changes between engines.
"""

import json
import re

import pytest

from helpers import authoring, data, linkage
from helpers.checks import lesson05 as q
from helpers.hub import AccessRefused, request_report

pd_isna = __import__("pandas").isna

SOLUTION = authoring.ROOT / "solutions" / "05_hub.ipynb"
LESSON = authoring.ROOT / "lessons" / "05_hub.ipynb"


def _cells(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        src = cell["source"]
        cell["text"] = "".join(src) if isinstance(src, list) else src
    return nb


def _markdown(path):
    return "\n".join(c["text"] for c in _cells(path)["cells"] if c["cell_type"] == "markdown")


def _core_markdown(path):
    return "\n".join(c["text"] for c in _cells(path)["cells"] if c["cell_type"] == "markdown"
                     and "going-further" not in c["metadata"].get("tags", []))


@pytest.fixture(scope="module")
def lesson_text():
    return _core_markdown(LESSON)


@pytest.fixture(scope="module")
def practice():
    return q.practice()


@pytest.fixture(scope="module")
def hub_run():
    """The lesson's hub, driven exactly as the core path drives it."""
    hub = q.open_hub()
    roster = data.load(q.SOURCE)
    outcome = {}
    with pytest.raises(AccessRefused):
        hub.ingest(q.PARTNER, roster, q.ROSTER_MAPPING)
    hub.ingest(q.PARTNER, roster[q.ROSTER_FIELDS], q.ROSTER_MAPPING)
    partner = hub.identities(q.PARTNER, requested_by=hub.steward)
    district = hub.identities("district", requested_by=hub.steward)
    truth = linkage.truth_for(data.load("linkage_truth"), q.SOURCE)
    outcome["exact"] = linkage.evaluate_links(linkage.exact_match(partner, district), truth)
    result = hub.link(q.PARTNER, requested_by=hub.steward, threshold=q.CHOSEN_THRESHOLD)
    outcome["linked"] = linkage.evaluate_links(result.links(), truth)
    outcome["summary"] = hub.link_summary(q.PARTNER)
    outcome["by_school"] = hub.report(q.PARTNER, by="school_id", measure="chronically_absent")
    outcome["by_level"] = hub.report(q.PARTNER, by="level", measure="attendance_band")
    outcome["grade"] = request_report(hub, q.PARTNER, by="grade", measure="chronically_absent")
    outcome["typo"] = request_report(hub, q.PARTNER, by="schol_id", measure="chronically_absent")
    hub.ingest(q.PARTNER, roster[q.ROSTER_FIELDS].iloc[1:], q.ROSTER_MAPPING)
    hub.link(q.PARTNER, requested_by=hub.steward, threshold=q.CHOSEN_THRESHOLD)
    outcome["attack"] = request_report(hub, q.PARTNER, by="level", measure="attendance_band")
    outcome["log"] = hub.audit_log()
    outcome["weights"] = result.parameters()
    hub.close()
    return outcome


# ------------------------------------------------------------ the options the lesson prints
CHOICES = ["hub_choice", "threshold_choice", "coarser_question", "why_refused", "failed_or_refused"]


@pytest.mark.parametrize("name", CHOICES)
def test_printed_options_are_the_options_judged(name):
    cells = _cells(SOLUTION)["cells"]
    at = next(i for i, c in enumerate(cells) if f"q.{name}.check" in c["text"])
    text = next(c["text"] for c in reversed(cells[:at]) if c["cell_type"] == "markdown")
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # glossary links added by the build
    printed = dict(re.findall(r"^- \*\*([a-e])\*\*: (.+)$", text, re.M))
    assert printed == getattr(q, name).options


def test_the_right_letters_vary():
    letters = [getattr(q, n).answer for n in CHOICES]
    assert len(set(letters)) >= 4, letters


@pytest.mark.parametrize("name,var", [("hub_services", "my_services"), ("weakest_lens", "my_lenses")])
def test_label_templates_and_tables_name_the_items_judged(name, var, lesson_text):
    items = getattr(q, name).items
    lesson = _cells(LESSON)["cells"]
    template = next(c["text"] for c in lesson if c["text"].startswith(f"{var} = "))
    assert re.findall(r'"(\w+)": "____"', template) == list(items)
    for item in items:
        assert f"| `{item}`" in lesson_text, item


def test_candidates_are_obviously_fictional(lesson_text):
    for name in ("Riverbend State University", "Riverbend Rising", "Mill County Integrated Data Services"):
        assert name in lesson_text
    assert "(all fictional)" in lesson_text


# ------------------------------------------------------------ linkage numbers the text states
def test_exact_matching_missed_three_in_ten(hub_run, lesson_text):
    exact = hub_run["exact"]
    share = len(exact.missed) / exact.should_link
    assert round(share, 1) == 0.3
    assert "three in ten" in lesson_text
    assert "a quarter" not in lesson_text


def test_a_lower_threshold_admits_false_matches_and_a_higher_one_misses(practice, lesson_text):
    sweep = practice.sweep().set_index("threshold")
    assert sweep.loc[0.1, "false_matches"] > 0 and sweep.loc[0.1, "precision"] < 1
    assert sweep.loc[0.9, "false_matches"] > 0, "option c's feedback: 0.9 still links look-alikes"
    clean = sweep[sweep["false_matches"] == 0].index
    assert clean.min() == q.CHOSEN_THRESHOLD and (sweep.loc[clean.min():, "false_matches"] == 0).all()
    assert sweep.loc[0.999, "missed"] > sweep.loc[q.CHOSEN_THRESHOLD, "missed"]
    assert "trades precision against recall" in lesson_text
    assert f"From {q.CHOSEN_THRESHOLD} up there are none" in lesson_text
    assert f"threshold={q.CHOSEN_THRESHOLD}" in "\n".join(c["text"] for c in _cells(LESSON)["cells"])


def test_the_practice_roster_adds_the_lookalikes_the_text_counts(practice, lesson_text):
    added = practice.truth[practice.truth["left_id"].str.startswith("LA-")]
    assert len(added) == q.LOOKALIKES and (added["right_id"] == "").all()
    assert f"adds {q.LOOKALIKES} look-alike children" in lesson_text


def test_review_pairs_are_what_the_model_answer_says(practice):
    pairs = q.review_pairs().set_index("kind")
    assert sorted(pairs.index) == sorted(["typo", "nickname", "swapped names", "same birthday, other last name",
                                          "namesake", "namesake, no school"])
    assert sorted(pairs.loc[list(q.TRUE_KINDS), "pair"]) == q.same_child_letters()
    for kind in q.TRUE_KINDS:
        assert pd_isna(pairs.loc[kind, "dob_left"]), f"{kind}: the roster left the birth date blank"
    nick, swapped, rival = pairs.loc["nickname"], pairs.loc["swapped names"], pairs.loc["namesake"]
    assert (nick["first_name_left"], nick["first_name_right"]) == ("maggie", "margaret")
    assert swapped["right_id"] == rival["right_id"], "the namesake competes with the swapped-names pair"
    assert (rival["first_name_left"], rival["last_name_left"]) == ("christina", "wong")
    assert {rival["dob_left"][:4], rival["dob_right"][:4]} == {"2011", "2012"}
    assert rival["school_left"] == rival["school_right"] == "riverbend north middle"
    other = pairs.loc["same birthday, other last name"]
    assert other["match_probability"] > 0.9, "the model answer calls its score high"


def test_the_notebook_solution_and_guide_give_the_letters_the_data_gives():
    cell = next(c["text"] for c in _cells(SOLUTION)["cells"] if c["text"].startswith("same_child = "))
    assert json.loads(cell.split("=", 1)[1].split("#")[0]) == q.same_child_letters()
    guide = (authoring.ROOT / "docs" / "facilitator-guide.md").read_text(encoding="utf-8")
    assert f"`{json.dumps(q.same_child_letters())}`" in guide.replace("', '", '", "')


def test_the_lesson_hides_the_kind_of_each_review_pair():
    cell = next(c for c in _cells(LESSON)["cells"] if "q.review_pairs()" in c["text"])
    assert '"kind"' in cell["text"] and "drop(columns=" in cell["text"]
    assert "kind" not in str(cell.get("outputs", ""))


def test_the_hub_links_the_real_roster_without_false_matches(hub_run):
    linked, exact = hub_run["linked"], hub_run["exact"]
    assert len(linked.false_matches) == 0 and len(linked.missed) < len(exact.missed) / 10


# ------------------------------------------------------------ safe counts, refusals, the attack
def test_partners_get_counts_not_per_child_status(hub_run):
    summary = hub_run["summary"]
    assert list(summary.index) == ["linked to a district student", "not linked", "Total"]


def test_level_report_reads_as_the_text_says(hub_run):
    table = hub_run["by_level"]
    shown = table.drop(index="Total", columns="Total")
    assert shown.stack().max() == shown.loc["elementary", "missed under 5%"]
    assert table["missed 10%+ (chronic)"].isna().all()
    assert table.loc["high"].isna().all()
    assert hub_run["by_school"]["yes"].isna().all(), "almost everything is hidden"


def test_refusal_and_typo_are_told_apart(hub_run):
    grade, typo = hub_run["grade"], hub_run["typo"]
    assert not grade.granted and grade.message.startswith("Refused") and "outside its agreement" in grade.message
    assert not typo.granted and "No such field" in typo.message and "did you mean 'school_id'" in typo.message
    log = hub_run["log"]
    reports = log[log["action"] == "report"]
    assert (reports["detail"].str.contains("outside its agreement") & (reports["outcome"] == "refused")).any()
    assert (reports["detail"].str.contains("no such field: schol_id") & (reports["outcome"] == "failed")).any()


def test_the_differencing_attack_is_refused_and_logged(hub_run):
    attack = hub_run["attack"]
    assert not attack.granted and "differencing" in attack.message
    last = hub_run["log"].iloc[-1]
    assert (last["action"], last["outcome"]) == ("report", "refused") and "differencing" in last["detail"]


def test_the_log_holds_no_ids_names_or_birth_dates(hub_run):
    text = " ".join(hub_run["log"]["detail"].astype(str))
    assert not re.search(r"\bRB\d{6}\b|\bBF-\d{4}\b", text)
    assert not re.search(r"\b(19|20)\d\d-\d\d-\d\d\b", text.replace("2025-11-03", "").replace("2025-08-01", "")
                         .replace("2025-08-15", "").replace("2026-06-30", ""))


def test_the_core_path_never_sets_the_hub_date():
    for cell in _cells(LESSON)["cells"]:
        if cell["cell_type"] == "code" and "going-further" not in cell["metadata"].get("tags", []):
            assert "today=" not in cell["text"], cell["text"]


# ------------------------------------------------------------ charts and layout
def test_sweep_alt_text_is_true_of_the_sweep(practice):
    sweep = practice.sweep()
    alt = q.sweep_alt(sweep)
    first, last = sweep.iloc[0], sweep.iloc[-1]
    assert f"At {first['threshold']:g}, {int(first['false_matches'])} false matches and {int(first['missed'])} missed" in alt
    assert f"At {last['threshold']:g}, {int(last['false_matches'])} false matches and {int(last['missed'])} missed" in alt
    chosen = sweep.set_index("threshold").loc[q.CHOSEN_THRESHOLD]
    assert f"from a threshold of {q.CHOSEN_THRESHOLD:g}, where {int(chosen['missed'])} are missed" in alt


def test_weight_alt_text_puts_each_level_on_its_side(hub_run):
    weights = hub_run["weights"]
    alt = q.weights_alt(weights)
    against = alt.split("Evidence against:")[1]
    for _, row in weights.iterrows():
        entry = f"{row['comparison'].lower()} {row['level']} ({row['match_weight']:+.1f})"
        assert entry in alt
        assert (entry in against) == (row["match_weight"] <= 0), entry


def test_no_empty_markdown_cells_and_notes_stay_out_of_the_lesson():
    for path in (SOLUTION, LESSON):
        for cell in _cells(path)["cells"]:
            if cell["cell_type"] == "markdown":
                assert cell["text"].strip(), f"empty Markdown cell in {path.name}"
    lesson = _markdown(LESSON)
    assert "Facilitator note" not in lesson


def test_spark_section_runs_spark_when_it_is_here_and_says_what_changes():
    """The section's code links on Spark when pyspark and Java are here (the same links as DuckDB
    are required by tests/test_linkage_spark.py) and explains itself when not."""
    cells = _cells(SOLUTION)["cells"]
    at = next(i for i, c in enumerate(cells) if c["text"].startswith("## Going further: at state scale (Apache Spark)"))
    section = cells[at:-1]  # up to the key points
    assert [c["cell_type"] for c in section] == ["markdown", "markdown", "markdown", "code"]
    assert all("going-further" in c["metadata"].get("tags", []) for c in section)
    body = section[1]["text"]
    assert "helpers.linkage" in body and "This lesson runs on DuckDB" in body
    changes = section[2]["text"]
    for claim in ("helpers.linkage.engines", "checkpoint", "yyyyMMdd", "%Y%m%d", "Java 17", "links are the same"):
        assert claim in changes, claim
    code = section[3]["text"]
    assert "engines.spark_available()" in code and "engine=spark" in code and "local_spark(" in code
    assert "Spark did not run" in code and "Links found by both engines" in code


def test_minutes_are_honest_for_the_core_path():
    meta = _cells(SOLUTION)["metadata"]["lesson"]
    assert 30 <= meta["minutes"] <= 60 and meta["kind"] == "principle" and meta["principle"] == 5
    assert any("three in ten" in k for k in meta["keypoints"])
