"""Combine signal concerns into a 0-100 credibility score, a label and a confidence.

    score = 100 * sigmoid(intercept - sum(weight[s] * concern[s]))

A logistic combination: each signal's concern (0..1) pushes the score down by its
weight; with no concern at all the score is ``100 * sigmoid(intercept)``.  Signals that
did not run (``not_applicable``) contribute nothing, and the score is drawn towards 50
in proportion to the weight that could not be assessed, so an article credlib can only
partly read is not reported as confidently good.  The weights live in
``data/scoring.toml``; ``docs/scoring.md`` explains them.

Confidence says how much evidence supports the score: the share of weight that could
be assessed, shrunk for short bodies and for languages the word lists do not cover.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from .document import Document
from .report import SignalResult

SCORING_FILE = Path(__file__).parent / "data" / "scoring.toml"


@dataclass(frozen=True)
class ScoringModel:
    intercept: float
    weights: Mapping[str, float]
    high: float
    low: float
    full_words: int
    unsupported_language: float
    undetermined_language: float


@lru_cache(maxsize=1)
def model() -> ScoringModel:
    with SCORING_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    return ScoringModel(
        intercept=float(data["model"]["intercept"]),
        weights={k: float(v) for k, v in data["weights"].items()},
        high=float(data["labels"]["high"]),
        low=float(data["labels"]["low"]),
        full_words=int(data["confidence"]["full_words"]),
        unsupported_language=float(data["confidence"]["unsupported_language"]),
        undetermined_language=float(data["confidence"]["undetermined_language"]),
    )


def label_for(score: float, m: ScoringModel | None = None) -> str:
    m = m or model()
    if score >= m.high:
        return "high"
    if score < m.low:
        return "low"
    return "mixed"


def credibility(
    intercept: float, weights: Mapping[str, float], concerns: Iterable[tuple[str, bool, float]]
) -> tuple[float, float]:
    """(score 0..100, coverage 0..1) from (signal id, applicable, concern) triples.

    The one place the formula lives: the engine scores with it and the calibration
    (:mod:`credlib.calibration`) fits the weights through it.
    """
    total_weight = assessed = push = 0.0
    for signal_id, applicable, concern in concerns:
        weight = weights.get(signal_id, 0.0)
        total_weight += weight
        if applicable:
            assessed += weight
            push += weight * concern
    coverage = assessed / total_weight if total_weight else 0.0
    raw = 100.0 / (1.0 + math.exp(min(700.0, -(intercept - push))))  # exp(>709) overflows
    return 50.0 + (raw - 50.0) * coverage, coverage


def combine(
    results: list[SignalResult], doc: Document, weights: Mapping[str, float] | None = None
) -> tuple[float, str, float]:
    """(score 0..100, label, confidence 0..1) for the results of one document."""
    m = model()
    weights = {**m.weights, **(weights or {})}
    score, coverage = credibility(m.intercept, weights, ((r.id, r.applicable, r.score) for r in results))
    length = min(1.0, math.sqrt(doc.word_count / m.full_words)) if m.full_words else 1.0
    code = doc.language.code
    language = 1.0 if code == "en" else (m.undetermined_language if code == "und" else m.unsupported_language)
    confidence = coverage * length * language
    return score, label_for(round(score, 1), m), confidence
