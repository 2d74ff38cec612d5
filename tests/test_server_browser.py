"""The web page in headless Chromium (Debian's chromium, driven by Playwright).

A person pastes an article or chooses an .html file, and sees the score gauge, the label
and confidence, every signal with its summary, and the text with the evidence marked;
the explanation shows on hover and on keyboard focus; the page works at phone width and
loads nothing from another site.  Screenshots go to test-artifacts/.

Without chromium the tests are skipped with a message saying how to install it; with
CREDLIB_REQUIRE_BROWSER=1 (CI) they fail instead.
"""

import json

import pytest
from playwright.sync_api import expect

import credlib

from .browser import ARTIFACTS, LAUNCH_ARGS, require_chromium
from .helpers import EXAMPLES
from .server_support import gunicorn

expect.set_options(timeout=30_000)  # the default 5 s is short for a loaded 2-core machine

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    require_chromium()
    with gunicorn(tmp_path_factory.mktemp("browser-server"), CREDLIB_RATE_LIMIT="1000 per minute") as server:
        yield server


@pytest.fixture(scope="module")
def browser_context(live, tmp_path_factory):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=require_chromium(), headless=True,
            args=LAUNCH_ARGS, viewport={"width": 1100, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def page(browser_context, live):
    """A fresh tab on the server's page that records every request leaving for another origin."""
    page = browser_context.new_page()
    page.outside = []

    def guard(route):
        if route.request.url.startswith(live.url):
            route.continue_()
        else:
            page.outside.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.goto(live.url + "/")
    yield page
    assert page.outside == [], f"the page reached outside the server: {page.outside}"
    page.close()


def test_pasting_an_article_shows_the_score_signals_and_highlighted_evidence(page, live):
    text = (EXAMPLES / "tabloid.txt").read_text(encoding="utf-8")
    report = json.loads(credlib.score(text).to_json())
    page.fill("#text", text)
    page.click("#score")
    page.wait_for_selector("#result mark")
    gauge = page.locator("#result .gauge")
    assert gauge.get_attribute("aria-label") == f"Score {report['score']:.1f} of 100"
    meta = page.locator("#result .meta").inner_text()
    assert "LOW credibility signals" in meta and f"confidence {report['confidence']:.2f}" in meta
    # Every signal is listed with its summary; those of concern are open, so their summary shows.
    listed = page.locator("#result section.signals").text_content()
    for signal in report["signals"]:
        assert signal["title"] in listed and signal["summary"] in listed
    shown = page.locator("#result section.signals").inner_text()
    anonymous_summary = next(s["summary"] for s in report["signals"] if s["id"] == "sourcing.anonymous")
    assert anonymous_summary in shown
    anonymous = page.locator('#result article mark[data-signal="sourcing.anonymous"]').first
    assert anonymous.inner_text() == "sources close to the delegation"

    # Hovering a highlight shows its explanation.
    anonymous.hover()
    tip = page.locator("#tip")
    assert tip.is_visible()
    assert "Anonymous sourcing" in tip.inner_text() and "Unnamed source" in tip.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "server-page-desktop.png"), full_page=True)


def test_the_page_works_from_the_keyboard_alone(page):
    page.focus("#title")
    page.keyboard.type("Council approves budget")
    page.keyboard.press("Tab")
    page.keyboard.type("Sources close to the mayor said the budget was a disgrace. Experts say it is a disaster.")
    page.keyboard.press("Enter")  # a new line in the text area, not a submit
    for _ in range(6):  # text area -> file input -> score button
        if page.evaluate("document.activeElement.id") == "score":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "score"
    page.keyboard.press("Enter")
    page.wait_for_selector("#result mark")
    # Tab through the report until a highlight has the focus; its explanation shows.
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "MARK":
            break
    assert page.evaluate("document.activeElement.tagName") == "MARK"
    tip = page.locator("#tip")
    assert tip.is_visible()
    focused = page.evaluate("document.activeElement.dataset.tip")
    assert focused in tip.inner_text()
    page.keyboard.press("Escape")
    assert not tip.is_visible()


