"""Student indicators with their definitions spelled out as parameters.

Every indicator here is a *rule someone chose*. Each function takes the rule's numbers as
arguments, with defaults that follow a common published definition, so a lesson can show
what changes when the rule changes.

* :func:`chronic_absence` - chronic absence. Default: missing **10% or more of the days a
  student was enrolled, for any reason** (excused, unexcused, suspension), the style used
  in federal EDFacts reporting (file FS195) and by many states. The federal Civil Rights
  Data Collection counts something else (students absent 15 or more school days); some
  states also require a minimum enrollment (California, for example, only counts students
  enrolled more than 30 days): pass ``min_days_enrolled``.
* :func:`early_warning_flags` - the "ABC" early-warning flags from Robert Balfanz and the
  Everyone Graduates Center at Johns Hopkins: **A**\\ ttendance below a cut-off, a
  **B**\\ ehavior flag (a suspension or repeated incidents), and **C**\\ ourse performance
  (an F in English/ELA or math). Each cut-off is a parameter.
* :func:`freshman_on_track` - the University of Chicago Consortium's Freshman On-Track
  indicator: at least 5 full-year credits and no more than one semester F in a core course
  by the end of 9th grade.

All functions return a new table (one row per student and school year) and never change
the tables passed in.

Example:
    >>> import pandas as pd
    >>> enrollment = pd.DataFrame({"student_id": ["S1", "S2"], "school_id": ["E01", "E01"],
    ...                            "school_year": ["2025-26"] * 2, "days_enrolled": [100, 100]})
    >>> attendance = pd.DataFrame({"student_id": ["S1"] * 10 + ["S2"] * 3,
    ...     "school_year": "2025-26", "date": [f"2025-09-{d:02d}" for d in range(1, 14)],
    ...     "event": ["unexcused_absence"] * 10 + ["tardy"] * 3})
    >>> ca = chronic_absence(attendance, enrollment)
    >>> ca[["student_id", "days_absent", "chronically_absent"]].values.tolist()
    [['S1', 10, True], ['S2', 0, False]]
    >>> chronic_absence_rate(ca, by="school_id")[["school_id", "students", "rate"]].values.tolist()
    [['E01', 2, 0.5]]
"""

from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from helpers.validation import DataShapeError, require_columns

__all__ = [
    "ABSENCE_EVENTS",
    "IndicatorError",
    "chronic_absence",
    "chronic_absence_rate",
    "early_warning_flags",
    "freshman_on_track",
]

#: Attendance events that count as a day absent under the "any reason" rule.
ABSENCE_EVENTS = ("excused_absence", "unexcused_absence", "suspension")
#: Tiny tolerance so that, for example, 18 of 180 days (exactly 10%) counts as 10%.
_EPS = 1e-9


class IndicatorError(DataShapeError):
    """An indicator was asked for with a rule or data it cannot use."""


def _check_share(value: float, name: str, example: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating, np.integer)):
        raise IndicatorError(f"{name} must be a number between 0 and 1, like {example}; got {value!r}.")
    if value > 1 and value <= 100:
        raise IndicatorError(
            f"{name} is {value}, which looks like a percent. Give it as a fraction: "
            f"{value}% is {value / 100:g}."
        )
    if not 0 < value <= 1:
        raise IndicatorError(f"{name} must be more than 0 and at most 1, like {example}; got {value}.")
    return float(value)


def _as_list(values: Iterable[str] | str, name: str) -> list[str]:
    if isinstance(values, str):
        return [values]
    out = list(values)
    if not out or not all(isinstance(v, str) for v in out):
        raise IndicatorError(f"{name} must be a list of names (text), like {list(ABSENCE_EVENTS)[:2]}.")
    return out


def _filter_year(df: pd.DataFrame, school_year: str | None, name: str, allow_empty: bool = False) -> pd.DataFrame:
    if school_year is None:
        return df
    require_columns(df, ["school_year"], name, allow_empty=allow_empty)
    out = df[df["school_year"].astype(str) == str(school_year)]
    if out.empty and not (allow_empty and df.empty):
        years = ", ".join(sorted(df["school_year"].astype(str).unique()))
        raise IndicatorError(f"{name} has no rows for school_year {school_year!r}. Years present: {years}.")
    return out


