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
from ..lexicon import Lexicon, parse_lexicon
from ..names import attribution, named_attributions
from ..registry import Context, plural, signal
from ..segment import scan


class Patterns:
    """The evidence signal's compiled tables (built once per lexicon from its TOML tables)."""

    def __init__(self, lexicon: Lexicon):
        figures = lexicon.tables["figures"]
        self.number = re.compile(figures["number"] + r"(?!\w)")
        openers = figures.get("refers_back", [])
        self.refers_back = re.compile(r"[\"“‘']?(?:" + "|".join(openers) + r")\b") if openers else None
        self.cues = parse_lexicon(
            {"signal": "evidence.citations", "entry": [
                {"id": "source", "message": "source cue", "note": "Where a figure comes from.",
                 "patterns": figures["source_cues"]},
                {"id": "date", "message": "date cue", "note": "When a figure was true.",
                 "patterns": figures["date_cues"], "exceptions": figures["not_cues"]},
            ]},
            "evidence_citations.toml [figures]",
        )


@lru_cache(maxsize=8)
def patterns(lexicon: Lexicon) -> Patterns:
    return Patterns(lexicon)


_NUMBER_START = re.compile(r"[0-9][0-9,.]*")
_CURRENCY = "$€£¥"


def figures(doc: Document, p: Patterns) -> list[tuple[int, int]]:
    """Spans of figures: percentages, amounts of money, large or separated numbers."""
    body = doc.body
    spans = []
    for run in scan(_NUMBER_START, body, "0123456789"):
        start = run.start()
        if start > 0 and body[start - 1] in _CURRENCY:
            start -= 1
        before = body[start - 1] if start > 0 else " "
        if before.isalnum() or before in "_.,":
            continue
        m = p.number.match(body, start)
        if m:
            spans.append(m.span())
    return spans


def _sourced_sentences(
    doc: Document, ctx: Context, p: Patterns, candidates: set[tuple[int, int]]
) -> set[tuple[int, int]]:
    """Those of the ``candidates`` sentences that name a source or a date for their figures.

    A cue inside a vague attribution ("according to industry estimates", "experts say")
    names no source a reader could look up, so it does not count; and in a sentence that
    attributes its figures vaguely ("analysts expect 6% growth this year"), only a source
    outside the vague words counts, not a date.
    """
    cues: dict[tuple[int, int], list] = {}
    # A sentence that refers back ("It includes …") may take its source from the one before.
    carried: dict[tuple[int, int], tuple[int, int]] = {}
    if p.refers_back is not None:
        for sentence in candidates:
            before = doc.sentence_before(sentence)
            if before is not None and p.refers_back.match(doc.body_lower, sentence[0]):
                carried[sentence] = before
    # Only these sentences are searched: the cue words are tried where the word index
    # puts them inside one of them.
    within = sorted(candidates | set(carried.values()))
    for cue in p.cues.find(doc.body, doc.body_lower, index=doc.body_index, within=within):
        cues.setdefault(doc.sentence_at(cue.start), []).append(cue)
    if not cues:
        return set()
    vague: dict[tuple[int, int], list] = {}
    for v in ctx.matches(doc, "body", ctx.settings.lexicons["sourcing.vague"]):
        vague.setdefault(doc.sentence_at(v.start), []).append(v)
    sourced = set()
    named_source = set()  # sentences that name a source, not only a date
    for sentence, found in cues.items():
        here = vague.get(sentence, [])
        outside = [c for c in found if not any(v.start < c.end and c.start < v.end for v in here)]
        if any(c.entry.id == "source" for c in outside):
            named_source.add(sentence)
        if sentence in named_source or (outside and not here):
            sourced.add(sentence)
    sourced.update(s for s, before in carried.items() if before in named_source and s not in vague)
    return sourced


@signal(
    "evidence.citations",
    "Checkable evidence",
    "How much a reader can check: outbound links, named documents and datasets, named people on record, figures with a source or date.",
)
def citations(doc: Document, ctx: Context):
    scoring = ctx.lexicon.tables["scoring"]
    words = doc.word_count
    if too_short := ctx.too_short(doc, "its sourcing"):
        return too_short
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

    p = patterns(lexicon)

    # Named people on record.
    named = lexicon.get("named-source")
    people: set[str] = set()
    person_spans: list[tuple[int, int]] = []
    if named is not None and ctx.enabled(named):
        names = attribution()
        for start, end in named_attributions(doc, names):
            if not usable(start, end):
                continue
            finding = ctx.finding(named, doc, "body", start, end)
            if finding is not None:
                findings.append(finding)
                people.add(names.person_key(finding.text))
                person_spans.append((start, end))
        counts["named_sources"] = len(people)

    # Web addresses and named documents (lexicon patterns).  "According to Dr. Vell" names
    # a person, not a document: a person found on the same words takes precedence.
    for m in ctx.article_matches(doc):
        if any(s < m.end and m.start < e for s, e in person_spans):
            continue
        finding = ctx.finding(m.entry, doc, "body", m.start, m.end)
        if finding is not None:
            findings.append(finding)
            counts["links" if m.entry.id == "url-in-text" else "named_documents"] += 1

    # Figures, with or without a source or date in their sentence.
    sourced = lexicon.get("sourced-figure")
    unsourced = lexicon.get("unsourced-figure")
    spans = [span for span in figures(doc, p) if usable(*span)]
    cued = _sourced_sentences(doc, ctx, p, {doc.sentence_at(start) for start, _ in spans}) if spans else set()
    for start, end in spans:
        if doc.sentence_at(start) in cued:
            entry, key = sourced, "sourced_figures"
        elif doc.in_quote(start, end):
            continue  # a figure someone is quoted saying is theirs to answer for
        else:
            entry, key = unsourced, "unsourced_figures"
        if entry is None:
            continue
        finding = ctx.finding(entry, doc, "body", start, end)
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


@signal(
    "evidence.reporting",
    "Reported detail",
    "Marks of news reporting: statements attributed with “said” or “says”, and events given a day or date. Few of either is the concern.",
)
def reporting(doc: Document, ctx: Context):
    scoring = ctx.lexicon.tables["scoring"]
    words = doc.word_count
    if too_short := ctx.too_short(doc, "its reporting"):
        return too_short
    findings = []
    attributed: set[tuple[int, int]] = set()  # sentences with a "said": each counts once
    dated = 0
    for m in ctx.article_matches(doc):
        finding = ctx.finding(m.entry, doc, "body", m.start, m.end)
        if finding is None:
            continue
        findings.append(finding)
        if m.entry.id == "said-attribution":
            attributed.add(doc.sentence_at(m.start))
        else:
            dated += 1
    marks = len(attributed) + dated
    expected = scoring["expected"]
    concern = max(0.0, 1.0 - marks / expected)
    counted = f"{plural(len(attributed), 'statement')} attributed with “said” and {plural(dated, 'dated event')}"
    if marks >= expected:
        summary = f"Reads like reporting: {counted}."
    elif marks == 0:
        summary = f"No statement attributed with “said” and no dated event in {words} words."
    elif marks * 2 >= expected:
        summary = f"Reads partly like reporting: {counted}; a full report has {expected:g} or more."
    else:
        summary = f"Little reported detail for {words} words: {counted}."
    metrics = {"attributed_sentences": len(attributed), "dated_events": dated, "expected": expected}
    return ctx.result(concern, summary, findings, metrics)