def test_choosing_an_html_file_scores_the_page(page):
    page.set_input_files("#file", str(EXAMPLES / "tabloid.html"))
    page.click("#score")  # at once: the page waits for the file to be read
    expect(page.locator("#file-status")).to_contain_text("tabloid.html")
    page.wait_for_selector("#result .gauge")
    expected = credlib.score(html=(EXAMPLES / "tabloid.html").read_text(encoding="utf-8"))
    assert page.locator("#result header h1").inner_text() == expected.title
    assert page.locator("#result .gauge").get_attribute("aria-label") == f"Score {expected.score:.1f} of 100"


def test_a_saved_page_in_another_charset_is_read_in_the_charset_it_declares(page, tmp_path):
    wire = (EXAMPLES / "wire-report.txt").read_text(encoding="utf-8")
    title, body = wire.split("\n", 1)
    html = (f"<html><head><meta charset='windows-1252'><title>Café owners — {title}</title></head><body><article>"
            f"<h1>Café owners — {title}</h1>" + "".join(f"<p>{p}</p>" for p in body.split("\n\n") if p.strip())
            + "<p>“Naïve,” said the café’s owner.</p></article></body></html>")
    saved = tmp_path / "cp1252.html"
    saved.write_bytes(html.encode("cp1252"))
    page.set_input_files("#file", str(saved))
    page.click("#score")
    page.wait_for_selector("#result .gauge")
    expected = credlib.score(html=html)
    assert page.locator("#result header h1").inner_text() == expected.title
    assert "Café owners" in expected.title and "“Naïve,”" in page.locator("#result").inner_text()
    assert page.locator("#result .gauge").get_attribute("aria-label") == f"Score {expected.score:.1f} of 100"
    # without a declared charset, the page cannot be read as anything but a guess
    (tmp_path / "unknown.html").write_bytes(html.replace("<meta charset='windows-1252'>", "").encode("cp1252"))
    page.set_input_files("#file", str(tmp_path / "unknown.html"))
    expect(page.locator("#error")).to_contain_text(
        "unknown.html is not valid UTF-8 and does not say which charset it is in; save it as UTF-8.")
    assert page.locator("#result").inner_text() == ""  # the report before is not left under the error


def test_a_rate_limited_request_says_how_long_to_wait(page):
    page.route("**/v1/score", lambda route: route.fulfill(
        status=429, headers={"Retry-After": "30", "Content-Type": "application/json"},
        body=json.dumps({"error": {"code": "rate_limited", "message": "Too many requests."}})))
    page.fill("#text", (EXAMPLES / "wire-report.txt").read_text(encoding="utf-8"))
    page.click("#score")
    expect(page.locator("#error")).to_have_text("Too many articles from this address for now: try again in 30 s.")


def test_errors_are_shown_in_plain_words(page):
    page.click("#score")
    error = page.locator("#error")
    assert error.is_visible() and "Paste the article's text" in error.inner_text()
    page.fill("#text", "x" * (2 * 1024 * 1024 + 10))  # over the server's limit: the server's message shows
    page.click("#score")
    expect(error).to_contain_text("larger than the limit")  # (the page's CSP forbids wait_for_function's eval)
    assert page.locator("#result").inner_text() == ""


def test_the_page_is_readable_at_phone_width(browser_context, live):
    page = browser_context.new_page()
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(live.url + "/")
    page.fill("#title", "Minister SLAMS rival as trade talks COLLAPSE!")
    page.fill("#text", (EXAMPLES / "tabloid.txt").read_text(encoding="utf-8"))
    page.click("#score")
    page.wait_for_selector("#result mark")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # no sideways scrolling
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('#result article')).fontSize)") >= 14
    page.locator("#result article mark").first.hover()
    box = page.locator("#tip").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "server-page-phone.png"), full_page=True)
    page.close()


