import pytest

import credlib
from credlib.document import Document, infer_title, looks_like_html


def test_title_is_first_substantial_line_and_body_follows():
    text = "\n\n  Council approves flood barrier\n\nThe council voted on Tuesday.\n"
    doc = Document.from_text(text)
    assert doc.title == "Council approves flood barrier"
    assert doc.body == "The council voted on Tuesday.\n"


def test_breadcrumb_line_is_dropped():
    doc = Document.from_text("Home | News | World\nTrade talks collapse after walk-out\n\nDelegates left the room.")
    assert doc.title == "Trade talks collapse after walk-out"
    assert doc.body.startswith("Delegates left the room.")


def test_breadcrumbs_glued_to_the_title_are_cut_off():
    doc = Document.from_text(
        "Home Latest Insights | News Trade Talks Collapse As Delegation Walks Out\n\n"
        "Delegates left the room on Tuesday after a dispute over tariffs."
    )
    assert doc.title == "Trade Talks Collapse As Delegation Walks Out"


def test_glued_breadcrumbs_prefer_the_clean_repeated_title():
    doc = Document.from_text(
        "Home Latest Insights | News Trade Talks Collapse As Delegation Walks Out\n"
        "Trade Talks Collapse As Delegation Walks Out\n\n"
        "Delegates left the room on Tuesday."
    )
    assert doc.title == "Trade Talks Collapse As Delegation Walks Out"
    assert doc.body == "Delegates left the room on Tuesday."


def test_repeated_title_lines_are_skipped():
    doc = Document.from_text("Flood barrier approved\nFlood barrier approved\n\nThe council voted.")
    assert doc.title == "Flood barrier approved"
    assert doc.body == "The council voted."


BODY = (
    "The council voted on Tuesday to approve the road repair plan, officials said. "
    "Council member Ana Ruiz said the work would start in the spring and last two years, "
    "beginning with the northern districts where drivers had complained most.\n\n"
    "The finance office said reserves and a small rise in parking fees would pay for it, "
    "and that a progress report would be published every quarter on the council's website.\n\n"
    "The plan passed by seven votes to two. Opponents said the money should go to schools, "
    "and asked to see the audit before the next vote in June."
)


@pytest.mark.parametrize(
    "headline",
    [
        "7 shocking reasons the road budget will fail",
        "10 injured as storm hits coast",
        "$2m road repair budget approved",
        "iPhone ban at schools begins",
        "’90s-era bridges to be rebuilt",
    ],
)
def test_headline_starting_with_a_digit_or_a_lower_case_name_is_the_title(headline):
    doc = Document.from_text(f"{headline}\n\n{BODY}")
    assert doc.title == headline
    assert doc.body == BODY


def test_listicle_headline_is_judged_as_a_headline():
    report = credlib.score(f"7 shocking reasons the road budget will fail\n\n{BODY}")
    sensational = report.signal("headline.sensational")
    assert sensational.status == "ok" and sensational.score > 0
    assert all(f.field == "title" for f in sensational.findings)


@pytest.mark.parametrize(
    "first_line, title",
    [
        # a short headline beside a site name or a section is not a breadcrumb
        ("Mayor resigns | The Daily Courier", "Mayor resigns | The Daily Courier"),
        ("Opinion | Why potholes matter", "Why potholes matter"),
        ("News | Council approves budget", "Council approves budget"),
        # a short headline at the end of a trail is the title
        ("Home › News › Mayor resigns", "Mayor resigns"),
        ("Home » Politics » Arsenal beat Chelsea", "Arsenal beat Chelsea"),
    ],
)
def test_a_short_headline_beside_a_site_name_or_section_or_ending_a_trail_is_the_title(first_line, title):
    doc = Document.from_text(f"{first_line}\n\n{BODY}")
    assert doc.title == title
    assert doc.body == BODY


def test_two_section_words_are_still_a_breadcrumb():
    doc = Document.from_text(f"Home | News\nCouncil approves budget\n\n{BODY}")
    assert doc.title == "Council approves budget"
    assert doc.body == BODY


@pytest.mark.parametrize("above", [
    "BY JANE OKAFOR", "By Jane Okafor | March 3, 2024", "March 3, 2024", "Updated: 2024-03-03 10:32 EST",
    "BY JANE OKAFOR AND TOM REYES",
])
def test_a_byline_or_date_above_the_headline_stays_in_the_body(above):
    doc = Document.from_text(f"{above}\nHarbour board approves ferry budget\n\n{BODY}")
    assert doc.title == "Harbour board approves ferry budget"
    assert doc.body == f"{above}\n{BODY}"


