"""Linkage quality, time and peak memory: Riverbend partners to district at 1x, 10x and 100x.

Run: ``python benchmarks/linkage.py`` (or give scales: ``python benchmarks/linkage.py 1 10``).

For each scale a community of 6,000 x scale students is generated (seed 2026), then, in a
fresh subprocess (so peak memory is this linkage's own), every partner roster that lists
children (after-school, mentoring, family-center children) is linked to the district with

* the transparent rule matcher (``helpers.linkage.match_rules``), and
* splink (``helpers.linkage.link_probabilistic``) at the lesson's threshold, 0.9,

and scored against the ground truth. Targets at 1x: precision >= 0.99 and recall >= 0.97 per
partner; children who are not district students must not be linked. Prints a table and
writes it to ``benchmarks/results/linkage.md``.
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
ROOT = Path(__file__).resolve().parents[1]

GENERATE = r"""
import pickle, sys, time
from helpers.riverbend import generate
n, out = int(sys.argv[1]), sys.argv[2]
t = time.perf_counter()
tables = generate(2026, n)
keep = ["students", "schools", "afterschool_roster", "mentoring_roster", "family_center_children", "linkage_truth"]
with open(out, "wb") as f:
    pickle.dump({k: tables[k] for k in keep}, f)
print(time.perf_counter() - t)
"""

LINK = r"""
import json, pickle, resource, sys, time
from helpers import linkage
path = sys.argv[1]; threshold = float(sys.argv[2])
with open(path, "rb") as f:
    t = pickle.load(f)
students = t["students"].merge(t["schools"][["school_id", "school_name"]], on="school_id", how="left")
start = time.perf_counter()
district = linkage.prepare(students, {"record_id": "student_id", "first_name": "first_name",
    "last_name": "last_name", "date_of_birth": "date_of_birth", "school": "school_name"}, name="students")
prep_s = time.perf_counter() - start
partners = {
    "afterschool_roster": {"record_id": "participant_id", "first_name": "first_name", "last_name": "last_name",
                           "date_of_birth": "date_of_birth", "school": "school"},
    "mentoring_roster": {"record_id": "mentee_id", "full_name": "full_name", "date_of_birth": "birth_date",
                         "school": "school"},
    "family_center_children": {"record_id": "child_id", "first_name": "first_name", "last_name": "last_name",
                               "date_of_birth": "date_of_birth", "school": "school"},
}
rows = []
for name, mapping in partners.items():
    left = linkage.prepare(t[name], mapping, name=name)
    truth = linkage.truth_for(t["linkage_truth"], name)
    outsiders = set(truth.loc[truth["right_id"] == "", "left_id"])
    t0 = time.perf_counter()
    rules = linkage.match_rules(left, district)
    rules_s = time.perf_counter() - t0
    q_rules = linkage.evaluate_links(rules, truth)
    t0 = time.perf_counter()
    result = linkage.link_probabilistic(left, district, threshold=threshold)
    splink_s = time.perf_counter() - t0
    links = result.links()
    q = linkage.evaluate_links(links, truth)
    rows.append({"partner": name, "records": len(left), "students": len(district),
                 "rules_precision": q_rules.precision, "rules_recall": q_rules.recall, "rules_s": rules_s,
                 "precision": q.precision, "recall": q.recall, "f1": q.f1, "false": len(q.false_matches),
                 "missed": len(q.missed), "outsiders_linked": len(outsiders & set(links["left_id"])),
                 "pairs_scored": len(result.scored), "splink_s": splink_s})
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"prep_s": prep_s, "peak_mb": peak, "rows": rows}))
"""


def run(scale: int, workdir: Path) -> dict:
    n = BASE_STUDENTS * scale
    data = workdir / f"riverbend_{scale}x.pkl"
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", GENERATE, str(n), str(data)], check=True, capture_output=True, text=True)
    gen_s = time.perf_counter() - t
    out = subprocess.run([sys.executable, "-c", LINK, str(data), str(THRESHOLD)], check=True,
                         capture_output=True, text=True)
    data.unlink()
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result.update(scale=scale, students=n, generate_s=gen_s)
    return result


def table(results: list[dict]) -> str:
    head = ("| scale | partner | records | students | rules P | rules R | rules s | splink P | splink R | F1 "
            "| false | missed | outsiders linked | pairs scored | splink s | peak MB |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in results:
        for row in r["rows"]:
            lines.append(
                f"| {r['scale']}x | {row['partner']} | {row['records']:,} | {row['students']:,} | "
                f"{row['rules_precision']:.4f} | {row['rules_recall']:.4f} | {row['rules_s']:.2f} | "
                f"{row['precision']:.4f} | {row['recall']:.4f} | {row['f1']:.4f} | {row['false']} | "
                f"{row['missed']} | {row['outsiders_linked']} | {row['pairs_scored']:,} | "
                f"{row['splink_s']:.2f} | {r['peak_mb']:.0f} |")
    return "\n".join(lines)


def main(scales: list[int]) -> None:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for scale in scales:
            print(f"{scale}x: generating {BASE_STUDENTS * scale:,} students and linking ...", flush=True)
            results.append(run(scale, Path(tmp)))
    text = table(results)
    print(text)
    targets = []
    for r in results:
        for row in r["rows"]:
            ok = row["precision"] >= 0.99 and row["recall"] >= 0.97 and row["outsiders_linked"] == 0
            targets.append(f"{r['scale']}x {row['partner']}: {'meets' if ok else 'MISSES'} target "
                           f"(precision >= 0.99, recall >= 0.97, no outsiders linked)")
    print("\n".join(targets))
    out = ROOT / "benchmarks" / "results" / "linkage.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(f"# Linkage benchmark (threshold {THRESHOLD})\n\n{text}\n\n" + "\n".join(f"- {t}" for t in targets)
                   + "\n\nTimes in seconds (rules = rule matcher; splink = training + prediction). "
                   "Peak MB = peak resident memory of the linking process (data loading included).\n",
                   encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1, 10, 100])
