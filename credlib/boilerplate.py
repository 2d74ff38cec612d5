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

_LINE = re.compile(r"[^\r\n]*")
_WORD = re.compile(r"\w+")
MAX_PROMO_WORDS = 25


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

    promo = re.compile(r"[ \t]*" + alternation("promo") + r"[ \t]*(?:[:|»›>•]+|[-–—]+(?=[ \t]))[ \t]*(?=\S)", re.I)
    heading = re.compile(r"[ \t]*" + alternation("promo_headings") + r"[ \t]*:?[ \t]*$", re.I)
    comments = re.compile(r"[ \t]*" + alternation("comments"), re.I)
    furniture = re.compile(r"[ \t]*" + alternation("furniture"), re.I)
    return promo, heading, comments, furniture, int(markers.get("max_block_lines", 10))


def _lines(text: str):
    for m in _LINE.finditer(text):
        if m.start() == m.end():
            continue
        yield m.start(), m.end()


def find_boilerplate(body: str) -> tuple[Block, ...]:
    promo, heading, comments, furniture, max_block = _patterns()
    blocks: list[Block] = []
    lines = [(s, e) for s, e in _lines(body) if body[s:e].strip()]
    i = 0
    while i < len(lines):
        start, end = lines[i]
        line = body[start:end]
        if i > 0 and comments.match(line):
            blocks.append(Block(start, len(body.rstrip()), "comments", start))
            break
        m = promo.match(line)
        if m and len(_WORD.findall(line)) <= MAX_PROMO_WORDS + 3:
            blocks.append(Block(start, end, "promo", start + m.end()))
            i += 1
            continue
        if heading.match(line):
            blocks.append(Block(start, end, "furniture", end))
            taken = 0
            i += 1
            while i < len(lines) and taken < max_block:
                s, e = lines[i]
                text = body[s:e]
                if len(_WORD.findall(text)) > MAX_PROMO_WORDS or heading.match(text) or comments.match(text):
                    break
                blocks.append(Block(s, e, "promo", s + len(text) - len(text.lstrip())))
                taken += 1
                i += 1
            continue
        if furniture.match(line) and len(_WORD.findall(line)) <= 12:
            blocks.append(Block(start, end, "furniture", start))
        i += 1
    return tuple(blocks)
