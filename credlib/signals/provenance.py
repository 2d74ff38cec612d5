"""provenance.byline and provenance.date: who wrote this, and when?

Both look where newsrooms put them — the first and last lines of the text — and in the
page's markup (author and date meta tags, read by the HTML extractor).  A date deep in
the body is about an event, not the publication, and does not count.
"""

from __future__ import annotations

import re

from ..document import Document
from ..registry import Context, signal

_NONBLANK_LINE = re.compile(r"[^\r\n]*\S[^\r\n]*")
GENERIC_AUTHOR = re.compile(
    r"^(?:the )?(?:staff(?: writers?| reporters?)?|admin(?:istrator)?|editor(?:ial)?(?: team| board| staff)?|"
    r"news ?desk|newsroom|web desk|digital desk|anonymous|guest(?: author)?|contributor|team \w+|[a-z0-9_.]{3,20})$",
    re.I,
)
GENERIC_CONCERN = 0.7  # an author given only as "Staff" or "admin"


def zones(doc: Document, ctx: Context) -> list[tuple[int, int]]:
    """Character ranges of the first and last non-blank body lines (counts from [zones])."""
    table = ctx.lexicon.tables["zones"]
    head, tail = int(table["head_lines"]), int(table["tail_lines"])
    lines = [m.span() for m in _NONBLANK_LINE.finditer(doc.body)]
    return lines[:head] + lines[max(head, len(lines) - tail) :]


def zone_findings(doc: Document, ctx: Context) -> list:
    """Findings for this signal's lexicon matches that start in the head or tail zone."""
    ranges = zones(doc, ctx)
    findings = []
    for m in ctx.matches(doc, "body"):
        if not any(s <= m.start < e for s, e in ranges):
            continue
        text = doc.body[m.start : m.end]
        start = m.start + len(text) - len(text.lstrip())  # a line pattern may take indentation
        finding = ctx.finding(m.entry, doc, "body", start, m.end)
        if finding is not None:
            findings.append(finding)
    return findings


@signal(
    "provenance.byline",
    "Byline",
    "Whether the article names its author: a byline in the text (“By …”, “Author: …”) or the author in the page's markup.",
    english_only=False,
)
def byline(doc: Document, ctx: Context):
    findings = zone_findings(doc, ctx)
    named = [f.text for f in findings if f.entry != "generic-author"]
    generic = [f.text for f in findings if f.entry == "generic-author"]
    markup = (doc.author or "").strip()
    if named:
        return ctx.result(0.0, f"The article is signed: “{named[0]}”.", findings)
    if markup and not GENERIC_AUTHOR.match(markup):
        return ctx.result(0.0, f"The page's markup names the author: {markup}.", findings, {"author": markup})
    if generic or markup:
        shown = generic[0] if generic else markup
        return ctx.result(GENERIC_CONCERN, f"The author is given only as “{shown}”, which names no one.", findings)
    return ctx.result(1.0, "No author is named: no byline in the text and none in the page's markup.", findings)


@signal(
    "provenance.date",
    "Publication date",
    "Whether the article says when it was published: a date or dateline at the top or bottom of the text, or in the page's markup.",
    english_only=False,
)
def publication_date(doc: Document, ctx: Context):
    findings = zone_findings(doc, ctx)
    if findings:
        return ctx.result(0.0, f"The article is dated: “{findings[0].text}”.", findings)
    if doc.date:
        return ctx.result(0.0, f"The page's markup dates the article {doc.date}.", findings, {"date": doc.date})
    return ctx.result(1.0, "No publication date in the text or the page's markup.", findings)
