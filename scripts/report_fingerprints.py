"""Fingerprints of the reports credlib gives for a wide set of texts, to show that a change
meant to leave every report alone (a speed-up, a refactoring) does:

    python scripts/report_fingerprints.py --save before.json    # on the old code
    python scripts/report_fingerprints.py --check before.json   # on the new: exit 1 on any difference

The texts: the fixture articles and bundled examples; generated benchmark articles, as
plain text and as web pages (bench/articles.py); and, when the data folder is there
(``--data``, default ../shared/data), every labelled article of Horne & Adalı's sets as
plain text and wrapped in a simple page.  A fingerprint is the SHA-256 of a report's
JSON (``include_text`` on), so a moved span or a changed message shows.  ``--no-data``
leaves the data sets out.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import credlib  # noqa: E402
from credlib.datasets import DataError, default_data_dir, load_articles  # noqa: E402

BENCH_ARTICLES = 40
PAGES_FROM_DATA = 80


def page(title: str, body: str) -> str:
    """A plain article page around a text: navigation, headline, paragraphs, footer."""
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n") if p.strip())
    return (f"<html><head><title>{html.escape(title)}</title></head><body><nav><a href='/'>Home</a> | "
            f"<a href='/news'>News</a></nav><article><h1>{html.escape(title)}</h1>{paragraphs}</article>"
            "<footer>Copyright 2025 The Example Courier</footer></body></html>")


def texts(articles: list | None):
    """(name, keyword arguments of credlib.score), in a fixed order; ``articles``: the
    labelled data-set articles, if any."""
    from articles import article, article_html

    for path in sorted((ROOT / "fixtures" / "articles").iterdir()) + sorted((ROOT / "credlib" / "examples").iterdir()):
        yield f"file:{path.relative_to(ROOT)}", {"text": path.read_text(encoding="utf-8")}
    for seed in range(BENCH_ARTICLES):
        title, body = article(seed)
        yield f"bench:{seed}", {"text": body, "title": title}
        yield f"bench-page:{seed}", {"html": article_html(seed)}
    if articles:
        for a in articles:
            yield f"data:{a.collection}/{a.label}/{a.name}", {"text": a.body, "title": a.title}
        for a in articles[:PAGES_FROM_DATA]:
            yield f"data-page:{a.collection}/{a.label}/{a.name}", {"html": page(a.title, a.body)}


def fingerprints(articles: list | None) -> dict[str, str]:
    return {
        name: hashlib.sha256(credlib.score(**kwargs, include_text=True).to_json().encode("utf-8")).hexdigest()
        for name, kwargs in texts(articles)
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", type=Path, metavar="FILE", help="write the fingerprints to FILE")
    action.add_argument("--check", type=Path, metavar="FILE", help="compare with FILE; exit 1 on any difference")
    parser.add_argument("--data", type=Path, default=None, help="the data folder (default ../shared/data)")
    parser.add_argument("--no-data", action="store_true", help="leave the labelled data sets out")
    args = parser.parse_args()

    articles = None
    if not args.no_data:
        try:
            articles = load_articles(args.data or default_data_dir())
        except DataError as exc:
            if args.data is not None:
                print(f"report_fingerprints: {exc}", file=sys.stderr)
                return 2
            print(f"report_fingerprints: no data sets ({exc}); fixtures, examples and benchmark articles only",
                  file=sys.stderr)
    found = fingerprints(articles)
    if args.save:
        args.save.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{len(found)} report fingerprints written to {args.save}")
        return 0
    try:
        saved = json.loads(args.check.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"report_fingerprints: cannot read {args.check}: {exc}", file=sys.stderr)
        return 2
    changed = sorted(name for name in saved.keys() & found.keys() if saved[name] != found[name])
    missing, new = sorted(saved.keys() - found.keys()), sorted(found.keys() - saved.keys())
    for label, names in (("changed", changed), ("only in the saved file", missing), ("new", new)):
        for name in names:
            print(f"{label}: {name}")
    same = len(saved.keys() & found.keys()) - len(changed)
    print(f"{same} of {len(saved)} reports identical; {len(changed)} changed, {len(missing)} missing, {len(new)} new")
    return 1 if changed or missing or new else 0


if __name__ == "__main__":
    sys.exit(main())
