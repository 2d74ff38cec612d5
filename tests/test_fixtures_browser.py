"""The teaching page in a real browser: headless Chromium opens `credlib fixtures --format
html`, the evidence is visibly marked, nothing is fetched, and screenshots are saved in
test-artifacts/ for a person to look at.

Without chromium the test is skipped with a message saying how to install it; with
CREDLIB_REQUIRE_BROWSER=1 (CI) it fails instead (tests/browser.py).
"""

import pytest

from credlib import fixtures

from .browser import ARTIFACTS, LAUNCH_ARGS, require_chromium
from .helpers import ROOT

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_page(tmp_path):
    chromium = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=chromium, headless=True, args=LAUNCH_ARGS,
            viewport={"width": 1200, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()


def test_teaching_page_renders_with_marked_evidence_and_no_network(browser_page, tmp_path):
    result = fixtures.run_corpus(ROOT / "fixtures")
    page_file = tmp_path / "fixtures.html"
    page_file.write_text(fixtures.to_html(result), encoding="utf-8")

    requests: list[str] = []
    errors: list[str] = []

    def refuse_network(route):
        if not route.request.url.startswith("file://"):
            requests.append(route.request.url)
            return route.abort()
        return route.continue_()

    browser_page.route("**/*", refuse_network)
    page = browser_page.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(page_file.as_uri())

    shot = ARTIFACTS / "fixtures-report.png"
    page.screenshot(path=str(shot))  # the top: figures per signal and the article index
    assert page.title() == f"credlib fixtures: {len(result.articles)} articles"
    assert page.locator("section.article").count() == len(result.articles)

    # The tabloid's unnamed sources are highlighted in the sourcing.anonymous colour.
    tabloid = page.locator("#a-tabloid-miracle-berry")
    mark = tabloid.locator('mark[data-signal="sourcing.anonymous"]', has_text="Sources close to the industry").first
    mark.scroll_into_view_if_needed()
    assert mark.is_visible()
    box = mark.bounding_box()
    assert box is not None and box["width"] > 50 and box["height"] > 5
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") == "rgb(244, 163, 168)"
    assert "What a careful reader notices." in tabloid.inner_text()
    assert tabloid.locator("table").inner_text().count("found, as expected") >= 20

    # A trap left alone is underlined, not filled.
    trap = page.locator('#a-court-council-fraud mark.left-alone[data-signal="wording.loaded"]').first
    assert trap.evaluate("m => getComputedStyle(m).backgroundColor") == "rgba(0, 0, 0, 0)"

    assert requests == [] and errors == []
    tabloid.screenshot(path=str(ARTIFACTS / "fixtures-report-tabloid.png"))
    assert shot.stat().st_size > 20_000
