"""The fixture corpus: articles with gold annotations, run and measured.

A corpus is a folder with ``articles/`` (plain text or HTML files) and ``annotations/``
(one ``NAME.json`` per ``articles/NAME.txt`` or ``NAME.html``, validated against
``schema/annotation-v1.schema.json``).  The bundled corpus is the repository's
``fixtures/`` folder; a class can point :func:`run_corpus` (``credlib fixtures DIR``) at
its own.

How findings are measured against the gold spans (``fixtures/README.md`` says the same
for annotators):

* A gold span is one occurrence of an annotated text in its field (title, body or the
  page text around an HTML article); without ``occurrence``, every whole-word
  occurrence of the text is a gold span of its own.
* A finding **matches** a gold span when both belong to the same signal and field, their
  character ranges overlap, and the finding has the span's ``entry`` and ``severity``
  where the annotation gives them.  Overlap rather than identity, because where a phrase
  ends ("sources close to" / "sources close to the delegation") is a matter of
  convention, not of whether the signal saw the evidence.
* Per signal: **tp** counts must-flag spans matched by at least one finding, **fn**
  must-flag spans matched by none, **fp** findings that match no must-flag span (a
  must-not-flag span that is flagged is one of them).  Precision is tp / (tp + fp),
  recall tp / (tp + fn); two findings on one gold span (a word in capitals that is also
  a shock verb) count once.  Must-flag lists are exhaustive: a signal that finds
  something the annotation does not list is wrong by definition, so annotations must
  list everything a signal should find.
* A signal the installed credlib does not register (one still being built) is "not yet
  measured": its gold spans are reported, not counted; the figures count it as soon as
  the signal exists.
* A signal no annotation in the corpus mentions (one added after the corpus was
  written) is not measured either: the exhaustive lists were not written for it.
"""

from __future__ import annotations

import html
import json
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from . import textfile
from .document import Document
from .engine import build_document, score_document
from .extract import PageTooComplex
from .registry import ORDER, plural, registered
from .render import highlight, signal_colour
from .report import Finding, Report, json_text

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "fixtures"
SCHEMA_FILE = Path(__file__).parent / "schema" / "annotation-v1.schema.json"
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
LABELS = ("high", "mixed", "low")


class FixtureError(ValueError):
    """A corpus folder or annotation is malformed; the message names the file and field."""


# -- annotations -------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldSpan:
    """One occurrence of an annotated text: what a signal must (or must not) flag there."""

    signal: str
    field: str
    start: int
    end: int
    text: str
    must_flag: bool
    entry: str | None = None
    severity: str | None = None
    note: str | None = None
    where: str = ""  # "must_flag[3]": the annotation item it comes from

    def matches(self, finding: Finding) -> bool:
        return (
            finding.field == self.field
            and finding.start < self.end
            and self.start < finding.end
            and (self.entry is None or finding.entry == self.entry)
            and (self.severity is None or finding.severity == self.severity)
        )


@dataclass(frozen=True)
class Article:
    id: str
    path: Path
    annotation_path: Path
    kind: str
    topic: str
    language: str
    expected_label: str
    teaching_note: str
    document: Document
    gold: tuple[GoldSpan, ...]


