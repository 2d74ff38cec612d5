"""sourcing.anonymous and sourcing.vague: claims resting on sources nobody can check.

Both count *claims* (sentences), not phrases: "Sources close to the delegation,
speaking on condition of anonymity, said …" is one claim with two findings.  An unnamed
source quoted again ("the diplomat said", "one of them said") is another claim, and
keeps the reason for anonymity given when the source was introduced.  An
anonymous source whose sentence (or the next) gives a reason for the anonymity — "…
because they were not authorized to discuss the talks" — is responsible practice and
weighs a third as much.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from functools import lru_cache

from ..document import Document
from ..lexicon import Lexicon, Match, parse_lexicon, to_regex
from ..prefilter import FREQUENT
from ..registry import Context, plural, saturate, signal

_LETTERS = re.compile(r"[a-z]+")

REASON_FACTOR = 1 / 3  # weight of an anonymous claim whose reason for anonymity is given
REFERENCE_SENTENCES = 2  # how far after an unnamed source "the diplomat said" may refer back to it
HALF_CONCERN = 1.5  # claims' weight (per ~600 words) at which the concern reaches 0.5
DENSITY_WORDS = 600


# A phrase that is denied or supposed, not used: "the council never relied on anonymous
# sources", "no officials spoke on condition of anonymity", "he denied speaking to
# insiders", "if experts say the numbers are wrong".  A negation up to four words before
# the phrase, or "if"/"unless"/"whether" just before it, in the same clause (no comma,
# semicolon, colon, dash, bracket or conjunction between, the same sentence, at most
# _CLAUSE_CHARS back).  "Not only insiders …" is no negation.  The words are found with
# the document's word index ("didn't" is indexed as "didn" and "t").
_NEGATIONS = ("no", "not", "never", "nor", "neither", "none", "nobody", "without", "deny", "denies", "denied",
              "denying")
_CONDITIONS = ("if", "unless", "whether")
_MAX_WORDS_BETWEEN = 4
_BETWEEN_WORD = re.compile(r"[\w’'-]+")
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]—–]")
_CONJUNCTION = re.compile(r"\b(?:and|but|or|while|yet|though|although|because|so|whereas)\b")
_CLAUSE_CHARS = 80  # how far back a clause is read


def _denials(doc: Document) -> list[tuple[int, int, bool]]:
    """(start, end, is a condition) of every negation and condition word, in text order."""
    index, lower = doc.body_index, doc.body_lower
    found = [(p, p + len(w), False) for w in _NEGATIONS for p in index.positions(w)]
    found += [(p, p + len(w), True) for w in _CONDITIONS for p in index.positions(w)]
    found += [(p - 2, p + 1, False) for p in index.positions("t") if p >= 2 and lower[p - 2] == "n" and lower[p - 1] in "'’"]
    found = [f for f in found if not lower.startswith("not only", f[0])]
    found.sort()
    return found


def asserted(doc: Document, matches: list[Match]) -> list[Match]:
    """The matches that are not denied or supposed in their clause (see _NEGATIONS)."""
    if not matches:
        return matches
    denials = _denials(doc)
    if not denials:
        return matches
    lower = doc.body_lower
    starts = [d[0] for d in denials]
    out = []
    for m in matches:
        i = bisect_left(starts, m.start) - 1
        denied = False
        reach = None  # where the match's clause may begin (its sentence, _CLAUSE_CHARS back)
        while i >= 0 and not denied:
            start, end, condition = denials[i]
            i -= 1
            if end > m.start:
                continue
            if reach is None:
                reach = max(doc.sentence_at(m.start)[0], m.start - _CLAUSE_CHARS)
            if start < reach:
                break
            between = lower[end : m.start]
            if _CLAUSE_BREAK.search(between) or _CONJUNCTION.search(between):
                break  # another clause ("has not commented but two sources said"), as for every word before
            if not between[:1].isspace() or not between[-1:].isspace():
                continue
            words = between.split()
            if condition:
                denied = not words
            else:
                denied = len(words) <= _MAX_WORDS_BETWEEN and all(_BETWEEN_WORD.fullmatch(w) for w in words)
        if not denied:
            out.append(m)
    return out


@lru_cache(maxsize=8)
def _reasons(lexicon: Lexicon) -> Lexicon | None:
    """The [reasons] patterns as a lexicon of their own, one entry each in their order, so
    the word index finds them (a plain scan of every claim sentence tried them at every
    position) and, where two match at one place, the earlier pattern wins, as in one
    alternation."""
    patterns = lexicon.tables.get("reasons", {}).get("patterns", [])
    if not patterns:
        return None
    entries = [{"id": f"reason-{i}", "message": "reason for anonymity", "note": "A reason given for anonymity.",
                "patterns": [pattern]} for i, pattern in enumerate(patterns, 1)]
    return parse_lexicon({"signal": lexicon.signal, "entry": entries}, f"{lexicon.signal} [reasons]")


def _by_claim(matches: list[Match], doc: Document) -> dict[tuple[int, int], list[Match]]:
    """Matches grouped by sentence: {sentence span: [match, ...]}."""
    claims: dict[tuple[int, int], list[Match]] = {}
    for m in matches:
        claims.setdefault(doc.sentence_at(m.start), []).append(m)
    return claims


@lru_cache(maxsize=8)
def _reference_tables(lexicon: Lexicon) -> tuple[frozenset[str], frozenset[str], re.Pattern[str], re.Pattern[str]] | None:
    table = lexicon.tables.get("back_references")
    if not table:
        return None
    verbs = "|".join(sorted((to_regex(v) for v in table["verbs"]), key=len, reverse=True))
    the_role = re.compile(
        rf"(?<!\w)(?:{'|'.join(_DETERMINERS)}) (?:same |other |second |first |two |three )?(?P<noun>[a-z]+) (?:{verbs})(?!\w)"
    )
    one_of_them = re.compile(
        rf"(?<!\w)(?:{'|'.join(_COUNTS)}) of (?:them|those|the (?P<noun>[a-z]+)) (?:{verbs})(?!\w)"
    )
    nouns = frozenset(table["nouns"])
    after_determiner = nouns | {"same", "other", "second", "first", "two", "three"}
    return nouns, after_determiner, the_role, one_of_them


_DETERMINERS = ("the", "that", "this", "these", "those")
_OF = frozenset({"of"})
_COUNTS = ("one", "both", "two", "three", "each", "all", "neither", "either", "some", "most", "none")


def _singular(noun: str) -> str:
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


class _Covered:
    """The union of spans taken in one sentence, as sorted, disjoint (starts, ends)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end) - 1  # the last span starting before ``end``
        return i >= 0 and self.ends[i] > start

    def add(self, start: int, end: int) -> None:
        if not self.ends or start > self.ends[-1]:  # after all the others: spans mostly come in order
            self.starts.append(start)
            self.ends.append(end)
            return
        lo = bisect_left(self.ends, start)  # the spans touching [start, end) are merged with it
        hi = bisect_right(self.starts, end)
        if lo < hi:
            start, end = min(start, self.starts[lo]), max(end, self.ends[hi - 1])
        self.starts[lo:hi] = [start]
        self.ends[lo:hi] = [end]


