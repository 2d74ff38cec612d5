"""The headline signals.

headline.sensational: shouting capitals, shock verbs, superlatives, clickbait forms and
exclamation marks in the headline, plus a learned clickbait probability.  Words live in
``lexicons/en/headline_sensational.toml``; this module holds the rules that are not word
lists (capitals, exclamation marks, the clickbait model of :mod:`credlib.clickbait`).
:func:`sensational_features` is also what ``page.clickbait_links`` runs on promo lines,
so a teaser and a headline are judged by the same rules.

headline.representative: the headline's key words (every number, and every word of
three or more characters that is not a function word or headline filler) looked up in
the body; each one the body never mentions is a finding, and the concern is the share
missing.  The word lists and the endings a match may differ by live in
``lexicons/en/headline_representative.toml``; the lookups use the body's word index,
which the lexicon signals build anyway, so the signal costs a few dictionary lookups.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, localcontext
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from .. import clickbait
from ..document import Document
from ..lexicon import Entry, Lexicon
from ..registry import Context, plural, saturate, signal
from ..report import SignalResult

_POSSESSIVE = re.compile(r"['’]S$")
_JOINERS = re.compile(r"[-’']")

_TOKEN = re.compile(r"[^\W\d_][\w’'.+-]*")
NO_HEADLINE = "No headline to check: the text has no title line (it starts mid-paragraph)."
NO_PAGE_HEADLINE = "No headline to check: the page has no title or headline."
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


def _no_headline(doc: Document, ctx: Context) -> SignalResult | None:
    """Not applicable when the text has no headline, else None."""
    if not doc.title or not doc.title.strip():
        return ctx.not_applicable(NO_PAGE_HEADLINE if doc.source == "html" else NO_HEADLINE)
    return None


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
    if no_headline := _no_headline(doc, ctx):
        return no_headline
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


# -- headline.representative ---------------------------------------------------------------

# A word of the headline: letters and digits with internal apostrophes ("O'Brien"), or a
# number with its separators and any letters after it ("2,000", "3.5", "£1.3m", "1990s").
_KEY_TOKEN = re.compile(r"\d+(?:[.,]\d+)*[^\W_]*|[^\W_]+(?:['’][^\W_]+)*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_DIGITS = re.compile(r"\d+")
# A number an amount is written with: digits with thousands commas, one decimal point.
_AMOUNT = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
# That number just before a scale ("2.5 " before "million", "2-" before "million", "2.5"
# before the "m" of "2.5m"); not the upper end of a range ("2-3 million").
_NUMBER_BEFORE = re.compile(r"(?<![\d.,])(?<!\d[-–])(?<!\d [-–] )(" + _AMOUNT.pattern + r")(?:[ \u00a0]+|-)?\Z")
_POSSESSIVE_S = ("'s", "’s")
SHOWN_MISSING = 5  # missing words the summary names; the findings list them all


@dataclass(frozen=True)
class KeyWord:
    start: int  # span in the title (a possessive 's left out)
    end: int
    word: str  # lower case, ’ read as '; of a number, its value without thousands separators
    number: bool
    amount: str | None = None  # a number with a scale ("2 million", "$2m"): its value in digits, for both words
    sign: str | None = None  # a currency word after an amount ("billion-dollar"): the sign the body may use


class KeyWordRules:
    """headline_representative.toml's tables, read once per lexicon."""

    def __init__(self, lexicon: Lexicon):
        words = lexicon.tables["key_words"]
        normalise = lexicon.tables["normalise"]
        listed = list(words["function_words"]) + list(words["headline_filler"])
        self.skip = frozenset(w.lower().replace("’", "'") for w in listed)
        self.min_letters = int(words["min_letters"])
        self.endings = tuple(normalise["endings"])
        self.min_stem = int(normalise["min_stem"])
        self.irregular: dict[str, frozenset[str]] = {}
        for line in normalise.get("irregular", ()):
            group = frozenset(line.lower().split())
            for form in group:
                self.irregular[form] = self.irregular.get(form, frozenset()) | group
        numbers = lexicon.tables.get("numbers", {})

        def table(key: str, read=str) -> dict:
            """A [numbers] list of "word value" lines, as {word: value}."""
            return {word: read(value) for word, value in (line.split() for line in numbers.get(key, ()))}

        self.scales = table("scales", Decimal)
        self.scale_suffixes = table("suffixes", Decimal)
        self.money_suffixes = table("money_suffixes", Decimal)
        self.currencies = table("currencies")
        self.signs = "".join(sorted(set(self.currencies.values())))
        # a currency's sign before a figure in the body ("$1 billion", "$ 5")
        self.sign_before_figure = {sign: re.compile(re.escape(sign) + r"[ \u00a0]?\d") for sign in self.signs}
        pairs = [line.split() for line in numbers.get("words", ())]
        self.number_words = {word: value for word, value in pairs}  # "three" -> "3"
        self.number_names: dict[str, list[str]] = {}  # "3" -> ["three"], "12" -> ["twelve", "dozen"]
        for word, value in pairs:
            self.number_names.setdefault(value, []).append(word)
        site = lexicon.tables["site_name"]
        marks = "|".join(re.escape(m) for m in sorted(site["separators"], key=len, reverse=True))
        self.separator = re.compile(rf"[ \t]+(?:{marks})[ \t]+")
        self.site_max_words = int(site["max_words"])
        self.site_joiners = frozenset(w.lower() for w in site["joiners"])
        self.outlet_words = frozenset(w.lower() for w in site.get("outlet_words", ()))

    def parts(self, title: str) -> list[tuple[int, int]]:
        """The headline's parts between separators ("Minister resigns | World | Courier"):
        spans in the title, in order; one part when there is no separator."""
        spans, start = [], 0
        for cut in self.separator.finditer(title):
            spans.append((start, cut.start()))
            start = cut.end()
        spans.append((start, len(title)))
        return spans

    def name_like(self, part: str) -> bool:
        """Short, and every word capitalised, a domain or a joiner ("The Daily Courier")."""
        words = part.split()
        if not words or len(words) > self.site_max_words:
            return False
        return all(
            w[0].isupper() or w[0].isdigit() or w.lower() in self.site_joiners or ("." in w.strip(".") and w.isascii())
            for w in words
        )

    def outlet_like(self, part: str) -> bool:
        """Its last word names a kind of outlet, and at most two other words stand before it
        none of which reads like a verb ("The Daily Courier", "Springfield News-Leader";
        not "Musk Blames Fake News")."""
        words = part.split()
        if not words or words[-1].split("-")[-1].lower() not in self.outlet_words:
            return False
        others = [w for w in words[:-1] if w.lower() not in self.outlet_words and w.lower() not in self.site_joiners]
        return len(others) <= 2 and not any(len(w) > 3 and w[-1] == "s" and w[-2].islower() for w in others)

    def key_words(self, title_lower: str) -> list[KeyWord]:
        """The key words of a (lower-cased) headline, each once, in headline order."""
        found: dict[str, KeyWord] = {}
        tokens = list(_KEY_TOKEN.finditer(title_lower))
        amounts = self._amounts(title_lower, tokens)
        for i, m in enumerate(tokens):
            start, end = m.span()
            token = m.group()
            number = _NUMBER.match(token)
            if number:  # "£1.3m" is the number 1.3, "1990s" 1990: the digits must match
                key = KeyWord(start, end, number.group().replace(",", ""), True, amounts.get(i))
            elif i in amounts:  # "million" of "2 million"
                key = KeyWord(start, end, token, False, amounts[i])
            elif token in self.currencies and i > 0 and self._counts(tokens[i - 1].group()) and _joined(title_lower, tokens[i - 1], m):
                key = KeyWord(start, end, token, False, sign=self.currencies[token])  # "billion-dollar", "5-pound"
            else:
                if token.endswith(_POSSESSIVE_S):
                    token, end = token[:-2], end - 2
                token = token.replace("’", "'")
                if len(token) < self.min_letters or token in self.skip:
                    continue
                key = KeyWord(start, end, token, False)
            found.setdefault(key.word, key)
        return list(found.values())

    def _amounts(self, title_lower: str, tokens: list[re.Match[str]]) -> dict[int, str]:
        """Numbers written with a scale ("2 million", "$2-million", "$2m", "1.5bn"): token
        number -> the value in digits ("2000000"), for the number and for its scale word.
        "m" and "k" are scales only after a currency sign ("$5m"; "a 5m wave", "4K TV")."""
        out: dict[int, str] = {}
        for i, m in enumerate(tokens):
            whole = _NUMBER.match(m.group())
            number = _AMOUNT.fullmatch(m.group(), 0, whole.end()) if whole else None
            if number is None:
                continue  # not a number, or not one an amount is written with ("2.0.1", "1,5")
            suffix = m.group()[number.end():]
            scale = self.suffix_scale(suffix, after_sign=m.start() > 0 and title_lower[m.start() - 1] in self.signs)
            if scale is not None:
                out[i] = amount_digits(number.group(), scale)
            elif not suffix and i + 1 < len(tokens) and tokens[i + 1].group() in self.scales and _joined(title_lower, m, tokens[i + 1]):
                out[i] = out[i + 1] = amount_digits(number.group(), self.scales[tokens[i + 1].group()])
        return out

    def suffix_scale(self, suffix: str, after_sign: bool) -> Decimal | None:
        """The scale a suffix written on a number stands for ("bn"; "m" and "k" only in an
        amount of money, after a currency sign), or None."""
        scale = self.scale_suffixes.get(suffix)
        return self.money_suffixes.get(suffix) if scale is None and after_sign else scale

    def _counts(self, token: str) -> bool:
        """A number or a scale word: what a currency word after it belongs to ("billion-dollar")."""
        return token[0].isdigit() or token in self.scales or token.startswith(("multimillion", "multibillion"))

    @lru_cache(maxsize=4096)
    def forms(self, word: str) -> frozenset[str]:
        """Every word that shares a stem with ``word``: the word less one of the endings
        (when at least ``min_stem`` letters remain), or such a stem plus one of them; with
        the spelling rules and irregular forms of ``[normalise]``."""
        stems = {word} | {word[: -len(e)] for e in self.endings if word.endswith(e) and len(word) - len(e) >= self.min_stem}
        plain = {word}  # the word and its form without a plural -s: the irregular table applies to these
        if word.endswith(("ies", "ied")) and len(word) >= 5:
            stems.add(word[:-3] + "y")  # cities -> city, denied -> deny
        no_e_rule: set[str] = set()
        if word.endswith(("ses", "xes", "zes", "ches", "shes")):
            if len(word) >= 5:
                stems.add(word[:-2])  # buses -> bus, taxes -> tax
            stems.add(word[:-1])  # cases -> case, loses -> lose
            plain.add(word[:-1])
            no_e_rule.add(word[:-1])  # but "buses" is not "busing"
        elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) >= 4:
            stems.add(word[:-1])  # bans -> ban, sues -> sue
            plain.add(word[:-1])
        for ending in ("ed", "ing"):
            if not word.endswith(ending):
                continue
            stem = word[: -len(ending)]
            if _short_closed(stem):
                stems.add(stem + "e")  # hired -> hire, hiring -> hire (not shed -> she, aided -> aide)
            if len(stem) >= 4 and stem[-1] == stem[-2] and stem[-1] not in _NOT_DOUBLED:
                stems.add(stem[:-1])  # stopped -> stop, banned -> ban
        forms = set(stems)
        for stem in stems:
            if len(stem) >= self.min_stem:
                forms.update(stem + e for e in self.endings)
            if len(stem) >= 3:
                forms.add(stem + ("es" if stem.endswith(("s", "x", "z", "ch", "sh")) else "s"))
                if stem.endswith("y") and stem[-2] not in _VOWELS:
                    forms.update((stem[:-1] + "ies", stem[:-1] + "ied"))
                if stem.endswith("e") and stem not in no_e_rule:
                    forms.update((stem + "d", stem[:-1] + "ing"))
                if _short_closed(stem):
                    forms.update((stem + stem[-1] + "ed", stem + stem[-1] + "ing"))
        for stem in plain:
            for form in self.irregular.get(stem, ()):
                forms.update((form, form + "s"))  # "won" finds "wins"
        return frozenset(forms)


