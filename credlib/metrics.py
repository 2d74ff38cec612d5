"""Evaluation figures in pure Python: classification counts, ROC-AUC with a bootstrap
interval, ROC curves and reliability tables.  Deterministic: the bootstrap draws from a
seeded generator of its own."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Sequence


@dataclass(frozen=True)
class Classification:
    tp: int
    fp: int
    tn: int
    fn: int

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.tn + self.fn

    @property
    def accuracy(self) -> float:
        return (self.tp + self.tn) / self.n if self.n else 0.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def classify(labels: Sequence[int], predicted: Sequence[int]) -> Classification:
    tp = sum(1 for y, p in zip(labels, predicted) if y and p)
    fp = sum(1 for y, p in zip(labels, predicted) if not y and p)
    fn = sum(1 for y, p in zip(labels, predicted) if y and not p)
    return Classification(tp, fp, len(labels) - tp - fp - fn, fn)


def roc_auc(labels: Sequence[int], scores: Sequence[float]) -> float:
    """Probability that a random positive scores above a random negative (ties count half)."""
    ranked = sorted(zip(scores, labels))
    positives = sum(labels)
    negatives = len(labels) - positives
    if not positives or not negatives:
        raise ValueError("ROC-AUC needs both classes")
    rank_sum = 0.0
    i = 0
    while i < len(ranked):
        j = i
        while j + 1 < len(ranked) and ranked[j + 1][0] == ranked[i][0]:
            j += 1
        mid_rank = (i + j) / 2 + 1  # average rank of a tie group, ranks from 1
        rank_sum += mid_rank * sum(y for _, y in ranked[i : j + 1])
        i = j + 1
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def bootstrap_auc(
    labels: Sequence[int], scores: Sequence[float], rounds: int = 2000, seed: int = 2017, level: float = 0.95
) -> tuple[float, float]:
    """Percentile interval of ROC-AUC over resamples of the items (stratified by label,
    so every resample has both classes)."""
    rng = random.Random(seed)
    pos = [s for s, y in zip(scores, labels) if y]
    neg = [s for s, y in zip(scores, labels) if not y]
    aucs = []
    for _ in range(rounds):
        p = [pos[rng.randrange(len(pos))] for _ in pos]
        q = [neg[rng.randrange(len(neg))] for _ in neg]
        aucs.append(roc_auc([1] * len(p) + [0] * len(q), p + q))
    aucs.sort()
    tail = (1 - level) / 2
    return aucs[int(tail * rounds)], aucs[min(rounds - 1, int((1 - tail) * rounds))]


def roc_curve(labels: Sequence[int], scores: Sequence[float]) -> list[tuple[float, float]]:
    """(false positive rate, true positive rate) points from the highest threshold down."""
    positives = sum(labels)
    negatives = len(labels) - positives
    ranked = sorted(zip(scores, labels), key=lambda item: -item[0])
    points = [(0.0, 0.0)]
    tp = fp = 0
    for i, (score, label) in enumerate(ranked):
        tp += label
        fp += 1 - label
        if i + 1 == len(ranked) or ranked[i + 1][0] != score:
            points.append((fp / negatives, tp / positives))
    return points


@dataclass(frozen=True)
class Band:
    low: float
    high: float
    n: int
    positives: int

    @property
    def share(self) -> float | None:
        return self.positives / self.n if self.n else None

    @property
    def name(self) -> str:
        return f"{self.low:g}–{self.high:g}"


def reliability(labels: Sequence[int], scores: Sequence[float], edges: Sequence[float]) -> list[Band]:
    """Items per score band [edges[i], edges[i+1]) (the last band includes its top) and how
    many of them are positive."""
    bands = []
    for i, (low, high) in enumerate(zip(edges, edges[1:])):
        last = i == len(edges) - 2
        inside = [y for s, y in zip(scores, labels) if low <= s < high or (last and s == high)]
        bands.append(Band(low, high, len(inside), sum(inside)))
    return bands
