"""Every lesson, opened and run in real JupyterLab in headless Chromium.

nbval proves the kernel side runs; this proves what a participant sees: the notebook
opens, every cell finishes, no cell shows an error (except cells tagged
``raises-exception``), and every widget renders. A screenshot of each lesson is saved
under ``test-artifacts/browser/``.

Needs Debian's ``chromium`` package (``.ci/run`` installs it). Without it the tests are
skipped with a message, unless ``CI`` or ``RIVERBEND_REQUIRE_BROWSER`` is set, when they
fail instead: the CI must never pass silently without the browser check.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LESSONS = sorted((ROOT / "lessons").glob("[0-9][0-9]_*.ipynb"))
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
REQUIRED = bool(os.environ.get("CI") or os.environ.get("RIVERBEND_REQUIRE_BROWSER"))

pytestmark = pytest.mark.browser


def _browser_available() -> str | None:
    if not Path(CHROMIUM).exists():
        return "Chromium is not installed (Debian: apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (make test installs it)"
    return None


MISSING = _browser_available()
if MISSING and not REQUIRED:
    pytest.skip(f"browser check skipped: {MISSING}", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on localhost, serving a scratch copy of the course folder (never the originals).

    Laid out like the repository, whose root ``make lab`` serves: lessons/, datasets/, docs/.
    """
    assert not MISSING, f"browser check required but {MISSING}"
    work = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "lessons", work / "lessons")
    for folder in ("datasets", "docs"):
        if (ROOT / folder).exists():
            shutil.copytree(ROOT / folder, work / folder)
    settings = work / "settings"
    tracker = settings / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True)
    # Render every cell (no virtual scrolling) so the whole notebook can be inspected.
    (tracker / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    apputils = settings / "@jupyterlab" / "apputils-extension"
    apputils.mkdir(parents=True)
    (apputils / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings),
               JUPYTERLAB_WORKSPACES_DIR=str(work / "workspaces"),
               JUPYTER_CONFIG_DIR=str(work / "config"), MPLBACKEND="module://matplotlib_inline.backend_inline")
    port = _free_port()
    log = open(work / "lab.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         "--ServerApp.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True", "--allow-root",
         f"--ServerApp.root_dir={work}", "--LabApp.news_url=None"],
        cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{url}/api/status", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.terminate()
        pytest.fail("JupyterLab did not start within 60 s:\n" + (work / "lab.log").read_text()[-2000:])
    yield url, work
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _run_all(page) -> None:
    import re

    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).first.click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).first.click()


def _wait_for_idle_kernel(page, timeout_s: float = 60) -> None:
    """Wait until the status bar says the kernel is connected and idle."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jp-StatusBar-TextItem')]"
        ".some(e => /\\|\\s*Idle/.test(e.textContent))",
        timeout=timeout_s * 1000,
    )
    time.sleep(1.0)


def _wait_until_done(page, n_code: int, timeout_s: float = 60) -> None:
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        prompts = page.locator(".jp-Notebook .jp-CodeCell .jp-InputPrompt").all_text_contents()  # hidden cells too
        done = [p for p in prompts if p.strip().startswith("[") and p.strip()[1:-2].strip().isdigit()]
        busy = any("*" in p for p in prompts)
        if len(done) >= n_code and not busy:
            return
        time.sleep(0.5)
    raise AssertionError(f"not every cell finished within {timeout_s:.0f} s; prompts: {prompts}")


def run_in_lab(url, work, browser, relpath: str) -> dict:
    """Open ``relpath`` in JupyterLab, Run All, save; return what the browser showed."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    messages: list[str] = []
    page.on("pageerror", lambda e: messages.append(str(e)))
    saved_path = work / relpath
    # A code cell whose source is hidden (plumbing) shows no input prompt, so count the others here;
    # problems() then checks in the saved notebook that every cell, hidden or not, ran.
    n_code = sum(c["cell_type"] == "code" and not c["metadata"].get("jupyter", {}).get("source_hidden")
                 for c in json.loads(saved_path.read_text())["cells"])
    try:
        page.goto(f"{url}/lab/workspaces/{Path(relpath).stem}/tree/{relpath}?reset", wait_until="domcontentloaded")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        _wait_for_idle_kernel(page)
        _run_all(page)
        _wait_until_done(page, n_code)
        _wait_for_idle_kernel(page)  # and let widget views finish rendering
        text = page.locator(".jp-Notebook").inner_text()
        rendered = page.locator(".jp-OutputArea-output .jupyter-widgets").count()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{Path(relpath).stem}.png"))
        # A second picture, of the first widget a participant can see (widgets inside a collapsed
        # Going further section are rendered but hidden), for a person to look at.
        visible = [w for w in page.locator(".jp-OutputArea-output .jupyter-widgets").all() if w.is_visible()]
        if visible:
            visible[0].scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / f"{Path(relpath).stem}-widget.png"))
        # Save from the browser, then read exactly what JupyterLab ran and showed.
        before = saved_path.stat().st_mtime_ns
        page.locator(".jp-Notebook").first.click(position={"x": 5, "y": 5})
        page.keyboard.press("Control+s")
        deadline = time.time() + 30
        while saved_path.stat().st_mtime_ns == before and time.time() < deadline:
            time.sleep(0.3)
        assert saved_path.stat().st_mtime_ns != before, "JupyterLab did not save the notebook"
        return {"saved": json.loads(saved_path.read_text()), "text": text, "widgets": rendered,
                "js_errors": messages}
    finally:
        page.close()
        _shut_down_kernels(url)


