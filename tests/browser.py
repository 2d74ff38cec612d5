"""Shared set-up for the tests that drive a real browser (pytest marker ``browser``).

They use Debian's chromium (``apt-get install chromium``) through the PyPI playwright
package, never a browser downloaded by ``playwright install``.  Without chromium they
skip with a message saying how to install it, except when CREDLIB_REQUIRE_BROWSER=1 (as
in CI), where a missing browser is a failure.  Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import shutil
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
EXTENSION_DIR = ROOT / "extension"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
# Without the networking flags Chromium keeps trying Google's hosts, which this sandbox refuses.
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync"]
INSTALL_HINT = "install Debian's chromium (sudo apt-get install chromium) and the test extra (pip install -e .[test])"

TIMINGS: list[tuple[str, float]] = []  # printed at the end of the run (tests/conftest.py)


def require_chromium() -> str:
    """The chromium executable, or skip (fail when CREDLIB_REQUIRE_BROWSER=1)."""
    from .server_support import require_program

    try:
        import playwright  # noqa: F401
    except ImportError:
        require_program(None, f"playwright is not installed: {INSTALL_HINT}", "CREDLIB_REQUIRE_BROWSER")
    found = next((p for p in CHROMIUM_CANDIDATES if Path(p).exists()), None) or shutil.which("chromium")
    require_program(found, f"no chromium browser found: {INSTALL_HINT}", "CREDLIB_REQUIRE_BROWSER")
    ARTIFACTS.mkdir(exist_ok=True)
    return found


def record_timing(what: str, milliseconds: float) -> None:
    """Keep a figure to print after the run (measured, never asserted)."""
    TIMINGS.append((what, float(milliseconds)))
