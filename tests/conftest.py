import pytest

from .helpers import EXAMPLES


@pytest.fixture
def example():
    def read(name: str) -> str:
        return (EXAMPLES / name).read_text(encoding="utf-8")

    return read
