"""headline.sensational: shouting capitals, shock verbs, superlatives, clickbait forms and
exclamation marks in the headline, plus a learned clickbait probability.

Words live in ``lexicons/en/headline_sensational.toml``; this module holds the rules
that are not word lists (capitals, exclamation marks, the clickbait model of
:mod:`credlib.clickbait`).  :func:`sensational_features` is
also what ``page.clickbait_links`` runs on promo lines, so a teaser and a headline are
judged by the same rules.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .. import clickbait
from ..document import Document
from ..lexicon import Entry, Lexicon
from ..registry import Context, plural, saturate, signal

_POSSESSIVE = re.compile(r"['’]S$")
_JOINERS = re.compile(r"[-’']")

_TOKEN = re.compile(r"[^\W\d_][\w’'.+-]*")
_EXCLAMATION = re.compile(r"[!¡]+[?!]*")
HALF_CONCERN = 1.2  # total weight at which the headline concern reaches 0.5


@dataclass(frozen=True)
class Feature:
    entry: Entry
    start: int
    end: int


@lru_cache(maxsize=8)
def _caps_tables(lexicon: Lexicon) -> tuple[frozenset[str], frozenset[str], int]:
    caps = lexicon.tables.get("caps", {})
    return (
        frozenset(a.upper() for a in caps.get("acronyms", ())),
        frozenset(w.upper() for w in caps.get("shouting_short", ())),
        int(caps.get("min_letters", 2)),
    )


def shouting_words(text: str, lexicon: Lexicon) -> list[tuple[int, int]]:
    """Spans of words in capitals that are shouting, not acronyms (NATO, U.S., G7)."""
    acronyms, shouting_short, min_letters = _caps_tables(lexicon)
    spans = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        core = _POSSESSIVE.sub("", word.rstrip(".-+"))
        letters = [c for c in core if c.isalpha()]
        if len(letters) < min_letters or not all(c.isupper() for c in letters):
            continue
        if "." in core or any(c.isdigit() for c in core) or core in acronyms:
            continue
        parts = [p for p in _JOINERS.split(core) if p]
        if all(p in acronyms for p in parts):
            continue
        if len(letters) <= 3 and core not in shouting_short:
            continue
        spans.append((m.start(), m.start() + len(word.rstrip(".-+"))))
    return spans


def sensational_features(text: str, lower: str, lexicon: Lexicon, disabled: frozenset[str]) -> list[Feature]:
    """Everything sensational in one headline-like line of text."""
    features = [Feature(m.entry, m.start, m.end) for m in lexicon.find(text, lower, disabled)]
    caps = lexicon.get("all-caps")
    if caps is not None and caps.full_id not in disabled:
        words = shouting_words(text, lexicon)
        tokens = list(_TOKEN.finditer(text))
        if len(tokens) >= 4 and words and all(m.group().upper() == m.group() for m in tokens):
            # A whole headline in capitals is one finding.
            features.append(Feature(caps, tokens[0].start(), tokens[-1].end()))
        else:
            features.extend(Feature(caps, s, e) for s, e in words)
    bang = lexicon.get("exclamation")
    if bang is not None and bang.full_id not in disabled:
        features.extend(Feature(bang, m.start(), m.end()) for m in _EXCLAMATION.finditer(text))
    features.sort(key=lambda f: (f.start, f.end, f.entry.id))
    return features


def describe(features: list[Feature], text: str, limit: int = 3) -> str:
    """"shouting capitals (FURIOUS, ERUPTS) and a shock verb (slams)"."""
    groups: dict[str, list[str]] = {}
    for f in features:
        groups.setdefault(f.entry.message.lower(), []).append(text[f.start : f.end])
    parts = []
    for message, words in list(groups.items())[:limit]:
        shown = ", ".join(dict.fromkeys(w for w in words))[:60]
        parts.append(f"{message} ({shown})")
    if len(groups) > limit:
        parts.append(plural(len(groups) - limit, "other feature"))
    return _join(parts)


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


@dataclass(frozen=True)
class LearnedClickbait:
    """What the clickbait model adds to a headline's concern (see ``[clickbait_model]``)."""

    probability: float
    threshold: float
    trained_on: int
    cues: tuple[str, ...] = ()  # the words that weigh most towards clickbait, when flagged

    @property
    def flagged(self) -> bool:
        """At or above the threshold: a finding, and weight in the concern."""
        return self.probability >= self.threshold

    @property
    def total(self) -> float:
        """What the model adds to the signal's total: HALF_CONCERN at the threshold (alone,
        a concern of 0.5), twice that at probability 1 (2/3), nothing below."""
        if not self.flagged:
            return 0.0
        return HALF_CONCERN * (1 + (self.probability - self.threshold) / max(1 - self.threshold, 1e-9))


