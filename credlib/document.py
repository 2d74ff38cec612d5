"""The Document: what every signal reads.

A Document holds the analysed ``title`` and ``body`` strings plus what the page's markup
said (author, date, outbound links, the boilerplate removed around the article).  Spans
(paragraphs, sentences, quotations), the lower-cased text and the detected language are
computed once, lazily, and shared by all signals; signals never change a Document.

Plain text gets its title inferred: the first substantial line, after dropping leading
blank lines and site breadcrumbs ("Home | News | World"); a copy of the title repeated
on the following lines is skipped.  Text that starts mid-paragraph has no title.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from . import segment

if TYPE_CHECKING:
    from .boilerplate import Block
    from .language import LanguageGuess
    from .prefilter import WordIndex

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_WORD = re.compile(r"[^\W_](?:[\w’'.-]*[^\W_])?")
_BREADCRUMB_SEPARATOR = re.compile(r"\s+[|›»>/•·]\s+|\s*[›»]\s*")
_SITE_SEPARATOR = re.compile(r"\s+[|›»•·\-–—]\s+")  # "Headline - Site name"
_SENTENCE_INSIDE = re.compile(r"[.!?]\s+[A-Z]")
_HTML_START = re.compile(r"\A\ufeff?\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<\?xml|<!--)", re.I)
_HTML_TAGS = re.compile(r"<(?:p|div|article|main|section|span|a|h[1-6]|br|meta|title|script|table|html|head|body)[\s>/]", re.I)

# Site sections that breadcrumbs glue in front of a headline ("Home Latest | News Trade …").
SECTION_WORDS = frozenset(
    """home latest news insights world politics business economy markets sport sports
    health science tech technology opinion culture entertainment local national
    international breaking top stories analysis features lifestyle""".split()
)
MAX_TITLE_WORDS = 30
# Lines above a headline that label the page rather than title the article.
LABEL_LINES = frozenset({"advertisement", "sponsored", "sponsored content", "exclusive", "breaking", "live"})
# "By Jane Okafor", "By Jane Okafor and Tom Reyes": a name, nothing else on the line
# (not a headline such as "By Design: How …" or "By Election Day, Turnout …").
_NAME = r"(?!(?:The|This|That|Our|Staff|Election|Design|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)[A-Z][a-z’'-]+(?:[ \t]+(?:[A-Z]\.|[A-Z][a-z’'-]+)){1,3}"
_NAME_CAPS = r"(?!(?:THE|THIS|THAT|OUR|STAFF|ELECTION|DESIGN)\b)[A-Z][A-Z’'-]+(?:[ \t]+(?:[A-Z]\.|[A-Z][A-Z’'-]+)){1,3}"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# "March 3, 2024", "Tuesday, 3 March 2024", "2024-03-03", perhaps with a time ("10:32 am EST").
_DATE = (
    rf"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?[ \t]+)?"
    rf"(?:{_MONTH}[ \t]+\d{{1,2}},?[ \t]+\d{{4}}|\d{{1,2}}[ \t]+{_MONTH},?[ \t]+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    r"(?:,?[ \t]+(?:at[ \t]+)?\d{1,2}[:.]\d{2}(?:[ \t]*[ap]\.?m\.?)?(?:[ \t]+[A-Z]{2,4})?)?"
)
_BYLINE_LINE = re.compile(
    rf"[ \t]*(?:(?:By|Posted by|Written by)[ \t]+{_NAME}(?:(?:[ \t]*,[ \t]*|[ \t]+(?:and|&)[ \t]+){_NAME})*"
    rf"|(?P<caps>BY)[ \t]+{_NAME_CAPS}(?:(?:[ \t]*,[ \t]*|[ \t]+(?:AND|&)[ \t]+){_NAME_CAPS})*)"
    rf"(?:[ \t]*[|·•,–—-][ \t]*(?:(?:Published|Updated|Posted)(?:[ \t]+on)?:?[ \t]+)?{_DATE})?[ \t]*$"
)
# A dateline of its own above the headline ("March 3, 2024", "Updated: 2024-03-03 10:32").
_DATE_LINE = re.compile(rf"[ \t]*(?:(?:Published|Updated|Posted)(?:[ \t]+on)?:?[ \t]+)?{_DATE}[ \t]*$")


@dataclass(frozen=True)
class Link:
    """An outbound link in the article's main text."""

    url: str
    text: str


@dataclass(frozen=True)
class PageBlock:
    """A visible text block of an HTML page that is not part of the article."""

    text: str
    link: bool  # a link (menu entry, teaser) rather than running text


