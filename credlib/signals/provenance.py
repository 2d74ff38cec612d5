"""provenance.byline and provenance.date: who wrote this, and when?

Both look where newsrooms put them — the first and last lines of the text — and in the
page's markup (author and date meta tags, read by the HTML extractor).  A date deep in
the body is about an event, not the publication, and does not count.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..document import Document
from ..lexicon import Lexicon
from ..registry import Context, signal

GENERIC_AUTHOR = re.compile(
    r"^(?:the )?(?:staff(?: writers?| reporters?)?|admin(?:istrator)?|editor(?:ial)?(?: team| board| staff)?|"
    r"news ?desk|newsroom|web desk|digital desk|anonymous|guest(?: author)?|contributor|team \w+|[a-z0-9_.]{3,20})$",
    re.I,
)
GENERIC_CONCERN = 0.7  # an author given only as "Staff" or "admin"


_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\Z")


def zones(doc: Document, ctx: Context) -> list[tuple[int, int]]:
    """Where bylines and dates are looked for: the first and last few lines of the body,
    at most ``head_chars``/``tail_chars`` characters ([zones] in the lexicon), so a long
    first paragraph counts only by its opening ("GENEVA, March 3 — …").  In an article of
    no more lines than the head zone takes, its last lines count too, whole, when they
    are past the head zone, each at most ``foot_line_chars`` long and not a sentence (no
    closing ".", "!" or "?"): a credit line such as "(Reporting by …; Editing by …)" or
    "By Jane Okafor / Published: …" under a five-paragraph story, not a closing sentence,
    where a date is an event's ("The contract takes effect March 3, 2026.") and "By" a
    preposition ("By Labor Day, …")."""
    table = ctx.lexicon.tables["zones"]
    lines = doc.lines
    if not lines:
        return []
    head, tail, tail_chars = int(table["head_lines"]), int(table["tail_lines"]), int(table["tail_chars"])
    first = lines[0][0]
    head_end = min(lines[min(head, len(lines)) - 1][1], first + int(table["head_chars"]))
    ranges = [(first, head_end)]
    if len(lines) > head:
        last = lines[-1][1]
        ranges.append((max(lines[max(head, len(lines) - tail)][0], last - tail_chars), last))
    else:
        last, longest = lines[-1][1], int(table["foot_line_chars"])
        foot: list[int] = []
        for start, end in reversed(lines[-tail:]):
            line = doc.body[start:end].rstrip()
            if start < max(head_end, last - tail_chars) or end - start > longest or _SENTENCE_END.search(line):
                break
            foot.append(start)
        if foot:
            ranges.append((foot[-1], last))
    return ranges


def zone_findings(doc: Document, ctx: Context, author: str | None = None) -> list:
    """Findings for this signal's lexicon matches in the head and tail zones.

    An HTML page often prints the byline and date above the article, outside the text
    the extractor keeps; when the body has none, the page around it is searched, so the
    finding points at the words a reader sees (with ``author``, the markup's author, only
    a page line naming that author counts).
    """
    findings = []
    for span in zones(doc, ctx):
        for m in ctx.matches(doc, "body", span=span):
            text = doc.body[m.start : m.end]
            start = m.start + len(text) - len(text.lstrip())  # a line pattern may take indentation
            findings.append(ctx.finding(m.entry, doc, "body", start, m.end))
    if not any(findings) and doc.source == "html" and doc.page_text:
        surname = (author or "").split()[-1:]
        for m in ctx.matches(doc, "page"):
            text = doc.page_text[m.start : m.end]
            if surname and surname[0] not in text:
                continue
            start = m.start + len(text) - len(text.lstrip())
            findings.append(ctx.finding(m.entry, doc, "page", start, m.end))
    return [f for f in findings if f is not None]


@lru_cache(maxsize=8)
def _event_rules(lexicon: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    table = lexicon.tables.get("event_dates")
    if not table:
        return None
    weekday = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    preposition = re.compile(rf"(?:^|\s)(?:{'|'.join(map(re.escape, table['prepositions']))})\s+{weekday}(?:the\s+)?$", re.I)
    publication = re.compile(rf"\b(?:{'|'.join(map(re.escape, table['publication_words']))})\b", re.I)
    return preposition, publication


def _event_date(doc: Document, finding, rules) -> bool:
    """A date in a sentence about an event ("first drafted on March 3, 2019"), not the article's."""
    if rules is None or finding.entry != "date":
        return False
    preposition, publication = rules
    text = doc.text_of(finding.field)
    line = text[text.rfind("\n", 0, finding.start) + 1 : finding.start]
    before = preposition.search(line)
    return before is not None and not publication.search(line, 0, before.start())


@signal(
    "provenance.byline",
    "Byline",
    "Whether the article names its author: a byline in the text (“By …”, “Author: …”) or the author in the page's markup.",
    english_only=False,
)
def byline(doc: Document, ctx: Context):
    findings = zone_findings(doc, ctx, author=doc.author)
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
    findings = [f for f in zone_findings(doc, ctx) if not _event_date(doc, f, _event_rules(ctx.lexicon))]
    if findings:
        return ctx.result(0.0, f"The article is dated: “{findings[0].text}”.", findings)
    if doc.date:
        return ctx.result(0.0, f"The page's markup dates the article {doc.date}.", findings, {"date": doc.date})
    return ctx.result(1.0, "No publication date in the text or the page's markup.", findings)
