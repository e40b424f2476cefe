"""DuckDB and Spark (local mode) side by side: the same linkage, time, peak memory, precision, recall.

Run: ``python benchmarks/linkage_engines.py`` (scales 1 and 10; or give scales:
``python benchmarks/linkage_engines.py 1``). Needs the spark extra and Java (see
``helpers.linkage.engines.SPARK_SETUP``); without them only DuckDB is measured, and the
table says why.

For each scale a Riverbend community of 6,000 x scale students (seed 2026) is generated,
then, for each engine in a fresh subprocess, every partner roster that lists children is
linked to the district with ``helpers.linkage.link_probabilistic`` (threshold 0.9), the
same model on both engines (``engine=None`` or ``engine=spark``), and scored against the
ground truth. Spark runs in local mode on this machine (``local_spark(cores=2)``: two worker
threads, four shuffle partitions, 2 GB driver). Peak memory is the peak resident memory of
the whole process tree, sampled every 0.1 s, so for Spark it includes the Java virtual
machine. "start s" is the time to start the engine (Spark: launching the JVM).

**Where the crossover is, and why a cluster changes it.** On one machine, Spark local does
the same work as DuckDB plus overheads DuckDB does not have: a JVM to start, every SQL step
planned and scheduled as tasks, data moved between Python and the JVM, intermediate tables
written to the checkpoint directory (splink breaks Spark's lineage so plans stay small), and
the similarity functions run as Java UDFs rather than DuckDB's vectorized built-ins. Training
alone runs dozens of small queries (u sampling, each EM iteration), and each has a fixed cost
on Spark whatever the data size. Measured on a shared 2-core machine (2026-12-01), per
partner: at 1x (6,000 students) DuckDB 1.2-1.5 s, Spark 50-81 s; at 10x (60,000) DuckDB
2.4-5.2 s, Spark 111-199 s; peak memory 246 MB against 2.2 GB at 1x, 377 MB against 3.8 GB
at 10x (the JVM). The gap narrows (about 50x slower at 1x, 35-65x at 10x) only as the fixed
cost becomes a smaller share of the work, so we expect **no crossover on one machine** as
long as DuckDB's tables fit in memory and on disk (DuckDB spills to disk; it handles tens of
millions of records on one large server). Precision and recall agree within 0.0005; at 10x
one or two of several thousand links differ, because u comes from random pairs, which Spark
draws differently. Spark pays off on a **cluster**, when one machine
is no longer enough: the blocked pairs (which grow with the square of the number of
records sharing a blocking key, and reach billions for a state's tens of millions of
records) are spread over many executors, each with its own memory and cores, so time falls
roughly with the number of executors while DuckDB's is bounded by one machine's cores,
memory and disk. The crossover is therefore set by hardware, not by a record count: when
the pairs to score no longer fit one machine's memory or take longer than the nightly
window on its cores. For a district or a county, DuckDB; for a state longitudinal system
joining many agencies, a cluster.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

THRESHOLD = 0.9
BASE_STUDENTS = 6000
SEED = 2026
ROOT = Path(__file__).resolve().parents[1]

GENERATE = r"""
import pickle, sys
from helpers.riverbend import generate
n, out, seed = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
tables = generate(seed, n)
keep = ["students", "schools", "afterschool_roster", "mentoring_roster", "family_center_children", "linkage_truth"]
with open(out, "wb") as f:
    pickle.dump({k: tables[k] for k in keep}, f)
"""

LINK = r"""
import json, os, pickle, sys, threading, time, warnings, logging
warnings.simplefilter("ignore")
import psutil
from helpers import linkage
from helpers.linkage import engines

peak = [0]
stop = threading.Event()
def sample():
    me = psutil.Process(os.getpid())
    while not stop.is_set():
        try:
            total = me.memory_info().rss + sum(c.memory_info().rss for c in me.children(recursive=True))
            peak[0] = max(peak[0], total)
        except psutil.Error:
            pass
        time.sleep(0.1)
threading.Thread(target=sample, daemon=True).start()

path, engine_name, threshold = sys.argv[1], sys.argv[2], float(sys.argv[3])
with open(path, "rb") as f:
    t = pickle.load(f)
logging.getLogger("splink").setLevel(logging.ERROR)
students = t["students"].merge(t["schools"][["school_id", "school_name"]], on="school_id", how="left")
district = linkage.prepare(students, {"record_id": "student_id", "first_name": "first_name",
    "last_name": "last_name", "date_of_birth": "date_of_birth", "school": "school_name"}, name="students")
