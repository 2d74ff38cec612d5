"""Worst-case inputs: does scoring time grow in line with the text?

    python bench/bench_pathological.py [--size KB]

The server takes bodies up to 2 MB, and a client can send text written to be slow: one
"sentence" thousands of claims long, thousands of loaded words, thousands of findings to
mark in the HTML view.  For each such text this prints the seconds (process time) to
score it, and to render the HTML report, at ``--size`` and at twice that size.  A ratio
near 2 means the work grows in line with the text; near 4 would mean it grows with the
square.  Asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import credlib  # noqa: E402
from credlib.render import to_html  # noqa: E402

# Each is repeated into one long run-on text (no sentence ends unless the unit has one).
CASES = {
    "anonymous claims in one sentence": "sources close to the matter said ",
    "loaded words in one sentence": "the thugs said ",
    "named speaker, loaded words": "Maddox said the thugs were ",
    "back references": "Sources close to the minister said so. The minister said the thugs ",
    "vague attributions": "experts say ",
    "sourced figures": "according to the report, 5% of ",
    "quotes from named people": '"Hello," said Dr. Smith, an expert. ',
    "scare quotes in one sentence": 'the "experts" of ',
}


def seconds(fn) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100, help="size of the smaller text, in KB")
    args = parser.parse_args()
    credlib.warm_up()
    print(f"credlib {credlib.__version__}: seconds to score (and to render as HTML) a text of {args.size} KB "
          f"and of {2 * args.size} KB")
    for name, unit in CASES.items():
        figures = []
        for size in (args.size, 2 * args.size):
            text = unit * (size * 1000 // len(unit))
            report = None

            def run() -> None:
                nonlocal report
                report = credlib.score(text, title="A plan for the harbour", include_text=True)

            score_s = seconds(run)
            render_s = seconds(lambda: to_html(report, report.title, text))
            findings = sum(len(s.findings) for s in report.signals)
            figures.append((score_s, render_s, findings))
        (s1, r1, f1), (s2, r2, f2) = figures
        print(f"{name:<34} score {s1:6.2f} s → {s2:6.2f} s (×{s2 / max(s1, 1e-9):.1f})   "
              f"HTML {r1:5.2f} s → {r2:5.2f} s (×{r2 / max(r1, 1e-9):.1f})   findings {f1} → {f2}")


if __name__ == "__main__":
    main()