def _enrolled_days(enrollment: pd.DataFrame, school_year: str | None) -> pd.DataFrame:
    """Days enrolled per student and year, and the school where most of them were spent."""
    require_columns(enrollment, ["student_id", "days_enrolled"], "enrollment")
    enr = _filter_year(enrollment, school_year, "enrollment")
    days = pd.to_numeric(enr["days_enrolled"], errors="coerce")
    if days.isna().any() or (days < 0).any():
        bad = enr.loc[days.isna() | (days < 0), "days_enrolled"].iloc[0]
        raise IndicatorError(
            f"enrollment.days_enrolled must be whole numbers of 0 or more; found {bad!r}. "
            "Fix or drop those rows first."
        )
    keys = ["student_id"] + (["school_year"] if "school_year" in enr.columns else [])
    enr = enr.assign(days_enrolled=days)
    out = enr.groupby(keys, sort=True, as_index=False)["days_enrolled"].sum()
    if "school_id" in enr.columns:
        main = (enr.sort_values("days_enrolled", kind="stable")
                .drop_duplicates(keys, keep="last")[keys + ["school_id"]])
        out = out.merge(main, on=keys, how="left")
        out = out[keys + ["school_id", "days_enrolled"]]
    return out, keys


def chronic_absence(
    attendance: pd.DataFrame,
    enrollment: pd.DataFrame,
    *,
    threshold: float = 0.10,
    min_days_enrolled: int | None = None,
    count: Sequence[str] = ABSENCE_EVENTS,
    school_year: str | None = None,
) -> pd.DataFrame:
    """Who is chronically absent: absent on at least ``threshold`` of their enrolled days.

    The rule, in full:

    * a day counts as absent when the student has an attendance event listed in
      ``count`` on that date (default: excused, unexcused and suspension - "for any
      reason"; tardies do not count). Several events on the same date count once, so
      duplicated rows in an export do not inflate the count;
    * ``absence_rate`` = days absent / days enrolled (from ``enrollment``, summed over a
      student's schools in the year). More absent days than enrolled days is a data
      problem; the rate is then capped at 1;
    * ``chronically_absent`` = absence_rate is at least ``threshold`` (default 0.10);
    * students enrolled fewer than ``min_days_enrolled`` days (default: no minimum) or
      for 0 days are left out of the result, because the rule does not apply to them.

    ``attendance`` needs student_id and event (and date, to count each day once);
    ``enrollment`` needs student_id and days_enrolled (school_year and school_id are used
    when present). ``school_year`` keeps one year only.

    Returns one row per student (and school year): student_id, [school_year], [school_id],
    days_enrolled, days_absent, absence_rate, chronically_absent.

    >>> import pandas as pd
    >>> enr = pd.DataFrame({"student_id": ["A", "B"], "days_enrolled": [180, 20]})
    >>> att = pd.DataFrame({"student_id": ["A"] * 18 + ["B"] * 3, "event": "excused_absence",
    ...                     "date": list(range(18)) + list(range(3))})
    >>> chronic_absence(att, enr)["chronically_absent"].tolist()
    [True, True]
    >>> chronic_absence(att, enr, min_days_enrolled=31)["student_id"].tolist()
    ['A']
    """
    threshold = _check_share(threshold, "threshold", "0.10 for 10%")
    events = _as_list(count, "count")
    if min_days_enrolled is not None and (
        isinstance(min_days_enrolled, bool) or not isinstance(min_days_enrolled, (int, np.integer))
        or min_days_enrolled < 0
    ):
        raise IndicatorError(f"min_days_enrolled must be a whole number of days (or None); got {min_days_enrolled!r}.")
    require_columns(attendance, ["student_id", "event"], "attendance", allow_empty=True)
    enrolled, keys = _enrolled_days(enrollment, school_year)
    att = _filter_year(attendance, school_year, "attendance", allow_empty=True) if "school_year" in keys else attendance
    if "school_year" in keys:
        require_columns(att, ["school_year"], "attendance", allow_empty=True)
    att = att[att["event"].astype(str).isin(events)]
    day_keys = keys + (["date"] if "date" in att.columns else [])
    if "date" in att.columns:
        att = att.drop_duplicates(day_keys)
    absent = att.groupby(keys, sort=False).size().rename("days_absent").reset_index()
    if "school_year" in keys:
        absent["school_year"] = absent["school_year"].astype(enrolled["school_year"].dtype)
    out = enrolled.merge(absent, on=keys, how="left")
    out["days_absent"] = out["days_absent"].fillna(0).astype(int)
    out["days_enrolled"] = out["days_enrolled"].astype(int)
    keep = out["days_enrolled"] > 0
    if min_days_enrolled is not None:
        keep &= out["days_enrolled"] >= min_days_enrolled
    out = out[keep].reset_index(drop=True)
    out["absence_rate"] = (out["days_absent"] / out["days_enrolled"]).clip(upper=1.0)
    out["chronically_absent"] = out["absence_rate"] >= threshold - _EPS
    return out