@pytest.mark.parametrize("trail", ["Home › World › Middle East", "Home » Sport » Premier League", "Home | Local | City Hall"])
def test_a_trail_ending_in_a_section_over_the_first_paragraph_gives_no_title(trail):
    doc = Document.from_text(f"{trail}\n{BODY}")
    assert doc.title is None


@pytest.mark.parametrize("below", ["By Jane Okafor", "March 3, 2024", "Advertisement"])
def test_a_trail_headline_keeps_its_title_over_a_byline_date_or_label(below):
    doc = Document.from_text(f"Home › News › Mayor resigns\n{below}\n{BODY}")
    assert doc.title == "Mayor resigns"
    assert doc.body == f"{below}\n{BODY}"


@pytest.mark.parametrize("headline, gap", [
    ("BY THE NUMBERS: HOW THE FERRY BUDGET GREW", "\n\n"),
    ("BY ANY MEANS NECESSARY", "\n"),  # right over the first paragraph: no headline below it
])
def test_an_all_caps_headline_starting_with_by_is_the_title(headline, gap):
    assert Document.from_text(f"{headline}{gap}{BODY}").title == headline


@pytest.mark.parametrize("page", [
    "<!-- " + "licence text " * 300 + "-->\n<!DOCTYPE html><html><body><p>x</p></body></html>",
    "<!-- saved from url=(0041)https://news.example.org/ -->\n<html><body><table><tr><td>x</td></tr></table></body></html>",
])
def test_a_page_starting_with_comments_is_html(page):
    assert looks_like_html(page)


def test_a_trail_ending_in_a_section_above_the_headline_is_dropped():
    doc = Document.from_text(f"Home › World › Middle East\n\nCeasefire agreed in harbour talks\n\n{BODY}")
    assert doc.title == "Ceasefire agreed in harbour talks"
    assert doc.body == BODY


def test_headline_repeated_without_the_site_name_is_dropped_from_the_body():
    text = f"Mayor arrested over pothole fraud | The Daily Courier\nMayor arrested over pothole fraud\n\n{BODY}"
    doc = Document.from_text(text)
    assert doc.title == "Mayor arrested over pothole fraud | The Daily Courier"
    assert doc.body == BODY
    # The body never mentions the arrest: with the headline's copy gone from the body, that shows.
    representative = credlib.score_document(doc).signal("headline.representative")
    assert {f.text for f in representative.findings} >= {"arrested", "fraud"}


def test_byline_above_the_headline_stays_in_the_body():
    doc = Document.from_text(f"By Jane Okafor\nCouncil approves road repair budget\n\n{BODY}")
    assert doc.title == "Council approves road repair budget"
    assert doc.body == "By Jane Okafor\n" + BODY
    report = credlib.score_document(doc)
    byline = report.signal("provenance.byline")
    assert [f.text for f in byline.findings] == ["By Jane Okafor"]
    assert report.label == "high"


@pytest.mark.parametrize("label", ["World", "LOCAL NEWS", "Advertisement"])
def test_section_label_above_the_headline_is_not_the_title(label):
    doc = Document.from_text(f"{label}\nCouncil approves road repair budget\n\n{BODY}")
    assert doc.title == "Council approves road repair budget"
    assert doc.body == BODY


def test_page_title_with_site_name_does_not_keep_the_h1_in_the_body():
    html = (
        "<html><head><title>Mayor arrested over pothole fraud - Daily Courier</title></head><body><article>"
        "<h1>Mayor arrested over pothole fraud</h1>"
        + "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
        + "</article></body></html>"
    )
    doc = credlib.build_document(html=html)
    assert "Mayor arrested" not in doc.body
    assert {f.text for f in credlib.score_document(doc).signal("headline.representative").findings} >= {"arrested"}


@pytest.mark.parametrize(
    "text",
    [
        "officials said on Tuesday that the talks would resume next week after a pause.",
        "The talks, which began in March and were meant to end in June, collapsed on Tuesday after the "
        "delegation walked out and ministers refused to return to the table.\n\nMore followed.",
        "The delegation walked out of the talks on Tuesday afternoon after\nministers refused to return.",
    ],
)
def test_text_starting_mid_paragraph_has_no_title(text):
    doc = Document.from_text(text)
    assert doc.title is None
    assert doc.body == text
    report = credlib.score_document(doc)
    assert report.signal("headline.sensational").status == "not_applicable"


