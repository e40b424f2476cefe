"""Lessons are generated from solutions and must never drift from them."""

import json
import shutil

import nbformat
import pytest

from helpers import authoring
from helpers.authoring import AuthoringError, make_lesson, stale_lessons, strip_cell, strip_code

ROOT = authoring.ROOT


def test_line_marker_becomes_placeholder():
    assert strip_code("rate = absent / enrolled  # SOLUTION") == "rate = ____  # your answer here"
    assert strip_code("    x['a'] = 3 # SOLUTION") == "    x['a'] = ____  # your answer here"
    assert strip_code("ok = a == b") == "ok = a == b"


def test_block_marker_is_removed_and_leaves_blanks():
    src = "import pandas\n# BEGIN SOLUTION blank: table, n\ntable = f()\nn = 3\n# END SOLUTION\nq.check(table)"
    out = strip_code(src)
    assert "f()" not in out and "n = 3" not in out
    assert out.splitlines() == ["import pandas", "# Your code here", "table = ____", "n = ____", "q.check(table)"]


def test_indented_block_keeps_indent():
    out = strip_code("def f():\n    # BEGIN SOLUTION\n    return 1\n    # END SOLUTION")
    assert out == "def f():\n    # Your code here"


@pytest.mark.parametrize(
    "bad",
    ["# BEGIN SOLUTION\nx = 1", "x = 1\n# END SOLUTION", "# BEGIN SOLUTION\n# BEGIN SOLUTION\n# END SOLUTION",
     "print(1)  # SOLUTION"],
)
def test_malformed_markers_are_reported(bad):
    with pytest.raises(AuthoringError):
        strip_code(bad)


def test_markdown_model_answers_are_removed_and_input_untouched():
    cell = {"cell_type": "markdown", "metadata": {},
            "source": "Discuss.\n<!-- BEGIN SOLUTION -->\nModel answer.\n<!-- END SOLUTION -->\nNext."}
    before = json.dumps(cell)
    out = strip_cell(cell)
    assert "Model answer" not in out["source"] and "Discuss." in out["source"] and "Next." in out["source"]
    assert json.dumps(cell) == before


def test_solution_only_cells_and_outputs_are_dropped():
    nb = nbformat.v4.new_notebook()
    nb.metadata["lesson"] = {"number": 0, "title": "t", "kind": "welcome", "minutes": 30,
                             "questions": ["q"], "objectives": ["o"], "keypoints": ["k"]}
    nb.metadata["widgets"] = {"state": {}}
    code = nbformat.v4.new_code_cell("x = 1  # SOLUTION", execution_count=3,
                                     outputs=[nbformat.v4.new_output("stream", text="hi")])
    secret = nbformat.v4.new_markdown_cell("answers", metadata={"tags": ["solution-only"]})
    nb.cells = [code, secret]
    lesson = make_lesson(nb)
    assert len(lesson.cells) == 1
    assert lesson.cells[0].outputs == [] and lesson.cells[0].execution_count is None
    assert "widgets" not in lesson.metadata
    assert nb.cells[0].outputs, "the solution must not be changed"


def test_committed_lessons_match_their_solutions():
    problems = stale_lessons()
    assert not problems, "Run `python -m helpers.authoring build`:\n" + "\n".join(problems)


