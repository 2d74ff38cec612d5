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
from ..lexicon import Lexicon, parse_lexicon, to_regex
from ..registry import Context, plural, signal


class Patterns:
    """The evidence signal's compiled tables (built once per lexicon from its TOML tables)."""

    def __init__(self, lexicon: Lexicon):
        names = lexicon.tables["names"]

        def alternation(key: str) -> str:
            return "|".join(sorted((re.escape(t) for t in names[key]), key=len, reverse=True))

        titles, surname_titles = alternation("titles"), alternation("surname_titles")
        prefixes, not_first = alternation("title_prefixes"), alternation("not_first")
        verbs = sorted((to_regex(v) for v in names["speech_verbs"] + names["quote_verbs"]), key=len, reverse=True)
        verb = "(?:" + "|".join(verbs) + ")"
        # A capitalised word with at least one lower-case letter (not an acronym), Latin-1 letters.
        word = r"[A-Z\u00c0-\u00d6\u00d8-\u00de][\w’'-]*?[a-z\u00df-\u00f6\u00f8-\u00ff][\w’'-]*"
        particle = r"(?:de|van|von|der|den|da|del|della|la|le|di|du|bin|ibn|al|el|dos|das)"
        title = rf"(?:(?:{prefixes})[ ]+)?(?:{titles})\.?[ ]+"
        first = rf"(?P<first>{word})"  # checked against not_first in code: cheaper than a look-ahead
        # "Maria Lopez", "Dr. Ana de la Cruz", "Professor Dr. Randall Oakes", or a title that
        # conventionally stands before a bare surname: "Dr. Kovač", "Mayor Quayle".
        name = (
            rf"(?:(?:{title}){{0,2}}{first}(?:[ ]+[A-Z]\.)?(?:[ ]+(?:{particle}[ -])*(?:{word}))+"
            rf"|(?:(?:{prefixes})[ ]+)?(?:{surname_titles})\.?[ ]+(?P<surname>{word}))"
        )
        # Attribution is found from the verbs: "said NAME" matched at a verb, and
        # "NAME(, appositive,) (who) (has) said" searched in a window that ends at the verb.
        self.verb_words = frozenset(v.split()[0] for v in names["speech_verbs"] + names["quote_verbs"])
        self.quote_verbs = frozenset(names["quote_verbs"])
        self.verb_at = re.compile(verb + r"(?!\w)")
        self.name_after = re.compile(verb + rf"[ ]+(?P<name>{name})(?!\w)")
        auxiliary = r"(?:(?:has|had|have|also|later|then|previously|earlier|once|repeatedly|publicly|who)[ ]+)*"
        self.name_before = re.compile(
            rf"(?<![\w.])(?P<name>{name})(?:,[ ]+[^,;\n]{{2,120}})?,?[ ]+{auxiliary}{verb}\Z"
        )
        self.titles = frozenset(t.lower() for t in names["titles"] + names["title_prefixes"])
        self.not_person = frozenset(w.lower() for w in names["not_person"])
        self.not_first = frozenset(names["not_first"])
        figures = lexicon.tables["figures"]
        self.number = re.compile(figures["number"] + r"(?!\w)")
        self.cues = parse_lexicon(
            {"signal": "evidence.citations", "entry": [
                {"id": "source", "message": "source cue", "note": "Where a figure comes from.",
                 "patterns": figures["source_cues"]},
                {"id": "date", "message": "date cue", "note": "When a figure was true.",
                 "patterns": figures["date_cues"], "exceptions": figures["not_cues"]},
            ]},
            "evidence_citations.toml [figures]",
        )

    def starts_well(self, m: re.Match[str]) -> bool:
        """False when the name's first word cannot start a person's name ("The", "Monday")."""
        first = m.group("first") or m.group("surname")
        return first not in self.not_first

    def person_key(self, name: str) -> str:
        return " ".join(w for w in name.replace(".", " ").lower().split() if w not in self.titles)

    def is_person(self, name: str) -> bool:
        """False for names of organisations and places ("Data Protection Authority", "Hill
        Crescent", "Dunmore General"); words before a title ("Council President Marcia Feld")
        do not count."""
        words = re.findall(r"[\w’'-]+", name.lower())
        titled = [i for i, w in enumerate(words) if w in self.titles]
        if titled and titled[-1] == len(words) - 1:
            return False  # a name does not end with a title
        after = words[titled[-1] + 1 :] if titled else words
        return not any(w in self.not_person for w in after)