def test_headline_only_item():
    title, start, kept = infer_title("Minister resigns over expenses\n")
    assert title == "Minister resigns over expenses"
    doc = Document.from_text("Minister resigns over expenses\n")
    assert doc.body == ""


def test_given_title_keeps_text_unchanged():
    text = "Home | News\r\nBody line one.\r\n\r\nBody line two."
    doc = Document.from_text(text, title="A title")
    assert doc.title == "A title" and doc.body == text


def test_lower_case_copy_keeps_offsets_for_expanding_characters():
    doc = Document.from_text("İstanbul SOURCES SAY", title="x")
    assert len(doc.body_lower) == len(doc.body)
    assert doc.body_lower.endswith("sources say")


def test_html_detection():
    assert looks_like_html("<!DOCTYPE html><html><body><p>x</p></body></html>")
    assert looks_like_html("  <html>\n<head></head></html>")
    assert not looks_like_html("Prices rose <5% last year, and 3 > 2.")
    assert looks_like_html("<!-- saved from a browser -->\n<html><body><p>x</p></body></html>")
    assert looks_like_html("\n<h1>Plan</h1><p>One.</p><p>Two <a href='/x'>link</a>.</p>")  # a fragment


def test_prose_that_mentions_tags_is_text_with_its_body_unchanged():
    body = ("A paragraph goes in a <p> element, a block in a <div> and inline text in a <span> element, "
            "experts say, and a comment looks like <!-- this -->.\n")
    assert not looks_like_html(body)
    report = credlib.score(body, title="Why your HTML is wrong", include_text=True)
    assert report.body == body
    comment_first = "<!-- Comments in code matter --> Programmers leave notes for the next reader, experts say."
    assert credlib.score(comment_first, title="Code comments", include_text=True).body == comment_first


def test_html_main_text_metadata_links_and_boilerplate(example):
    doc = credlib.build_document(html=example("tabloid.html"))
    assert doc.source == "html"
    assert doc.title == "MIRACLE Cure DESTROYS Big Pharma — Doctors STUNNED!"
    assert not doc.body.startswith("MIRACLE")  # the h1 is the title, not body text
    assert "sources close to the industry" in doc.body
    # navigation, related posts, comments and the comment form stay out of the body ...
    for boilerplate in ("Privacy Policy", "Related Posts", "Leave a Reply", "worked for my knees", "Share on Facebook"):
        assert boilerplate not in doc.body
    # ... but are remembered for the page signals
    teasers = [b.text for b in doc.boilerplate if b.link]
    assert "The SHOCKING Truth About The Vitamin They Tried To HIDE" in teasers
    assert "Home" in teasers


def test_html_author_date_and_outbound_links():
    page = """<html><head><title>Port council votes | Alder Times</title>
    <meta name="author" content="Lena Marsh">
    <meta property="article:published_time" content="2025-10-14T09:00:00Z"></head>
    <body><nav><a href="/">Home</a></nav><article><h1>Port council votes on barrier</h1>
    <p>The council voted 7-2 on Tuesday to fund the barrier, according to the
    <a href="https://portalder.example.gov/minutes">published minutes</a> of the meeting.</p>
    <p>The engineering study is <a href="/flood-study">on our site</a> and was reviewed by outside experts
    over several months before the vote was scheduled for the autumn session.</p></article></body></html>"""
    doc = credlib.build_document(html=page, url="https://aldertimes.example.com/news/1")
    assert doc.author == "Lena Marsh"
    assert doc.date == "2025-10-14"
    assert [link.url for link in doc.links] == ["https://portalder.example.gov/minutes"]


def test_a_page_dated_after_today_keeps_its_date():
    # the date extraction used to drop dates after the machine's today: the same page got
    # another date (here the one in the text) until that day came
    import datetime

    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    page = (f'<html><head><meta property="article:published_time" content="{tomorrow}T08:00:00Z"></head>'
            "<body><article><h1>Council votes</h1>" + "<p>The council voted on the plan after a long debate. " * 30
            + "</p><p>Filed 2025-11-01</p></article></body></html>")
    assert credlib.build_document(html=page).date == tomorrow