def lower_same_length(text: str) -> str:
    """``text.lower()``, except characters whose lower case is longer stay as they are.

    A few characters (e.g. "İ") lower-case to two code points; keeping them unchanged
    keeps every offset in the lower-cased text valid for the original.
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def is_blank(text: str) -> bool:
    """Nothing to score: only white space, control characters and invisible format
    characters (zero-width spaces and joiners, byte-order marks, word joiners)."""
    return all(c.isspace() or unicodedata.category(c) in ("Cc", "Cf") for c in text)


def looks_like_html(text: str) -> bool:
    """True for an HTML page or fragment (decided on the first 2,000 characters).

    A page starts with a doctype, an <html>, <head> or <body> tag or an XML declaration;
    one starting with a comment needs markup after it.  A fragment starts with a tag and
    has at least three.  Prose that mentions tags ("a paragraph goes in a <p> element")
    starts with words, so it stays text, its body unchanged.
    """
    head = text[:2000]
    start = _HTML_START.match(head)
    if start and start.group().endswith("<!--"):
        # comments first (a licence banner, "saved from url=…"): decide on what follows them
        after = _after_comments(text)
        if after is None:
            return False
        head = text[after : after + 2000]
        start = _HTML_START.match(head)
        if start and not start.group().endswith("<!--"):
            return True
        return len(_HTML_TAGS.findall(head)) >= 1
    if start:
        return True
    return head.lstrip("\ufeff \t\r\n").startswith("<") and len(_HTML_TAGS.findall(head)) >= 3


_LEADING_SPACE = re.compile(r"[\ufeff \t\r\n]*")


def _after_comments(text: str) -> int | None:
    """Where the text goes on after the comments it starts with (None: one never ends)."""
    pos = 0
    while True:
        stripped = _LEADING_SPACE.match(text, pos).end()
        if not text.startswith("<!--", stripped):
            return stripped
        end = text.find("-->", stripped + 4)
        if end < 0:
            return None
        pos = end + 3


@dataclass(frozen=True)
class Document:
    title: str | None
    body: str
    url: str | None = None
    source: str = "text"  # "text" or "html"
    author: str | None = None  # from markup only; bylines in the text are found by the signal
    date: str | None = None  # from markup only
    links: tuple[Link, ...] = ()
    boilerplate: tuple[PageBlock, ...] = ()  # blocks removed from an HTML page, in page order

    # -- construction -------------------------------------------------------------------

    @classmethod
    def from_text(cls, text: str, title: str | None = None, url: str | None = None) -> "Document":
        """A document from plain text.  With a ``title``, ``text`` is the body, unchanged."""
        if title is not None and title.strip():
            return cls(title=title, body=text, url=url)
        found, body_start, kept = infer_title(text)
        if found is None:
            return cls(title=None, body=text, url=url)
        body = text[body_start:] if kept is None else text[kept[0] : kept[1]] + text[body_start:]
        return cls(title=found, body=body, url=url)

    @classmethod
    def from_html(
        cls, html: str, url: str | None = None, title: str | None = None, text: str | None = None
    ) -> "Document":
        """A document from an HTML page: main text extracted, markup metadata kept.

        With ``text``, that text is the body (the caller extracted it) and the page
        supplies only metadata, links and boilerplate.
        """
        from .extract import extract_html

        page = extract_html(html, url=url)
        body = text if text is not None else page.text
        chosen_title = title if title is not None and title.strip() else page.title
        if text is None and chosen_title:
            body = _drop_leading_title(body, chosen_title)
        return cls(
            title=chosen_title or None,
            body=body,
            url=url,
            source="html",
            author=page.author,
            date=page.date,
            links=page.links,
            boilerplate=page.boilerplate,
        )

    @property
    def empty_page(self) -> bool:
        """An HTML page from which no article text could be extracted: nothing to score."""
        return self.source == "html" and is_blank(self.body)

    # -- shared, computed once ----------------------------------------------------------

    def text_of(self, field_name: str) -> str:
        if field_name == "title":
            return self.title or ""
        if field_name == "body":
            return self.body
        if field_name == "page":
            return self.page_text
        raise ValueError(f"unknown field {field_name!r}")

    def lower_of(self, field_name: str) -> str:
        if field_name == "title":
            return self.title_lower
        if field_name == "body":
            return self.body_lower
        return self.page_lower

    @cached_property
    def body_lower(self) -> str:
        return lower_same_length(self.body)

    @cached_property
    def title_lower(self) -> str:
        return lower_same_length(self.title or "")

    @cached_property
    def body_index(self) -> "WordIndex":
        from .prefilter import WordIndex

        return WordIndex(self.body_lower)

    @cached_property
    def title_index(self) -> "WordIndex":
        from .prefilter import WordIndex

        return WordIndex(self.title_lower)

    @cached_property
    def page_index(self) -> "WordIndex":
        from .prefilter import WordIndex

        return WordIndex(self.lower_of("page"))

    @cached_property
    def page_lower(self) -> str:
        return lower_same_length(self.page_text)

    def index_of(self, field_name: str) -> "WordIndex | None":
        """The word index of a field, shared by all lexicons (None: the matcher builds one)."""
        if field_name == "body":
            return self.body_index
        if field_name == "title":
            return self.title_index
        if field_name == "page":
            return self.page_index
        return None

    @cached_property
    def lexicon_matches(self) -> dict:
        """Lexicon matches already found in this document, by (lexicon, field, switched-off
        entries, span): filled by ``Context.matches`` so that two signals reading the same
        lexicon scan the text once."""
        return {}

    @cached_property
    def page_text(self) -> str:
        """The removed boilerplate blocks, one per line (offsets of ``page`` findings)."""
        return "\n".join(block.text for block in self.boilerplate)

    @cached_property
    def paragraphs(self) -> tuple[segment.Span, ...]:
        return segment.paragraphs(self.body)

    @cached_property
    def sentences(self) -> tuple[segment.Span, ...]:
        return segment.sentences(self.body, self.paragraphs)

    @cached_property
    def quotes(self) -> tuple[segment.Quote, ...]:
        return segment.quotations(self.body, self.paragraphs)

    @cached_property
    def word_count(self) -> int:
        """Words of the body, counted as runs of non-space characters."""
        return count_words(self.body)

    @cached_property
    def language(self) -> "LanguageGuess":
        from .language import detect

        return detect(self.body)

    @cached_property
    def lines(self) -> tuple[segment.Span, ...]:
        """(start, end) of every non-blank line of the body, line breaks excluded."""
        from .boilerplate import nonblank_lines

        return nonblank_lines(self.body)

    @cached_property
    def boilerplate_blocks(self) -> "tuple[Block, ...]":
        """Promo lines, share bars and comment areas inside the body (see boilerplate.py)."""
        from .boilerplate import find_boilerplate

        return find_boilerplate(self.body, self.lines)

    # -- span helpers -------------------------------------------------------------------

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [start for start, _ in self.sentences]

    @cached_property
    def _quoted_regions(self) -> tuple[list[int], list[int]]:
        """The union of all quotation spans as sorted (starts, ends)."""
        starts: list[int] = []
        ends: list[int] = []
        for quote in self.quotes:  # sorted by start
            if ends and quote.start <= ends[-1]:
                ends[-1] = max(ends[-1], quote.end)
            else:
                starts.append(quote.start)
                ends.append(quote.end)
        return starts, ends

    def sentence_at(self, pos: int) -> segment.Span:
        """The sentence containing ``pos``, or the last one starting before it."""
        i = bisect_right(self._sentence_starts, pos) - 1
        if i < 0:
            return self.sentences[0] if self.sentences else (0, 0)
        return self.sentences[i]

    def sentence_after(self, span: segment.Span) -> segment.Span | None:
        """The sentence that follows ``span`` in the same text, if any."""
        i = bisect_right(self._sentence_starts, span[1] - 1)
        return self.sentences[i] if i < len(self.sentences) else None

    def sentence_before(self, span: segment.Span) -> segment.Span | None:
        """The sentence that precedes ``span`` in the same text, if any."""
        i = bisect_right(self._sentence_starts, span[0] - 1) - 1
        return self.sentences[i] if i >= 0 and self.sentences[i][0] < span[0] else None

    def in_quote(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies inside a quotation (marks included)."""
        starts, ends = self._quoted_regions
        i = bisect_right(starts, start) - 1
        return i >= 0 and end <= ends[i]

    def in_outer_quote(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies inside a quotation that opens before it (a quote
        within a quote: 'the so-called ‘reform’' in someone's words)."""
        starts, ends = self._quoted_regions
        i = bisect_right(starts, start) - 1
        return i >= 0 and starts[i] < start and end <= ends[i]

    @cached_property
    def _boilerplate_starts(self) -> list[int]:
        return [b.start for b in self.boilerplate_blocks]  # blocks are disjoint, in body order

    def in_boilerplate(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` of the body lies in page furniture, not the article."""
        i = bisect_right(self._boilerplate_starts, start) - 1
        return i >= 0 and end <= self.boilerplate_blocks[i].end


# -- counting words ---------------------------------------------------------------------

# Each byte of a text's UTF-8 marked as a space (b" ") or not (b"x"): the ASCII whitespace
# that str.split() splits at, and nothing else (a byte of a longer sequence is "x").
_SPACE_MARKS = bytes(32 if chr(c).isspace() else 120 for c in range(128)) + b"x" * 128
_ASCII_BYTES = bytes(range(128))
# The whitespace beyond ASCII that str.split() splits at too (none lies above U+3000).
_OTHER_SPACES = frozenset(chr(c) for c in range(0x80, 0x3001) if chr(c).isspace())


def count_words(text: str) -> int:
    """``len(text.split())`` without making the words: an article's 1,500 strings cost
    more than marking its bytes as space or not and counting where a word ends (an "x"
    before a space, or at the end).  A text with a space beyond ASCII (a no-break space)
    is split as before."""
    data = text.encode("utf-8", "surrogatepass")
    if not text.isascii() and not _OTHER_SPACES.isdisjoint(
        data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
    ):
        return len(text.split())
    marked = data.translate(_SPACE_MARKS)
    return marked.count(b"x ") + marked.endswith(b"x")


# -- title inference --------------------------------------------------------------------


def _lines(text: str) -> list[tuple[int, int, int]]:
    """(start, end-of-content, end-including-break) for every line."""
    out = []
    for match in _LINE.finditer(text):
        if match.start() == match.end():
            break
        content = match.group().rstrip("\r\n")
        out.append((match.start(), match.start() + len(content), match.end()))
    return out


def _norm(text: str) -> str:
    return " ".join(text.casefold().split()).strip(" .:!?-–—|")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def infer_title(text: str) -> tuple[str | None, int, tuple[int, int] | None]:
    """Find the title of a plain-text article.

    Returns ``(title, body_start, kept)``: the title string (exactly as it appears in the
    text, trimmed), the offset where the body begins after it, and the span of a byline
    found above the title, which belongs to the body too (else None); or
    ``(None, 0, None)`` when the text has no title line (it starts mid-paragraph).
    """
    lines = _lines(text)
    nonblank = [ln for ln in lines if text[ln[0] : ln[1]].strip()]
    if not nonblank:
        return None, 0, None
    index = 0
    title_span: tuple[int, int] | None = None
    byline_start: int | None = None
    while index < len(nonblank) and index < 4:
        start, end, _ = nonblank[index]
        line = text[start:end]
        parts = _BREADCRUMB_SEPARATOR.split(line.strip())
        if len(parts) > 1 and _is_breadcrumb(parts):
            last = parts[-1]
            words = _words(last)
            if (
                len(words) > 1
                and any(w[:1].islower() for w in words[1:])  # "Mayor resigns", not "Middle East"
                and not _sections_only(last)
                and all(_sections_only(p) for p in parts[:-1])
                and not _title_follows(text, nonblank, index)
            ):
                # "Home › News › Mayor resigns" over the article's first paragraph (or its
                # byline): a short headline in sentence case at the end of the trail, with
                # no other title line below it
                title_span = _trim(text, start + line.rfind(last), end)
                break
            index += 1  # a breadcrumb trail on its own line
            continue
        byline = _BYLINE_LINE.match(line)
        if (byline and (not byline.group("caps") or _title_follows(text, nonblank, index))) or _DATE_LINE.match(line):
            # (an all-caps "BY ..." line is a byline only above a headline: "BY ANY MEANS
            # NECESSARY" over the first paragraph is the headline)
            byline_start = start if byline_start is None else byline_start
            index += 1  # "By Jane Okafor" or a date above the headline: the body's, not the title
            continue
        if _sections_only(line) or line.strip().lower() in LABEL_LINES:
            index += 1  # a section label ("World", "Advertisement") above the headline
            continue
        if len(parts) > 1 and all(len(_words(p)) <= 4 for p in parts[:-1]) and (
            len(_words(parts[-1])) > 3 or (len(_words(parts[-1])) > 1 and all(_sections_only(p) for p in parts[:-1]))
        ):
            # Breadcrumbs glued in front of the headline: prefer a clean copy of the
            # headline on one of the next lines; otherwise cut the trail off.
            repeat = _repeated_later(text, nonblank, index, _norm(parts[-1]))
            if repeat is not None:
                index = repeat
                continue
            title_span = _strip_sections(text, start + line.rfind(parts[-1]), end)
        break
    if index >= len(nonblank):
        return None, 0, None
    start, end, after = nonblank[index]
    if title_span is None:
        title_span = _trim(text, start, end)
        if not _is_title_line(text, title_span, nonblank, index):
            return None, 0, None
    title = text[title_span[0] : title_span[1]]
    # The headline repeated below it (a page title, then the article's own), perhaps
    # without the site name the page title carries ("Mayor resigns | The Daily Courier").
    keys = _headline_keys(title, _BREADCRUMB_SEPARATOR)
    body_index = index + 1
    while body_index < len(nonblank) and _norm(text[nonblank[body_index][0] : nonblank[body_index][1]]) in keys:
        body_index += 1
    body_start = nonblank[body_index][0] if body_index < len(nonblank) else len(text)
    return title, body_start, (byline_start, start) if byline_start is not None else None


def _title_follows(text: str, nonblank: list, index: int) -> bool:
    """Whether the line after ``nonblank[index]`` could be the title (a trail's last part
    is then a section, not the headline); a byline, a date or a label is not one."""
    if index + 1 >= len(nonblank):
        return False
    start, end, _ = nonblank[index + 1]
    line = text[start:end]
    if _BYLINE_LINE.match(line) or _DATE_LINE.match(line) or line.strip().lower() in LABEL_LINES:
        return False
    return _is_title_line(text, _trim(text, start, end), nonblank, index + 1)


def _headline_keys(title: str, separator: re.Pattern[str]) -> set[str]:
    """The forms a copy of the headline may take: the title, and its first part when the
    title carries a site name after a separator ("Mayor resigns | The Daily Courier")."""
    keys = {_norm(title)}
    parts = separator.split(title)
    if len(parts) > 1 and len(_words(parts[0])) > 1:
        keys.add(_norm(parts[0]))
    return keys


def _is_breadcrumb(parts: list[str]) -> bool:
    """A trail of site sections ("Home | News | Politics"), not a short headline with a
    site name or a section beside it ("Mayor resigns | The Daily Courier")."""
    if not (all(len(_words(p)) <= 4 for p in parts) and sum(len(_words(p)) for p in parts) <= 14):
        return False
    return len(parts) >= 3 or all(_sections_only(p) for p in parts)


def _sections_only(part: str) -> bool:
    words = _words(part)
    return bool(words) and all(w.lower() in SECTION_WORDS for w in words)


def _repeated_later(text: str, nonblank: list, index: int, key: str) -> int | None:
    for j in range(index + 1, min(index + 4, len(nonblank))):
        candidate = _norm(text[nonblank[j][0] : nonblank[j][1]])
        if candidate and (candidate == key or key.endswith(candidate)) and len(candidate.split()) >= 3:
            return j
    return None


def _strip_sections(text: str, start: int, end: int) -> tuple[int, int]:
    start, end = _trim(text, start, end)
    words = list(_WORD.finditer(text, start, end))
    drop = 0
    while drop < len(words) - 3 and words[drop].group().lower() in SECTION_WORDS:
        drop += 1
    if drop:
        start = words[drop].start()
    return start, end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] == "\ufeff"):  # a byte-order mark too
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_title_line(text: str, span: tuple[int, int], nonblank: list, index: int) -> bool:
    line = text[span[0] : span[1]]
    words = _words(line)
    if not words or len(words) > MAX_TITLE_WORDS or len(line) > 300:
        return False
    first = next((c for c in line if c.isalnum()), "")
    if first.islower() and not any(c.isupper() for c in words[0]):
        return False  # starts mid-sentence ("7 reasons …", "$2m …" and "iPhone …" may be headlines)
    if line.endswith((",", ";", "-", "–", "—")):
        return False
    if line.endswith(".") and (len(words) > 12 or _SENTENCE_INSIDE.search(line)):
        return False  # a lede sentence, not a headline
    if index + 1 < len(nonblank):
        nxt_start, nxt_end, _ = nonblank[index + 1]
        this_end_break = nonblank[index][2]
        directly_below = text[this_end_break:nxt_start].strip() == "" and "\n" not in text[this_end_break:nxt_start].replace("\r", "")
        next_first = next((c for c in text[nxt_start:nxt_end] if not c.isspace()), "")
        if directly_below and next_first.islower():
            return False  # a hard-wrapped paragraph that goes on below
    return True


def _drop_leading_title(body: str, title: str) -> str:
    """Drop the headline from the start of an extracted body (trafilatura keeps the h1)."""
    first_break = body.find("\n")
    first = body if first_break < 0 else body[:first_break]
    if _norm(first) in _headline_keys(title, _SITE_SEPARATOR):
        return "" if first_break < 0 else body[first_break + 1 :]
    return body
