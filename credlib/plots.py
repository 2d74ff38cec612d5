"""PNG charts for ``credlib eval --plots DIR``: ROC curves and the reliability diagram.

matplotlib is an optional extra (``pip install 'credlib[eval]'``); nothing else in
credlib imports it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any


class PlotError(Exception):
    """Charts cannot be written (matplotlib missing, DIR unusable): one-line message."""


def check_plotting(folder: Path) -> None:
    """Fail before any work is done when the charts could not be written."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise PlotError("--plots needs matplotlib: pip install 'credlib[eval]'") from None
    if folder.exists() and not folder.is_dir():
        raise PlotError(f"--plots {folder}: not a folder")
    if not folder.exists():
        if not folder.parent.exists():
            raise PlotError(f"--plots {folder}: folder {folder.parent} does not exist")
        if not folder.parent.is_dir():
            raise PlotError(f"--plots {folder}: {folder.parent} is not a folder")
    # Try it: a file in the folder, or in its parent where the folder is to be made.
    try:
        fd, probe = tempfile.mkstemp(dir=folder if folder.exists() else folder.parent, suffix=".tmp")
    except OSError as exc:
        raise PlotError(f"--plots {folder}: cannot write there ({exc.strerror or exc})") from None
    os.close(fd)
    os.unlink(probe)


def write_plots(results: dict[str, dict[str, Any]], folder: Path) -> list[Path]:
    """The charts, as PNG files in ``folder`` (made if missing); PlotError if they cannot
    be written."""
    try:
        return _write_plots(results, folder)
    except OSError as exc:
        import matplotlib.pyplot as plt

        plt.close("all")
        where = exc.filename or folder
        raise PlotError(f"--plots {folder}: cannot write {where} ({exc.strerror or exc})") from None


def _write_plots(results: dict[str, dict[str, Any]], folder: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")  # files only: no display needed
    import matplotlib.pyplot as plt

    folder.mkdir(exist_ok=True)
    written = []
    # No timestamps or version in the files, so the same figures give the same bytes.
    metadata = {"Software": None}
    h = results.get("headlines")
    if h:
        written.append(_roc(h["roc"], f"clickbait model, AUC {h['auc']:.3f}",
                            f"Headlines: {h['n_test']:,} held-out Stop Clickbait headlines",
                            folder / "headlines-roc.png", metadata))
    a = results.get("articles")
    if a:
        written.append(_roc(a["roc"], f"score, AUC {a['auc']:.3f} ({a['auc_ci'][0]:.2f}–{a['auc_ci'][1]:.2f})",
                            f"Articles: real vs fake, {a['folds']}-fold cross-validated",
                            folder / "articles-roc.png", metadata))

        fig, ax = plt.subplots(figsize=(6, 4.5))
        bands = [b for b in a["reliability"] if b["n"]]
        centres = [(b["low"] + b["high"]) / 2 for b in bands]
        widths = [(b["high"] - b["low"]) * 0.9 for b in bands]
        ax.bar(centres, [b["share_real"] for b in bands], width=widths, color="#4a7fb5", label="observed share real")
        for x, b in zip(centres, bands):
            ax.annotate(f"{b['real']}/{b['n']}", (x, b["share_real"]), ha="center", va="bottom", fontsize=8)
        ax.plot([0, 100], [0, 1], color="grey", linestyle="--", linewidth=1, label="perfect calibration")
        ax.set_xlim(0, 100)
        ax.set_ylim(0, 1.05)
        ax.set_xlabel("credlib score (cross-validated)")
        ax.set_ylabel("share of real articles")
        ax.set_title("Articles: reliability by score band")
        ax.legend(loc="upper left", fontsize=8)
        written.append(_save(fig, folder / "articles-reliability.png", metadata))
    return written


def _roc(points: list[list[float]], label: str, title: str, path: Path, metadata: dict) -> Path:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 5))
    ax.set_title(title)
    ax.plot([p[0] for p in points], [p[1] for p in points], color="#4a7fb5", label=label)
    ax.plot([0, 1], [0, 1], color="grey", linestyle="--", linewidth=1, label="chance")
    ax.set_xlabel("false positive rate")
    ax.set_ylabel("true positive rate")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.legend(loc="lower right", fontsize=8)
    return _save(fig, path, metadata)


def _save(fig, path: Path, metadata: dict) -> Path:
    import matplotlib.pyplot as plt

    fig.tight_layout()
    fig.savefig(path, dpi=110, metadata=metadata)
    plt.close(fig)
    return path
