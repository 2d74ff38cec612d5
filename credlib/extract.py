"""HTML pages: the article's main text, its metadata, and what was removed around it.

The main text comes from trafilatura (comments excluded), which keeps the article and
drops navigation, ads, "related posts" and comment forms.  (Not in its fast mode: the
readability and jusText fallbacks it then skips are what keep a list of links out of an
article written in ``<div>``s rather than ``<p>``s.)  What it drops is not thrown away:
the visible text blocks of the page that are not part of the article are kept, in page
order, for the ``page.*`` signals (promo lines around the article).  Author, date and
title come from the page's markup; outbound links from the article text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import SplitResult, urljoin, urlsplit

from .document import Link, PageBlock

# Elements whose own text is a visible block of a page.
_BLOCK_TAGS = ("a", "li", "p", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "td", "th",
               "figcaption", "blockquote", "button", "label", "legend", "caption", "summary")
_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "svg", "head", "iframe", "object")
# Only dates the markup states: a copyright year in the footer is not a publication date.
# htmldate drops dates after today by default, so the same page would get another date
# (or none) tomorrow: a fixed latest date keeps reports the same from day to day, and a
# page dated ahead of the reader's clock (a time zone ahead, an embargo) keeps its date.
_DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d",
                "max_date": "2099-12-31"}


def _squeeze(text: str) -> str:
    """Whitespace runs made single spaces, ends trimmed (a regex substitution over a
    whole article costs five times as much)."""
    return " ".join(text.split())


@dataclass(frozen=True)
class ExtractedPage:
    title: str | None
    text: str
    author: str | None
    date: str | None
    links: tuple[Link, ...]
    boilerplate: tuple[PageBlock, ...]


# trafilatura's work grows with the page's elements, and its jusText fallback with the
# square of a run of short blocks (a list of 4,000 one-word items took 4 s, against 20 ms
# for a 1,500-word article page of ~100 elements): above FAST_ABOVE elements the fallbacks
# are skipped, and a page with more than MAX_ELEMENTS is refused rather than read for
# seconds.  News article pages have a few hundred to a few thousand elements.
FAST_ABOVE = 5_000
MAX_ELEMENTS = 25_000


class PageTooComplex(ValueError):
    """A page with more elements than credlib reads (MAX_ELEMENTS)."""


def extract_html(html: str, url: str | None = None) -> ExtractedPage:
    """The article of an HTML page and what surrounds it.  Raises PageTooComplex for a page
    of more than MAX_ELEMENTS elements."""
    import trafilatura
    from trafilatura.utils import repair_faulty_html

    # The page is parsed once, for trafilatura (which copies the tree it is given) and for
    # the blocks around the article.  A page with characters lxml refuses to write back
    # into a tree (see _NOT_XML) is read without them, as trafilatura reads a page: they
    # are dropped from the article's text and read as spaces in the blocks around it.
    # What trafilatura repairs before it parses a page itself (a self-closing "<html/>",
    # which would end the document; a DOCTYPE line libxml2 misreads), done here since it
    # is given the tree.  Both are in the first lines, so only they are passed.
    html = repair_faulty_html(html[:4096], html[:50].lower()) + html[4096:]
    data = html.encode("utf-8", "replace")
    if not _has_not_xml(data):
        tree = article_tree = _parse(data)
    else:
        tree = _parse(_NOT_XML.sub(" ", html).encode("utf-8", "replace"))
        article_tree = _parse(_NOT_XML.sub("", html).encode("utf-8", "replace"))
    elements = int(tree.xpath("count(//*)")) if tree is not None else 0  # counted by libxml2, no proxies
    if elements > MAX_ELEMENTS:
        raise PageTooComplex(f"the page has {elements:,} HTML elements; credlib reads pages of up to "
                             f"{MAX_ELEMENTS:,} (send the article's text without the page)")
    result = trafilatura.bare_extraction(
        article_tree if article_tree is not None else html,
        fast=elements > FAST_ABOVE,
        url=url,
        include_comments=False,
        include_links=True,
        include_images=False,
        with_metadata=True,
        date_extraction_params=_DATE_PARAMS,
    )
    return _page(result, tree, url)


def _page(result, tree, url: str | None) -> ExtractedPage:
    """The page from trafilatura's result and the parsed page (changed: its invisible
    elements are dropped)."""
    if result is not None and result.text and result.text.strip():
        text = _strip_link_markup(result.text, result.body)
        links = _links(result.body, url)
        title, author, date = result.title, result.author, result.date
    else:
        # Too little text for trafilatura: fall back to the article/main/body text.
        text = _fallback_text(tree)
        links = ()
        title = author = date = None
        if result is not None:
            title, author, date = result.title, result.author, result.date
    if not title and tree is not None:
        found = tree.findtext(".//title")
        title = _squeeze(found) if found else None
    return ExtractedPage(
        title=title or None,
        text=text,
        author=author or None,
        date=date or None,
        links=links,
        boilerplate=_boilerplate(tree, text),
    )


_MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]*)\]\(([^()\s]*)\)")


def _strip_link_markup(text: str, body) -> str:
    """trafilatura writes links as [text](target) when asked for them; keep the text only."""
    targets = {ref.get("target") for ref in body.iter("ref")} if body is not None else set()
    if not targets:
        return text
    return _MARKDOWN_LINK.sub(lambda m: m.group(1) if m.group(2) in targets else m.group(0), text)


# Characters lxml keeps in a parsed page's text but refuses to write back into a tree
# (dropping a script moves its tail text, and raises ValueError): control characters other
# than tab and line breaks, and the noncharacters U+FFFE and U+FFFF.  None of them shows on
# a page.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# The same characters in UTF-8, looked for in a page's bytes (a pass of bytes.translate and
# two substring searches cost a fifth of a regex search of the text).
_CONTROL_BYTES = bytes(c for c in range(32) if c not in (9, 10, 13))
_NONCHARACTERS = ("\ufffe".encode("utf-8"), "\uffff".encode("utf-8"))


def _has_not_xml(data: bytes) -> bool:
    return len(data.translate(None, _CONTROL_BYTES)) != len(data) or any(n in data for n in _NONCHARACTERS)


def _parse(data: bytes):
    """The page's tree from its UTF-8 bytes, or None when lxml finds no document in them."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True)
        return lxml_html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError):
        return None


