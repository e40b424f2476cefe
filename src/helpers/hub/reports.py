"""What a partner may get from the hub: its own roster, link counts and suppressed reports.

**Differencing rule (query auditing).** Each report is computed on a *population*: the
district students linked to the partner's roster in one link run. The hub remembers every
population it has reported on. A report on a population that differs from an earlier
reported one (of any partner) by fewer than ``min_cell`` students is refused, and that
includes a population identical to one from an earlier roster submission: otherwise a
partner could re-send its roster minus one child and read that child's school, grade and
absence band off the difference, and "granted when nothing changed, refused when one child
changed" would itself tell whether that child is enrolled. Why this rule: it is simple to
state, it is checked on the exact population, and it blocks the re-submission attack whatever
the tables asked. What it does not block: a partner that adds ``min_cell`` or more children
it already knows to be enrolled can still difference; a partner that combines different
tables of one population can narrow ranges. Noise (differential privacy) would be the
stronger answer; we name the limit instead of hiding it.

**Structural zeros.** A combination no district student has at all (grade 7 at an elementary
school) is a zero everyone can know. It is published as 0 and never used to protect another
cell (:func:`helpers.privacy.suppress_small_cells` with ``structural_zeros``).
"""

from __future__ import annotations

import difflib
from typing import Any

import pandas as pd

from helpers.privacy import suppress_small_cells

from .core import HubCore
from .parties import DISTRICT_ID, AccessRefused, HubError, quote