def _shut_down_kernels(url: str) -> None:
    """Stop the kernels a lesson started, so nine lessons do not hold nine kernels."""
    with urllib.request.urlopen(f"{url}/api/sessions", timeout=10) as reply:
        sessions = json.load(reply)
    for session in sessions:
        request = urllib.request.Request(f"{url}/api/sessions/{session['id']}", method="DELETE")
        urllib.request.urlopen(request, timeout=10).close()


def problems(seen: dict) -> list[str]:
    """Everything a participant would see go wrong."""
    found = []
    ran = [c for c in seen["saved"]["cells"] if c["cell_type"] == "code"]
    if not all(c["execution_count"] for c in ran):
        found.append("some cells never ran")
    for i, cell in enumerate(ran):
        tagged = "raises-exception" in cell.get("metadata", {}).get("tags", [])
        for out in cell["outputs"]:
            if out["output_type"] == "error" and not tagged:
                found.append(f"code cell {i + 1} shows {out['ename']}: {out['evalue']}")
    if "Error displaying widget" in seen["text"] or "Error rendering output" in seen["text"]:
        found.append("an output or widget failed to render")
    expected = sum("application/vnd.jupyter.widget-view+json" in json.dumps(c["outputs"]) for c in ran)
    if seen["widgets"] < expected:
        found.append(f"{expected} widget outputs, only {seen['widgets']} rendered")
    if seen["js_errors"]:
        found.append(f"JavaScript errors on the page: {seen['js_errors'][:3]}")
    return found


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_runs_in_jupyterlab(lab, browser, path):
    url, work = lab
    seen = run_in_lab(url, work, browser, f"lessons/{path.name}")
    assert not problems(seen)


def test_the_browser_check_catches_an_error(lab, browser):
    """A canary: an untagged failing cell must be reported, or the check above proves nothing."""
    import nbformat

    url, work = lab
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("import ipywidgets\nipywidgets.IntSlider(3)"),
                nbformat.v4.new_code_cell("1 / 0")]
    nbformat.write(nb, work / "canary.ipynb")
    seen = run_in_lab(url, work, browser, "canary.ipynb")
    assert seen["widgets"] >= 1, "the widget in the canary did not render"
    assert any("ZeroDivisionError" in p for p in problems(seen))


def test_glossary_link_in_a_lesson_opens_the_glossary(lab, browser):
    """Lessons link terms to ../docs/glossary.md#term: served like make lab, the link must work."""
    import re

    url, work = lab
    lesson = next(p for p in LESSONS if "../docs/glossary.md#" in p.read_text(encoding="utf-8"))
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{url}/lab/workspaces/glossary/tree/lessons/{lesson.name}?reset", wait_until="domcontentloaded")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        link = page.locator(".jp-RenderedMarkdown a[href*='glossary.md']").locator("visible=true").first
        try:
            link.wait_for(timeout=60_000)
        except Exception:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "glossary-link-missing.png"))
            raise
        # JupyterLab rewrites a relative link to the file's URL on the server (it may add an
        # ?_xsrf= query), keeping the #term.
        page.wait_for_function(
            "a => a.getAttribute('href').includes('/files/')", arg=link.element_handle(), timeout=30_000)
        href = link.get_attribute("href")
        assert re.search(r"/files/docs/glossary\.md(\?[^#]*)?#[a-z0-9-]+$", href), href
        assert page.request.get(href.split("#")[0]).status == 200, f"{href} does not load"
        assert page.request.get(f"{url}/files/docs/no-such-page.md").status == 404  # the check can fail
        # A participant clicks it: the glossary opens in JupyterLab, with no error dialog.
        link.click()
        page.locator(".lm-TabBar-tabLabel", has_text="glossary.md").first.wait_for(timeout=30_000)
        assert page.locator(".jp-Dialog").count() == 0, page.locator(".jp-Dialog").inner_text()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "glossary-link.png"))
    finally:
        page.close()
        _shut_down_kernels(url)