_VOWELS = frozenset("aeiou")
_MULTIPLIERS = frozenset({"hundred", "thousand", "million", "billion", "dozen", "dozens", "hundreds", "thousands", "millions"})
_NOT_DOUBLED = frozenset("aeiouywxlsz")  # "called", "passed", "buzzed" keep their double letter


def _short_closed(stem: str) -> bool:
    """A stem ending consonant-vowel-consonant (not w, x or y: "show", "fix").  Its final
    consonant doubles before -ed/-ing ("stop" -> "stopped", "ban" -> "banned"), and a word
    less -ed/-ing that ends so may have lost a final e ("hir" of "hired", "clos" of
    "closing"; not "aid" of "aided" or "sh" of "shed")."""
    return (
        len(stem) >= 3 and stem[-1] not in _VOWELS and stem[-1] not in "wxy"
        and stem[-2] in _VOWELS and stem[-3] not in _VOWELS and stem.isalpha()
    )


def amount_digits(number: str, scale: Decimal) -> str:
    """A number (digits, thousands commas, one decimal point) times its scale, in plain
    digits: ("2.5", 1000000) -> "2500000", ("2,000", 1000000) -> "2000000000"."""
    with localcontext(prec=60):  # exact for any amount a headline writes
        return format((Decimal(number.replace(",", "")) * scale).normalize(), "f")


