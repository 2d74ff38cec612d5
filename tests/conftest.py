import pytest

from .helpers import EXAMPLES


@pytest.fixture
def example():
    def read(name: str) -> str:
        return (EXAMPLES / name).read_text(encoding="utf-8")

    return read


def pytest_terminal_summary(terminalreporter):
    """Print the figures the browser tests measured (not asserted: see bench/ for speed)."""
    from .browser import TIMINGS

    if TIMINGS:
        terminalreporter.section("measured timings")
        for what, ms in TIMINGS:
            terminalreporter.write_line(f"{what}: {ms:.0f} ms")
