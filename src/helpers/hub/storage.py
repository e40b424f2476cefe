"""The hub's identities and links as Parquet files, for linkage outside this process (steward only).

A state or large-district hub may outgrow one machine: its linkage then runs on Apache Spark
(``hub.link(party, requested_by=hub.steward, engine=spark)``, see
:mod:`helpers.linkage.engines`), and Spark, like most data platforms, reads and writes Parquet.
:meth:`HubStorage.export_parquet` writes the hub's identity table and links to a folder;
:meth:`HubStorage.load_parquet` reads them back into a hub opened with the **same key**
(every record key is checked against it). Other fields (attendance, program data) are not
exported: they stay in the hub's database.

The files hold names and dates of birth: they are identity-level data, for the steward only,
on storage the hub's agreements cover (encrypted, access-controlled). Both calls, granted or
refused, are in the audit log (counts only, never names).

Example:
    >>> import tempfile
    >>> import pandas as pd
    >>> from helpers.hub import Hub
    >>> from helpers.privacy import generate_key
    >>> key = generate_key()
    >>> hub = Hub(key=key, training_date="2025-09-15")
    >>> _ = hub.sign_agreement("district", role="district", purpose="improve attendance supports",
    ...     shares=["student_id", "first_name", "last_name", "dob"], may_see=[], expires="2026-06-30",
    ...     signed_on="2025-08-01")
    >>> _ = hub.ingest("district", pd.DataFrame({"student_id": ["S1", "S2"], "first_name": ["Ana", "Ben"],
    ...     "last_name": ["Ruiz", "Okafor"], "dob": ["2014-03-09", "2013-05-01"]}),
    ...     {"record_id": "student_id", "first_name": "first_name", "last_name": "last_name", "date_of_birth": "dob"})
    >>> folder = tempfile.mkdtemp()
    >>> hub.export_parquet(folder, requested_by=hub.steward)
    {'identities': 2, 'links': 0}
    >>> hub.load_parquet(folder, requested_by=hub.steward)
    {'identities': 2, 'links': 0}
    >>> hub.audit_log()["action"].tolist()[-2:]
    ['export parquet', 'load parquet']
    >>> hub.close()
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from helpers.privacy import pseudonymize

from .core import HubCore
from .parties import HubError

__all__ = ["HubStorage", "PARQUET_FILES"]

#: The files written and read: table name -> file name.
PARQUET_FILES = {"identities": "identities.parquet", "links": "links.parquet"}


class HubStorage(HubCore):
    """Export and load the hub's identities and links as Parquet (steward only, logged)."""

    def export_parquet(self, folder: str | Path, *, requested_by: Any = None) -> dict[str, int]:
        """Write ``identities.parquet`` and ``links.parquet`` into ``folder`` (created if needed);
        return the number of rows written of each. Identity-level data: steward only, logged."""
        self._steward_only(requested_by, "export parquet", "the hub's identities and links")
        folder = Path(folder)
        counts = {}
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for table, file in PARQUET_FILES.items():
                path = str(folder / file).replace("'", "''")
                self._con.execute(f"COPY (SELECT * FROM {table} ORDER BY ALL) TO '{path}' (FORMAT parquet)")
                counts[table] = int(self._con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        except Exception as err:
            self._fail(self.steward, "export parquet", err)
            raise HubError(f"The hub could not write Parquet files to {str(folder)!r} ({type(err).__name__}). "
                           "Check that the folder can be written to.") from err
        self._log(self.steward, "export parquet", "done",
                  f"{counts['identities']:,} identity records and {counts['links']:,} links written as Parquet "
                  "(identity-level files: keep them where the agreements allow)")
        return counts

    def load_parquet(self, folder: str | Path, *, requested_by: Any = None) -> dict[str, int]:
        """Replace the identities and links of the parties in ``folder``'s Parquet files with theirs.

        Refused unless every party in the files has an agreement in this hub, the columns are the
        hub's, and every record key is the pseudonym this hub's key gives (files from a hub with
        another key would not line up). Changes nothing unless everything loads. Steward only, logged.
        """
        self._steward_only(requested_by, "load parquet", "the hub's identities and links")
        folder = Path(folder)
        missing = [f for f in PARQUET_FILES.values() if not (folder / f).is_file()]
        if missing:
            self._log(self.steward, "load parquet", "failed", f"missing file(s): {', '.join(missing)}")
            raise HubError(f"{str(folder)!r} lacks {', '.join(missing)}. Point load_parquet at a folder "
                           "written by export_parquet.")
        frames = {t: pd.read_parquet(folder / f) for t, f in PARQUET_FILES.items()}
        try:
            self._check_files(frames)
        except HubError as err:
            self._fail(self.steward, "load parquet", err)
            raise
        parties = sorted(set(frames["identities"]["party"]) | set(frames["links"]["party"]))
        try:
            self._con.begin()
            for table, df in frames.items():
                self._con.execute(f"DELETE FROM {table} WHERE party IN (SELECT unnest(?))", [parties])
                self._con.register("_incoming_parquet", df)
                self._con.execute(f"INSERT INTO {table} SELECT * FROM _incoming_parquet")
                self._con.unregister("_incoming_parquet")
            counts = {t: len(df) for t, df in frames.items()}
            self._log(self.steward, "load parquet", "done",
                      f"{counts['identities']:,} identity records and {counts['links']:,} links loaded from Parquet "
                      f"for {len(parties)} part{'y' if len(parties) == 1 else 'ies'}")
            self._con.commit()
        except Exception as err:
            self._con.rollback()
            self._fail(self.steward, "load parquet", err)
            raise HubError(f"The hub could not load the Parquet files ({type(err).__name__}). Nothing was "
                           "changed.") from err
        return counts

    def _check_files(self, frames: dict[str, pd.DataFrame]) -> None:
        for table, df in frames.items():
            expected = [r[0] for r in self._con.execute(f"DESCRIBE {table}").fetchall()]
            if list(df.columns) != expected:
                raise HubError(f"{PARQUET_FILES[table]} does not have the hub's columns ({', '.join(expected)}). "
                               "Load only files written by export_parquet.")
        ident = frames["identities"]
        unknown = sorted({p for t in frames.values() for p in t["party"]} - set(self.agreements()["party"]))
        if unknown:
            raise HubError(f"The files hold records of {len(unknown)} party(ies) with no agreement in this hub. "
                           "Sign their agreements first, then load again.")
        ids = {p: self.agreement(p).party_id for p in ident["party"].unique()}
        expected_keys = pseudonymize([f"{ids[p]}|{s}" for p, s in zip(ident["party"], ident["source_id"])], self._key)
        if list(ident["record_key"]) != list(expected_keys):
            raise HubError("The record keys in identities.parquet were not made with this hub's key. Open the hub "
                           "with the key that wrote the files.")