def back_references(doc: Document, ctx: Context, matches: list[Match]) -> list[tuple[Match, Match]]:
    """Later claims from an unnamed source already introduced: "the diplomat said", "one of
    them said".  Each comes with the match that introduced the source (its antecedent).

    A role word counts when it appears in the antecedent's sentence up to the match ("A
    manager at the authority, who asked not to be named"); the reference must follow
    within ``REFERENCE_SENTENCES`` sentences, so a later, named "minister" is not taken
    for an earlier unnamed one.
    """
    entry = ctx.lexicon.get("back-reference")
    tables = _reference_tables(ctx.lexicon)
    if entry is None or tables is None or not matches or not ctx.enabled(entry):
        return []
    nouns, after_determiner, the_role, one_of_them = tables
    lower, sentences = doc.body_lower, doc.sentences
    number_of = {span: i for i, span in enumerate(sentences)}
    # Per sentence: each role word's first place, the matches in order, and where the
    # role words have been read up to (each sentence is read once, however many matches
    # it has).
    first_at: dict[int, dict[str, int]] = {}  # sentence number -> singular role word -> where first read
    in_order: defaultdict[int, list[Match]] = defaultdict(list)
    read_to: dict[int, int] = {}
    taken: defaultdict[int, _Covered] = defaultdict(_Covered)
    for m in matches:
        sentence = doc.sentence_at(m.start)
        number = number_of.get(sentence, -1)
        taken[number].add(m.start, m.end)
        in_order[number].append(m)
        start = read_to.get(number, sentence[0])
        if m.end > start:
            firsts = first_at.setdefault(number, {})
            words = _LETTERS.findall(lower, start, m.end)
            if not nouns.isdisjoint(words):
                for word in words:
                    if word in nouns:
                        # where the reading that found it began: before the word, and at or
                        # after the end of every earlier match in the sentence
                        firsts.setdefault(_singular(word), start)
            read_to[number] = m.end

    def antecedent(number: int, noun: str | None) -> Match | None:
        """The latest match, in the nearest earlier sentence, with the role word (any role
        word for "one of them") in its sentence before the match's end."""
        for n in range(number - 1, number - REFERENCE_SENTENCES - 1, -1):
            firsts = first_at.get(n)
            if not firsts:
                continue
            place = min(firsts.values()) if noun is None else firsts.get(_singular(noun))
            if place is None:
                continue
            for m in reversed(in_order[n]):
                if m.end > place:
                    return m
        return None

    # Only the sentences just after an introduction can refer back to it.
    followers = sorted({n + k for n, firsts in first_at.items() if firsts
                        for k in range(1, REFERENCE_SENTENCES + 1) if 0 <= n + k < len(sentences)})
    found: list[tuple[Match, Match]] = []
    index, wanted = doc.body_index, set(followers)
    for regex, leads, second in ((the_role, _DETERMINERS, after_determiner), (one_of_them, _COUNTS, _OF)):
        for lead in leads:  # try the patterns only where their first two words occur
            places = index.followed_by(lead, second) if lead in FREQUENT else index.positions(lead)
            for pos in places:
                number = number_of.get(doc.sentence_at(pos), -1)
                if number not in wanted:
                    continue
                r = regex.match(lower, pos)
                if r is None or (number in taken and taken[number].overlaps(r.start(), r.end())):
                    continue
                earlier = antecedent(number, r.group("noun"))
                if earlier is not None:
                    found.append((Match(entry, r.start(), r.end()), earlier))
                    taken[number].add(r.start(), r.end())
    return sorted(found, key=lambda pair: pair[0].start)


