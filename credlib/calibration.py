"""Fitting what credlib learns from data: the clickbait model and the score's weights.

Two fits, each reproducible bit for bit from ``../shared/data`` by one command
(``make calibrate``, i.e. ``python scripts/calibrate.py all``):

1. :func:`train_headline_model` — logistic regression (scikit-learn's liblinear, which
   is deterministic and uses no BLAS) on the hashed features of
   :mod:`credlib.clickbait`, trained on the 80% training split of Stop Clickbait.  The
   weights are stored as 16-bit integers with one scale, which keeps the file small and
   the bytes identical from run to run.  Needs the ``eval`` extra (numpy, scipy,
   scikit-learn); inference never does.
2. :func:`fit_weights` — the signal weights and intercept of ``data/scoring.toml``,
   fitted in pure Python by penalised maximum likelihood of "real" on the Horne & Adalı
   articles: the exact score formula of :mod:`credlib.scoring`, weights kept
   non-negative (more concern never raises the score) and drawn towards the hand-set
   prior (L2), which also keeps the weights of signals the data cannot inform.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping, Sequence

from . import clickbait, scoring
from .datasets import HeadlineCorpus, hash_fold

# -- the headline model ------------------------------------------------------------------

FEATURES = clickbait.FeatureSpec(hash_bits=18, char_min=3, char_max=5, punctuation="?!:\"'")
HEADLINE_C = 10.0  # inverse L2 strength; chosen by 5-fold CV on the training split (--search)
WEIGHTS_FILE = "clickbait_model.weights"


def _matrix(titles: Sequence[str], spec: clickbait.FeatureSpec):
    import scipy.sparse as sp

    indices: list[int] = []
    values: list[float] = []
    pointers = [0]
    for title in titles:
        features = clickbait.hashed(title, spec)
        for index in sorted(features):
            indices.append(index)
            values.append(features[index])
        pointers.append(len(indices))
    return sp.csr_matrix((values, indices, pointers), shape=(len(titles), spec.buckets))


def _logistic(spec: clickbait.FeatureSpec, titles: Sequence[str], labels: Sequence[int], c: float):
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        raise RuntimeError("training needs scikit-learn: pip install 'credlib[eval]'") from None
    fitted = LogisticRegression(C=c, solver="liblinear", tol=1e-6, max_iter=1000)
    fitted.fit(_matrix(titles, spec), list(labels))
    return fitted


@dataclass(frozen=True)
class TrainedHeadlineModel:
    toml: str  # data/clickbait_model.toml
    weights: bytes  # data/clickbait_model.weights
    model: clickbait.ClickbaitModel


def quantize(weights: Sequence[float]) -> tuple[float, list[int]]:
    """(scale, 16-bit integers) with weight ≈ integer * scale."""
    top = max((abs(w) for w in weights), default=0.0)
    scale = top / 32767 if top else 1.0
    return scale, [max(-32767, min(32767, round(w / scale))) for w in weights]


def train_headline_model(corpus: HeadlineCorpus, c: float = HEADLINE_C) -> TrainedHeadlineModel:
    """Train on ``corpus.train``; the figures recorded with it are measured on ``corpus.test``
    with the quantized weights, i.e. exactly what ships."""
    import zlib
    from array import array

    from .metrics import classify

    fitted = _logistic(FEATURES, [h.text for h in corpus.train], [h.clickbait for h in corpus.train], c)
    scale, ints = quantize([float(w) for w in fitted.coef_[0]])
    intercept = float(fitted.intercept_[0])
    packed = array("h", ints)
    raw = packed.tobytes() if array("h", [1]).tobytes() == b"\x01\x00" else _little_endian(packed)
    weights = zlib.compress(raw, 9)
    info = {"n_train": len(corpus.train)}
    shipped = clickbait.ClickbaitModel(FEATURES, intercept, scale, packed, info)
    labels = [h.clickbait for h in corpus.test]
    predicted = [int(shipped.probability(h.text) >= 0.5) for h in corpus.test]
    figures = classify(labels, predicted)
    lines = [
        "# The learned clickbait model behind headline.sensational (credlib/clickbait.py).",
        "# Written by `python scripts/calibrate.py headlines` from ../shared/data; do not edit:",
        "# retraining reproduces this file and the weights byte for byte (tests/test_calibration.py).",
        "format = 1",
        f'weights = "{WEIGHTS_FILE}"   # zlib-compressed little-endian int16, one per hash bucket',
        f'weights_sha256 = "{hashlib.sha256(weights).hexdigest()}"',
        "",
        "[features]",
        f"hash_bits = {FEATURES.hash_bits}          # crc32 of each feature, lowest bits",
        f"char_ngrams = [{FEATURES.char_min}, {FEATURES.char_max}]   # letter pieces of each lower-cased word, with word edges",
        f"punctuation = {_toml_string(FEATURES.punctuation)}   # one feature per mark present",
        "# plus every word and every pair of adjacent words (digits read as 0); counts scaled to unit length",
        "",
        "[model]",
        f"intercept = {intercept!r}",
        f"scale = {scale!r}   # weight = stored integer * scale",
        "",
        "[training]",
        'corpus = "Stop Clickbait (Chakraborty et al. 2016, ASONAM), MIT licence: ../shared/data/clickbait-chakraborty2016"',
        f"split = {_toml_string(corpus.split)}",
        f"dropped = {_toml_string(f'{corpus.duplicates} repeated headline(s), {corpus.conflicting} headline line(s) found under both labels')}",
        'method = "logistic regression, L2, scikit-learn liblinear"',
        f"c = {c!r}",
        f"n_train = {len(corpus.train)}",
        f"n_test = {len(corpus.test)}",
        f"test_accuracy = {round(figures.accuracy, 4)!r}",
        f"test_f1 = {round(figures.f1, 4)!r}",
        f"test_precision = {round(figures.precision, 4)!r}",
        f"test_recall = {round(figures.recall, 4)!r}",
        "",
    ]
    return TrainedHeadlineModel("\n".join(lines), weights, shipped)


def _little_endian(packed) -> bytes:
    swapped = type(packed)(packed.typecode, packed)
    swapped.byteswap()
    return swapped.tobytes()


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def search_headline_c(corpus: HeadlineCorpus, grid: Sequence[float] = (1.0, 3.0, 10.0, 30.0), folds: int = 5,
                      progress: Callable[[str], None] | None = None) -> dict[float, float]:
    """Mean accuracy of each C over folds of the training split (fixed by hash)."""
    results: dict[float, float] = {}
    for c in grid:
        correct = 0
        for k in range(folds):
            train = [h for h in corpus.train if hash_fold(h.key, folds) != k]
            held = [h for h in corpus.train if hash_fold(h.key, folds) == k]
            fitted = _logistic(FEATURES, [h.text for h in train], [h.clickbait for h in train], c)
            predicted = fitted.predict(_matrix([h.text for h in held], FEATURES))
            correct += sum(int(p == h.clickbait) for p, h in zip(predicted, held))
        results[c] = correct / len(corpus.train)
        if progress:
            progress(f"C={c:g}: cross-validated accuracy {results[c]:.4f}")
    return results