@lru_cache(maxsize=8)
def patterns(lexicon: Lexicon) -> Patterns:
    return Patterns(lexicon)


_NUMBER_START = re.compile(r"[0-9][0-9,.]*")
_CURRENCY = "$€£¥"
_WINDOW = 160  # how far before a verb of saying a name and its appositive may start
# "called the plan “a disaster”": a verb that attributes words only when a quotation follows.
_QUOTE_FOLLOWS = re.compile(r"[^.!?\n\"“”]{0,80}[\"“]")


def named_attributions(doc: Document, p: Patterns) -> list[tuple[int, int]]:
    """Spans of named people quoted or paraphrased on the record ("said Maria Lopez")."""
    body, index = doc.body, doc.body_index
    spans = []
    for verb in sorted(p.verb_words & index.words):
        needs_quote = verb in p.quote_verbs
        for pos in index.positions(verb):
            verb_match = p.verb_at.match(body, pos)
            if verb_match is None or (needs_quote and not _QUOTE_FOLLOWS.match(body, verb_match.end())):
                continue
            m = p.name_after.match(body, pos)
            if m is not None and not p.starts_well(m):
                m = None
            if m is None and verb != "according":  # "according to NAME" only, never "NAME according to"
                start = max(doc.sentence_at(pos)[0], pos - _WINDOW)
                while (m := p.name_before.search(body, start, verb_match.end())) is not None and not p.starts_well(m):
                    start = m.start() + 1  # "The Minister said": try again from the next word
            if m and p.is_person(m.group("name")):
                spans.append(m.span("name"))
    return sorted(set(spans))


def figures(doc: Document, p: Patterns) -> list[tuple[int, int]]:
    """Spans of figures: percentages, amounts of money, large or separated numbers."""
    body = doc.body
    spans = []
    for run in _NUMBER_START.finditer(body):
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
    for sentence in sorted(candidates):  # a few sentences: cheaper than scanning the whole body
        found = p.cues.find(doc.body, doc.body_lower, index=doc.body_index, start=sentence[0], end=sentence[1])
        if found:
            cues[sentence] = found
    if not cues:
        return set()
    vague: dict[tuple[int, int], list] = {}
    for v in ctx.matches(doc, "body", ctx.settings.lexicons["sourcing.vague"]):
        vague.setdefault(doc.sentence_at(v.start), []).append(v)
    sourced = set()
    for sentence, found in cues.items():
        here = vague.get(sentence, [])
        outside = [c for c in found if not any(v.start < c.end and c.start < v.end for v in here)]
        if any(c.entry.id == "source" for c in outside) or (outside and not here):
            sourced.add(sentence)
    return sourced


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

    p = patterns(lexicon)

    # Named people on record.
    named = lexicon.get("named-source")
    people: set[str] = set()
    person_spans: list[tuple[int, int]] = []
    if named is not None and ctx.enabled(named):
        for start, end in named_attributions(doc, p):
            if not usable(start, end):
                continue
            finding = ctx.finding(named, doc, "body", start, end)
            if finding is not None:
                findings.append(finding)
                people.add(p.person_key(finding.text))
                person_spans.append((start, end))
        counts["named_sources"] = len(people)

    # Web addresses and named documents (lexicon patterns).  "According to Dr. Vell" names
    # a person, not a document: a person found on the same words takes precedence.
    for m in ctx.matches(doc, "body"):
        if not usable(m.start, m.end) or any(s < m.end and m.start < e for s, e in person_spans):
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
