"""The signal registry and the context a signal runs in.

A signal is a function ``(document, context) -> SignalResult`` registered under its
dotted id with :func:`signal`.  Signals are independent: they never call each other and
never change the document.  The context gives a signal its lexicon (built-in entries
plus the user's), applies the configuration (switched-off entries, severities, the allow
list) to every finding it makes, and builds the result.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, fields
from functools import lru_cache
from importlib import import_module
from typing import Any, Callable, Iterable, Mapping, Sequence

from .config import AllowList, Config
from .document import Document
from .lexicon import Entry, Lexicon, LexiconError, Match, load, load_user_file
from .report import Finding, SignalResult, new_finding

# The order signals appear in a report (and in the catalogue).
ORDER = (
    "headline.sensational",
    "headline.representative",
    "sourcing.anonymous",
    "sourcing.vague",
    "people.unverifiable",
    "wording.loaded",
    "evidence.citations",
    "evidence.reporting",
    "provenance.byline",
    "provenance.date",
    "page.clickbait_links",
    "text.language",
    "text.readability",
)


@dataclass(frozen=True)
class Signal:
    id: str
    title: str
    description: str
    func: Callable[[Document, "Context"], SignalResult]
    english_only: bool = True  # its word lists are English: not applicable to other languages
    informational: bool = False  # reported, never part of the score
    has_lexicon: bool = True

    def lexicon(self) -> Lexicon | None:
        return load(self.id) if self.has_lexicon else None


_REGISTRY: dict[str, Signal] = {}


def signal(
    signal_id: str,
    title: str,
    description: str,
    *,
    english_only: bool = True,
    informational: bool = False,
    has_lexicon: bool = True,
) -> Callable:
    """Register a signal function under ``signal_id``."""

    def decorate(func: Callable[[Document, "Context"], SignalResult]):
        if signal_id in _REGISTRY:
            raise ValueError(f"signal {signal_id!r} registered twice")
        _REGISTRY[signal_id] = Signal(signal_id, title, description, func, english_only, informational, has_lexicon)
        with _SETTINGS_LOCK:
            _SETTINGS.clear()  # settings resolved before this signal existed do not know it
        default_settings.cache_clear()
        return func

    return decorate


def registered() -> list[Signal]:
    """All registered signals, in report order."""
    import_module("credlib.signals")  # importing the package registers the signals

    rank = {sid: i for i, sid in enumerate(ORDER)}
    return sorted(_REGISTRY.values(), key=lambda s: (rank.get(s.id, len(ORDER)), s.id))


def get(signal_id: str) -> Signal:
    registered()
    return _REGISTRY[signal_id]


# -- settings: a configuration resolved against the registry -----------------------------


class Settings:
    """A :class:`Config` checked against the known ids, with user lexicons merged in."""

    def __init__(self, config: Config):
        from .config import ConfigError

        self.config = config
        self.allow = AllowList(config.allow)
        # Nothing switched off, no severity changed, no allow list: findings need no lookups.
        self.plain_findings = not (config.disable or config.severities or config.allow)
        extra: dict[str, list[Entry]] = {}
        for path in config.lexicons:
            try:
                user = load_user_file(path)
            except LexiconError as exc:
                raise ConfigError(f"lexicons: {exc}") from None
            extra.setdefault(user.signal, []).extend(user.entries)
        signals = {s.id: s for s in registered()}
        self.lexicons: dict[str, Lexicon] = {}
        for sig in signals.values():
            base = sig.lexicon()
            if base is None:
                continue
            try:
                self.lexicons[sig.id] = base.extended(tuple(extra.pop(sig.id, ()))) if sig.id in extra else base
            except LexiconError as exc:
                raise ConfigError(f"lexicons: {exc}") from None
        if extra:
            unknown = ", ".join(sorted(extra))
            raise ConfigError(f"lexicons: no signal with a lexicon is called {unknown}")
        known = set(signals)
        for lexicon in self.lexicons.values():
            known.update(e.full_id for e in lexicon.entries)
        for key, ids in (("disable", config.disable), ("weights", config.weights), ("severities", config.severities)):
            for dotted in ids:
                if not any(k == dotted or k.startswith(dotted + ".") for k in known):
                    raise ConfigError(f"{key}: unknown signal or entry id {dotted!r} (see `credlib signals`)")
        for dotted in config.weights:
            if dotted not in known:
                raise ConfigError(f"weights: {dotted!r} is a prefix; weights take a full signal or entry id")
            owner = signals.get(dotted) or signals.get(dotted.rsplit(".", 1)[0])
            if owner is not None and owner.informational:
                raise ConfigError(f"weights: {owner.id} is informational: it is reported but never part of the "
                                  "score, so a weight would change nothing")
        # Per-entry answers, looked up for every finding: worked out once per entry (the
        # lexicons' entries here; an entry built by a signal itself on first use).
        self._disabled: dict[str, bool] = {
            e.full_id: config.is_disabled(e.full_id) for lex in self.lexicons.values() for e in lex.entries
        }
        self._severity: dict[tuple[str, str], str] = {}
        self.disabled_by_signal: dict[str, frozenset[str]] = {
            sid: frozenset(e.full_id for e in lex.entries if self._disabled[e.full_id])
            for sid, lex in self.lexicons.items()
        }

    def is_disabled(self, entry: Entry) -> bool:
        found = self._disabled.get(entry.full_id)
        if found is None:
            found = self._disabled[entry.full_id] = self.config.is_disabled(entry.full_id)
        return found

    def severity(self, entry: Entry, default: str) -> str:
        key = (entry.full_id, default)
        found = self._severity.get(key)
        if found is None:
            found = self._severity[key] = self.config.severity_for(entry.full_id, default)
        return found


@lru_cache(maxsize=1)
def default_settings() -> Settings:
    return Settings(Config())


_SETTINGS: "OrderedDict[tuple, Settings]" = OrderedDict()
_SETTINGS_KEPT = 16
_SETTINGS_LOCK = threading.Lock()  # a server's threads share the cache


def settings_for(config: Config | None) -> Settings:
    """The settings for ``config``, resolved once and kept for the configurations used
    most recently (a pipeline scores many articles with one configuration)."""
    if config is None:
        return default_settings()
    if not isinstance(config, Config):
        raise TypeError(
            f"config must be a credlib.Config, not {type(config).__name__} "
            "(a TOML file: credlib.Config.from_toml(path))"
        )
    key = _config_key(config)
    with _SETTINGS_LOCK:
        settings = _SETTINGS.get(key)
        if settings is not None:
            _SETTINGS.move_to_end(key)
            return settings
    settings = Settings(config)  # raises ConfigError for a bad configuration: never kept
    with _SETTINGS_LOCK:
        _SETTINGS[key] = settings
        if len(_SETTINGS) > _SETTINGS_KEPT:
            _SETTINGS.popitem(last=False)
    return settings


def _config_key(config: Config) -> tuple:
    """Every field's value (weights and severities as sorted items): equal configurations,
    equal keys, even when a caller changed a weights dict after an earlier call."""
    return tuple(
        tuple(sorted(value.items())) if isinstance(value, Mapping) else value
        for value in (getattr(config, f.name) for f in fields(config))
    )


# -- the context one signal runs in ------------------------------------------------------


class Context:
    def __init__(self, spec: Signal, settings: Settings):
        self.spec = spec
        self.settings = settings
        self.config = settings.config

    @property
    def lexicon(self) -> Lexicon:
        return self.settings.lexicons[self.spec.id]

    def enabled(self, entry: Entry) -> bool:
        return not self.config.disable or not self.settings.is_disabled(entry)

    def weight(self, entry: Entry) -> float:
        return self.config.weight_for(entry.full_id, entry.weight) if self.config.weights else entry.weight

    def matches(
        self, doc: Document, field: str, lexicon: Lexicon | None = None, span: tuple[int, int] | None = None
    ) -> tuple[Match, ...]:
        """Pattern matches of a lexicon (this signal's by default) in ``field`` (or a span of it).

        Found once per document: another signal asking for the same lexicon's matches
        (evidence.citations reads sourcing.vague's) gets the same tuple.
        """
        lexicon = lexicon or self.lexicon
        disabled = self.settings.disabled_by_signal.get(lexicon.signal, frozenset())
        key = (lexicon, field, disabled, span)
        found = doc.lexicon_matches.get(key)
        if found is None:
            start, end = span if span is not None else (0, None)
            found = tuple(lexicon.find(doc.text_of(field), doc.lower_of(field), disabled, doc.index_of(field), start, end))
            doc.lexicon_matches[key] = found
        return found

    def article_matches(self, doc: Document) -> list[Match]:
        """This signal's lexicon matches in the body, leaving out page furniture (promo
        lines, share bars, comment areas: ``Document.boilerplate_blocks``)."""
        return [m for m in self.matches(doc, "body") if not doc.in_boilerplate(m.start, m.end)]

    def finding(
        self,
        entry: Entry,
        doc: Document,
        field: str,
        start: int,
        end: int,
        *,
        message: str | None = None,
        severity: str | None = None,
        explanation: str | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> Finding | None:
        """A finding for ``entry`` at ``field[start:end]``, or None when the entry is
        switched off or the allow list covers the text."""
        text = doc.text_of(field)[start:end]
        severity = severity or entry.severity
        if not self.settings.plain_findings:
            if not self.enabled(entry) or self.settings.allow.allows(text):
                return None
            if self.config.severities:
                severity = self.settings.severity(entry, severity)
        return new_finding((
            field, start, end, text, message or entry.message, severity, explanation or entry.note, entry.id,
            dict(extra or {}),
        ))

    def result(
        self,
        score: float,
        summary: str,
        findings: Iterable[Finding | None] = (),
        metrics: Mapping[str, Any] | None = None,
    ) -> SignalResult:
        kept = sorted((f for f in findings if f is not None), key=Finding.sort_key)
        return SignalResult(
            id=self.spec.id,
            title=self.spec.title,
            status="ok",
            score=min(1.0, max(0.0, float(score))),
            summary=summary,
            findings=tuple(kept),
            metrics=metrics,
        )

    def not_applicable(self, reason: str, metrics: Mapping[str, Any] | None = None) -> SignalResult:
        return not_applicable(self.spec, reason, metrics)

    def too_short(self, doc: Document, what: str) -> SignalResult | None:
        """A not-applicable result when the body has fewer words than this signal's
        ``[scoring] min_words`` (too short to judge ``what``), else None."""
        words = doc.word_count
        if words < self.lexicon.tables["scoring"]["min_words"]:
            return self.not_applicable(f"The body is too short to judge {what} ({plural(words, 'word')}).")
        return None


def not_applicable(spec: Signal, reason: str, metrics: Mapping[str, Any] | None = None) -> SignalResult:
    return SignalResult(spec.id, spec.title, "not_applicable", 0.0, reason, (), metrics)


def saturate(total: float, half: float) -> float:
    """Map a non-negative sum of weights to 0..1: ``half`` gives 0.5, more approaches 1."""
    return total / (total + half) if total > 0 else 0.0


def names_briefly(names: Sequence[str], most: int = 5, chars: int = 40) -> str:
    """Names given by a client (unknown fields), quoted and clipped: they are its data
    and may be long or many ("'abc…', 'b' and 2 more")."""
    shown = ", ".join(repr(n if len(n) <= chars else n[: chars - 1] + "…") for n in names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"