def test_staleness_is_detected(tmp_path):
    for folder in ("solutions", "lessons"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    lesson = next((tmp_path / "lessons").glob("*.ipynb"))
    nb = json.loads(lesson.read_text())
    nb["cells"][1]["source"] = "edited by hand"
    lesson.write_text(json.dumps(nb))
    (tmp_path / "lessons" / "99_orphan.ipynb").write_text("{}")
    problems = stale_lessons(tmp_path)
    assert any("out of date" in p for p in problems)
    assert any("no solution" in p for p in problems)


def test_there_is_a_lesson_for_every_solution():
    solutions = {p.name for p in authoring.solution_paths()}
    lessons = {p.name for p in (ROOT / "lessons").glob("*.ipynb")}
    assert solutions and solutions == lessons


@pytest.mark.parametrize("path", sorted((ROOT / "lessons").glob("*.ipynb")), ids=lambda p: p.name)
def test_lessons_are_clean(path):
    nb = json.loads(path.read_text())
    assert "widgets" not in nb["metadata"], "lessons carry no widget state"
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


@pytest.mark.parametrize("path", authoring.solution_paths(), ids=lambda p: p.name)
def test_solutions_carry_their_outputs(path):
    nb = json.loads(path.read_text())
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code and all(c["execution_count"] is not None for c in code), (
        f"{path.name} was not executed: run `python -m helpers.authoring build`"
    )
    counts = [c["execution_count"] for c in code]
    assert counts == list(range(1, len(code) + 1)), f"{path.name} was not run top to bottom in one go"


def test_widget_ids_are_renumbered_consistently():
    from helpers.authoring import stable_widget_ids

    a, b = "1b0c86934e434ebca455e85b3e8e5659", "ffffeeee434ebca455e85b3e8e565900"
    nb = nbformat.v4.new_notebook()
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {
        "state": {b: {"state": {"children": [f"IPY_MODEL_{a}"]}}, a: {"state": {}}}, "version_major": 2}}
    nb.cells = [nbformat.v4.new_code_cell("w", outputs=[nbformat.v4.new_output(
        "display_data", data={"application/vnd.jupyter.widget-view+json": {"model_id": b}, "text/plain": "x"})])]
    out = stable_widget_ids(nb)
    text = json.dumps(out)
    assert a not in text and b not in text
    one, two = f"{1:032x}", f"{2:032x}"
    state = out.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    assert state[one]["state"]["children"] == [f"IPY_MODEL_{two}"] and two in state
    assert out.cells[0].outputs[0]["data"]["application/vnd.jupyter.widget-view+json"]["model_id"] == one


def _lesson_nb(cells):
    nb = nbformat.v4.new_notebook()
    nb.metadata["lesson"] = {"number": 4, "title": "t", "kind": "principle", "principle": 4, "minutes": 30,
                             "questions": ["q"], "objectives": ["o"], "keypoints": ["k"]}
    nb.cells = cells
    return nb


def test_facilitator_notes_leave_the_lesson_and_reach_the_facilitator_edition():
    from helpers import facilitator_notes

    note = nbformat.v4.new_markdown_cell("> **Facilitator note:** E06 has a gap; let them find it.",
                                         metadata={"tags": ["facilitator-note"]})
    nb = _lesson_nb([nbformat.v4.new_markdown_cell("## 2. Quality"), note, nbformat.v4.new_code_cell("x = 1")])
    lesson = make_lesson(nb)
    assert all("E06" not in c["source"] for c in lesson.cells)
    assert facilitator_notes.notes(nb) == [("2. Quality", "E06 has a gap; let them find it.")]
    assert "E06 has a gap" in facilitator_notes.render([(nb.metadata["lesson"], facilitator_notes.notes(nb))])


def test_going_further_heading_is_collapsed_and_plumbing_hidden_in_the_lesson_only():
    head = nbformat.v4.new_markdown_cell("## Going further: the maths", metadata={"tags": ["going-further"]})
    deep = nbformat.v4.new_code_cell("weights = 1", metadata={"tags": ["going-further"]})
    plumbing = nbformat.v4.new_code_cell("data = load()", metadata={"tags": ["plumbing"]})
    nb = _lesson_nb([plumbing, nbformat.v4.new_markdown_cell("## 1. Core"), head, deep])
    before = json.dumps(nb, sort_keys=True)
    lesson = make_lesson(nb)
    assert lesson.cells[0]["metadata"]["jupyter"]["source_hidden"] is True
    assert lesson.cells[2]["metadata"]["jp-MarkdownHeadingCollapsed"] is True
    assert "jp-MarkdownHeadingCollapsed" not in lesson.cells[3]["metadata"]
    assert json.dumps(nb, sort_keys=True) == before, "the solution notebook must not change"


def test_going_further_must_open_with_a_heading():
    deep = nbformat.v4.new_code_cell("weights = 1", metadata={"tags": ["going-further"]})
    with pytest.raises(AuthoringError, match="heading"):
        make_lesson(_lesson_nb([deep]))


@pytest.mark.parametrize("meta, problem", [
    ({"kind": "chapter"}, "kind"),
    ({"kind": "principle", "principle": 9}, "between 1 and 7"),
    ({"kind": "principle"}, "between 1 and 7"),
])
def test_lesson_kind_is_validated(meta, problem):
    nb = _lesson_nb([])
    nb.metadata["lesson"].pop("principle")
    nb.metadata["lesson"].update(meta)
    with pytest.raises(AuthoringError, match=problem):
        authoring.lesson_meta(nb)


def test_facilitator_edition_is_current():
    from helpers import facilitator_notes

    assert facilitator_notes.output().read_text(encoding="utf-8") == facilitator_notes.current(), (
        "run: python -m helpers.facilitator_notes (or python -m helpers.authoring build)"
    )