HOLD_FILE_READS = """() => {
    // Every file read waits for the test to release it, so the user can act meanwhile.
    const read = Blob.prototype.arrayBuffer;
    window.heldReads = [];
    Blob.prototype.arrayBuffer = function () {
        const reading = read.call(this);
        return new Promise((resolve, reject) => window.heldReads.push(() => reading.then(resolve, reject)));
    };
}"""
RELEASE_FILE_READS = """async () => {
    await Promise.all(window.heldReads.map((release) => release()));
    await new Promise((done) => setTimeout(done));  // the page's own callbacks have run
}"""


def test_a_file_read_that_ends_after_switching_to_the_pasted_text_is_ignored(page, tmp_path):
    page.set_input_files("#file", str(EXAMPLES / "tabloid.html"))
    expect(page.locator("#file-status")).to_contain_text("The page in tabloid.html will be scored")
    # The user chooses another page, and while it is still being read, changes their mind.
    page.evaluate(HOLD_FILE_READS)
    other = tmp_path / "other.html"
    other.write_text((EXAMPLES / "tabloid.html").read_text(encoding="utf-8"), encoding="utf-8")
    page.set_input_files("#file", str(other))
    page.click("#clear-file")  # "Use the pasted text instead"
    page.evaluate(RELEASE_FILE_READS)
    assert page.locator("#file-status").inner_text() == ""
    assert not page.locator("#clear-file").is_visible()
    text = (EXAMPLES / "wire-report.txt").read_text(encoding="utf-8")
    page.fill("#text", text)
    page.click("#score")
    page.wait_for_selector("#result .gauge")
    expected = credlib.score(text)
    assert page.locator("#result .gauge").get_attribute("aria-label") == f"Score {expected.score:.1f} of 100"
    assert page.locator("#result header h1").inner_text() == expected.title


def test_a_file_chosen_while_a_submit_waits_for_the_last_read_is_the_one_scored(page, tmp_path):
    page.evaluate(HOLD_FILE_READS)
    page.set_input_files("#file", str(EXAMPLES / "tabloid.html"))
    page.click("#score")  # waits for the read under way
    wire = (EXAMPLES / "wire-report.txt").read_text(encoding="utf-8")
    title, body = wire.split("\n", 1)
    second = tmp_path / "second.html"
    second.write_text(f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
                      + "".join(f"<p>{p}</p>" for p in body.split("\n\n") if p.strip())
                      + "</article></body></html>", encoding="utf-8")
    page.set_input_files("#file", str(second))
    # The first file's read ends first (the submit was waiting for it), then the second's.
    page.evaluate("async () => { await window.heldReads[0](); await new Promise((done) => setTimeout(done, 50)); }")
    page.evaluate("async () => { await window.heldReads[1](); }")
    page.wait_for_selector("#result .gauge")
    expected = credlib.score(html=second.read_text(encoding="utf-8"))
    assert page.locator("#result .gauge").get_attribute("aria-label") == f"Score {expected.score:.1f} of 100"
    assert not page.locator("#error").is_visible()


def test_a_file_under_the_limit_whose_request_would_be_over_it_is_refused_before_sending(page, tmp_path):
    # Quotes and line ends are escaped in the JSON sent: the body is larger than the file.
    line = '<p class="quote">"We will not comment," a spokesperson said.</p>\n'
    big = tmp_path / "big.html"
    big.write_text("<html><body>" + line * (2_090_000 // len(line)) + "</body></html>", encoding="utf-8")
    assert big.stat().st_size < 2 * 1024 * 1024
    posted = []
    page.on("request", lambda request: posted.append(request.url) if request.method == "POST" else None)
    page.set_input_files("#file", str(big))
    expect(page.locator("#file-status")).to_contain_text("big.html will be scored")
    page.click("#score")
    error = page.locator("#error")
    expect(error).to_contain_text("The page in big.html is larger than the limit")
    expect(error).to_contain_text("the server accepts at most 2,097,152 bytes")
    assert posted == [] and page.locator("#result").inner_text() == ""
