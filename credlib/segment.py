"""Paragraphs, sentences and quotations as half-open character spans.

Everything here is a pure function of a string and returns offsets into that same
string, so findings can point at exact words.  The rules are deliberately simple and
fast (a handful of regex scans per text); they are tuned for news prose:

* paragraphs are separated by blank lines, or by line breaks when the text has no
  blank line at all (one paragraph per line, as scraped text often is);
* a sentence ends at ``.``, ``!``, ``?`` or ``…`` (plus closing quotes/brackets) before
  whitespace and a capital, digit or opening quote, except after an abbreviation
  ("Dr.", "U.S.", "Jan.") or an initial; a line break ends a sentence unless the next
  line continues in lower case;
* double quotes (straight and curly) pair within a paragraph; a quote left open at the
  end of a paragraph runs to its end, as multi-paragraph quotations do in news style;
  single quotes pair only where they are not apostrophes ("Japan’s", "’90s", "rock ’n’ roll").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

Span = tuple[int, int]

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Terminal punctuation (with closing quotes or brackets) before whitespace and a capital,
# digit or opening quote; or a line break.  Written to start with one character class
# (then the branch that character allows), so ``re`` skips ahead to candidate characters
# instead of trying the whole pattern at every position: twice as fast as the plain form
# ``[.!?…]+[closers]*(?=…)|\r\n|\r|\n``, with the same matches.
_BOUNDARY = re.compile(
    r"[.!?…\r\n](?:(?<=[.!?…])[.!?…]*[\"”’'»)\]]*(?=\s+[\"“‘'«(\[]*[^\W_a-z])|(?<=\r)\n?|(?<=\n))"
)


def char_positions(text: str, chars: str, start: int = 0, end: int | None = None) -> list[int]:
    """Where any of ``chars`` occurs in ``text[start:end]``, in order.

    A regular expression made of a character class tests the text character by
    character; ``str.find`` skips to the next occurrence.  For characters that are rare in
    prose it is cheaper: finding an article's quotation marks takes a third of the
    instructions.
    """
    end = len(text) if end is None else end
    out: list[int] = []
    find = text.find
    for char in chars:
        pos = find(char, start, end)
        while pos >= 0:
            out.append(pos)
            pos = find(char, pos + 1, end)
    if len(chars) > 1:
        out.sort()
    return out


def scan(regex: re.Pattern[str], text: str, chars: str) -> Iterator[re.Match[str]]:
    """``regex.finditer(text)`` for a pattern whose matches all start with one of ``chars``
    and are never empty: the same matches, with the pattern tried only at those characters."""
    match = regex.match
    reached = 0
    for pos in char_positions(text, chars):
        if pos >= reached and (m := match(text, pos)) is not None:
            reached = m.end()
            yield m


ABBREVIATIONS = frozenset(
    """mr mrs ms mx dr prof sen rep gov gen lt col capt cmdr sgt maj adm st jr sr rev hon
    pres supt insp messrs mme mlle inc ltd co corp bros assn dept univ est approx no nos
    vs etc al fig figs jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed
    thu thur thurs fri sat sun ave blvd rd mt ft sq ca cf ed eds vol pp op
    u.s u.k u.n u.s.a e.u d.c a.m p.m e.g i.e n.y l.a""".split()
)


@dataclass(frozen=True)
class Quote:
    """A quotation: ``start``/``end`` include the marks, ``inner_*`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    kind: str  # "double" or "single"
    closed: bool


def paragraphs(text: str) -> tuple[Span, ...]:
    """Paragraph spans, trimmed of surrounding whitespace."""
    by_line = not _BLANK_LINE.search(text)
    separator = _LINE_BREAK if by_line else _BLANK_LINE
    spans: list[Span] = []
    pos = 0
    line_start = 0
    quote_open = False  # a double quotation opened in the paragraph and not yet closed
    held = 0  # line breaks the paragraph has been held open for a quotation
    for match in separator.finditer(text):
        if by_line:
            quote_open = _quote_open_after(text, line_start, match.start(), quote_open)
            line_start = match.end()
            if _continues(text, match.end()):
                continue  # a hard-wrapped line: the paragraph goes on
            if quote_open and held < MAX_QUOTE_LINES and _closes_on_next_line(text, match.end()):
                held += 1
                continue  # a hard-wrapped quotation: 'said: "This plan will fail, and\nI think …"'
        _add_trimmed(text, pos, match.start(), spans)
        pos = match.end()
        quote_open, held = False, 0
    _add_trimmed(text, pos, len(text), spans)
    return tuple(spans)


# In text without blank lines, how many line breaks an open quotation may hold its
# paragraph together across, when the next line closes it.
MAX_QUOTE_LINES = 3
_DOUBLE_MARK = re.compile(r'(?<![0-9])"|[“”„]')


def _closes_on_next_line(text: str, pos: int) -> bool:
    """Whether the first double quotation mark on the line starting at ``pos`` can close a
    quotation (a stray mark earlier must not pull an unquoted line into a quotation)."""
    following = _LINE_BREAK.search(text, pos)
    m = _DOUBLE_MARK.search(text, pos, following.start() if following else len(text))
    if m is None:
        return False
    # a straight mark closes where it follows a word or a stop ('liars."'), not a space
    return m.group() == "”" or (m.group() == '"' and not text[m.start() - 1].isspace())


def _quote_open_after(text: str, start: int, end: int, open_: bool) -> bool:
    """Whether a double quotation is open at ``end``, given whether one was at ``start``."""
    for m in _DOUBLE_MARK.finditer(text, start, end):
        mark = m.group()
        open_ = mark != "”" if mark != '"' else not open_
    return open_


def _continues(text: str, pos: int) -> bool:
    """True when the line starting at ``pos`` continues the previous one (lower-case start)."""
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos < len(text) and text[pos].islower()


def _add_trimmed(text: str, start: int, end: int, out: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append((start, end))


def sentences(text: str, paras: tuple[Span, ...] | None = None) -> tuple[Span, ...]:
    """Sentence spans inside the given paragraphs (computed if not passed)."""
    paras = paras if paras is not None else paragraphs(text)
    cuts: list[tuple[int, int]] = []  # (end of one sentence, where the next may start)
    cut = cuts.append
    for m in _BOUNDARY.finditer(text):
        start, end = m.span()
        first = text[start]
        if first in "\r\n":
            if not _continues(text, end):  # a hard-wrapped line goes on
                cut((start, end))
        elif not (first == "." and end - start == 1 and _is_abbreviation(text, start)):
            cut((end, end))
    spans: list[Span] = []
    i, count = 0, len(cuts)
    for p_start, p_end in paras:
        while i < count and cuts[i][0] < p_start:
            i += 1
        pos = p_start
        while i < count and cuts[i][1] <= p_end:
            end, following = cuts[i]
            _add_trimmed(text, pos, end, spans)
            pos = following
            i += 1
        _add_trimmed(text, pos, p_end, spans)
    return tuple(spans)


# The last three letters of every abbreviation of three or more (lower case): a word
# before a dot that ends otherwise is not one.
_ABBREVIATION_TAILS = frozenset(a[-3:] for a in ABBREVIATIONS if len(a) >= 3)


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the "." at ``dot`` ends an abbreviation ("Dr.", "U.S.") or an initial."""
    # Most sentences end in a word of three letters or more that no abbreviation ends
    # like ("said.", "year."): three ASCII letters or digits before the dot belong to a
    # word of three characters or more, which only an abbreviation with that ending can
    # be; the word itself need not be cut out of the text then.
    if dot >= 3:
        tail = text[dot - 3 : dot]
        if tail.isalnum() and tail.isascii() and tail.lower() not in _ABBREVIATION_TAILS:
            return False
    # The word before the dot, back to whitespace (a space or a line break), at most 16 characters.
    before = text[max(0, dot - 16) : dot].rsplit(None, 1)
    word = (before[-1] if before else "").lstrip("(\"“‘'[").lower()
    if len(word) == 1:
        return word.isalpha()  # an initial: "J. Smith"
    return word in ABBREVIATIONS


_QUOTE_MARKS = "\"“”„'‘’"
_DOUBLE_MARKS = "\"“”„"
_MAX_SINGLE_QUOTE_WORDS = 40  # longer "quotes" are almost always a misread apostrophe


def quotations(text: str, paras: tuple[Span, ...] | None = None) -> tuple[Quote, ...]:
    """Quotation spans, in text order; double quotes first-class, single quotes paired carefully."""
    marks = char_positions(text, _QUOTE_MARKS)
    if not marks:
        return ()
    quotes: list[Quote] = []
    j = 0
    for p_start, p_end in paras if paras is not None else paragraphs(text):
        while j < len(marks) and marks[j] < p_start:
            j += 1
        doubles: list[int] = []
        singles: list[int] = []
        while j < len(marks) and marks[j] < p_end:
            (doubles if text[marks[j]] in _DOUBLE_MARKS else singles).append(marks[j])
            j += 1
        if doubles:
            quotes.extend(_double_quotes(text, doubles, p_start, p_end))
        if singles:
            quotes.extend(_single_quotes(text, singles, p_start, p_end))
    quotes.sort(key=lambda q: (q.start, q.end))
    return tuple(quotes)


def _double_quotes(text: str, marks: list[int], start: int, end: int) -> list[Quote]:
    out: list[Quote] = []
    open_at: int | None = None
    for pos in marks:
        mark = text[pos]
        if open_at is None:
            if mark == "”" and not _looks_like_opening(text, pos, start):
                continue  # a stray closing mark
            if mark == '"' and pos > start and text[pos - 1].isdigit():
                continue  # an inch or seconds mark ("6\" of rain"), not an opening quote
            open_at = pos
        elif mark in "“„":
            # a new opening mark while one is open: treat the first as unclosed
            out.append(Quote(open_at, pos, open_at + 1, pos, "double", False))
            open_at = pos
        else:
            out.append(Quote(open_at, pos + 1, open_at + 1, pos, "double", True))
            open_at = None
    if open_at is not None:
        out.append(Quote(open_at, end, open_at + 1, end, "double", False))
    return out


def _looks_like_opening(text: str, pos: int, start: int) -> bool:
    return pos == start or not text[pos - 1].isalnum()


def _single_quotes(text: str, marks: list[int], start: int, end: int) -> list[Quote]:
    out: list[Quote] = []
    open_at: int | None = None
    for pos in marks:
        before = text[pos - 1] if pos > start else " "
        after = text[pos + 1] if pos + 1 < end else " "
        if before.isalnum() and after.isalnum():
            continue  # Japan’s, don't
        if after.isdigit() and not before.isalnum():
            continue  # ’90s, '24
        if open_at is None:
            # Only ' and ‘ open; ’ at a word start is an elision ("’em", "’tis").
            if text[pos] != "’" and not before.isalnum() and before not in ".,!?;:" and not after.isspace():
                open_at = pos
        elif not before.isspace() and not after.isalnum():
            if text.count(" ", open_at, pos) <= _MAX_SINGLE_QUOTE_WORDS:
                out.append(Quote(open_at, pos + 1, open_at + 1, pos, "single", True))
            open_at = None
    return out