def chronic_absence_rate(per_student: pd.DataFrame, by: str | list[str] | None = None) -> pd.DataFrame:
    """Share of students who are chronically absent, overall or per group.

    ``per_student`` is the table from :func:`chronic_absence` (you may first merge in
    columns such as grade or program participation). ``by`` names the column(s) to group
    by; without it there is one row for everyone. Columns: the group column(s), students,
    chronically_absent (a count) and rate (a fraction from 0 to 1).

    >>> import pandas as pd
    >>> t = pd.DataFrame({"school_id": ["E01", "E01", "E02"], "chronically_absent": [True, False, False]})
    >>> overall = chronic_absence_rate(t)
    >>> overall[["students", "chronically_absent"]].values.tolist(), round(float(overall["rate"].iloc[0]), 3)
    ([[3, 1]], 0.333)
    """
    cols = [] if by is None else ([by] if isinstance(by, str) else list(by))
    require_columns(per_student, ["chronically_absent"] + cols, "per_student")
    flag = per_student["chronically_absent"].astype(bool)
    if cols:
        grouped = flag.groupby([per_student[c] for c in cols], sort=True)
        out = pd.DataFrame({"students": grouped.size(), "chronically_absent": grouped.sum()}).reset_index()
    else:
        out = pd.DataFrame({"group": ["all students"], "students": [len(flag)],
                            "chronically_absent": [int(flag.sum())]})
    out["chronically_absent"] = out["chronically_absent"].astype(int)
    out["rate"] = out["chronically_absent"] / out["students"]
    return out


def early_warning_flags(
    attendance: pd.DataFrame,
    enrollment: pd.DataFrame,
    course_marks: pd.DataFrame | None = None,
    discipline: pd.DataFrame | None = None,
    *,
    attendance_below: float = 0.90,
    incidents_at_least: int = 2,
    suspension_actions: Sequence[str] = ("in_school_suspension", "out_of_school_suspension"),
    failing_marks: Sequence[str] = ("F",),
    course_subjects: Sequence[str] = ("ELA", "Math"),
    school_year: str | None = None,
) -> pd.DataFrame:
    """The ABC early-warning flags, one row per student (and school year).

    * ``attendance_flag`` - attended less than ``attendance_below`` of enrolled days
      (default 0.90). Absent days are counted as in :func:`chronic_absence` (any reason).
    * ``behavior_flag`` - any suspension (a ``suspension`` attendance event, or a
      ``discipline`` row whose action is in ``suspension_actions``), or at least
      ``incidents_at_least`` discipline incidents in the year (default 2).
    * ``course_flag`` - any mark in ``failing_marks`` (default F) in a course whose subject
      is in ``course_subjects`` (default ELA and Math). Students without course marks
      (for example elementary pupils) are never flagged here: no data is not a failure.
    * ``flags`` - how many of the three; ``any_flag`` - at least one.

    The cut-offs are local choices; research on the ABCs used several. The flags show who
    may need support soon; they do not predict any one student's future.

    >>> import pandas as pd
    >>> enr = pd.DataFrame({"student_id": ["A", "B"], "days_enrolled": [100, 100]})
    >>> att = pd.DataFrame({"student_id": ["A"] * 11, "event": "unexcused_absence", "date": range(11)})
    >>> marks = pd.DataFrame({"student_id": ["B"], "subject": ["Math"], "mark": ["F"]})
    >>> early_warning_flags(att, enr, marks)[["student_id", "attendance_flag", "course_flag", "flags"]].values.tolist()
    [['A', True, False, 1], ['B', False, True, 1]]
    """
    below = _check_share(attendance_below, "attendance_below", "0.90 for 90%")
    if isinstance(incidents_at_least, bool) or not isinstance(incidents_at_least, (int, np.integer)) or incidents_at_least < 1:
        raise IndicatorError(f"incidents_at_least must be a whole number of 1 or more; got {incidents_at_least!r}.")
    base = chronic_absence(attendance, enrollment, threshold=1.0, school_year=school_year)
    keys = ["student_id"] + (["school_year"] if "school_year" in base.columns else [])
    out = base.drop(columns=["chronically_absent"])
    attended = out["days_enrolled"] - out["days_absent"]
    out["attendance_rate"] = (attended / out["days_enrolled"]).clip(lower=0.0)
    out["attendance_flag"] = attended < below * out["days_enrolled"] - _EPS

    # Behavior
    susp = attendance[attendance["event"].astype(str) == "suspension"]
    if "school_year" in keys:
        require_columns(attendance, ["school_year"], "attendance", allow_empty=True)
        if school_year is not None:
            susp = susp[susp["school_year"].astype(str) == str(school_year)]
    suspended = set(map(tuple, susp[keys].astype(str).drop_duplicates().to_numpy()))
    incidents = pd.Series(0, index=out.index)
    if discipline is not None:
        require_columns(discipline, ["student_id", "action"] + keys[1:], "discipline", allow_empty=True)
        d = discipline if school_year is None else discipline[discipline["school_year"].astype(str) == str(school_year)]
        acts = _as_list(suspension_actions, "suspension_actions")
        suspended |= set(map(tuple, d.loc[d["action"].astype(str).isin(acts), keys].astype(str).to_numpy()))
        per = d.groupby(keys).size()
        idx = pd.MultiIndex.from_frame(out[keys]) if len(keys) > 1 else pd.Index(out["student_id"])
        incidents = pd.Series(per.reindex(idx).fillna(0).astype(int).to_numpy(), index=out.index)
    out["incidents"] = incidents
    row_keys = list(map(tuple, out[keys].astype(str).to_numpy()))
    out["behavior_flag"] = [k in suspended for k in row_keys] | (incidents >= incidents_at_least).to_numpy()

    # Course performance
    failed: set = set()
    if course_marks is not None:
        require_columns(course_marks, ["student_id", "subject", "mark"] + keys[1:], "course_marks", allow_empty=True)
        m = course_marks if school_year is None else course_marks[course_marks["school_year"].astype(str) == str(school_year)]
        fail = m["mark"].astype(str).str.strip().str.upper().isin([x.upper() for x in _as_list(failing_marks, "failing_marks")])
        core = m["subject"].astype(str).isin(_as_list(course_subjects, "course_subjects"))
        failed = set(map(tuple, m.loc[fail & core, keys].astype(str).to_numpy()))
    out["course_flag"] = [k in failed for k in row_keys]
    flags = out[["attendance_flag", "behavior_flag", "course_flag"]].astype(bool)
    out[flags.columns] = flags
    out["flags"] = flags.sum(axis=1).astype(int)
    out["any_flag"] = out["flags"] > 0
    return out


