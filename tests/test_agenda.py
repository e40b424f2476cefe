"""The workshop agendas follow the lessons' own times and keep room to breathe (issue 12)."""

import pytest

from helpers import agenda


@pytest.fixture(scope="module")
def metas():
    return agenda._metas()


def test_guide_agenda_is_current():
    assert agenda.guide_path().read_text(encoding="utf-8") == agenda.current_guide(), "run: python -m helpers.agenda"


def test_one_day_keeps_a_tenth_as_buffer_and_starts_at_a_humane_hour(metas):
    day = agenda.one_day(metas)
    assert day.buffer >= 0.10 * day.teaching, f"buffer {day.buffer} min for {day.teaching} min of teaching"
    assert day.start >= 8 * 60 + 30, (
        f"the one-day agenda would start at {agenda._clock(day.start)}: the lessons' core paths are too long "
        "for one day; shorten them (move depth to Going further) rather than start earlier")
    assert day.start + sum(b.minutes for b in day.blocks) == 16 * 60 + 30


def test_one_day_has_the_paper_capstone_and_a_light_lesson_after_lunch(metas):
    labels = [b.label for b in agenda.one_day(metas).blocks]
    assert any("Capstone, paper version" in label for label in labels)
    after_lunch = labels[labels.index(next(x for x in labels if x.startswith("Lunch"))) + 1]
    minutes = {f"{int(m['number']):02d}": agenda._day_minutes(m) for m in metas}
    assert minutes[after_lunch[:2]] == min(minutes[n] for n in ("05", "06", "07")), after_lunch


def test_day_and_a_half_and_series_hold_every_lesson(metas):
    for plan in (agenda.day_and_a_half(metas), agenda.sessions(metas)):
        text = " ".join(b.label for d in plan for b in d.blocks)
        for m in metas:
            assert f"{int(m['number']):02d} {m['title']}" in text


def test_too_long_lessons_push_the_start_earlier_rather_than_hide_it():
    long = [{"number": n, "title": f"L{n}", "minutes": 60} for n in range(9)]
    day = agenda.one_day(long)
    assert day.buffer >= 0.10 * day.teaching
    assert day.start < 8 * 60 + 30


def test_series_sessions_stay_near_two_and_a_half_hours(metas):
    for day in agenda.sessions(metas):
        total = sum(b.minutes for b in day.blocks)
        assert total <= 160, f"{day.title} runs {total} minutes"


def test_workshop_cut_is_used_in_one_day_and_listed():
    metas = [{"number": n, "title": f"L{n}", "minutes": 60, "one_day": {"minutes": 40, "plan": f"plan {n}"}}
             for n in range(9)]
    day = agenda.one_day(metas)
    assert all(b.minutes == 40 for b in day.blocks if b.teaching and not b.label.startswith("08"))
    text = agenda.render(metas)
    assert "| 03 | 60 | 40 | plan 3 |" in text
