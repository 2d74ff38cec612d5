"""Score an article: build the Document, run every signal, combine, report."""

from __future__ import annotations

from typing import Any

from . import __version__
from .config import Config
from .document import Document, is_blank, looks_like_html
from .registry import Context, Signal, get, not_applicable, registered, settings_for
from .report import Report, SignalResult
from .scoring import combine, model

SUPPORTED_LANGUAGES = ("en",)


def build_document(
    text: str | None = None, title: str | None = None, url: str | None = None, html: str | None = None
) -> Document:
    """The Document for the given input.

    ``html`` is a web page: its main text is extracted unless a ``text`` that is not
    blank (:func:`~credlib.document.is_blank`) is also given, in which case ``text`` is
    the body and the page supplies metadata and boilerplate.  A ``text`` that is itself
    an HTML page (and no ``html``) is treated as one.
    """
    for name, value in (("text", text), ("title", title), ("url", url), ("html", html)):
        if value is not None and not isinstance(value, str):
            raise TypeError(f"{name} must be a string, not {type(value).__name__}")
    if html is None and text is not None and looks_like_html(text):
        html, text = text, None
    if html is not None:
        return Document.from_html(html, url=url, title=title, text=None if text is None or is_blank(text) else text)
    return Document.from_text(text or "", title=title, url=url)


def run_signal(spec: Signal, doc: Document, settings) -> SignalResult:
    if settings.config.is_disabled(spec.id):
        return not_applicable(spec, "Switched off in the configuration.")
    if spec.english_only and doc.language.code not in SUPPORTED_LANGUAGES + ("und",):
        return not_applicable(
            spec, f"The article is in {doc.language.name}; this signal's word lists are English only."
        )
    return spec.func(doc, Context(spec, settings))


def score_document(doc: Document, config: Config | None = None, include_text: bool = False) -> Report:
    if not isinstance(doc, Document):
        raise TypeError(
            f"score_document needs a credlib.Document (from credlib.build_document), not {type(doc).__name__}; "
            "for text or HTML use credlib.score()"
        )
    if not isinstance(include_text, bool):  # "no" would read as true
        raise TypeError(f"include_text must be True or False, not {type(include_text).__name__}")
    settings = settings_for(config)
    results = [run_signal(spec, doc, settings) for spec in registered()]
    signal_weights = {k: v for k, v in settings.config.weights.items() if k in model().weights}
    score, label, confidence = combine(results, doc, signal_weights)
    return Report(
        score=score,
        label=label,
        confidence=confidence,
        language=doc.language.code,
        title=doc.title,
        signals=tuple(results),
        credlib_version=__version__,
        body=doc.body if include_text else None,
    )


def score(
    text: str | None = None,
    title: str | None = None,
    url: str | None = None,
    html: str | None = None,
    config: Config | None = None,
    include_text: bool = False,
) -> Report:
    """Score an article given as plain text (``text``) or as a web page (``html``)."""
    return score_document(build_document(text, title, url, html), config, include_text)


def warm_up() -> None:
    """Load everything credlib loads lazily (lexicons, HTML extraction, syllable tables),
    so that the first real article is scored as fast as the rest: servers call this
    before they take requests."""
    from importlib.resources import files

    examples = files("credlib") / "examples"
    score(examples.joinpath("wire-report.txt").read_text(encoding="utf-8"))
    score(html=examples.joinpath("tabloid.html").read_text(encoding="utf-8"))


def score_headline(title: str, config: Config | None = None) -> SignalResult:
    """The ``headline.sensational`` result for a headline on its own: rule findings with
    their spans in ``title``, the learned clickbait probability in ``metrics``, and
    ``score``, the concern from 0 to 1."""
    if not isinstance(title, str):
        raise TypeError(f"title must be a string, not {type(title).__name__}")
    spec = get("headline.sensational")
    if not title.strip():
        return not_applicable(spec, "No headline to check: the title is empty.")
    return run_signal(spec, Document(title=title, body=""), settings_for(config))


def signals() -> list[dict[str, Any]]:
    """The signal catalogue: id, title, description, default weight in the score."""
    weights = model().weights
    out = []
    for spec in registered():
        lexicon = spec.lexicon()
        out.append(
            {
                "id": spec.id,
                "title": spec.title,
                "description": spec.description,
                "weight": weights.get(spec.id, 0.0),
                "informational": spec.informational,
                "languages": list(SUPPORTED_LANGUAGES) if spec.english_only else ["*"],
                "entries": [e.id for e in lexicon.entries] if lexicon else [],
            }
        )
    return out
