"""Headline speed: ms per headline for the clickbait model alone and for the whole
``headline.sensational`` signal (credlib.score_headline), plus the one-off cost of
loading the model.

    python bench/bench_headline.py [--headlines N] [--repeat R]

Headlines are put together from phrases written for this project (half clickbait-style,
half news-style), so the benchmark needs nothing outside the repository.  Prints
figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time

NEWS = [
    "Council approves {n} million flood barrier after two-year review",
    "Port authority delays vote on harbour dredging until {month}",
    "Central bank holds rates at {n}.25% as inflation eases",
    "Regional rail strike ends after {n} days of talks",
    "Minister resigns over expenses as inquiry widens",
    "Exports of machine parts fall {n}% in {month}, customs data show",
    "Hospital trust opens new cancer ward in Alder Valley",
    "Voters in Kestrel County reject school levy by {n} votes",
]
CLICKBAIT = [
    "{n} Things Only People Who Grew Up By The Sea Will Understand",
    "You Won't Believe What This Mayor Did With The Town Budget",
    "This Dog Waited {n} Days For Its Owner And The Ending Will Make You Cry",
    "Here's Why Everyone Is Suddenly Talking About Parsnips",
    "Can You Guess Which Of These {n} Cakes Costs The Most?",
    "We Tried The Viral Coffee Trick So You Don't Have To",
    "{n} Signs You Are Secretly A Morning Person",
    "The Real Reason Your Houseplants Keep Dying",
]
MONTHS = ["March", "June", "October", "December"]

LOAD = """
import time
from credlib import clickbait
t = time.perf_counter()
clickbait.model()
print((time.perf_counter() - t) * 1000)
"""


def headlines(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        template = rng.choice(CLICKBAIT if i % 2 else NEWS)
        out.append(template.format(n=rng.randint(3, 48), month=rng.choice(MONTHS)))
    return out


def per_item_ms(fn, items: list[str], repeat: int) -> tuple[float, float]:
    """(median over runs of the mean ms per item, best run's mean ms per item)."""
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        for item in items:
            fn(item)
        runs.append((time.perf_counter() - t) * 1000 / len(items))
    return statistics.median(runs), min(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--headlines", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import credlib
    from credlib import clickbait

    items = headlines(args.headlines)
    model = clickbait.model()
    credlib.score_headline(items[0])  # warm up: lexicons compiled, model loaded
    model_med, model_best = per_item_ms(model.probability, items, args.repeat)
    signal_med, signal_best = per_item_ms(credlib.score_headline, items, args.repeat)
    load = statistics.median(
        float(subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True, check=True).stdout)
        for _ in range(3)
    )
    print(f"credlib {credlib.__version__} · Python {sys.version.split()[0]} · {len(items)} headlines × {args.repeat} runs")
    print(f"clickbait model        {model_med:6.3f} ms per headline   best run {model_best:6.3f} ms   (target <= 0.2 ms)")
    print(f"score_headline (all)   {signal_med:6.3f} ms per headline   best run {signal_best:6.3f} ms   (rules + model + result)")
    print(f"loading the model       {load:6.1f} ms once per process")


if __name__ == "__main__":
    main()
