"""Binder readiness: what repo2docker will find and use."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_repo2docker_uses_the_root_environment():
    assert (ROOT / "environment.yml").is_file()
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists(), (
        "a binder/ folder would make repo2docker ignore the root environment.yml and postBuild"
    )
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert "python=3.11" in env["dependencies"]


def test_postbuild_installs_the_package_without_changing_versions():
    text = (ROOT / "postBuild").read_text()
    assert text.startswith("#!"), "postBuild needs a shebang line"
    assert re.search(r"pip install --no-deps -e \.", text), "postBuild must install helpers (and only it)"


def test_badge_opens_an_existing_lesson_in_jupyterlab():
    readme = (ROOT / "README.md").read_text()
    badge = re.search(r"\(https://mybinder\.org/v2/gh/[^)]*?urlpath=lab/tree/([^)&\s]+)\)", readme)
    assert badge, "README needs a Binder badge with urlpath=lab/tree/..."
    assert (ROOT / badge.group(1)).is_file(), f"the badge opens {badge.group(1)}, which does not exist"
    assert badge.group(1) == "lessons/00_welcome.ipynb"


def test_datasets_fit_in_the_repository():
    files = [p for p in (ROOT / "datasets").rglob("*") if p.is_file()]
    assert files
    total = sum(p.stat().st_size for p in files)
    assert total < 25 * 1024 * 1024, f"datasets/ is {total / 2**20:.1f} MB; keep it under 25 MB"
