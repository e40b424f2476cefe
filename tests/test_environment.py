"""pip (pyproject.toml) and conda/Binder (environment.yml) must pin the same versions."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==([A-Za-z0-9_.\-+]+)$")


def _pins(lines):
    pins = {}
    for line in lines:
        m = PIN.match(line.strip())
        assert m, f"not pinned to an exact version: {line!r}"
        pins[m.group(1).lower().replace("_", "-")] = m.group(2)
    return pins


def pyproject_pins():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    runtime = _pins(data["project"]["dependencies"])
    extras = {}
    for group in data["project"].get("optional-dependencies", {}).values():
        extras.update(_pins(group))
    return runtime, extras


def environment_pins():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda, pip = [], []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip += dep.get("pip", [])
        else:
            conda.append(dep)
    return conda, _pins(pip)


def test_every_dependency_is_pinned_exactly():
    runtime, extras = pyproject_pins()
    assert runtime and extras  # _pins asserts each line is name==version


def test_binder_environment_matches_pyproject():
    runtime, extras = pyproject_pins()
    conda, pip = environment_pins()
    assert "python=3.11" in conda, "environment.yml must pin Python 3.11 for Binder"
    missing = sorted(set(runtime) - set(pip))
    assert not missing, f"in pyproject.toml but not environment.yml: {missing}"
    everything = {**runtime, **extras}
    unknown = sorted(set(pip) - set(everything))
    assert not unknown, f"in environment.yml but not pyproject.toml: {unknown}"
    differ = {k: (everything[k], v) for k, v in pip.items() if everything[k] != v}
    assert not differ, f"versions differ (pyproject, environment.yml): {differ}"


def test_binder_installs_the_helpers_package():
    post = ROOT / "postBuild"
    assert post.exists(), "repo2docker needs postBuild to install this repository's package"
    assert post.stat().st_mode & 0o111, "postBuild must be executable"
    assert re.search(r"pip install .*-e \.", post.read_text())


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in readme and "make lab" in readme
    assert re.search(r"^make test\b", ci, re.M), ".ci/run must call the README's test command"


def _dry_run(target):
    """The commands ``make <target>`` would run from scratch (-B: as if nothing were installed)."""
    import subprocess

    return subprocess.run(["make", "-n", "-B", target], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout


def test_make_lab_serves_the_course_folder_and_opens_lesson_zero():
    """Served from the repository root, so ../docs/glossary.md links and docs/, datasets/ work."""
    line = [x for x in _dry_run("lab").splitlines() if "jupyter lab" in x]
    assert line and line[-1].rstrip().endswith("lessons/00_welcome.ipynb")
    assert "--ServerApp.root_dir=. " in line[-1], "make lab must serve the repository root, not lessons/"
    assert (ROOT / "lessons" / "00_welcome.ipynb").is_file()
    assert (ROOT / "docs" / "glossary.md").is_file()


def test_make_lab_installs_no_test_tools_and_says_how_long():
    lab = _dry_run("lab")
    installs = [x for x in lab.splitlines() if "pip install" in x and "--upgrade pip" not in x]
    assert installs and not any("[test" in x or "spark" in x for x in installs), installs
    assert not any("--quiet" in x for x in installs), "the big install must show its progress"
    assert "few minutes" in lab and "about 20 seconds" in lab
    assert any('".[test,spark]"' in x for x in _dry_run("test").splitlines() if "pip install" in x)


def test_spark_is_an_extra_for_tests_not_for_learners_or_binder():
    """pyspark (the linkage's Spark engine) is pinned in its own extra, which make test installs and
    make lab and Binder (environment.yml) do not; .ci/run installs the Java it needs."""
    runtime, _ = pyproject_pins()
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    spark = _pins(data["project"]["optional-dependencies"]["spark"])
    assert "pyspark" in spark and "pyspark" not in runtime
    _, pip = environment_pins()
    assert "pyspark" not in pip, "Binder stays on DuckDB: environment.yml must not install pyspark"
    ci = (ROOT / ".ci" / "run").read_text()
    assert "openjdk-17-jre-headless" in ci and "command -v java" in ci


def test_license_is_an_spdx_string():
    """A TOML table here makes every install print a setuptools deprecation warning, twice."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert isinstance(data["project"]["license"], str)
    assert "setuptools>=77" in data["build-system"]["requires"]


def test_constraints_agree_with_pyproject():
    """constraints.txt pins every indirect dependency; its direct pins must match pyproject.toml."""
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            m = PIN.match(line.strip())
            assert m, f"constraints.txt: not an exact pin: {line!r}"
            pins[m.group(1).lower().replace("_", "-")] = m.group(2)
    runtime, extras = pyproject_pins()
    differ = {k: (v, pins.get(k)) for k, v in {**runtime, **extras}.items() if pins.get(k) != v}
    assert not differ, f"pyproject.toml and constraints.txt disagree (run make constraints): {differ}"
    assert "riverbend-data-sharing" not in pins, "the project itself must not be in constraints.txt"
