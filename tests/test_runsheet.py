"""The facilitator run-sheet is generated from the lessons and kept current."""

from helpers import runsheet


def test_run_sheet_is_current():
    assert runsheet.OUTPUT.exists(), "run: python -m helpers.runsheet"
    assert runsheet.OUTPUT.read_text() == runsheet.current(), "run: python -m helpers.runsheet"


def test_readme_lesson_map_is_current():
    assert runsheet.README.read_text() == runsheet.current_readme(), "run: python -m helpers.runsheet"
    for path in runsheet.solution_paths():
        assert f"(lessons/{path.name})" in runsheet.README.read_text()


def test_run_sheet_follows_the_metadata():
    metas = [
        {"number": 0, "title": "Welcome", "kind": "welcome", "minutes": 30, "questions": ["a?"],
         "objectives": ["b"], "keypoints": ["c"]},
        {"number": 1, "title": "Leaders", "kind": "principle", "principle": 1, "minutes": 45, "questions": ["d?"],
         "objectives": ["e"], "keypoints": ["f"]},
    ]
    text = runsheet.render(metas)
    assert "| 00 | Welcome | - | 30 | 0:00-0:30 |" in text
    assert "| 01 | Leaders | 1 | 45 | 0:30-1:15 |" in text
    assert "Total teaching time: 1:15" in text
    metas[1]["minutes"] = 60
    assert "Total teaching time: 1:30" in runsheet.render(metas)
