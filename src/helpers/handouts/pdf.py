"""Print HTML handouts to PDF with headless Chromium (no LaTeX), and read the PDFs back.

Debian's ``chromium`` package does the printing (``.ci/run`` installs it for the CI; on a laptop:
``apt-get install chromium``). PDFs are not byte-for-byte reproducible (Chromium stamps a
date), so the kit keeps a manifest: for each PDF, the SHA-256 of the HTML it was printed from.
A PDF whose HTML has changed since is stale.

Example:
    >>> digest(b"abc")[:12]
    'ba7816bf8f01'
    >>> import tempfile, pathlib
    >>> missing = pathlib.Path(tempfile.gettempdir()) / "no-such-file.pdf"
    >>> page_count(missing)
    Traceback (most recent call last):
    ...
    FileNotFoundError: There is no PDF at ... run: make handouts
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--no-pdf-header-footer",
    "--run-all-compositor-stages-before-draw", "--virtual-time-budget=5000",
]


class ChromiumMissing(RuntimeError):
    """Headless Chromium is needed to print PDFs and is not installed."""


def chromium() -> str | None:
    """The Chromium program, or None when it is not installed."""
    for name in (os.environ.get("CHROMIUM", ""), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def digest(data: bytes) -> str:
    """SHA-256 of some bytes, as hex."""
    return hashlib.sha256(data).hexdigest()


def print_pdf(html: Path, pdf: Path, timeout: int = 120) -> Path:
    """Print one HTML file to ``pdf`` (Letter size comes from the page's own CSS)."""
    exe = chromium()
    if exe is None:
        raise ChromiumMissing("Printing PDFs needs headless Chromium. On Debian or Ubuntu: "
                              "apt-get install chromium. Or build only the HTML: python -m helpers.handouts --no-pdf")
    pdf.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="handouts-chromium-") as profile:
        cmd = [exe, *CHROMIUM_ARGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}",
               Path(html).resolve().as_uri()]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0 or not pdf.exists() or pdf.stat().st_size == 0:
        raise RuntimeError(f"Chromium could not print {html}:\n{done.stderr[-1500:]}")
    return pdf


def print_many(pairs: list[tuple[Path, Path]], workers: int = 2) -> list[Path]:
    """Print several HTML files, a couple at a time."""
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return list(pool.map(lambda pair: print_pdf(*pair), pairs))


def page_count(pdf: Path) -> int:
    """How many pages a PDF has."""
    pdf = Path(pdf)
    if not pdf.exists():
        raise FileNotFoundError(f"There is no PDF at {pdf}; run: make handouts")
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)


def page_texts(pdf: Path) -> list[str]:
    """The text on each page of a PDF."""
    from pypdf import PdfReader

    return [p.extract_text() or "" for p in PdfReader(str(pdf)).pages]


def screenshot(html: Path, png: Path, size: str = "816,1056", timeout: int = 120) -> Path:
    """A PNG of the top of an HTML page as Chromium draws it (Letter at 96 dpi by default)."""
    exe = chromium()
    if exe is None:
        raise ChromiumMissing("A screenshot needs headless Chromium (apt-get install chromium).")
    with tempfile.TemporaryDirectory(prefix="handouts-chromium-") as profile:
        cmd = [exe, *CHROMIUM_ARGS, f"--user-data-dir={profile}", f"--screenshot={png}",
               f"--window-size={size}", Path(html).resolve().as_uri()]
        subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if not Path(png).exists():
        raise RuntimeError(f"Chromium made no screenshot of {html}")
    return Path(png)