def freshman_on_track(
    course_marks: pd.DataFrame,
    freshmen: Iterable[str] | pd.DataFrame | None = None,
    *,
    min_credits: float = 5.0,
    max_core_semester_fs: int = 1,
    core_subjects: Sequence[str] = ("ELA", "Math", "Science", "Social Studies"),
    failing_marks: Sequence[str] = ("F",),
    school_year: str | None = None,
) -> pd.DataFrame:
    """Freshman On-Track (University of Chicago Consortium on School Research), per student.

    On track = earned at least ``min_credits`` full-year credits (default 5) **and** has no
    more than ``max_core_semester_fs`` semester F's (default 1) in core subjects, by the end
    of 9th grade. Credits are earned for every mark not in ``failing_marks``.

    ``course_marks`` needs student_id, subject, mark and credits (one row per course per
    semester). ``freshmen`` lists the 9th graders (IDs, or a table with student_id); a
    freshman with no marks at all earned 0 credits and is off track. Without ``freshmen``
    everyone in ``course_marks`` is treated as a freshman, so filter first.

    >>> import pandas as pd
    >>> marks = pd.DataFrame({"student_id": ["A"] * 10 + ["B"] * 10, "subject": ["ELA"] * 20,
    ...     "mark": ["B"] * 10 + ["F", "F"] + ["C"] * 8, "credits": 0.5})
    >>> freshman_on_track(marks, ["A", "B", "C"])[["student_id", "credits_earned", "on_track"]].values.tolist()
    [['A', 5.0, True], ['B', 4.0, False], ['C', 0.0, False]]
    """
    require_columns(course_marks, ["student_id", "subject", "mark", "credits"], "course_marks")
    m = _filter_year(course_marks, school_year, "course_marks")
    credits = pd.to_numeric(m["credits"], errors="coerce")
    if credits.isna().any():
        raise IndicatorError("course_marks.credits must be numbers; some are blank or text. Fix or drop those rows.")
    fails = _as_list(failing_marks, "failing_marks")
    failed = m["mark"].astype(str).str.strip().str.upper().isin([f.upper() for f in fails])
    core = m["subject"].astype(str).isin(_as_list(core_subjects, "core_subjects"))
    per = pd.DataFrame({
        "student_id": m["student_id"].astype(str),
        "earned": np.where(failed, 0.0, credits),
        "core_f": (failed & core).astype(int),
    }).groupby("student_id", sort=True).sum()
    if freshmen is None:
        ids = list(per.index)
    elif isinstance(freshmen, pd.DataFrame):
        require_columns(freshmen, ["student_id"], "freshmen")
        ids = list(dict.fromkeys(freshmen["student_id"].astype(str)))
    else:
        ids = list(dict.fromkeys(str(s) for s in freshmen))
    per = per.reindex(ids).fillna(0)
    out = pd.DataFrame({
        "student_id": ids,
        "credits_earned": per["earned"].to_numpy(dtype=float),
        "core_semester_fs": per["core_f"].to_numpy().astype(int),
    })
    out["on_track"] = (out["credits_earned"] >= min_credits - _EPS) & (out["core_semester_fs"] <= max_core_semester_fs)
    return out
