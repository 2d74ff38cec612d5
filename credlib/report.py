"""The report: findings, signal results and the scored article, schema version 1.

The JSON shape is a public contract (``credlib/schema/report-v1.schema.json``): keys
come out in a fixed order, floats are rounded to fixed places and findings are sorted,
so the same input always gives the same bytes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import partial
from types import MappingProxyType
from typing import Any, Mapping, NamedTuple

import orjson

SCHEMA_VERSION = 1

# A surrogate code point on its own: no UTF-8 encoder accepts it.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")

SEVERITIES = ("info", "warning", "severe")
FIELDS = ("title", "body", "page")


class Finding(NamedTuple):
    """One piece of evidence: the exact words in ``field[start:end]`` and what they mean.

    ``field`` is ``"title"`` or ``"body"`` (offsets into the analysed strings), or
    ``"page"`` for boilerplate removed from an HTML page (offsets into
    ``Document.page_text``).  ``extra`` carries signal-specific keys such as
    ``reason_given``; they are emitted after the fixed keys, sorted by name.

    An immutable tuple rather than a dataclass: an article has a hundred findings or more,
    and a tuple is built in half the time.
    """

    field: str
    start: int
    end: int
    text: str
    message: str
    severity: str
    explanation: str
    entry: str | None = None
    extra: Mapping[str, Any] = MappingProxyType({})

    def sort_key(self) -> tuple:
        return (FIELDS.index(self.field), self.start, self.end, self.entry or "", self.message)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = dict(zip(_FINDING_KEYS, self))  # the fixed keys, in order
        if self.extra:
            for key in sorted(self.extra):
                out[key] = self.extra[key]
        return out


# A finding's keys in a report, in order: its fields but ``extra``, whose keys follow them.
_FINDING_KEYS = Finding._fields[:-1]

# Finding((field, start, …)) from a tuple of all nine values, without NamedTuple's
# generated __new__ (a Python frame per finding).
new_finding = partial(tuple.__new__, Finding)


@dataclass(frozen=True)
class SignalResult:
    """What one signal found.  ``score`` is the strength of concern, 0 = none, 1 = most."""

    id: str
    title: str
    status: str
    score: float
    summary: str
    findings: tuple[Finding, ...] = ()
    metrics: Mapping[str, Any] | None = None

    @property
    def applicable(self) -> bool:
        return self.status == "ok"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "status": self.status,
            "score": round(float(self.score), 3),
            "summary": self.summary,
            "findings": [f.to_dict() for f in self.findings],
        }
        if self.metrics is not None:
            out["metrics"] = {k: self.metrics[k] for k in sorted(self.metrics)}
        return out


@dataclass(frozen=True)
class Report:
    """The scored article.  ``score`` is 0..100, higher means more credible."""

    score: float
    label: str
    confidence: float
    language: str
    title: str | None
    signals: tuple[SignalResult, ...]
    credlib_version: str
    body: str | None = None  # set only when the caller asked for include_text

    def signal(self, signal_id: str) -> SignalResult:
        for result in self.signals:
            if result.id == signal_id:
                return result
        raise KeyError(signal_id)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "credlib_version": self.credlib_version,
            "score": round(float(self.score), 1),
            "label": self.label,
            "confidence": round(float(self.confidence), 2),
            "language": self.language,
            "title": self.title,
            "signals": [s.to_dict() for s in self.signals],
        }
        if self.body is not None:
            out["body"] = self.body
        return out

    def to_json(self, indent: int | None = None) -> str:
        """Deterministic JSON: fixed key order, fixed rounding, UTF-8 text (not escaped).

        Compact by default (the server's answer); ``indent=2`` for people to read.  The
        compact form is written by orjson, about six times faster than the json module
        (a report is several times the size of its article) and the same bytes as
        ``json.dumps(report.to_dict(), ensure_ascii=False, separators=(",", ":"))``: keys
        in insertion order, text unescaped, floats already rounded to a few places.  Text
        orjson refuses (an unpaired surrogate, e.g. from a JSON string cut mid-emoji or a
        lenient decoder) goes through json, and such a surrogate is written as its
        ``\\udXXX`` escape (see ``escape_lone_surrogates``): the result always encodes
        as UTF-8 and parses back to the same text.
        """
        if indent is None:
            data = self.to_dict()
            try:
                return orjson.dumps(data).decode("utf-8")
            except orjson.JSONEncodeError:
                return json_text(data)
        return json_text(self.to_dict(), indent)


def json_text(data: Any, indent: int | None = None) -> str:
    """``data`` as JSON text that always encodes as UTF-8: compact, or indented by
    ``indent``; text unescaped but for unpaired surrogates (``escape_lone_surrogates``)."""
    separators = None if indent is not None else (",", ":")
    return escape_lone_surrogates(json.dumps(data, ensure_ascii=False, indent=indent, separators=separators))


def escape_lone_surrogates(json_text: str) -> str:
    """JSON text from ``json.dumps(..., ensure_ascii=False)`` with every surrogate code
    point (U+D800–U+DFFF, which no UTF-8 encoder accepts) written as its ``\\udXXX``
    escape, as ``ensure_ascii=True`` would write it; all other text stays as it is.

    Such a code point can only stand inside a JSON string, where its escape means the
    same, so the result parses back to the same value (a high surrogate followed by a
    low one reads back as the one character that pair stands for in JSON).
    """
    return LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)