def _joined(title: str, first: re.Match[str], second: re.Match[str]) -> bool:
    """Two tokens written as one phrase: only a space or a hyphen between them."""
    return title[first.end() : second.start()].strip() in ("", "-")


@lru_cache(maxsize=8)
def key_word_rules(lexicon: Lexicon) -> KeyWordRules:
    return KeyWordRules(lexicon)


class BodyWords:
    """Looks a headline's key words up in the body, through the body's word index.

    The index splits at apostrophes and separators ("japan’s" -> "japan", "s"; "2,000"
    -> "2", "000"), so a plain word is a few dictionary lookups (its forms), and a number
    or a word with an apostrophe is checked where its first part occurs."""

    def __init__(self, doc: Document, rules: KeyWordRules):
        self.doc = doc
        self.rules = rules
        self.index = doc.body_index
        self._by_lead: dict[str, list[str]] | None = None
        self._scaled_values: frozenset[str] | None = None

    def _numbers(self) -> dict[str, list[str]]:
        """The body's words that start with digits, by those digits ("60m" under "60")."""
        if self._by_lead is None:
            self._by_lead = {}
            for word in self.index.words:
                if word[0].isdigit() and (lead := _DIGITS.match(word)):
                    self._by_lead.setdefault(lead.group(), []).append(word)
        return self._by_lead

    def mentions(self, key: KeyWord) -> bool:
        return self._mentions(key) or (key.amount is not None and self._has_amount(key.amount))

    def _mentions(self, key: KeyWord) -> bool:
        if key.number:
            # "3" in the headline, "three" in the body
            return (
                self._has_number(key.word)
                or any(self._has_number_word(w) for w in self.rules.number_names.get(key.word, ()))
                or ("." not in key.word and key.word in self._scaled())  # "2000000": "2 million"
            )
        if "'" in key.word:
            return self._has_exactly(key.word)
        words = self.index.words
        # the word itself first: most key words of a headline are in the body as written
        if key.word in words or any(form in words for form in self.rules.forms(key.word)):
            return True
        if key.sign is not None and self.rules.sign_before_figure[key.sign].search(self.doc.body):
            return True  # "billion-dollar deal": "$1 billion"
        value = self.rules.number_words.get(key.word)  # "three" in the headline, "3" in the body
        return value is not None and self._has_number(value)

    def _has_amount(self, amount: str) -> bool:
        """The value of a headline's "2 million" in the body, as digits ("2,000,000") or
        with a scale ("2m", "2.0 million")."""
        return self._has_number(amount) or amount in self._scaled()

    def _scaled(self) -> frozenset[str]:
        """The values of the body's numbers written with a scale ("2.5 million", "$3bn",
        "$2-million", "2,000 million"), in digits.  A range's upper end ("2-3 million") is
        not an amount of its own."""
        if self._scaled_values is None:
            found = set()
            body = self.doc.body_lower
            rules = self.rules
            for word, scale in rules.scales.items():
                for pos in self.index.positions(word):
                    number = _NUMBER_BEFORE.search(body, max(0, pos - 40), pos)
                    if number is not None:
                        found.add(amount_digits(number.group(1), scale))
            # "2m", and "5m" of "2.5m" (the index splits at the point)
            for lead, words in self._numbers().items():
                for word in words:
                    suffix = word[len(lead):]
                    if suffix not in rules.scale_suffixes and suffix not in rules.money_suffixes:
                        continue
                    for pos in self.index.positions(word):
                        number = _NUMBER_BEFORE.search(body, max(0, pos - 40), pos + len(lead))
                        if number is None:
                            continue
                        after_sign = number.start(1) > 0 and body[number.start(1) - 1] in rules.signs
                        scale = rules.suffix_scale(suffix, after_sign)  # "$5m", not "a 5m wave"
                        if scale is not None:
                            found.add(amount_digits(number.group(1), scale))
            self._scaled_values = frozenset(found)
        return self._scaled_values

    def _has_number(self, value: str) -> bool:
        """The number ``value`` as a whole number of the body ("1.3" in "£1.3m", "2000" in
        "2,000"; not in "12,000", "2000.5" or "1.2000")."""
        body = self.doc.body_lower
        whole = value.split(".")[0]
        by_lead = self._numbers()
        # its first digit run, written without or with thousands separators
        for lead in {whole, whole[: len(whole) % 3 or 3]}:
            for word in by_lead.get(lead, ()):
                for pos in self.index.positions(word):
                    if pos >= 2 and body[pos - 1] in ".," and body[pos - 2].isdigit():
                        continue  # the tail of a longer number
                    if _NUMBER.match(body, pos).group().replace(",", "") == value:
                        return True
        return False

    def _has_number_word(self, word: str) -> bool:
        """The number word ``word`` standing for its own value: "three people", "a dozen";
        not part of a larger number ("three hundred", "two dozen", "twenty-three")."""
        body = self.doc.body_lower
        for pos in self.index.positions(word):
            before = body[max(0, pos - 12) : pos].replace("-", " ").split()[-1:]
            after = body[pos + len(word) : pos + len(word) + 12].replace("-", " ").split()[:1]
            if word in _MULTIPLIERS and before and before[0] not in ("a", "one"):
                continue  # "three hundred", "two dozen"
            if after and (after[0] in _MULTIPLIERS or after[0] in self.rules.number_words):
                continue  # "three hundred", "twenty three"
            if before and before[0] in self.rules.number_words and word not in _MULTIPLIERS:
                continue  # "twenty-three"
            return True
        return False

    def _has_exactly(self, word: str) -> bool:
        body = self.doc.body_lower
        size = len(word)
        for pos in self.index.positions(word.split("'")[0]):
            end = pos + size
            if body[pos:end].replace("’", "'") == word and (end >= len(body) or not (body[end].isalnum() or body[end] == "_")):
                return True
        return False


