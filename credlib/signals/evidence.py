"""evidence.citations: how much of the article a reader could check.

Checkable references are outbound links (HTML), web addresses, named documents and
datasets, named people on record, and figures tied to a source or a date.  They are
findings of severity ``info``: evidence *for* the article.  The concern is their
absence, measured against the article's length (one reference expected per ~150 words,
between 2 and 8).  A figure with no source and no date in its sentence is a warning.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..document import Document
from ..lexicon import Lexicon, to_regex
from ..registry import Context, plural, signal


@lru_cache(maxsize=8)
def name_pattern(lexicon: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(attribution regex with a ``name`` group, person-name regex) from the [names] table."""
    names = lexicon.tables["names"]
    titles = "|".join(sorted((re.escape(t) for t in names["titles"]), key=len, reverse=True))
    not_first = "|".join(re.escape(w) for w in names["not_first"])
    verbs = "|".join(sorted((to_regex(v) for v in names["speech_verbs"]), key=len, reverse=True))
    # A capitalised word with at least one lower-case letter (not an acronym), Latin-1 letters.
    word = r"[A-ZÀ-ÖØ-Þ][\w’'-]*?[a-zß-öø-ÿ][\w’'-]*"
    particle = r"(?:de|van|von|der|den|da|del|della|la|le|di|du|bin|ibn|al|el|dos|das)"
    name = (
        rf"(?:(?:{titles})\.?[ ]+)?(?!(?:{not_first})\b){word}(?:[ ]+[A-Z]\.)?"
        rf"(?:[ ]+(?:{particle}[ -])*(?:{word}))+"
    )
    attribution = re.compile(
        rf"(?<![\w.])(?:(?:{verbs})[ ]+(?P<after>{name})|(?P<before>{name})(?:,[ ]+[^,;\"“”\n]{{2,90}},)?[ ]+(?:{verbs}))(?!\w)"
    )
    return attribution, re.compile(name)


@lru_cache(maxsize=8)
def figure_patterns(lexicon: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str]]:
    table = lexicon.tables["figures"]
    number = re.compile(r"(?<![\w.,])" + table["number"] + r"(?!\w)")
    cues = re.compile(r"(?<!\w)(?:" + "|".join(to_regex(c) for c in table["source_cues"]) + r")(?!\w)")
    return number, cues


def _person_key(name: str, lexicon: Lexicon) -> str:
    titles = {t.lower() for t in lexicon.tables["names"]["titles"]}
    words = [w for w in name.replace(".", " ").split() if w.lower() not in titles]
    return " ".join(words).lower()


@signal(
    "evidence.citations",
    "Checkable evidence",
    "How much a reader can check: outbound links, named documents and datasets, named people on record, figures with a source or date.",
)
def citations(doc: Document, ctx: Context):
    scoring = ctx.lexicon.tables["scoring"]
    words = doc.word_count
    if words < scoring["min_words"]:
        return ctx.not_applicable(f"The body is too short to judge its sourcing ({plural(words, 'word')}).")
    lexicon = ctx.lexicon
    findings = []
    counts = {"links": 0, "named_documents": 0, "named_sources": 0, "sourced_figures": 0, "unsourced_figures": 0}

    def usable(start: int, end: int) -> bool:
        return not doc.in_boilerplate(start, end)

    # Links from the page's markup, located in the body by their anchor text.
    link_entry = lexicon.get("outbound-link")
    if link_entry is not None and ctx.enabled(link_entry):
        pos = 0
        for link in doc.links:
            counts["links"] += 1
            if not link.text:
                continue
            at = doc.body.find(link.text, pos)
            if at < 0:
                at = doc.body.find(link.text)
            if at >= 0:
                findings.append(ctx.finding(link_entry, doc, "body", at, at + len(link.text), extra={"url": link.url}))
                pos = at + len(link.text)

    # Web addresses and named documents (lexicon patterns).
    for m in ctx.matches(doc, "body"):
        if usable(m.start, m.end):
            finding = ctx.finding(m.entry, doc, "body", m.start, m.end)
            if finding is not None:
                findings.append(finding)
                counts["links" if m.entry.id == "url-in-text" else "named_documents"] += 1

    # Named people on record.
    named = lexicon.get("named-source")
    people: set[str] = set()
    if named is not None and ctx.enabled(named):
        attribution, _ = name_pattern(lexicon)
        for m in attribution.finditer(doc.body):
            group = "after" if m.group("after") else "before"
            start, end = m.span(group)
            if not usable(start, end):
                continue
            finding = ctx.finding(named, doc, "body", start, end)
            if finding is not None:
                findings.append(finding)
                people.add(_person_key(m.group(group), lexicon))
        counts["named_sources"] = len(people)

    # Figures, with or without a source or date in their sentence.
    sourced = lexicon.get("sourced-figure")
    unsourced = lexicon.get("unsourced-figure")
    number, cues = figure_patterns(lexicon)
    for s_start, s_end in doc.sentences:
        figures = [m for m in number.finditer(doc.body, s_start, s_end) if usable(m.start(), m.end())]
        if not figures:
            continue
        has_cue = cues.search(doc.body_lower, s_start, s_end) is not None
        for m in figures:
            if has_cue:
                entry, key = sourced, "sourced_figures"
            elif doc.in_quote(m.start(), m.end()):
                continue  # a figure someone is quoted saying is theirs to answer for
            else:
                entry, key = unsourced, "unsourced_figures"
            if entry is None:
                continue
            finding = ctx.finding(entry, doc, "body", m.start(), m.end())
            if finding is not None:
                findings.append(finding)
                counts[key] += 1

    checkable = (
        counts["links"] + counts["named_documents"] + counts["named_sources"]
        + min(counts["sourced_figures"], scoring["max_figures_counted"])
    )
    expected = min(scoring["max_expected"], max(scoring["min_expected"], words / scoring["words_per_reference"]))
    concern = max(0.0, 1.0 - checkable / expected)
    concern += min(scoring["max_unsourced_penalty"], scoring["unsourced_figure_penalty"] * counts["unsourced_figures"])
    metrics = {**counts, "checkable": checkable, "expected": round(expected, 1)}
    return ctx.result(min(1.0, concern), _summary(counts, checkable, expected, words), findings, metrics)


def _summary(counts: dict[str, int], checkable: int, expected: float, words: int) -> str:
    parts = []
    if counts["named_sources"]:
        parts.append(plural(counts["named_sources"], "named source") + " on record")
    if counts["links"]:
        parts.append(plural(counts["links"], "link"))
    if counts["named_documents"]:
        parts.append(plural(counts["named_documents"], "named document"))
    if counts["sourced_figures"]:
        parts.append(plural(counts["sourced_figures"], "figure") + " with a source or date")
    listed = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + (parts[-1] if parts else "")
    if checkable == 0:
        text = f"Nothing a reader can check: no named sources, links, named documents or dated figures in {words} words"
    elif checkable < expected:
        text = f"Little a reader can check for {words} words: {listed}"
    else:
        text = f"Plenty a reader can check: {listed}"
    if counts["unsourced_figures"]:
        text += f"; {plural(counts['unsourced_figures'], 'figure')} with no source or date"
    return text + "."