def density_total(total: float, words: int) -> float:
    """Weights per ~600 words: five anonymous claims weigh more in 300 words than in 3,000."""
    return total / max(1.0, math.sqrt(words / DENSITY_WORDS))


def quoted_examples(texts: list[str], limit: int = 2) -> str:
    unique = list(dict.fromkeys(t.lower() for t in texts))
    shown = ", ".join(f"“{t}”" for t in unique[:limit])
    rest = len(unique) - limit
    return shown + (f" and {plural(rest, 'other phrase')}" if rest > 0 else "")


@signal(
    "sourcing.anonymous",
    "Anonymous sourcing",
    "Claims resting on unnamed sources (“sources close to…”, “people familiar with…”, “speaking on condition of anonymity”), noting whether a reason for anonymity is given.",
)
def anonymous_sourcing(doc: Document, ctx: Context):
    if not doc.body.strip():
        return ctx.not_applicable("No body text to check.")
    reasons = _reasons(ctx.lexicon)
    matches = asserted(doc, ctx.article_matches(doc))
    references = back_references(doc, ctx, matches)
    # Keyed by span: hashing a Match would hash its whole lexicon entry.
    antecedents = {(ref.start, ref.end): antecedent for ref, antecedent in references}
    findings = []
    total = 0.0
    claims = with_reason = 0
    reason_of: dict[tuple[int, int], tuple[int, int] | None] = {}  # the reason given for each match's claim, by span
    tables = _reference_tables(ctx.lexicon)
    role_nouns = tables[0] if tables else frozenset()
    given: list[tuple[int, frozenset[str], tuple[int, int]]] = []  # (sentence start, its role words, reason), in order
    by_claim = sorted(_by_claim(matches + [r for r, _ in references], doc).items())
    reason_in = _reasons_by_sentence(doc, [sentence for sentence, _ in by_claim], reasons, ctx) if reasons else {}
    refers_back = _refers_back(ctx.lexicon)
    counted: set[tuple[int, int]] = set()  # sentences whose findings made a claim
    for (s_start, s_end), matches in by_claim:
        reason = reason_in.get((s_start, s_end))
        if reason is None:
            # A source quoted again keeps the reason given when it was introduced.
            reason = next(
                (reason_of.get((a.start, a.end)) for m in matches if (a := antecedents.get((m.start, m.end))) is not None),
                None,
            )
        roles = _roles_named(doc, s_start, max(m.end for m in matches), role_nouns)
        if reason is None and roles:
            # "The officials spoke on condition of anonymity because … One official said …":
            # a reason given for a group in the sentences just before covers its members.
            reason = _group_reason(doc, s_start, roles, given)
        elif reason is not None and roles:
            given.append((s_start, roles, reason))
        for m in matches:
            reason_of[(m.start, m.end)] = reason
        claim_findings = []
        for m in matches:
            extra = {"reason_given": reason is not None}
            if reason is not None:
                extra["reason"] = doc.body[reason[0] : reason[1]]
            finding = ctx.finding(
                m.entry, doc, "body", m.start, m.end,
                message=m.entry.message + (" (reason for anonymity given)" if reason else ""),
                severity="info" if reason else None,
                extra=extra,
            )
            if finding is not None:
                claim_findings.append((m, finding))
        if not claim_findings:
            continue
        findings.extend(f for _, f in claim_findings)
        if (all(m.entry.id in _TERMS_ONLY for m in matches) and refers_back.match(doc.body_lower, s_start)
                and doc.sentence_before((s_start, s_end)) in counted):
            # "Two officials said … They spoke on condition of anonymity because …": the
            # terms the sources before were granted, not another claim
            continue
        counted.add((s_start, s_end))
        claims += 1
        with_reason += reason is not None
        weight = max(ctx.weight(m.entry) for m, _ in claim_findings)
        total += weight * (REASON_FACTOR if reason else 1.0)
    if not claims:
        # Finding none in a few words is no evidence that the article names its sources.
        if too_short := ctx.too_short(doc, "whether it rests on unnamed sources"):
            return too_short
        summary = "No claim rests on unnamed sources."
    else:
        if with_reason == 0:
            why = "none says why anonymity was granted" if claims > 1 else "it does not say why anonymity was granted"
        elif with_reason == claims:
            why = "each says why anonymity was granted" if claims > 1 else "it says why anonymity was granted"
        else:
            why = f"{with_reason} of them {'says' if with_reason == 1 else 'say'} why anonymity was granted"
        summary = f"{plural(claims, 'claim rests', 'claims rest')} on unnamed sources; {why}."
    score = saturate(density_total(total, doc.word_count), HALF_CONCERN)
    return ctx.result(score, summary, findings, metrics={"claims": claims, "claims_with_reason": with_reason})


