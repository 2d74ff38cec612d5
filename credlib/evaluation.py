"""``credlib eval``: how well credlib does on real labelled data, reproduced from
``../shared/data`` (see docs/evaluation.md).

- **headlines**: the shipped clickbait model on the held-out 20% of Stop Clickbait
  (accuracy, F1, precision, recall, ROC-AUC, speed), next to what the headline rules
  alone would say.
- **articles**: the 0–100 score on Horne & Adalı's real and fake articles: ROC-AUC of
  cross-validated scores with a bootstrap 95% interval, accuracy at the label
  thresholds, a reliability table (score band → share of real articles), satire
  reported on its own, and how the shipped weights compare with a fresh fit.

Pure Python; only ``--plots`` needs matplotlib.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Sequence

from . import calibration, clickbait, scoring
from .calibration import Progress, quiet
from .config import Config
from .datasets import ARTICLES_DIR, CLICKBAIT_DIR, load_headlines
from .engine import score_headline
from .metrics import Classification, bootstrap_auc, classify, reliability, roc_auc, roc_curve

BANDS = (0.0, 20.0, 40.0, 55.0, 70.0, 85.0, 100.0)  # the label thresholds (40, 70) are edges
THRESHOLDS = (40.0, 50.0, 70.0)


def _r(value: float, places: int = 4) -> float:
    return round(value, places) + 0.0


# -- headlines ---------------------------------------------------------------------------


def evaluate_headlines(data: Path, progress: Progress = quiet) -> dict[str, Any]:
    corpus = load_headlines(data)
    model = clickbait.model()
    test = corpus.test
    labels = [h.clickbait for h in test]
    probabilities = []
    started = time.perf_counter()
    for i, h in enumerate(test):
        probabilities.append(model.probability(h.text))
        if i % 200 == 0:
            progress("headlines", i, len(test))
    elapsed = time.perf_counter() - started
    progress("headlines", len(test), len(test))
    figures = classify(labels, [int(p >= 0.5) for p in probabilities])
    # The whole signal (rules + model) read as a classifier at concern 0.5, and the rules
    # alone (any finding), to show what each part contributes.
    rules_config = Config(disable=["headline.sensational.clickbait-model"])
    concern, flagged = [], []
    for i, h in enumerate(test):
        concern.append(int(score_headline(h.text).score >= 0.5))
        flagged.append(int(score_headline(h.text, rules_config).score > 0))
        if i % 200 == 0:
            progress("headlines, whole signal", i, len(test))
    progress("headlines, whole signal", len(test), len(test))
    signal = classify(labels, concern)
    rules = classify(labels, flagged)
    recorded = model.info
    return {
        "dataset": CLICKBAIT_DIR,
        "split": corpus.split,
        "n_train": len(corpus.train),
        "n_test": len(test),
        "n_test_clickbait": sum(labels),
        "threshold": 0.5,
        "accuracy": _r(figures.accuracy),
        "f1": _r(figures.f1),
        "precision": _r(figures.precision),
        "recall": _r(figures.recall),
        "auc": _r(roc_auc(labels, probabilities)),
        "confusion": {"tp": figures.tp, "fp": figures.fp, "tn": figures.tn, "fn": figures.fn},
        "ms_per_headline": _r(elapsed * 1000 / len(test), 3),
        "signal": _figures(signal),
        "rules_only": _figures(rules),
        "model_file_matches": recorded.get("n_test") == len(test) and recorded.get("test_accuracy") == _r(figures.accuracy),
        "roc": [[_r(x), _r(y)] for x, y in _thin(roc_curve(labels, probabilities))],
    }


def _figures(c: Classification) -> dict[str, float]:
    return {"accuracy": _r(c.accuracy), "f1": _r(c.f1), "precision": _r(c.precision), "recall": _r(c.recall)}


def _thin(points: list[tuple[float, float]], limit: int = 200) -> list[tuple[float, float]]:
    """At most ``limit`` points of a curve, ends kept: enough to draw, small enough to print."""
    if len(points) <= limit:
        return points
    step = (len(points) - 1) / (limit - 1)
    return [points[round(i * step)] for i in range(limit)]


# -- articles ----------------------------------------------------------------------------


def evaluate_articles(data: Path, progress: Progress = quiet) -> dict[str, Any]:
    return article_results(calibration.article_concerns(data, progress), progress)[0]


def article_results(scored: Sequence[calibration.ArticleConcerns],
                    progress: Progress = quiet) -> tuple[dict[str, Any], calibration.Fit]:
    """The figures for already scored articles, and the fit on all of them (what ships)."""
    shipped_data, settings = calibration.shipped_settings()
    labelled = [a for a in scored if a.label != "Satire"]
    satire = [a for a in scored if a.label == "Satire"]
    labels = [a.real for a in labelled]
    done = [0]

    def fold_done() -> None:
        done[0] += 1
        progress("cross-validation folds", done[0], settings.folds)

    progress("cross-validation folds", 0, settings.folds)
    cv = calibration.cross_validated_scores(labelled, settings, fold_done)
    low, high = bootstrap_auc(labels, cv)
    fresh = calibration.fit_all(scored, settings)
    m = scoring.model()
    shipped = calibration.Fit(m.intercept, dict(m.weights), (), 0.0)
    shipped_scores = [shipped.score(a) for a in labelled]
    bands = reliability(labels, cv, BANDS)
    figures = {
        "dataset": ARTICLES_DIR,
        "n_real": sum(labels),
        "n_fake": len(labels) - sum(labels),
        "n_satire": len(satire),
        "folds": settings.folds,
        "split": f"{settings.folds} folds by sha256 of the normalized title and body; regularisation chosen "
                 "inside each training part by inner folds",
        "auc": _r(roc_auc(labels, cv)),
        "auc_ci": [_r(low), _r(high)],
        "accuracy": _r(_accuracy(labels, cv, 50.0)),
        "accuracy_at": {f"{t:g}": _r(_accuracy(labels, cv, t)) for t in THRESHOLDS},
        "labels": _label_counts(labels, cv, m),
        "reliability": [
            {"band": b.name, "low": b.low, "high": b.high, "n": b.n, "real": b.positives,
             "share_real": None if b.share is None else _r(b.share, 3)}
            for b in bands
        ],
        "by_collection": _by_collection(labelled, cv),
        "signals": {sid: _signal_figures(labelled, sid) for sid in m.weights},
        "satire": _satire(satire, fresh, m),
        "fit": {
            "intercept": _r(fresh.intercept, 3),
            "weights": {s: _r(w, 3) for s, w in fresh.weights.items()},
            "fitted": list(fresh.fitted),
            "regularisation": fresh.regularisation,
        },
        "shipped": {
            "method": shipped_data.get("method", "unknown"),
            "auc_in_sample": _r(roc_auc(labels, shipped_scores)),
            "matches_fresh_fit": _matches(fresh, m),
        },
        "roc": [[_r(x), _r(y)] for x, y in _thin(roc_curve(labels, cv))],
    }
    return figures, fresh


def _by_collection(labelled: Sequence[calibration.ArticleConcerns], scores: Sequence[float]) -> dict[str, Any]:
    out = {}
    for name in sorted({a.collection for a in labelled}):
        pairs = [(a.real, s) for a, s in zip(labelled, scores) if a.collection == name]
        labels = [y for y, _ in pairs]
        if 0 < sum(labels) < len(labels):
            out[name] = {"n": len(pairs), "auc": _r(roc_auc(labels, [s for _, s in pairs]))}
    return out


def _accuracy(labels: Sequence[int], scores: Sequence[float], threshold: float) -> float:
    return classify(labels, [int(s >= threshold) for s in scores]).accuracy


def _label_counts(labels: Sequence[int], scores: Sequence[float], m: scoring.ScoringModel) -> dict[str, dict[str, int]]:
    out = {name: {"n": 0, "real": 0} for name in ("high", "mixed", "low")}
    for y, s in zip(labels, scores):
        label = scoring.label_for(round(s, 1), m)
        out[label]["n"] += 1
        out[label]["real"] += y
    return out


def _signal_figures(labelled: Sequence[calibration.ArticleConcerns], signal_id: str) -> dict[str, Any]:
    """How one signal on its own separates real from fake (AUC of minus its concern)."""
    values = [next((c if ok else 0.0 for sid, ok, c in a.concerns if sid == signal_id), 0.0) for a in labelled]
    applicable = sum(1 for a in labelled for sid, ok, _ in a.concerns if sid == signal_id and ok)
    labels = [a.real for a in labelled]
    real = [v for v, y in zip(values, labels) if y]
    fake = [v for v, y in zip(values, labels) if not y]
    return {
        "applicable": applicable,
        "auc": _r(roc_auc(labels, [-v for v in values])) if applicable else None,
        "mean_concern_real": _r(sum(real) / len(real), 3) if real else None,
        "mean_concern_fake": _r(sum(fake) / len(fake), 3) if fake else None,
    }


def _satire(satire: Sequence[calibration.ArticleConcerns], fit: calibration.Fit, m: scoring.ScoringModel) -> dict[str, Any]:
    """Satire is neither used in the fit nor counted as real: scored with the full fit."""
    if not satire:
        return {"n": 0}
    scores = [fit.score(a) for a in satire]
    counts = {"high": 0, "mixed": 0, "low": 0}
    for s in scores:
        counts[scoring.label_for(round(s, 1), m)] += 1
    return {"n": len(satire), "mean_score": _r(sum(scores) / len(scores), 1), "labels": counts}


def _matches(fit: calibration.Fit, m: scoring.ScoringModel) -> bool:
    return calibration.rounded(fit.intercept) == m.intercept and all(
        calibration.rounded(w) == m.weights.get(s) for s, w in fit.weights.items()
    )


# -- output ------------------------------------------------------------------------------


def text_report(results: dict[str, dict[str, Any]]) -> str:
    lines: list[str] = []
    h = results.get("headlines")
    if h:
        lines += [
            "Headlines — the clickbait model on the held-out split of Stop Clickbait",
            f"  {h['n_test']:,} test headlines ({h['n_test_clickbait']:,} clickbait), trained on {h['n_train']:,}",
            f"  accuracy  {h['accuracy']:.4f}    F1 {h['f1']:.4f}    precision {h['precision']:.4f}    "
            f"recall {h['recall']:.4f}    ROC-AUC {h['auc']:.4f}",
            f"  headline.sensational (rules + model, concern >= 0.5): accuracy {h['signal']['accuracy']:.4f}, "
            f"F1 {h['signal']['f1']:.4f}",
            f"  rules alone (any finding): accuracy {h['rules_only']['accuracy']:.4f}, F1 {h['rules_only']['f1']:.4f}",
            f"  {h['ms_per_headline']:.3f} ms per headline",
            "",
        ]
    a = results.get("articles")
    if a:
        lines += [
            "Articles — the 0–100 score on Horne & Adalı 2017, real vs fake "
            f"({a['n_real']} real, {a['n_fake']} fake; {a['folds']}-fold cross-validated scores)",
            f"  ROC-AUC {a['auc']:.3f}  (95% bootstrap interval {a['auc_ci'][0]:.3f}–{a['auc_ci'][1]:.3f})",
            "  accuracy, reading a score at or above the threshold as real: "
            + ", ".join(f"{t} → {v:.3f}" for t, v in a["accuracy_at"].items()),
            "",
            "  score band   articles   real   share real",
        ]
        for b in a["reliability"]:
            share = "—" if b["share_real"] is None else f"{b['share_real']:.2f}"
            lines.append(f"  {b['band']:>10}   {b['n']:>8}   {b['real']:>4}   {share:>10}")
        high = a["labels"]["high"]
        lines += [
            "",
            f"  Articles scoring 70+ were real in {high['real']} of {high['n']} cases.",
            "  Signals on their own (ROC-AUC of low concern for real):",
        ]
        for sid, f in a["signals"].items():
            auc = "not applicable" if f["auc"] is None else f"{f['auc']:.3f}"
            lines.append(f"    {sid:<24} {auc}")
        s = a["satire"]
        if s.get("n"):
            lines.append(f"  Satire ({s['n']}, never used as real): mean score {s['mean_score']}, "
                         f"labels high {s['labels']['high']}, mixed {s['labels']['mixed']}, low {s['labels']['low']}")
        shipped = a["shipped"]
        current = "match" if shipped["matches_fresh_fit"] else "differ from a fresh fit (run `make calibrate`)"
        lines.append(f"  Shipped weights ({shipped['method']}): in-sample ROC-AUC {shipped['auc_in_sample']:.3f}; they {current}.")
    return "\n".join(lines).rstrip() + "\n"