def _links(body, page_url: str | None) -> tuple[Link, ...]:
    if body is None:
        return ()
    page = _split(page_url) if page_url else None
    base = page_url if page is not None else None  # a malformed page address resolves nothing
    page_host = page.hostname if page is not None else None
    out: list[Link] = []
    seen: set[tuple[str, str]] = set()
    for ref in body.iter("ref"):
        target = (ref.get("target") or "").strip()
        if not target:
            continue
        try:
            absolute = urljoin(base, target) if base else target
        except ValueError:  # "http://[oops]/": not an address a reader could follow
            continue
        parts = _split(absolute)
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            continue
        if page_host and parts.hostname == page_host:
            continue  # a link to the same site is navigation, not a citation
        text = _squeeze("".join(ref.itertext()))
        key = (absolute, text)
        if key not in seen:
            seen.add(key)
            out.append(Link(url=absolute, text=text))
    return tuple(out)


def _split(url: str) -> SplitResult | None:
    """``url`` split into its parts, or None when it is malformed (an unclosed "[" host)."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def _fallback_text(tree) -> str:
    if tree is None:
        return ""
    for path in (".//article", ".//main", ".//body"):
        node = tree.find(path)
        if node is not None:
            return "\n".join(text for text, _ in _blocks(node))
    return "\n".join(text for text, _ in _blocks(tree))


def _blocks(node):
    """The text of every innermost visible block under ``node``, whitespace collapsed.

    A link inside a paragraph or list item is part of that block; a bare link (a menu
    entry, a promo teaser) is a block of its own.
    """
    for element in list(node.iter(*_INVISIBLE_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    for br in node.iter("br"):
        br.tail = " " + (br.tail or "")  # a line break separates words, as on screen
    for block in node.iter(*_BLOCK_TAGS, "div"):
        if block.tag == "div":
            # A div holding only text and inline markup ("<div><span>By Jane Okafor</span></div>")
            # is a block; one holding blocks, links or other divs is not.
            if any(True for _ in block.iterdescendants(*_BLOCK_TAGS, "div")):
                continue
        elif block.tag == "a" and any(a.tag in _BLOCK_TAGS and a.tag != "a" for a in block.iterancestors()):
            continue
        elif any(d.tag != "a" for d in block.iterdescendants(*_BLOCK_TAGS)):
            continue  # its inner blocks are emitted instead
        text = _squeeze(block.text_content())
        if text:
            yield text, _is_link(block, text)


def _is_link(block, text: str) -> bool:
    """A link, or a block that is mostly one (a teaser in a list of related posts)."""
    if block.tag == "a":
        return True
    linked = sum(len(_squeeze(a.text_content())) for a in block.iter("a"))
    return linked >= 0.5 * len(text)


def _boilerplate(tree, article_text: str) -> tuple[PageBlock, ...]:
    """Visible text blocks of the page that are not part of the article, in page order."""
    if tree is None:
        return ()
    article = _squeeze(article_text)
    seen: set[str] = set()
    out: list[PageBlock] = []
    for text, link in _blocks(tree):
        if len(text) < 2 or text in seen or text in article:
            continue
        seen.add(text)
        out.append(PageBlock(text, link))
    return tuple(out)