def _roles_named(doc: Document, start: int, end: int, nouns: frozenset[str]) -> frozenset[str]:
    """The source roles ("official", "diplomat") a sentence names up to ``end``, singular."""
    return frozenset(_singular(w) for w in _LETTERS.findall(doc.body_lower, start, end) if w in nouns)


def _group_reason(doc: Document, start: int, roles: frozenset[str],
                  given: list[tuple[int, frozenset[str], tuple[int, int]]]) -> tuple[int, int] | None:
    """The reason given for sources of the same role within ``REFERENCE_SENTENCES``
    sentences before the sentence at ``start``, if any."""
    earlier: tuple[int, int] | None = doc.sentence_at(start)
    for _ in range(REFERENCE_SENTENCES):
        earlier = doc.sentence_before(earlier)
        if earlier is None:
            return None
        for sentence_start, their_roles, reason in reversed(given):
            if sentence_start == earlier[0] and roles & their_roles:
                return reason
    return None


# Entries that state the terms a source spoke on, not a claim of its own.
_TERMS_ONLY = frozenset({"condition-of-anonymity", "off-the-record"})


@lru_cache(maxsize=8)
def _refers_back(lexicon: Lexicon) -> re.Pattern[str]:
    """A sentence opening that refers back to the sources ("They spoke on condition of
    anonymity because …"): it can carry the reason for the claim before it."""
    nouns = lexicon.tables.get("back_references", {}).get("nouns", [])
    roles = "|".join(sorted(nouns + ["two", "three"], key=len, reverse=True))
    return re.compile(rf"[\"“]?(?:they|he|she|both|all|those|these|the (?:{roles}))\b")