@signal(
    "headline.representative",
    "Unsupported headline",
    "Key words of the headline (names, numbers, nouns and verbs) that the article never mentions.",
)
def representative_headline(doc: Document, ctx: Context):
    if no_headline := _no_headline(doc, ctx):
        return no_headline
    entry = ctx.lexicon.entry("missing-key-word")
    if not ctx.enabled(entry):  # its only entry: nothing left to report
        return ctx.not_applicable(f"Switched off in the configuration ({entry.full_id}).")
    rules = key_word_rules(ctx.lexicon)
    keys = rules.key_words(doc.title_lower)
    body = BodyWords(doc, rules)
    site_name, keys = _without_site_name(doc.title, keys, rules, body)
    needed = int(ctx.lexicon.tables["scoring"]["min_key_words"])
    if len(keys) < needed:
        found = "no key word" if not keys else f"only {plural(len(keys), 'key word')}"
        return ctx.not_applicable(
            f"The headline has {found} (a name, number, noun or verb) to look for in the article; "
            f"at least {needed} are needed.",
            {"key_words": len(keys), "missing": 0},
        )
    if too_short := ctx.too_short(doc, "whether it supports the headline"):
        return too_short
    missing = [k for k in keys if not body.mentions(k)]
    severity = "info" if len(missing) == 1 else None  # one paraphrased word is common in real headlines
    findings = [
        ctx.finding(entry, doc, "title", k.start, k.end, severity=severity,
                    message=f"{entry.message}: “{doc.title[k.start:k.end]}”")
        for k in missing
    ]
    shown = [f.text for f in findings if f is not None]  # the allow list may drop some
    summary = _representative_summary(shown, len(keys), allowed=len(missing) - len(shown))
    metrics: dict[str, Any] = {"key_words": len(keys), "missing": len(shown)}
    if site_name is not None:
        summary += f" “{site_name}” reads as the site's name and was not checked."
        metrics["site_name"] = site_name
    return ctx.result(len(shown) / len(keys), summary, findings, metrics)


