"""page.clickbait_links: sensational promo lines around the article.

In a plain-text body, promo lines are found by their markers ("Related Post:", a "You
may also like" heading); on an HTML page, they are the link blocks left around the main
text.  Each teaser is checked with the headline rules (headline.sensational's lexicon,
user entries included), so a teaser and a headline are judged alike.
"""

from __future__ import annotations

import re

from ..document import Document, lower_same_length
from ..registry import Context, plural, saturate, signal
from .headline import describe, sensational_features

HALF_CONCERN = 2.0
MIN_TEASER_WORDS = 4
MAX_TEASER_WORDS = 30
_WORD = re.compile(r"\w+")


def _teasers(doc: Document):
    """(field, line start, teaser start, end) of every promo line the page or text has:
    the teaser is the line after its marker ("Related Post: <teaser>")."""
    for block in doc.boilerplate_blocks:
        if block.kind == "promo":
            yield "body", block.start, block.teaser_start, block.end
    pos = 0
    for block in doc.boilerplate:
        end = pos + len(block.text)
        if block.link and MIN_TEASER_WORDS <= len(_WORD.findall(block.text)) <= MAX_TEASER_WORDS:
            yield "page", pos, pos, end
        pos = end + 1  # the "\n" joining blocks in Document.page_text


@signal(
    "page.clickbait_links",
    "Clickbait around the article",
    "Sensational promo lines around the article (“Related Post: X FURIOUS After Y …”, “You may also like”), in the text or the page.",
)
def clickbait_links(doc: Document, ctx: Context):
    teasers = list(_teasers(doc))
    if not teasers and not doc.boilerplate:
        if doc.source == "html":
            return ctx.not_applicable("No page around the article to check: the page has no menus, teasers or promo lines beside the article.")
        return ctx.not_applicable("No page around the article to check: the text has no promo lines and no HTML page was given.")
    headline_lexicon = ctx.settings.lexicons["headline.sensational"]
    disabled = ctx.settings.disabled_by_signal.get("headline.sensational", frozenset())
    entry = ctx.lexicon.entry("sensational-promo")
    findings = []
    for field, line_start, start, end in teasers:
        # The teaser is judged like a headline; the finding covers the whole promo line,
        # marker included, as a reader sees it on the page.
        text = doc.text_of(field)[start:end]
        features = sensational_features(text, lower_same_length(text), headline_lexicon, disabled)
        if features:
            message = "Sensational promo line: " + describe(features, text, limit=2)
            findings.append(ctx.finding(entry, doc, field, line_start, end, message=message))
    findings = [f for f in findings if f is not None]
    total = ctx.weight(entry) * len(findings)
    if findings:
        summary = f"{plural(len(findings), 'sensational promo line')} around the article, e.g. “{findings[0].text}”."
    else:
        summary = f"{plural(len(teasers), 'promo line')} around the article, none sensational."
    return ctx.result(saturate(total, HALF_CONCERN), summary, findings, metrics={"promo_lines": len(teasers)})
