"""Instructions per ~1,500-word article, counted by valgrind: a speed figure the machine's
mood does not move.

    python bench/bench_instructions.py [--articles N]

Wall-clock times on the shared 2-core development machine swing by half from one minute
to the next (bench_score.py prints them, with the targets); the number of machine
instructions a scoring run executes hardly moves at all, so this is the figure to compare
two versions of the code by.  The script runs itself under ``valgrind --tool=callgrind``
(``apt-get install valgrind``) with counting switched off, warms up, then switches
counting on around the measured calls only (``callgrind_control``), once per kind of
work: plain text with the ten core signals, plain text with every signal, and an HTML
page's extraction.  Prints millions of instructions per article; asserts nothing.

``--by-signal`` also splits plain-text scoring into its parts, one valgrind run each: the
document (segmentation, word index, language, ...) and every signal, measured after the
signals before it in report order have run (so a part is charged for what it adds, not
for document properties or matches an earlier signal computed).  It takes a few minutes.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

KINDS = {
    "core": "plain text, the 10 core signals",
    "all": "plain text, every signal",
    "html": "HTML page, extraction only (build_document)",
}


# The document's lazily computed parts, forced in the "document" measurement.
DOCUMENT_PARTS = ("body_lower", "title_lower", "body_index", "title_index", "paragraphs", "sentences", "quotes",
                  "word_count", "language", "lines", "boilerplate_blocks")


def measured(kind: str, count: int) -> None:
    """Inside valgrind: warm up, then count only the calls being measured."""
    from articles import article, article_html
    from bench_score import CORE_SIGNALS

    import credlib

    credlib.warm_up()
    if kind == "document" or kind.startswith("signal:"):
        part(kind, [article(seed) for seed in range(count)])
        return
    later = tuple(s["id"] for s in credlib.signals() if s["id"] not in CORE_SIGNALS)
    config = credlib.Config(disable=later) if kind == "core" else None
    for seed in range(90_000, 90_005):  # per-word caches filled, as in a running process
        title, body = article(seed)
        credlib.score(body, title=title)
        credlib.build_document(html=article_html(seed))
    if kind == "html":
        items = [article_html(seed) for seed in range(count)]
        work = lambda page: credlib.build_document(html=page)  # noqa: E731
    else:
        items = [article(seed) for seed in range(count)]
        work = lambda pair: credlib.score(pair[1], title=pair[0], config=config)  # noqa: E731
    with counting():
        for item in items:
            work(item)


def part(kind: str, articles: list[tuple[str, str]]) -> None:
    """Count the document's parts, or one signal run after those before it."""
    import credlib
    from credlib.engine import run_signal
    from credlib.registry import default_settings, registered

    for title, body in articles[:3]:  # per-word caches filled, as in a running process
        credlib.score(body, title=title)
    if kind == "document":
        with counting():
            for title, body in articles:
                doc = credlib.build_document(body, title=title)
                for name in DOCUMENT_PARTS:
                    getattr(doc, name)
        return
    settings = default_settings()
    target = kind.removeprefix("signal:")
    spec = next(s for s in registered() if s.id == target)
    docs = [credlib.build_document(body, title=title) for title, body in articles]
    for doc in docs:
        for name in DOCUMENT_PARTS:
            getattr(doc, name)
        for earlier in registered():
            if earlier.id == target:
                break
            run_signal(earlier, doc, settings)
    with counting():
        for doc in docs:
            run_signal(spec, doc, settings)


@contextmanager
def counting():
    """Count instructions inside the block (callgrind's collection switched on)."""
    subprocess.run(["callgrind_control", "-i", "on", str(os.getpid())], check=True, capture_output=True)
    yield
    subprocess.run(["callgrind_control", "-i", "off", str(os.getpid())], check=True, capture_output=True)


def count(kind: str, articles: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        run = subprocess.run(
            ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={folder}/out",
             sys.executable, __file__, "--inside", kind, "--articles", str(articles)],
            capture_output=True, text=True,
        )
    found = re.search(r"I\s+refs:\s+([\d,]+)", run.stderr)
    if run.returncode != 0 or found is None:
        raise SystemExit(f"valgrind run for {kind!r} failed:\n{run.stderr[-2000:]}")
    return int(found.group(1).replace(",", "")) / articles / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--by-signal", action="store_true", help="also count the document and each signal")
    parser.add_argument("--inside", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        measured(args.inside, args.articles)
        return
    missing = [tool for tool in ("valgrind", "callgrind_control") if shutil.which(tool) is None]
    if missing:
        raise SystemExit(f"bench_instructions: needs {' and '.join(missing)} (apt-get install valgrind)")
    print(f"{args.articles} articles of ~1,500 words per kind, instructions counted by valgrind (callgrind)")
    for kind, what in KINDS.items():
        print(f"{what:<45} {count(kind, args.articles):7.2f} M instructions per article")
    if args.by_signal:
        from credlib.registry import registered

        print("plain text, every signal, by part:")
        for kind in ["document"] + [f"signal:{s.id}" for s in registered()]:
            print(f"  {kind.removeprefix('signal:'):<43} {count(kind, args.articles):7.2f} M")


if __name__ == "__main__":
    main()
