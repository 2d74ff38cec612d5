import pytest

from .helpers import EXAMPLES


@pytest.fixture
def example():
    def read(name: str) -> str:
        return (EXAMPLES / name).read_text(encoding="utf-8")

    return read


# -- server ------------------------------------------------------------------------------


@pytest.fixture
def server_env(monkeypatch):
    """No CREDLIB_* variable from the developer's shell leaks into a server test."""
    import os

    for name in [n for n in os.environ if n.startswith("CREDLIB_")]:
        monkeypatch.delenv(name)
    return monkeypatch


@pytest.fixture
def make_app(server_env):
    from server import create_app

    return lambda **overrides: create_app(overrides or None)


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def openapi(client):
    """The OpenAPI document as the server serves it."""
    return client.get("/openapi.json").get_json()


def pytest_terminal_summary(terminalreporter):
    """Print the figures the browser tests measured (not asserted: see bench/ for speed)."""
    from .browser import TIMINGS

    if TIMINGS:
        terminalreporter.section("measured timings")
        for what, ms in TIMINGS:
            terminalreporter.write_line(f"{what}: {ms:.0f} ms")