def _label(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "unknown"
    return str(value)


def crosstab(rows: pd.DataFrame, by: str, measure: str, all_groups: pd.DataFrame) -> pd.DataFrame:
    """Counts by ``by`` and ``measure`` over every group and value the district has."""
    natural = ([_label(c) for c in all_groups["val"].cat.categories]
               if isinstance(all_groups["val"].dtype, pd.CategoricalDtype) else [])
    grid = all_groups.assign(grp=all_groups["grp"].astype(object).map(_label),
                             val=all_groups["val"].astype(object).map(_label), n=0)
    rows = rows.assign(grp=rows["grp"].astype(object).map(_label), val=rows["val"].astype(object).map(_label))
    both = pd.concat([grid[["grp", "val", "n"]], rows[["grp", "val", "n"]]], ignore_index=True)
    counts = both.pivot_table(index="grp", columns="val", values="n", aggfunc="sum", fill_value=0)
    rank = {c: i for i, c in enumerate(natural)}
    order = sorted(counts.columns, key=lambda c: (c not in ("yes", "no"), c != "yes", rank.get(c, len(rank)), c))
    counts = counts[order].astype(int)
    counts.index.name, counts.columns.name = by, measure
    return counts


class HubReports(HubCore):
    """Partner-facing requests: views, link counts, reports."""

    def views(self, party: str) -> list[str]:
        """The views ``party`` may read."""
        agreement = self.agreement(party)
        if agreement is None:
            return []
        name = f"{agreement.party_id}_{'records' if agreement.role == 'district' else 'roster'}"
        exists = self._con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = ?", [name]).fetchone()[0]
        return [name] if exists else []

    def read(self, party: str, view: str, *, today: Any = None) -> pd.DataFrame:
        """Rows of one of ``party``'s own views; anything else is refused and logged."""
        self._check_today(today)
        agreement, _ = self._both_active(party, "read")
        own = self.views(party)
        if view not in own:
            if agreement.role == "partner":
                reason = (f"{party} asked for a table that is not its own view. Partners never receive row-level "
                          "district records or the hub's internal tables; ask for a report (counts by group) "
                          "instead.")
            else:
                reason = f"{party} asked for a table that is not one of its views ({', '.join(own) or 'none yet'})."
            raise self._refuse(party, "read", reason)
        df = self._con.execute(f"SELECT * FROM {quote(view)} ORDER BY 1").df()
        self._log(party, "read", "done", f"{view}: {len(df):,} rows")
        return df

    # -- populations and the differencing rule --------------------------------------------------
    def _population(self, party: str) -> tuple[int, int]:
        row = self._con.execute("SELECT max(run_id), max(submission) FROM links WHERE party = ?", [party]).fetchone()
        if row is None or row[0] is None:
            self._log(party, "report", "failed", "no linked records yet")
            raise HubError(f"No records of {party!r} are linked yet: the steward runs hub.link first.")
        return int(row[0]), int(row[1])

    def _differencing_check(self, party: str, action: str, run_id: int, submission: int) -> None:
        """Refuse when this population is within ``min_cell`` students of one reported before."""
        already = self._con.execute("SELECT count(*) FROM released WHERE run_id = ?", [run_id]).fetchone()[0]
        if already:
            return
        rows = self._con.execute(
            "WITH cur AS (SELECT DISTINCT person_key FROM links WHERE run_id = ?), "
            "prev AS (SELECT DISTINCT run_id, party, submission, person_key FROM released) "
            "SELECT p.run_id, any_value(p.party), any_value(p.submission), count(*) AS n_prev, "
            "count(c.person_key) AS n_both FROM prev p LEFT JOIN cur c ON c.person_key = p.person_key "
            "GROUP BY p.run_id", [run_id]).fetchall()
        n_cur = self._con.execute("SELECT count(DISTINCT person_key) FROM links WHERE run_id = ?",
                                  [run_id]).fetchone()[0]
        for _prev_run, prev_party, prev_sub, n_prev, n_both in rows:
            difference = n_cur + n_prev - 2 * n_both
            same_roster = prev_party == party and prev_sub == submission
            if difference < self.min_cell and not (difference == 0 and same_roster):
                raise self._refuse(party, action, f"the linked population differs from one already reported on by "
                                   f"fewer than {self.min_cell} students (differencing protection: comparing the "
                                   "two reports could reveal individual children). Send a roster that differs "
                                   f"by at least {self.min_cell} children, or use the earlier report.")

    def _release(self, party: str, run_id: int, submission: int) -> None:
        already = self._con.execute("SELECT count(*) FROM released WHERE run_id = ?", [run_id]).fetchone()[0]
        if not already:
            self._con.execute("INSERT INTO released SELECT DISTINCT run_id, party, ?, person_key FROM links "
                              "WHERE run_id = ?", [submission, run_id])

    # -- what a partner may ask -------------------------------------------------------------------
    def link_summary(self, party: str, *, today: Any = None) -> pd.DataFrame:
        """How many of ``party``'s records linked to a district student: counts only, suppressed
        like a report (never which child), under the same differencing rule."""
        self._check_today(today)
        agreement, _ = self._both_active(party, "link summary")
        if agreement.role != "partner":
            raise HubError("Link summaries are for partners.")
        run_id, submission = self._population(party)
        self._differencing_check(party, "link summary", run_id, submission)
        sent = self._con.execute("SELECT count(*) FROM identities WHERE party = ?", [party]).fetchone()[0]
        linked = self._con.execute("SELECT count(DISTINCT record_key) FROM links WHERE run_id = ?",
                                   [run_id]).fetchone()[0]
        counts = pd.DataFrame({"records": [linked, sent - linked]},
                              index=pd.Index(["linked to a district student", "not linked"], name="roster"))
        published = suppress_small_cells(counts, threshold=self.min_cell, suppress_zeros=self.suppress_zeros)
        self._con.begin()
        self._release(party, run_id, submission)
        self._log(party, "link summary", "done", f"run {run_id}: counts of linked records "
                  f"({int(published.isna().sum().sum())} cell(s) suppressed)")
        self._con.commit()
        return published

    def _check_fields(self, party: str, agreement, district, by: Any, measure: Any) -> None:
        fields = [by, measure]
        if not all(isinstance(f, str) and f for f in fields):
            err = HubError("by= and measure= each name one field, as text (for example by=\"school_id\").")
            self._fail(party, "report", err)
            raise err
        if by == measure:
            err = HubError("Choose two different fields for by= and measure=.")
            self._fail(party, "report", err)
            raise err
        table = quote(f"attributes_{DISTRICT_ID}")
        try:
            stored = set(self._con.execute(f"SELECT * FROM {table} LIMIT 0").df().columns) - {"record_key"}
        except Exception:  # noqa: BLE001 - no district table yet
            stored = set()
        known = stored | set(agreement.may_see)
        unknown = [f for f in fields if f not in known]
        if unknown:
            hints = []
            options = {m.casefold(): m for m in sorted(agreement.may_see)}
            for f in unknown:
                close = difflib.get_close_matches(f.casefold(), list(options), n=1, cutoff=0.5)
                hints.append(f"{f!r}" + (f" (did you mean {options[close[0]]!r}?)" if close else ""))
            self._log(party, "report", "failed", f"no such field: {', '.join(unknown)}")
            raise HubError(f"No such field: {', '.join(hints)}. The fields {party} may ask about are: "
                           f"{', '.join(agreement.may_see) or 'none'}.")
        outside = [f for f in fields if f not in agreement.may_see]
        if outside:
            raise self._refuse(party, "report", f"{party} asked about {', '.join(outside)}, outside its agreement "
                               f"(it may see: {', '.join(agreement.may_see) or 'nothing'}). Amend the agreement "
                               "first if the purpose needs it.")
        not_shared = [f for f in fields if f not in district.shares]
        if not_shared:
            raise self._refuse(party, "report", f"the district's current agreement no longer covers "
                               f"{', '.join(not_shared)}; no report may use it until the district shares it again.")
        missing = [f for f in fields if f not in stored]
        if missing:
            self._log(party, "report", "failed", f"district did not send {', '.join(missing)}")
            raise HubError(f"The district did not send {', '.join(map(repr, missing))} (yet); ask the steward.")

    def report(self, party: str, *, by: str, measure: str, today: Any = None) -> pd.DataFrame:
        """Counts of ``party``'s linked participants by ``by`` and ``measure`` (district fields).

        Checked, in order: the partner's and the district's agreements are in force; both
        fields exist (a typo gets "no such field; did you mean ..."), are in the partner's
        ``may_see`` and in the district's current ``shares``; the population passes the
        differencing rule (see the module notes). Each district student is counted once.
        Small cells and their complements are hidden with
        :func:`helpers.privacy.suppress_small_cells` (``min_cell``; zeros too unless the hub
        was made with ``suppress_zeros=False``); structural zeros are shown as 0.
        """
        self._check_today(today)
        agreement, district = self._both_active(party, "report")
        if agreement.role != "partner":
            raise HubError("Reports are for partners; the district reads its own records directly.")
        self._check_fields(party, agreement, district, by, measure)
        run_id, submission = self._population(party)
        self._differencing_check(party, "report", run_id, submission)
        table = quote(f"attributes_{DISTRICT_ID}")
        try:
            rows = self._con.execute(
                f"SELECT d.{quote(by)} AS grp, d.{quote(measure)} AS val, count(DISTINCT d.record_key) AS n "
                f"FROM (SELECT DISTINCT person_key FROM links WHERE run_id = ?) l "
                f"JOIN {table} d ON d.record_key = l.person_key GROUP BY ALL", [run_id]).df()
            groups = self._con.execute(f"SELECT DISTINCT {quote(by)} AS grp, {quote(measure)} AS val FROM {table}").df()
            counts = crosstab(rows, by, measure, groups)
            present = crosstab(groups.assign(n=1), by, measure, groups) > 0
            structural = ~present
            published = suppress_small_cells(counts, threshold=self.min_cell, suppress_zeros=self.suppress_zeros,
                                             structural_zeros=structural if structural.any().any() else None)
        except (AccessRefused, HubError):
            raise
        except Exception as err:
            self._fail(party, "report", err)
            raise HubError(f"The report could not be made ({type(err).__name__}); the steward can see the log.") from err
        hidden = int(published.isna().sum().sum())
        self._con.begin()
        self._release(party, run_id, submission)
        self._log(party, "report", "done", f"run {run_id}: counts by {by} and {measure}; {len(counts)} groups; "
                  f"{hidden} cell(s) suppressed; {int(structural.to_numpy().sum())} structural zero(s) shown "
                  f"(minimum cell {self.min_cell})")
        self._con.commit()
        return published
