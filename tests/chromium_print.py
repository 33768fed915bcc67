"""A page of HTML printed by Debian's `chromium --headless --print-to-pdf`, for tests that set one
page of their own (the matrix's producer is producers/chromium.py, whose flags this takes)."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from producers.chromium import FLAGS


def print_html(html: str, pdf: Path) -> Path:
    """`pdf`: the page `html` printed (written beside it as .html, with a profile of its own)."""
    page = pdf.with_suffix(".html")
    page.write_text(html, encoding="utf-8")
    with tempfile.TemporaryDirectory(dir=pdf.parent) as profile:
        subprocess.run(["chromium", *FLAGS, f"--user-data-dir={profile}",
                        f"--print-to-pdf={pdf}", page.resolve().as_uri()],
                       check=True, capture_output=True, timeout=300, stdin=subprocess.DEVNULL)
    return pdf