@lru_cache(maxsize=1)
def _validator():
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def _json_path(parts: Iterable[Any]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def validate_annotation(data: Any, name: str) -> None:
    """Check an annotation against the schema; the first problem becomes a FixtureError.
    A misspelt key is named before the key it was meant to be ("must_not_flg" is not a
    known key, rather than "must_not_flag" is missing)."""
    errors = sorted(_validator().iter_errors(data), key=lambda e: (
        list(map(str, e.absolute_path)), e.validator != "additionalProperties", e.message))
    if errors:
        error = errors[0]
        where = _json_path(error.absolute_path)
        raise FixtureError(f"{name}: {where + ': ' if where else ''}{error.message}")


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object's members; a key given twice is an error, not the last one winning
    (a second "must_flag" list would silently replace the first)."""
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise _RepeatedKey(key)
        data[key] = value
    return data


class _RepeatedKey(Exception):
    pass


def default_field(signal_id: str) -> str:
    return "title" if signal_id.startswith("headline.") else "body"


def _occurrences(haystack: str, text: str) -> list[tuple[int, int]]:
    """Whole-word occurrences of ``text`` (a space matches any whitespace run)."""
    words = text.split()
    pattern = r"\s+".join(re.escape(w) for w in words)
    if words and re.match(r"\w", words[0]):
        pattern = r"(?<!\w)" + pattern
    if words and re.search(r"\w$", words[-1]):
        pattern += r"(?!\w)"
    return [m.span() for m in re.finditer(pattern, haystack)]


def _hint(doc: Document, text: str, field_name: str) -> str:
    """What the annotator probably meant, when a span is not where it was looked for."""
    other = "title" if field_name == "body" else "body"
    if _occurrences(doc.text_of(other), text):
        return f' (it is in the {other}: add "field": "{other}")'
    words = text.split()
    near = re.search(r"\s+".join(re.escape(w) for w in words), doc.text_of(field_name), re.IGNORECASE) if words else None
    if near:
        return f" (matching is case-sensitive: the article has {near.group()!r})"
    return ""


def _locate(doc: Document, item: dict[str, Any], must_flag: bool, where: str, name: str) -> list[GoldSpan]:
    field_name = item.get("field") or default_field(item["signal"])
    haystack = doc.text_of(field_name)
    found = _occurrences(haystack, item["text"])
    if not found:
        raise FixtureError(f"{name}: {where}.text: {item['text']!r} does not occur in the article's {field_name}"
                           + _hint(doc, item["text"], field_name))
    occurrence = item.get("occurrence")
    if occurrence is not None:
        occurrence = int(occurrence)  # the schema's integer: 1.0 is 1
        if occurrence > len(found):
            raise FixtureError(
                f"{name}: {where}.occurrence: {item['text']!r} occurs {len(found)} time(s) in the {field_name}, not {occurrence}"
            )
        found = [found[occurrence - 1]]
    return [
        GoldSpan(
            signal=item["signal"], field=field_name, start=s, end=e, text=haystack[s:e], must_flag=must_flag,
            entry=item.get("entry"), severity=item.get("severity"), note=item.get("note"), where=where,
        )
        for s, e in found
    ]


def _check_signal_ids(data: dict[str, Any], name: str) -> None:
    known = {s.id: s for s in registered()}
    for key in ("must_flag", "must_not_flag"):
        for i, item in enumerate(data[key]):
            sid = item["signal"]
            if sid not in known and sid not in ORDER:
                raise FixtureError(f"{name}: {key}[{i}].signal: unknown signal id {sid!r} (see `credlib signals`)")
            if sid in known and known[sid].informational:
                hint = ' (the expected language goes in "language")' if sid == "text.language" else ""
                raise FixtureError(f"{name}: {key}[{i}].signal: {sid} is informational and takes no spans{hint}")
            if not item["text"].strip():
                raise FixtureError(f"{name}: {key}[{i}].text: is blank; give the words the signal should "
                                   + ("find" if key == "must_flag" else "leave alone"))
            entry = item.get("entry")
            if entry and sid in known:
                lexicon = known[sid].lexicon()
                if lexicon is None or lexicon.get(entry) is None:
                    raise FixtureError(f"{name}: {key}[{i}].entry: {sid} has no entry {entry!r}")


def _check_conflicts(gold: list[GoldSpan], name: str) -> None:
    seen: dict[tuple, str] = {}
    for g in gold:
        key = (g.signal, g.field, g.start, g.end, g.must_flag, g.entry, g.severity)
        if key in seen and seen[key] != g.where:
            raise FixtureError(f"{name}: {g.where} repeats {seen[key]} ({g.text!r} for {g.signal}): "
                               "list each span once, or give each an occurrence")
        seen.setdefault(key, g.where)
    flags = [g for g in gold if g.must_flag]
    for g in gold:
        if g.must_flag:
            continue
        for f in flags:
            same_entry = g.entry is None or f.entry is None or g.entry == f.entry
            if g.signal == f.signal and g.field == f.field and g.start < f.end and f.start < g.end and same_entry:
                raise FixtureError(f"{name}: {g.where} overlaps {f.where} for {g.signal}: a span cannot be both")


def load_article(article_path: Path, annotation_path: Path) -> Article:
    name = str(annotation_path)
    # Both files are read as `credlib score` reads a file (a byte-order mark, UTF-16, a
    # page's declared charset), so a student who tried an article with `score` first
    # gets the same text here.
    try:
        raw = textfile.decode(annotation_path.read_bytes(), name, blank="is empty: an annotation is a JSON object")
        data = json.loads(raw, object_pairs_hook=_no_repeated_keys)
    except OSError as exc:
        raise FixtureError(f"{name}: cannot read ({exc.strerror or exc})") from None
    except textfile.UnreadableText as exc:
        raise FixtureError(str(exc)) from None
    except json.JSONDecodeError as exc:
        raise FixtureError(f"{name}: not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    except _RepeatedKey as exc:
        raise FixtureError(f"{name}: the key {exc.args[0]!r} is given twice in one object; "
                           "the second would replace the first") from None
    except RecursionError:
        raise FixtureError(f"{name}: not an annotation (nested too deeply)") from None
    validate_annotation(data, name)
    _check_signal_ids(data, name)
    try:
        text = textfile.decode(article_path.read_bytes(), str(article_path), blank="is empty: the article has no text")
    except OSError as exc:
        raise FixtureError(f"{article_path}: cannot read ({exc.strerror or exc})") from None
    except textfile.UnreadableText as exc:
        raise FixtureError(str(exc)) from None
    try:
        doc = build_document(text)
    except PageTooComplex as exc:
        raise FixtureError(f"{article_path}: {exc}") from None
    if doc.empty_page:
        raise FixtureError(f"{article_path}: the page has no article text (its main text is empty)")
    gold: list[GoldSpan] = []
    for key, must in (("must_flag", True), ("must_not_flag", False)):
        for i, item in enumerate(data[key]):
            gold += _locate(doc, item, must, f"{key}[{i}]", name)
    _check_conflicts(gold, name)
    return Article(
        id=article_path.stem, path=article_path, annotation_path=annotation_path, kind=data["kind"],
        topic=data["topic"], language=data["language"], expected_label=data["expected_label"],
        teaching_note=data["teaching_note"], document=doc, gold=tuple(gold),
    )


def load_corpus(directory: Path | str | None = None) -> list[Article]:
    """Every article of a corpus folder with its annotation, sorted by id."""
    root = Path(directory) if directory is not None else DEFAULT_DIR
    if not root.is_dir():
        if directory is None:
            raise FixtureError(
                f"the bundled fixtures are not here ({root}): they ship with credlib's source tree; "
                "give a folder with articles/ and annotations/"
            )
        raise FixtureError(f"{root}: no such folder")
    articles_dir, annotations_dir = root / "articles", root / "annotations"
    for sub in (articles_dir, annotations_dir):
        if not sub.is_dir():
            raise FixtureError(f"{root}: no {sub.name}/ folder (a corpus has articles/ and annotations/)")
    articles: dict[str, Path] = {}
    for path in sorted(articles_dir.iterdir()):
        if path.suffix.lower() not in ARTICLE_SUFFIXES or not path.is_file():
            continue
        if path.stem in articles:
            raise FixtureError(f"{path}: two articles are called {path.stem!r} ({articles[path.stem].name})")
        articles[path.stem] = path
    annotations = {p.stem: p for p in sorted(annotations_dir.glob("*.json"))}
    for stem, path in annotations.items():
        if stem not in articles:
            raise FixtureError(f"{path}: no article {stem}.txt or {stem}.html in {articles_dir}")
    for stem, path in articles.items():
        if stem not in annotations:
            raise FixtureError(f"{path}: no annotation {annotations_dir / (stem + '.json')}")
    if not articles:
        raise FixtureError(f"{articles_dir}: no articles (.txt or .html files)")
    return [load_article(articles[stem], annotations[stem]) for stem in sorted(articles)]


# -- measuring ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SignalOutcome:
    """One signal on one article: which gold spans it found, missed, and what else it flagged."""

    signal: str
    measured: bool
    hits: tuple[tuple[GoldSpan, tuple[Finding, ...]], ...] = ()
    misses: tuple[GoldSpan, ...] = ()
    false_positives: tuple[tuple[Finding, GoldSpan | None], ...] = ()  # with the must-not-flag span it hit
    avoided: tuple[GoldSpan, ...] = ()  # must-not-flag spans left alone
    unmeasured_gold: tuple[GoldSpan, ...] = ()

    @property
    def tp(self) -> int:
        return len(self.hits)

    @property
    def fn(self) -> int:
        return len(self.misses)

    @property
    def fp(self) -> int:
        return len(self.false_positives)


@dataclass(frozen=True)
class ArticleResult:
    article: Article
    report: Report
    signals: tuple[SignalOutcome, ...]

    @property
    def label_ok(self) -> bool:
        return self.report.label == self.article.expected_label

    def outcome(self, signal_id: str) -> SignalOutcome:
        return next(o for o in self.signals if o.signal == signal_id)


@dataclass(frozen=True)
class SignalTotals:
    signal: str
    measured: bool
    tp: int = 0
    fp: int = 0
    fn: int = 0
    gold: int = 0  # must-flag spans annotated (counted even when not yet measured)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.measured and self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.measured and self.tp + self.fn else None


@dataclass(frozen=True)
class CorpusResult:
    directory: Path
    articles: tuple[ArticleResult, ...]
    totals: tuple[SignalTotals, ...] = field(default=())

    @property
    def label_accuracy(self) -> float:
        return sum(a.label_ok for a in self.articles) / len(self.articles) if self.articles else 0.0

    @property
    def language_accuracy(self) -> float:
        ok = sum(a.report.language == a.article.language for a in self.articles)
        return ok / len(self.articles) if self.articles else 0.0

    def total(self, signal_id: str) -> SignalTotals:
        return next(t for t in self.totals if t.signal == signal_id)


def measure(signal_id: str, findings: Iterable[Finding], gold: Iterable[GoldSpan], measured: bool) -> SignalOutcome:
    """Compare a signal's findings on one article with that article's gold spans."""
    gold = [g for g in gold if g.signal == signal_id]
    if not measured:
        return SignalOutcome(signal_id, False, unmeasured_gold=tuple(g for g in gold if g.must_flag))
    findings = list(findings)
    flags = [g for g in gold if g.must_flag]
    traps = [g for g in gold if not g.must_flag]
    hits, misses = [], []
    for g in flags:
        matched = tuple(f for f in findings if g.matches(f))
        (hits.append((g, matched)) if matched else misses.append(g))
    false_positives = []
    for f in findings:
        if not any(g.matches(f) for g in flags):
            false_positives.append((f, next((g for g in traps if g.matches(f)), None)))
    flagged_traps = {id(g) for _, g in false_positives if g is not None}
    avoided = tuple(g for g in traps if id(g) not in flagged_traps)
    return SignalOutcome(signal_id, True, tuple(hits), tuple(misses), tuple(false_positives), avoided)


def evaluate(article: Article, annotated: frozenset[str] | None = None) -> ArticleResult:
    """Score one article and measure each signal against its gold spans.

    ``annotated``: the signals the corpus has gold spans for (all, when not given).  A
    signal no annotation in the corpus mentions was added after the corpus was written,
    so the annotations say nothing about it yet: it is not measured.
    """
    report = score_document(article.document)
    by_id = {s.id: s for s in report.signals}
    ids = list(by_id) + sorted({g.signal for g in article.gold} - set(by_id), key=_order_key)
    outcomes = tuple(
        measure(sid, by_id[sid].findings if sid in by_id else (), article.gold,
                sid in by_id and (annotated is None or sid in annotated))
        for sid in ids
    )
    return ArticleResult(article, report, outcomes)


def _order_key(signal_id: str) -> tuple[int, str]:
    return (ORDER.index(signal_id) if signal_id in ORDER else len(ORDER), signal_id)


def run_corpus(directory: Path | str | None = None) -> CorpusResult:
    """Load, score and measure a corpus (the bundled one by default)."""
    articles = load_corpus(directory)
    annotated = frozenset(g.signal for a in articles for g in a.gold)
    results = tuple(evaluate(a, annotated) for a in articles)
    ids = sorted({o.signal for r in results for o in r.signals}, key=_order_key)
    totals = []
    for sid in ids:
        outcomes = [r.outcome(sid) for r in results if any(o.signal == sid for o in r.signals)]
        measured = all(o.measured for o in outcomes)
        gold = sum(o.tp + o.fn + len(o.unmeasured_gold) for o in outcomes)
        totals.append(SignalTotals(
            sid, measured, sum(o.tp for o in outcomes), sum(o.fp for o in outcomes), sum(o.fn for o in outcomes), gold,
        ))
    root = Path(directory) if directory is not None else DEFAULT_DIR
    return CorpusResult(root, results, tuple(totals))


# -- the gate ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Floors:
    """Minimum figures the corpus must reach (``fixtures/floors.toml``)."""

    label_accuracy: float
    language_accuracy: float
    default_precision: float  # for a measured signal with gold spans and no pinned floor
    default_recall: float
    signals: dict[str, tuple[float, float]]  # signal id -> (precision, recall)


def load_floors(path: Path | str) -> Floors:
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise FixtureError(f"{path}: no such file") from None
    except tomllib.TOMLDecodeError as exc:
        raise FixtureError(f"{path}: not valid TOML ({exc})") from None

    def number(table: dict[str, Any], key: str, where: str) -> float:
        value = table.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise FixtureError(f"{path}: {where}{key} must be a number from 0 to 1")
        return float(value)

    unknown = set(data) - {"label_accuracy", "language_accuracy", "default", "signals"}
    if unknown:
        raise FixtureError(f"{path}: unknown key(s) {', '.join(sorted(unknown))}")
    default = data.get("default", {})
    signals = {}
    for sid, table in data.get("signals", {}).items():
        if not isinstance(table, dict) or set(table) - {"precision", "recall"}:
            raise FixtureError(f"{path}: signals.\"{sid}\" takes precision and recall")
        signals[sid] = (number(table, "precision", f'signals."{sid}".'), number(table, "recall", f'signals."{sid}".'))
    return Floors(
        label_accuracy=number(data, "label_accuracy", ""),
        language_accuracy=number(data, "language_accuracy", ""),
        default_precision=number(default, "precision", "default."),
        default_recall=number(default, "recall", "default."),
        signals=signals,
    )


def below_floors(result: CorpusResult, floors: Floors) -> list[str]:
    """Every figure under its floor, one line each (empty when the gate passes)."""
    failures = []
    if result.label_accuracy < floors.label_accuracy:
        wrong = ", ".join(f"{a.article.id} ({a.report.label}, expected {a.article.expected_label})"
                          for a in result.articles if not a.label_ok)
        failures.append(f"label accuracy {result.label_accuracy:.3f} < {floors.label_accuracy}: {wrong}")
    if result.language_accuracy < floors.language_accuracy:
        wrong = ", ".join(f"{a.article.id} ({a.report.language}, expected {a.article.language})"
                          for a in result.articles if a.report.language != a.article.language)
        failures.append(f"language accuracy {result.language_accuracy:.3f} < {floors.language_accuracy}: {wrong}")
    for t in result.totals:
        if not t.measured or not t.gold:
            continue
        p_floor, r_floor = floors.signals.get(t.signal, (floors.default_precision, floors.default_recall))
        for name, value, floor in (("precision", t.precision, p_floor), ("recall", t.recall, r_floor)):
            if (value or 0.0) < floor:
                failures.append(f"{t.signal} {name} {_fmt(value)} < {floor} (tp {t.tp}, fp {t.fp}, fn {t.fn})")
    return failures


# -- output ------------------------------------------------------------------------------


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _span(text_field: str, start: int, end: int, text: str) -> dict[str, Any]:
    return {"field": text_field, "start": start, "end": end, "text": text}


def to_dict(result: CorpusResult) -> dict[str, Any]:
    """The JSON report: articles, per-signal figures, label accuracy."""
    articles = []
    for r in result.articles:
        signals: dict[str, Any] = {}
        for o in r.signals:
            if not o.measured:
                signals[o.signal] = {"measured": False, "gold": [_span(g.field, g.start, g.end, g.text) for g in o.unmeasured_gold]}
                continue
            signals[o.signal] = {
                "measured": True,
                "tp": o.tp,
                "fp": o.fp,
                "fn": o.fn,
                "hits": [_span(g.field, g.start, g.end, g.text) for g, _ in o.hits],
                "misses": [_span(g.field, g.start, g.end, g.text) for g in o.misses],
                "false_positives": [
                    {**_span(f.field, f.start, f.end, f.text), "entry": f.entry, "must_not_flag": trap is not None}
                    for f, trap in o.false_positives
                ],
            }
        articles.append({
            "id": r.article.id,
            "language": r.report.language,
            "expected_language": r.article.language,
            "score": round(r.report.score, 1),
            "label": r.report.label,
            "expected_label": r.article.expected_label,
            "signals": signals,
        })
    known = {s.id: s for s in registered()}
    totals = {}
    for t in result.totals:
        totals[t.signal] = {
            "precision": _round(t.precision),
            "recall": _round(t.recall),
            "tp": t.tp if t.measured else None,
            "fp": t.fp if t.measured else None,
            "fn": t.fn if t.measured else None,
            "status": "measured" if t.measured else (
                "not yet measured" if t.signal not in known
                else "informational" if known[t.signal].informational else "not yet annotated"),
        }
    return {"articles": articles, "signals": totals, "label_accuracy": round(result.label_accuracy, 3),
            "language_accuracy": round(result.language_accuracy, 3)}


def to_json(result: CorpusResult) -> str:
    return json_text(to_dict(result), indent=2) + "\n"


def to_text(result: CorpusResult) -> str:
    """The terminal table: one row per article, then the figures per signal."""
    columns = [t.signal for t in result.totals if t.gold or t.tp + t.fp]
    codes = {sid: f"S{i + 1}" for i, sid in enumerate(columns)}
    id_width = max([len("article")] + [len(r.article.id) for r in result.articles])
    head = f"{'article':<{id_width}}  score  label   expected    " + "".join(f"{codes[s]:>8}" for s in columns)
    lines = [head, "-" * len(head)]
    for r in result.articles:
        mark = "ok" if r.label_ok else "MISS"
        row = (f"{r.article.id:<{id_width}}  {r.report.score:5.1f}  {r.report.label:<6}  "
               f"{r.article.expected_label:<6} {mark:<4} ")
        for sid in columns:
            o = next((o for o in r.signals if o.signal == sid), None)
            row += f"{_cell(o):>8}"
        lines.append(row)
    lines += ["", "Cells: found/gold (+ false alarms); '?' = gold spans for a signal not yet measured; '·' = nothing.", ""]
    lines.append(f"{'':4}{'signal':<24} {'precision':>9} {'recall':>7} {'tp':>4} {'fp':>4} {'fn':>4}")
    for sid in columns:
        t = result.total(sid)
        if t.measured:
            lines.append(f"{codes[sid]:<4}{sid:<24} {_fmt(t.precision):>9} {_fmt(t.recall):>7} {t.tp:>4} {t.fp:>4} {t.fn:>4}")
        else:
            lines.append(f"{codes[sid]:<4}{sid:<24} not yet measured: {t.gold} gold spans wait for this signal")
    right = sum(r.label_ok for r in result.articles)
    lines += ["", f"Label accuracy {result.label_accuracy:.3f} ({right} of {plural(len(result.articles), 'article')} in the expected band)"]
    wrong = [r for r in result.articles if r.report.language != r.article.language]
    lines.append(f"Language accuracy {result.language_accuracy:.3f} ({len(result.articles) - len(wrong)} of "
                 f"{plural(len(result.articles), 'article')} in the annotated language)"
                 + "".join(f"; {r.article.id}: {r.report.language}, expected {r.article.language}" for r in wrong))
    return "\n".join(lines) + "\n"


def _cell(o: SignalOutcome | None) -> str:
    if o is None:
        return "·"
    if not o.measured:
        return f"?{len(o.unmeasured_gold)}" if o.unmeasured_gold else "·"
    if not (o.tp or o.fn or o.fp):
        return "·"
    return f"{o.tp}/{o.tp + o.fn}" + (f"+{o.fp}" if o.fp else "")


# -- the teaching page -------------------------------------------------------------------

_PAGE_CSS = """
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5f6368; --line: #dadce0; }
body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 64rem; padding: 1.5rem; }
h1 { margin: 0 0 .3rem; } h2 { margin: 2rem 0 .5rem; } .meta { color: var(--muted); margin: .2rem 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .93rem; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: .2rem; margin-right: .35rem;
          vertical-align: middle; border: 1px solid #0002; }
.ok { color: #137333; font-weight: 600; } .bad { color: #b3261e; font-weight: 600; } .na { color: var(--muted); }
section.article { border-top: 3px solid #eee; margin-top: 2.5rem; padding-top: .5rem; }
.teaching { background: #f1f6fd; border-left: 4px solid #1a73e8; padding: .6rem .9rem; margin: .8rem 0; }
.text { border: 1px solid var(--line); border-radius: .5rem; padding: .8rem 1rem; white-space: pre-wrap;
        overflow-wrap: anywhere; }
.text h3 { white-space: normal; margin: 0 0 .6rem; font-size: 1.15rem; }
.text h4 { white-space: normal; color: var(--muted); margin: 1rem 0 .3rem; font-size: .95rem; }
mark { border-radius: .2rem; padding: 0 .1rem; color: inherit; }
mark.false-alarm { text-decoration: underline wavy #b3261e; text-decoration-thickness: 2px; }
mark.missed { background: transparent !important; outline: 2px dashed #b3261e; outline-offset: 1px; }
mark.unmeasured { background: transparent !important; outline: 2px dotted #8a8a8a; outline-offset: 1px; }
mark.left-alone { background: transparent !important; border-bottom: 2px dotted #137333; }
mark.unannotated { box-shadow: inset 0 -3px 0 #5f6368; }
mark:focus { outline: 2px solid #1a73e8; }
.legend { display: flex; flex-wrap: wrap; gap: .3rem 1.4rem; } .legend span { white-space: nowrap; }
footer { color: var(--muted); font-size: .9rem; margin-top: 3rem; }
"""

_VERDICTS = {
    "hit": ("found, as expected", "ok"),
    "missed": ("expected, not found", "bad"),
    "false-alarm": ("found, not expected", "bad"),
    "left-alone": ("not flagged, as expected", "ok"),
    "unmeasured": ("signal not yet available", "na"),
    "unannotated": ("found; the corpus does not annotate this signal", "na"),
}


def _esc(text: Any) -> str:
    return html.escape(str(text))


def _swatch(signal_id: str) -> str:
    return f'<span class="swatch" style="background:{signal_colour(signal_id)}"></span>'


def _constraint(g: GoldSpan) -> str:
    parts = [p for p in (g.entry, g.severity) if p]
    return f" ({', '.join(parts)})" if parts else ""


def _article_rows(r: ArticleResult) -> tuple[list[tuple], list[tuple]]:
    """(marks for the highlighter, table rows) for one article."""
    titles = {s.id: s.title for s in r.report.signals}
    findings_of = {s.id: s.findings for s in r.report.signals}
    marks: list[tuple] = []
    rows: list[tuple] = []  # (field order, start, signal, text, expected, found, verdict, note)
    order = {"title": 0, "body": 1, "page": 2}
    for o in r.signals:
        name = titles.get(o.signal, o.signal)
        for g, found in o.hits:
            for f in found:
                marks.append((g.field, f.start, f.end, o.signal, f"{name} — {f.message}: {f.explanation}", "hit"))
            entries = ", ".join(sorted({f.entry or f.message for f in found}))
            rows.append((order[g.field], g.start, o.signal, g.text, "flag" + _constraint(g), entries, "hit", g.note))
        for g in o.misses:
            marks.append((g.field, g.start, g.end, o.signal, f"{name}: expected here, not found. {g.note or ''}".strip(), "missed"))
            rows.append((order[g.field], g.start, o.signal, g.text, "flag" + _constraint(g), "—", "missed", g.note))
        for f, trap in o.false_positives:
            marks.append((f.field, f.start, f.end, o.signal, f"{name} — {f.message} (not expected here): {f.explanation}", "false-alarm"))
            expected = "not flag" + _constraint(trap) if trap else "not annotated"
            rows.append((order[f.field], f.start, o.signal, f.text, expected, f.entry or f.message, "false-alarm",
                         trap.note if trap else None))
        for g in o.avoided:
            marks.append((g.field, g.start, g.end, o.signal, f"{name}: correctly not flagged. {g.note or ''}".strip(), "left-alone"))
            rows.append((order[g.field], g.start, o.signal, g.text, "not flag" + _constraint(g), "—", "left-alone", g.note))
        for g in o.unmeasured_gold:
            marks.append((g.field, g.start, g.end, o.signal, f"{o.signal}: expected here; this signal is not available yet", "unmeasured"))
            rows.append((order[g.field], g.start, o.signal, g.text, "flag" + _constraint(g), "—", "unmeasured", g.note))
        if not o.measured and o.signal in findings_of:
            # A signal the corpus does not annotate still counts in the score: its findings
            # are shown, neither right nor wrong.
            for f in findings_of[o.signal]:
                marks.append((f.field, f.start, f.end, o.signal,
                              f"{name} — {f.message} (not annotated in this corpus): {f.explanation}", "unannotated"))
                rows.append((order[f.field], f.start, o.signal, f.text, "not annotated", f.entry or f.message,
                             "unannotated", None))
    rows.sort(key=lambda row: (row[0], row[1], _order_key(row[2]), row[3]))
    return marks, rows


def to_html(result: CorpusResult) -> str:
    """One self-contained page (no scripts, no external files): the figures, then every
    article with its evidence highlighted, expected-vs-found per span and the teaching note."""
    from . import __version__

    right = sum(r.label_ok for r in result.articles)
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>credlib fixtures: {plural(len(result.articles), 'article')}</title>",
        f"<style>{_PAGE_CSS}</style></head><body>",
        "<header><h1>credlib fixtures</h1>",
        f'<p class="meta">{plural(len(result.articles), "article")} · label accuracy {result.label_accuracy:.3f} '
        f"({right} of {len(result.articles)} in the expected band) · credlib {_esc(__version__)}</p></header>",
        '<section aria-labelledby="figures"><h2 id="figures">Each signal on the corpus</h2>',
        '<table><thead><tr><th>signal</th><th class="num">precision</th><th class="num">recall</th>'
        '<th class="num">tp</th><th class="num">fp</th><th class="num">fn</th></tr></thead><tbody>',
    ]
    for t in result.totals:
        if not (t.gold or t.tp + t.fp):
            continue
        if t.measured:
            cells = "".join(f'<td class="num">{v}</td>' for v in (_fmt(t.precision), _fmt(t.recall), t.tp, t.fp, t.fn))
        else:
            cells = f'<td colspan="5" class="na">not yet measured: {t.gold} gold spans wait for this signal</td>'
        parts.append(f"<tr><td>{_swatch(t.signal)}<code>{_esc(t.signal)}</code></td>{cells}</tr>")
    parts += [
        "</tbody></table>",
        '<p class="legend"><span><mark style="background:#ddd">coloured</mark> found, as expected</span>'
        '<span><mark class="false-alarm" style="background:#ddd">wavy underline</mark> found, not expected</span>'
        '<span><mark class="missed">dashed box</mark> expected, not found</span>'
        '<span><mark class="left-alone">dotted underline</mark> a trap, correctly left alone</span>'
        '<span><mark class="unannotated" style="background:#ddd">grey underline</mark> found by a signal the corpus does not annotate'
        ' (it counts in the score)</span></p>',
        "<p>Precision: of the spans a signal flagged, the share an annotator expected. Recall: of the spans "
        "annotators expected, the share the signal found. A finding counts when it overlaps an expected span "
        "of its signal in the same field.</p></section>",
        '<nav aria-labelledby="index"><h2 id="index">Articles</h2><table><thead><tr><th>article</th><th>kind</th>'
        '<th>topic</th><th class="num">score</th><th>label</th><th>expected</th></tr></thead><tbody>',
    ]
    for r in result.articles:
        verdict = '<span class="ok">✓</span>' if r.label_ok else '<span class="bad">✗</span>'
        parts.append(
            f'<tr><td><a href="#a-{_esc(r.article.id)}">{_esc(r.article.id)}</a></td><td>{_esc(r.article.kind)}</td>'
            f'<td>{_esc(r.article.topic)}</td><td class="num">{r.report.score:.1f}</td><td>{_esc(r.report.label)}</td>'
            f"<td>{_esc(r.article.expected_label)} {verdict}</td></tr>"
        )
    parts.append("</tbody></table></nav>")
    for r in result.articles:
        parts += _article_html(r)
    parts.append(
        "<footer>credlib shows evidence a careful reader would look at; it does not judge whether an article is "
        "true. The articles, outlets and people in this corpus were written for the project.</footer>"
    )
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _article_html(r: ArticleResult) -> list[str]:
    a, doc = r.article, r.article.document
    marks, rows = _article_rows(r)
    by_field: dict[str, list[tuple]] = {"title": [], "body": [], "page": []}
    for field_name, *mark in marks:
        by_field[field_name].append(tuple(mark))
    label_class = "ok" if r.label_ok else "bad"
    language_class = "ok" if r.report.language == a.language else "bad"
    out = [
        f'<section class="article" id="a-{_esc(a.id)}" aria-labelledby="h-{_esc(a.id)}">',
        f'<h2 id="h-{_esc(a.id)}">{_esc(a.id)}</h2>',
        f'<p class="meta">{_esc(a.kind)} · {_esc(a.topic)} · {_esc(a.path.name)} · language <span class="{language_class}">'
        f"{_esc(r.report.language)}</span>, expected {_esc(a.language)} · score {r.report.score:.1f} · confidence {r.report.confidence:.2f} · "
        f'label <span class="{label_class}">{_esc(r.report.label)}</span>, expected {_esc(a.expected_label)}</p>',
        f'<aside class="teaching"><strong>What a careful reader notices.</strong> {_esc(a.teaching_note)}</aside>',
        '<div class="text">',
        f"<h3>{highlight(doc.title or '', by_field['title']) or '(no headline)'}</h3>",
        f"<div>{highlight(doc.body, by_field['body']) if doc.body.strip() else '<em>(no body text)</em>'}</div>",
    ]
    if doc.page_text:
        out.append("<h4>Around the article on the page (menus, teasers, comments)</h4>")
        out.append(f"<div>{highlight(doc.page_text, by_field['page'])}</div>")
    out.append("</div>")
    if rows:
        out.append(
            "<table><thead><tr><th>signal</th><th>words</th><th>expected</th><th>found</th><th>verdict</th>"
            "<th>why</th></tr></thead><tbody>"
        )
        for _, _, sid, text, expected, found, verdict, note in rows:
            words, css = _VERDICTS[verdict]
            out.append(
                f"<tr><td>{_swatch(sid)}<code>{_esc(sid)}</code></td><td>“{_esc(text)}”</td><td>{_esc(expected)}</td>"
                f'<td>{_esc(found)}</td><td class="{css}">{words}</td><td>{_esc(note or "")}</td></tr>'
            )
        out.append("</tbody></table>")
    else:
        out.append('<p class="na">No gold spans and no findings for this article.</p>')
    out.append("</section>")
    return out