partners = {
    "afterschool_roster": {"record_id": "participant_id", "first_name": "first_name", "last_name": "last_name",
                           "date_of_birth": "date_of_birth", "school": "school"},
    "mentoring_roster": {"record_id": "mentee_id", "full_name": "full_name", "date_of_birth": "birth_date",
                         "school": "school"},
    "family_center_children": {"record_id": "child_id", "first_name": "first_name", "last_name": "last_name",
                               "date_of_birth": "date_of_birth", "school": "school"},
}
t0 = time.perf_counter()
engine = engines.local_spark(cores=2) if engine_name == "spark" else None
start_s = time.perf_counter() - t0
rows = []
for name, mapping in partners.items():
    left = linkage.prepare(t[name], mapping, name=name)
    truth = linkage.truth_for(t["linkage_truth"], name)
    t0 = time.perf_counter()
    result = linkage.link_probabilistic(left, district, threshold=threshold, engine=engine)
    seconds = time.perf_counter() - t0
    links = result.links()
    q = linkage.evaluate_links(links, truth)
    rows.append({"partner": name, "records": len(left), "students": len(district), "seconds": seconds,
                 "precision": q.precision, "recall": q.recall, "links": sorted(map(list, zip(links["left_id"], links["right_id"])))})
if engine is not None:
    engine.stop()
stop.set()
time.sleep(0.2)
print(json.dumps({"start_s": start_s, "peak_mb": peak[0] / 2**20, "rows": rows}))
"""


def run(scale: int, workdir: Path) -> dict:
    from helpers.linkage import engines

    n = BASE_STUDENTS * scale
    data = workdir / f"riverbend_{scale}x.pkl"
    subprocess.run([sys.executable, "-c", GENERATE, str(n), str(data), str(SEED)], check=True,
                   capture_output=True, text=True)
    out = {"scale": scale, "students": n}
    missing = engines.spark_available()
    for engine in ("duckdb", "spark"):
        if engine == "spark" and missing:
            out[engine] = {"skipped": missing}
            continue
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", LINK, str(data), engine, str(THRESHOLD)],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            out[engine] = {"crash": proc.stderr[-2000:]}
            continue
        out[engine] = json.loads(proc.stdout.strip().splitlines()[-1])
        out[engine]["wall_s"] = time.perf_counter() - t
    data.unlink()
    return out


def table(results: list[dict]) -> str:
    head = ("| scale | partner | records | students | DuckDB s | Spark s | DuckDB P | Spark P | DuckDB R | Spark R "
            "| same links |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    notes = []
    for r in results:
        d, s = r["duckdb"], r["spark"]
        for issue, engine in ((d, "DuckDB"), (s, "Spark")):
            if "skipped" in issue or "crash" in issue:
                notes.append(f"{r['scale']}x {engine}: " + issue.get("skipped", "CRASHED: " + issue.get("crash", "")
                                                                    .strip().splitlines()[-1]))
        if "rows" not in d:
            continue
        spark_rows = {row["partner"]: row for row in s.get("rows", [])}
        for row in d["rows"]:
            sr = spark_rows.get(row["partner"])
            cell = (lambda k, f: f.format(sr[k]) if sr else "-")
            same = ("yes" if sr["links"] == row["links"] else
                    f"no ({len({tuple(x) for x in sr['links']} ^ {tuple(x) for x in row['links']})} differ)") if sr else "-"
            lines.append(f"| {r['scale']}x | {row['partner']} | {row['records']:,} | {row['students']:,} | "
                         f"{row['seconds']:.1f} | {cell('seconds', '{:.1f}')} | {row['precision']:.4f} | "
                         f"{cell('precision', '{:.4f}')} | {row['recall']:.4f} | {cell('recall', '{:.4f}')} | {same} |")
        lines.append(f"| {r['scale']}x | engine start; peak memory (process tree) | | | {d['start_s']:.1f} s; "
                     f"{d['peak_mb']:.0f} MB | " + (f"{s['start_s']:.1f} s; {s['peak_mb']:.0f} MB" if "rows" in s
                                                    else "-") + " | | | | | |")
    return "\n".join(lines + [""] + [f"- {n}" for n in notes])


def main(scales: list[int]) -> None:
    import os

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for scale in scales:
            print(f"{scale}x: generating {BASE_STUDENTS * scale:,} students, linking on DuckDB and on Spark local "
                  f"({os.cpu_count()} cores here) ...", flush=True)
            results.append(run(scale, Path(tmp)))
            print(table(results[-1:]), flush=True)
    text = table(results)
    print(text)
    crossover = __doc__.split("**Where the crossover is, and why a cluster changes it.**")[1].strip()
    print("\nWhere the crossover is:", " ".join(crossover.split()))
    out = ROOT / "benchmarks" / "results" / "linkage_engines.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("# Linkage on DuckDB and on Spark local (same model; threshold 0.9; seed 2026)\n\n"
                   f"{text}\n\nTimes in seconds: linkage (training + prediction) per partner; engine start "
                   "separately. Peak memory of the linking process and its children (the JVM for Spark).\n\n"
                   "## Where the crossover is, and why a cluster changes it\n\n" + crossover + "\n",
                   encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1, 10])