def test_malformed_link_addresses_are_skipped_not_raised():
    page = """<html><body><article><h1>Port council votes on barrier</h1>
    <p>The council voted 7-2 on Tuesday to fund the barrier after a long debate about its costs,
    according to the <a href="https://portalder.example.gov/minutes">published minutes</a>;
    <a href="http://[oops]/">the annex</a> was not ready, and <a href="/study">the study</a> is on our site.</p>
    """ + "".join(f"<p>Engineers from the port authority presented design {n} of the barrier and answered questions "
                  f"from {n + 20} residents about its cost, its height and the years of work it needs.</p>" for n in range(12)) + """
    </article></body></html>"""
    doc = credlib.build_document(html=page)
    assert [link.url for link in doc.links] == ["https://portalder.example.gov/minutes"]
    # A malformed page address resolves nothing: relative links are left out, absolute ones kept.
    doc = credlib.build_document(html=page, url="http://[::1/news")
    assert [link.url for link in doc.links] == ["https://portalder.example.gov/minutes"]
    report = credlib.score(html=page, url="http://[::1/news")
    citations = next(s for s in report.signals if s.id == "evidence.citations")
    assert [(f.text, f.extra) for f in citations.findings if f.extra] == [
        ("published minutes", {"url": "https://portalder.example.gov/minutes"})]


def test_html_article_in_divs_keeps_a_link_list_out_of_the_body():
    sentences = " ".join(
        f"The city council voted on item {i} on Tuesday after a long debate about the harbour budget." for i in range(8)
    )
    links = "".join(f'<li><a href="/n{i}">Other story number {i}</a></li>' for i in range(3))
    page = f"<html><body><ul>{links}</ul><div>{sentences}</div></body></html>"
    doc = credlib.build_document(html=page)
    assert doc.body.startswith("The city council voted on item 0")
    assert "Other story number" not in doc.body
    assert "Other story number 0" in doc.page_text  # set aside with the page around the article


def test_html_without_a_date_gets_none_not_the_copyright_year():
    page = ("<html><body><article><h1>Council votes</h1>" + "<p>The council voted on the plan today. " * 30
            + "</p></article><footer>Copyright 2025 Alder Times</footer></body></html>")
    doc = credlib.build_document(html=page)
    assert doc.date is None
    report = credlib.score_document(doc)
    assert report.signal("provenance.date").score == 1.0