def learned_clickbait(title: str, lexicon: Lexicon) -> LearnedClickbait:
    settings = lexicon.tables.get("clickbait_model", {})
    model = clickbait.model()
    probability = model.probability(title)
    learned = LearnedClickbait(probability, float(settings.get("threshold", 0.5)), model.trained_on)
    if not learned.flagged:
        return learned
    # Naming the cues costs a second pass over the features; sober headlines skip it.
    explained = model.explain(title, int(settings.get("cues", 2)))
    return replace(learned, cues=tuple(title[t.start : t.end] for t in explained.cues))


def _model_finding(ctx: Context, doc: Document, entry: Entry, learned: LearnedClickbait):
    """One finding over the whole headline: the probability is a judgement of its wording
    as a whole; the message names the words that weighed most."""
    words = list(_TOKEN.finditer(doc.title))
    if not words:
        return None
    cues = " (strongest cues: " + ", ".join(f"“{c}”" for c in learned.cues) + ")" if learned.cues else ""
    message = f"{entry.message}: {_percent(learned.probability)} by a model trained on {learned.trained_on:,} headlines{cues}"
    return ctx.finding(entry, doc, "title", words[0].start(), words[-1].end(), message=message)


def _percent(probability: float) -> str:
    if probability < 0.01:
        return "<1%"
    return f"{math.floor(probability * 100)}%" if probability < 0.995 else ">99%"


@signal(
    "headline.sensational",
    "Sensational headline",
    "Shouting capitals, shock verbs, superlatives, clickbait phrases and exclamation marks in the headline, "
    "and a clickbait probability from a model trained on the Stop Clickbait corpus.",
)
def sensational_headline(doc: Document, ctx: Context):
    if not doc.title or not doc.title.strip():
        return ctx.not_applicable("No headline to check: the text has no title line (it starts mid-paragraph).")
    disabled = ctx.settings.disabled_by_signal.get(ctx.spec.id, frozenset())
    features = sensational_features(doc.title, doc.title_lower, ctx.lexicon, disabled)
    findings = [ctx.finding(f.entry, doc, "title", f.start, f.end) for f in features]
    kept = [(f, finding) for f, finding in zip(features, findings) if finding is not None]
    total = sum(ctx.weight(f.entry) for f, _ in kept)
    model_entry = ctx.lexicon.get("clickbait-model")
    learned = None
    model_finding = None
    if model_entry is not None and model_entry.full_id not in disabled:
        learned = learned_clickbait(doc.title, ctx.lexicon)
        if learned.flagged:
            model_finding = _model_finding(ctx, doc, model_entry, learned)
            if model_finding is not None:
                findings.append(model_finding)
                total += ctx.weight(model_entry) * learned.total
    summary = _summary(doc.title, [f for f, _ in kept], learned, model_finding is not None)
    metrics = {"clickbait_probability": round(learned.probability, 3)} if learned is not None else None
    return ctx.result(saturate(total, HALF_CONCERN), summary, findings, metrics)


def _summary(title: str, rules: list[Feature], learned: LearnedClickbait | None, flagged: bool) -> str:
    devices = describe(rules, title)
    if learned is None:
        return f"The headline uses {devices}." if rules else "The headline states its subject without sensational devices."
    verdict = f"{_percent(learned.probability)} by a model trained on {learned.trained_on:,} headlines"
    if flagged and rules:
        return f"The headline uses {devices}, and reads like clickbait: {verdict}."
    if flagged:
        cues = " and ".join(f"“{c}”" for c in learned.cues)
        return f"The headline reads like clickbait: {verdict}" + (f", {cues} weighing most." if cues else ".")
    rated = f"a model trained on {learned.trained_on:,} headlines rates its wording {_percent(learned.probability)} clickbait"
    if rules:
        return f"The headline uses {devices}; {rated}."
    return f"The headline states its subject without sensational devices; {rated}."
