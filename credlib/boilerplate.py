"""Page furniture inside a plain-text body: promo lines, share bars, comment areas.

Text copied from a web page brings its surroundings along ("Related Post: …", "Share
this", "Leave a Reply").  Those lines are not the article: the article signals skip
them, and ``page.clickbait_links`` reads the promo lines.  The marker words live in
``lexicons/en/page_clickbait_links.toml`` under ``[markers]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import load, to_regex

_WORD = re.compile(r"\w+")
MAX_PROMO_WORDS = 25
MAX_MARKER_LINE = 300  # characters: a longer line is article text, never page furniture


@dataclass(frozen=True)
class Block:
    start: int
    end: int
    kind: str  # "promo", "comments" or "furniture"
    teaser_start: int  # for promo lines: where the teaser text starts (after "Related Post:")


@lru_cache(maxsize=1)
def _patterns():
    markers = load("page.clickbait_links").tables["markers"]

    def alternation(key: str) -> str:
        return "(?:" + "|".join(to_regex(p) for p in markers[key]) + ")"

    # One match per line tells which kind of marker starts it, if any.
    line = re.compile(
        r"[ \t]*(?:"
        rf"(?P<comments>{alternation('comments')})"
        rf"|(?P<heading>{alternation('promo_headings')})[ \t]*:?[ \t]*$"
        rf"|(?P<promo>{alternation('promo')})[ \t]*(?:[:|»›>•]+|[-–—]+(?=[ \t]))[ \t]*(?=\S)"
        rf"|(?P<furniture>{alternation('furniture')})"
        r")",
        re.I,
    )
    return line, int(markers.get("max_block_lines", 10))


def nonblank_lines(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every non-blank line, line breaks excluded."""
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        if content.strip():
            out.append((pos, pos + len(content)))
        pos += len(line)
    return tuple(out)


def find_boilerplate(body: str, lines: tuple[tuple[int, int], ...] | None = None) -> tuple[Block, ...]:
    """The page furniture in ``body`` (whose non-blank lines may be passed in)."""
    line_re, max_block = _patterns()
    blocks: list[Block] = []
    lines = nonblank_lines(body) if lines is None else lines
    i = 0
    while i < len(lines):
        start, end = lines[i]
        m = line_re.match(body, start, end) if end - start <= MAX_MARKER_LINE else None
        kind = m.lastgroup if m else None
        if kind == "comments" and i > 0:
            blocks.append(Block(start, len(body.rstrip()), "comments", start))
            break
        if kind == "promo" and len(_WORD.findall(body, start, end)) <= MAX_PROMO_WORDS + 3:
            blocks.append(Block(start, end, "promo", m.end()))
        elif kind == "heading":
            blocks.append(Block(start, end, "furniture", end))
            taken = 0
            while i + 1 < len(lines) and taken < max_block:
                s, e = lines[i + 1]
                follower = line_re.match(body, s, e) if e - s <= MAX_MARKER_LINE else None
                if e - s > MAX_MARKER_LINE or len(_WORD.findall(body, s, e)) > MAX_PROMO_WORDS or (
                    follower and follower.lastgroup in ("heading", "comments")
                ):
                    break
                text = body[s:e]
                blocks.append(Block(s, e, "promo", s + len(text) - len(text.lstrip())))
                taken += 1
                i += 1
        elif kind == "furniture" and len(_WORD.findall(body, start, end)) <= 12:
            blocks.append(Block(start, end, "furniture", start))
        i += 1
    return tuple(blocks)