def test_a_page_of_many_elements_is_read_without_the_slow_fallbacks_and_too_many_are_refused():
    from credlib import extract

    article = "".join(f"<p>The council met on Tuesday for the {i}th time, said Mayor Ana Ruiz.</p>" for i in range(40))
    # A run of thousands of short blocks: trafilatura's jusText fallback takes time growing
    # with the square of such a run, so above FAST_ABOVE elements it is not used; the
    # article is still found and the menu set aside.
    menu = "<ul>" + "<li><a href='/tag'>Tag</a></li>" * (extract.FAST_ABOVE // 2) + "</ul>"
    doc = credlib.build_document(html=f"<html><body><article>{article}</article>{menu}</body></html>")
    assert "the 39th time, said Mayor Ana Ruiz." in doc.body and "Tag" not in doc.body
    too_many = "<ul>" + "<li>x</li>" * extract.MAX_ELEMENTS + "</ul>"
    with pytest.raises(credlib.PageTooComplex, match=r"^the page has 25,\d{3} HTML elements; credlib reads pages of "
                       r"up to 25,000 \(send the article's text without the page\)$"):
        credlib.build_document(html=f"<html><body><article>{article}</article>{too_many}</body></html>")


def test_a_self_closing_html_tag_does_not_end_the_page():
    # "<html lang="en" />" ends the document for libxml2; trafilatura repairs it when it
    # parses a page itself, and credlib does the same now that it parses the page for it.
    article = "".join(f"<p>The council met on Tuesday for the {i}th time, said Mayor Ana Ruiz.</p>" for i in range(8))
    page = f'<!DOCTYPE html>\n<html lang="en" />\n<head><title>Council</title></head><body><article>{article}</article></body>\n'
    doc = credlib.build_document(html=page)
    assert doc.title == "Council" and "the 7th time, said Mayor Ana Ruiz." in doc.body


@pytest.mark.parametrize("char", ["\f", "\v", "\x01", "\ufffe"])
def test_a_control_character_in_a_page_does_not_stop_extraction(char):
    # lxml keeps such a character in a parsed page but refuses it when the text after a
    # dropped <script> is moved: the page used to raise ValueError (a 500 from the server)
    page = (f"<html><body><nav><a href='/'>Home</a>{char}</nav><p>The council voted{char} on the plan today.</p>"
            f"<script>var a = 1;</script>{char}More news<p>Contact the desk.</p></body></html>")
    body = credlib.score(html=page, include_text=True).body
    # the character is read as a space; the text after the script is kept
    assert "The council voted on the plan today." in body and "More news" in body


def test_text_that_is_html_is_treated_as_html(example):
    doc = credlib.build_document(example("tabloid.html"))
    assert doc.source == "html" and "<p>" not in doc.body


@pytest.mark.parametrize("blank", ["", " ", "\n\u200b\n"])
def test_html_with_blank_text_uses_the_page_text(example, blank):
    page = example("tabloid.html")
    assert credlib.build_document(blank, html=page).body == credlib.build_document(html=page).body != ""


def test_html_with_separate_text_uses_text_as_body(example):
    body = "The remedy was tested by nobody, sources say."
    doc = credlib.build_document(body, title="Remedy", html=example("tabloid.html"))
    assert doc.body == body and doc.title == "Remedy"
    assert doc.boilerplate  # the page still supplies what surrounds the article


def test_byte_order_mark_is_not_part_of_the_inferred_title():
    doc = Document.from_text("\ufeffCouncil approves road repair budget\n\n" + BODY)
    assert doc.title == "Council approves road repair budget"


def test_page_without_title_or_surroundings_says_so():
    page = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in BODY.split("\n\n")) + "</article></body></html>"
    report = credlib.score(html=page)
    assert report.title is None
    assert report.signal("headline.sensational").summary == "No headline to check: the page has no title or headline."
    clickbait = report.signal("page.clickbait_links")
    assert clickbait.status == "not_applicable" and "the page has no menus" in clickbait.summary


def _page(before_article: str, article_html: str) -> str:
    return f"<html><head><title>Council approves road repair budget</title></head><body>{before_article}<article><h1>Council approves road repair budget</h1>{article_html}</article></body></html>"


def test_line_break_inside_an_article_paragraph_is_not_a_promo_line():
    quoted = (
        '<p>Opposition members shared a post titled<br><a href="https://example.org/x">'
        "SHOCKING: Council HIDES the truth about potholes!</a></p>"
    )
    page = _page("", "".join(f"<p>{p}</p>" for p in BODY.split("\n\n")) + quoted)
    report = credlib.score(html=page)
    assert report.signal("page.clickbait_links").findings == ()


def test_byline_in_a_div_above_the_article_is_found():
    page = _page('<div class="meta"><span>By Jane Okafor</span></div>', "".join(f"<p>{p}</p>" for p in BODY.split("\n\n")))
    byline = credlib.score(html=page).signal("provenance.byline")
    assert [f.text for f in byline.findings] == ["By Jane Okafor"]
    assert byline.score == 0.0


@pytest.mark.parametrize(
    "headline",
    ["By Design: How the City Rebuilt Its Harbour", "By Election Day, Turnout Hit a Record", "BY ELECTION SET FOR MARCH"],
)
def test_headline_starting_with_by_is_not_a_byline(headline):
    assert Document.from_text(f"{headline}\n\n{BODY}").title == headline


def test_links_in_a_div_stay_separate_teasers():
    related = (
        '<div class="related"><a href="/a">You Won\'t Believe What This Mayor Did Next</a>'
        '<a href="/b">Doctors HATE This One Weird Trick For Potholes!</a>'
        '<a href="/c">Shocking Photos Of The Harbour You Must See</a></div>'
    )
    page = _page("", "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))).replace("</body>", related + "</body>")
    clickbait = credlib.score(html=page).signal("page.clickbait_links")
    assert len(clickbait.findings) == 3


def test_byline_with_a_time_element_in_the_page_header_is_found():
    page = _page('<header><p>By Jane Okafor | <time>March 3, 2025</time></p></header>',
                 "".join(f"<p>{p}</p>" for p in BODY.split("\n\n")))
    assert credlib.score(html=page).signal("provenance.byline").score == 0.0
