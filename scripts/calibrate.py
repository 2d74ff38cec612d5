"""Fit what credlib learns from data, from ../shared/data, reproducibly:

    python scripts/calibrate.py headlines   # credlib/data/clickbait_model.{toml,weights}
    python scripts/calibrate.py articles    # [model], [weights], [calibration] of credlib/data/scoring.toml
    python scripts/calibrate.py all         # both, in that order (the article score uses the headline model)

    --data DIR   the data folder (default ../shared/data)
    --check      write nothing; exit 1 when a fit differs from the shipped files
    --search     (headlines) print the cross-validated accuracy of each regularisation C

Needs the `eval` extra (scikit-learn) for headlines; the article fit is pure Python.
Run after changing a signal or a lexicon: the article weights are fitted to what the
signals say about the labelled articles.  `make calibrate` runs `all`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from credlib import calibration, clickbait, evaluation, scoring
from credlib.datasets import DataError, default_data_dir, load_headlines


def headlines(data: Path, check: bool, search: bool) -> bool:
    corpus = load_headlines(data)
    if search:
        calibration.search_headline_c(corpus, progress=print)
    trained = calibration.train_headline_model(corpus)
    same = (clickbait.MODEL_FILE.read_bytes() == trained.toml.encode("utf-8")
            and calibration.WEIGHTS_PATH.read_bytes() == trained.weights) if clickbait.MODEL_FILE.exists() else False
    info = dict(line.split(" = ", 1) for line in trained.toml.splitlines() if line.startswith("test_"))
    print(f"headline model: {', '.join(f'{k} {v}' for k, v in info.items())}; "
          f"weights {len(trained.weights):,} bytes; {'identical to' if same else 'differs from'} the shipped files")
    if not check and not same:
        clickbait.MODEL_FILE.write_text(trained.toml, encoding="utf-8")
        calibration.WEIGHTS_PATH.write_bytes(trained.weights)
        clickbait.model.cache_clear()
        print(f"wrote {clickbait.MODEL_FILE} and {calibration.WEIGHTS_PATH}")
    return same


def articles(data: Path, check: bool) -> bool:
    figures, fit = evaluation.article_results(calibration.article_concerns(data))
    _, settings = calibration.shipped_settings()
    high = figures["labels"]["high"]
    provenance = {
        "data": "fakenewsdata1-horne2017 (Horne & Adalı 2017, NECO): real vs fake articles; satire left out",
        "method": "penalised maximum likelihood of 'real' through the score formula (scoring.credibility); "
                  "weights >= 0; L2 towards [calibration.prior]",
        "n_real": figures["n_real"],
        "n_fake": figures["n_fake"],
        "cv_auc": figures["auc"],
        "cv_auc_ci": figures["auc_ci"],
        "cv_high_real": f"{high['real']} of {high['n']}",
    }
    text = scoring.SCORING_FILE.read_text(encoding="utf-8")
    updated = calibration.updated_scoring_toml(text, fit, settings, provenance)
    same = updated == text
    weights = ", ".join(f"{s} {calibration.rounded(w):g}" for s, w in fit.weights.items())
    print(f"article score: intercept {calibration.rounded(fit.intercept):g}; {weights}")
    print(f"  cross-validated ROC-AUC {figures['auc']:.3f} ({figures['auc_ci'][0]:.3f}–{figures['auc_ci'][1]:.3f}); "
          f"{'identical to' if same else 'differs from'} the shipped scoring.toml")
    if not check and not same:
        scoring.SCORING_FILE.write_text(updated, encoding="utf-8")
        scoring.model.cache_clear()
        print(f"wrote {scoring.SCORING_FILE}")
    return same


def main() -> int:
    parser = argparse.ArgumentParser(description="Fit the clickbait model and the score's weights from ../shared/data.")
    parser.add_argument("what", choices=("headlines", "articles", "all"))
    parser.add_argument("--data", type=Path, default=None, help="the data folder (default ../shared/data)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when a fit differs from the shipped files")
    parser.add_argument("--search", action="store_true", help="print the cross-validated accuracy of each C (headlines)")
    args = parser.parse_args()
    data = args.data or default_data_dir()
    try:
        same = True
        if args.what in ("headlines", "all"):
            same &= headlines(data, args.check, args.search)
        if args.what in ("articles", "all"):
            same &= articles(data, args.check)
    except (DataError, RuntimeError) as exc:
        print(f"calibrate: error: {exc}", file=sys.stderr)
        return 2
    return 1 if args.check and not same else 0


if __name__ == "__main__":
    sys.exit(main())