def _without_site_name(title: str, keys: list[KeyWord], rules: KeyWordRules, body: BodyWords) -> tuple[str | None, list[KeyWord]]:
    """The headline's key words less those of a site name at its end or, failing that, its
    start ("… | World | The Daily Courier"): name-like parts whose key words the body never
    mentions, taken off one by one while a part with key words remains; and that name."""
    parts = rules.parts(title)
    dropped: list[tuple[int, int]] = []

    def take(span: tuple[int, int]) -> bool:
        part = title[span[0] : span[1]]
        rest = sum(len(title[s:e].split()) for s, e in parts if (s, e) != span)
        # a name is shorter than the headline it labels ("Minister resigns — Obama Arrested" is two
        # claims), unless it names an outlet ("Okafor steps down | The Daily Courier")
        if not rules.name_like(part) or (len(part.split()) >= rest and not rules.outlet_like(part)):
            return False
        if any(body.mentions(k) for k in keys if span[0] <= k.start < span[1]):
            return False
        dropped.append(span)
        return True

    while len(parts) > 1 and take(parts[-1]):
        parts.pop()
    # a site puts its name at one end: the start is tried only when the end held none
    while not dropped and len(parts) > 1 and take(parts[0]):
        parts.pop(0)
    kept = [k for k in keys if any(s <= k.start < e for s, e in parts)]
    if not dropped or not kept:
        return None, keys
    dropped.sort()
    return " · ".join(title[s:e] for s, e in dropped), kept


def _representative_summary(missing: list[str], total: int, allowed: int) -> str:
    if not missing:
        if allowed:
            return "Every key word of the headline appears in the article, or is on the configuration's allow list."
        return "Every key word of the headline appears in the article."
    quoted = [f"“{w}”" for w in missing[:SHOWN_MISSING]]
    if len(missing) > SHOWN_MISSING:
        quoted.append(plural(len(missing) - SHOWN_MISSING, "other"))
    verb = "never appears" if len(missing) == 1 else "never appear"
    return f"{len(missing)} of the headline's {plural(total, 'key word')} {verb} in the article: {_join(quoted)}."
