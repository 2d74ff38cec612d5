"""credlib: explained credibility signals for news articles.

    >>> import credlib
    >>> report = credlib.score(text, title="…")
    >>> report.score, report.label
    >>> print(report.to_json())
    >>> credlib.score_headline("You Won't Believe What Happened Next").score   # 0..1 concern

Every finding points at the exact words that triggered it and says why they matter.
credlib never judges whether an article is true; it shows evidence a careful reader
would look at.
"""

import logging

__version__ = "0.1.0"

# Import the signal modules (registering every signal) before binding the name
# ``signals`` to the catalogue function below: importing a subpackage sets the parent's
# attribute of the same name, and ``credlib.signals()`` is the public API.
from . import signals as _signal_modules  # noqa: E402,F401
from .config import Config, ConfigError  # noqa: E402
from .document import Document  # noqa: E402
from .engine import build_document, score, score_document, score_headline, signals, warm_up  # noqa: E402
from .extract import PageTooComplex  # noqa: E402
from .lexicon import LexiconError  # noqa: E402
from .report import Finding, Report, SignalResult  # noqa: E402

__all__ = [
    "Config",
    "ConfigError",
    "Document",
    "Finding",
    "LexiconError",
    "PageTooComplex",
    "Report",
    "SignalResult",
    "__version__",
    "build_document",
    "score",
    "score_document",
    "score_headline",
    "signals",
    "warm_up",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
