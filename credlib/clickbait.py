"""The learned clickbait model behind ``headline.sensational``.

A logistic regression over hashed features of a headline: its words, pairs of adjacent
words and the 3- to 5-letter pieces of each word (so "unbelievable" and "believe" share
evidence).  It was trained on the Stop Clickbait corpus (Chakraborty et al. 2016) by
``scripts/calibrate.py headlines``; the figures it reached on held-out headlines are in
``data/clickbait_model.toml`` and ``docs/evaluation.md``.

Inference is pure Python: the weights are one signed 16-bit integer per hash bucket
(``data/clickbait_model.weights``, zlib-compressed), read once on first use.  The same
:func:`hashed` turns a headline into features here and in training, so the model
cannot see a headline differently from how it was taught.
"""

from __future__ import annotations

import math
import re
import sys
import tomllib
import unicodedata
import zlib
from array import array
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_FILE = Path(__file__).parent / "data" / "clickbait_model.toml"

# Letters and digits, with inner apostrophes kept ("won't", "it's").
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_DIGITS = str.maketrans("123456789", "000000000")  # "17 things" and "23 things" are one form


@dataclass(frozen=True)
class FeatureSpec:
    """How a headline becomes features; stored with the weights it was trained with."""

    hash_bits: int
    char_min: int
    char_max: int
    punctuation: str

    @property
    def buckets(self) -> int:
        return 1 << self.hash_bits


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    norm: str


def tokens(title: str) -> list[Token]:
    """The words of a headline with their spans, in the form the model reads them."""
    return [Token(start, end, norm) for start, end, norm in _words(title)]


def _words(title: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _TOKEN.finditer(title):
        word = m.group()
        if not word.isascii():
            word = unicodedata.normalize("NFKC", word).replace("’", "'")
        out.append((m.start(), m.end(), word.lower().translate(_DIGITS)))
    return out


# Every feature is a string: "w:" + word, "c:" + letter piece of " word ", "b:" + two
# adjacent words (with <s> and </s> at the edges), "p:" + punctuation mark.  Its bucket is
# the low bits of crc32 of the UTF-8 string; the running-CRC form below computes exactly
# that without building the string.  crc32, not hash(): Python salts str hashes per
# process, and buckets must be the same in training, in every process, on every machine.
_PREFIX = {kind: zlib.crc32(kind.encode("ascii")) for kind in ("w:", "c:", "b:", "p:")}


def _indexed(title: str, spec: FeatureSpec, owners: list[tuple[int, int]] | None = None) -> list[int]:
    """The bucket of every feature of ``title``.  With ``owners``, also appends to it the
    (first, last) word each feature comes from, (-1, -1) for punctuation."""
    crc = zlib.crc32
    mask = spec.buckets - 1
    w_, c_, b_, p_ = _PREFIX["w:"], _PREFIX["c:"], _PREFIX["b:"], _PREFIX["p:"]
    lo, hi = spec.char_min, spec.char_max
    words = [norm for _, _, norm in _words(title)]
    out: list[int] = []
    for i, word in enumerate(words):
        before = len(out)
        out.append(crc(word.encode("utf-8"), w_) & mask)
        padded = " " + word + " "
        size = len(padded)
        if padded.isascii():  # slices of the bytes are the bytes of the slices: no encoding per piece
            raw = padded.encode("ascii")
            for n in range(lo, hi + 1):
                out.extend([crc(raw[j : j + n], c_) & mask for j in range(size - n + 1)])
        else:
            for n in range(lo, hi + 1):
                out.extend([crc(padded[j : j + n].encode("utf-8"), c_) & mask for j in range(size - n + 1)])
        if owners is not None:
            owners.extend([(i, i)] * (len(out) - before))
    if words:
        seq = ["<s>", *words, "</s>"]
        out.extend([crc((seq[i] + " " + seq[i + 1]).encode("utf-8"), b_) & mask for i in range(len(seq) - 1)])
        if owners is not None:
            last = len(words) - 1
            owners.extend([(max(i - 1, 0), min(i, last)) for i in range(len(seq) - 1)])
    for char in spec.punctuation:
        if char in title:
            out.append(crc(char.encode("utf-8"), p_) & mask)
            if owners is not None:
                owners.append((-1, -1))
    return out


def hashed(title: str, spec: FeatureSpec) -> dict[int, float]:
    """The feature vector of ``title``: bucket -> count, scaled to unit length."""
    counts = Counter(_indexed(title, spec))
    if not counts:
        return {}
    norm = math.sqrt(sum(c * c for c in counts.values()))
    return {index: c / norm for index, c in counts.items()}


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(frozen=True)
class Explanation:
    probability: float
    cues: tuple[Token, ...]  # the words that pushed most towards clickbait, strongest first


class ClickbaitModel:
    """Weights and feature settings read from ``data/clickbait_model.toml``."""

    def __init__(self, spec: FeatureSpec, intercept: float, scale: float, weights: array, info: dict):
        self.spec = spec
        self.intercept = intercept
        self.scale = scale
        self.weights = weights
        self.info = info  # provenance: corpus, split, figures on held-out headlines

    @property
    def trained_on(self) -> int:
        return int(self.info.get("n_train", 0))

    def probability(self, title: str) -> float:
        """How much ``title`` reads like the clickbait headlines the model learnt from, 0..1."""
        return self._probability(Counter(_indexed(title, self.spec)))[0]

    def _probability(self, counts: Counter) -> tuple[float, float]:
        """(probability, norm of the counts) for a headline's bucket counts."""
        if not counts:
            return sigmoid(self.intercept), 1.0
        w = self.weights
        dot = sum(w[i] * c for i, c in counts.items())
        norm = math.sqrt(sum(c * c for c in counts.values()))
        return sigmoid(self.intercept + dot * self.scale / norm), norm

    def explain(self, title: str, limit: int = 2) -> Explanation:
        """The probability and the words whose features pushed most towards clickbait."""
        owners: list[tuple[int, int]] = []
        indexed = _indexed(title, self.spec, owners)
        probability, norm = self._probability(Counter(indexed))
        words = tokens(title)
        push = [0.0] * len(words)
        w = self.weights
        for index, (first, last) in zip(indexed, owners):
            if first == last >= 0:
                push[first] += w[index]
            elif first >= 0:  # a pair of words shares its feature
                push[first] += w[index] / 2
                push[last] += w[index] / 2
        ranked = sorted((i for i in range(len(words)) if push[i] > 0), key=lambda i: (-push[i], i))
        return Explanation(probability, tuple(words[i] for i in ranked[:limit]))


def read_weights(path: Path) -> array:
    weights = array("h")
    weights.frombytes(zlib.decompress(path.read_bytes()))
    if sys.byteorder == "big":  # stored little-endian
        weights.byteswap()
    return weights


def read_spec(data: dict) -> FeatureSpec:
    f = data["features"]
    return FeatureSpec(int(f["hash_bits"]), int(f["char_ngrams"][0]), int(f["char_ngrams"][1]), str(f["punctuation"]))


@lru_cache(maxsize=1)
def model() -> ClickbaitModel:
    """The shipped model, read once per process on first use."""
    with MODEL_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    spec = read_spec(data)
    weights = read_weights(MODEL_FILE.parent / data["weights"])
    if len(weights) != spec.buckets:
        raise ValueError(f"{data['weights']}: {len(weights)} weights, expected {spec.buckets}")
    return ClickbaitModel(spec, float(data["model"]["intercept"]), float(data["model"]["scale"]), weights,
                          dict(data.get("training", {})))


def probability(title: str) -> float:
    """The shipped model's clickbait probability for one headline."""
    return model().probability(title)
