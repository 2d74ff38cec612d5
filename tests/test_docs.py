from credlib.docs import signals_markdown

from .helpers import ROOT


def test_signals_reference_is_generated_from_the_lexicons():
    committed = (ROOT / "docs" / "signals.md").read_text(encoding="utf-8")
    assert committed == signals_markdown(), "docs/signals.md is stale: run `make docs`"


def test_readme_names_the_make_targets_that_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("demo", "test"):
        assert f"make {target}" in readme and f"\n{target}:" in makefile