def _reasons_by_sentence(
    doc: Document, claims: list[tuple[int, int]], reasons: Lexicon, ctx: Context
) -> dict[tuple[int, int], tuple[int, int]]:
    """For each claim sentence that gives one, the span of the fullest statement of a
    reason for anonymity: the last in the sentence ("anonymity because | he was not
    authorized …"), or else in the next sentence when that one refers back to the
    sources ("They spoke on condition of anonymity because …")."""
    refers_back = _refers_back(ctx.lexicon)
    following = {}
    for sentence in claims:
        after = doc.sentence_after(sentence)
        if after is not None and refers_back.match(doc.body_lower, after[0]):
            following[sentence] = after
    searched = sorted(set(claims) | set(following.values()))
    last: dict[tuple[int, int], tuple[int, int]] = {}
    for m in reasons.find(doc.body, doc.body_lower, index=doc.body_index, within=searched):
        sentence = doc.sentence_at(m.start)
        last[sentence] = max(last.get(sentence, (m.start, m.end)), (m.start, m.end))
    found = {}
    for sentence in claims:
        reason = last.get(sentence) or (last.get(following[sentence]) if sentence in following else None)
        if reason is not None:
            found[sentence] = reason
    return found


@signal(
    "sourcing.vague",
    "Vague attribution",
    "Claims attributed to nobody in particular: “experts say”, “analysts believe”, “according to recent reports”, “critics pointed to”, “many are saying”, “reportedly”.",
)
def vague_sourcing(doc: Document, ctx: Context):
    if not doc.body.strip():
        return ctx.not_applicable("No body text to check.")
    findings = []
    total = 0.0
    claims = 0
    in_quotes_skipped = frozenset(ctx.lexicon.tables.get("quotations", {}).get("skip", ()))
    matches = [m for m in asserted(doc, ctx.article_matches(doc))
               if not (m.entry.id in in_quotes_skipped and doc.in_quote(m.start, m.end))]
    for _, matches in sorted(_by_claim(matches, doc).items()):
        found = [(m, ctx.finding(m.entry, doc, "body", m.start, m.end)) for m in matches]
        found = [(m, f) for m, f in found if f is not None]
        if not found:
            continue
        claims += 1
        total += max(ctx.weight(m.entry) for m, _ in found)
        findings.extend(f for _, f in found)
    if not claims:
        if too_short := ctx.too_short(doc, "whether it attributes claims to nobody in particular"):
            return too_short
        summary = "No claim is attributed to unnamed experts, reports or crowds."
    else:
        examples = quoted_examples([f.text for f in findings])
        summary = f"{plural(claims, 'claim is', 'claims are')} attributed to nobody in particular: {examples}."
    score = saturate(density_total(total, doc.word_count), HALF_CONCERN)
    return ctx.result(score, summary, findings, metrics={"claims": claims})
