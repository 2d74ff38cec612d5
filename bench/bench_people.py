"""people.unverifiable speed: median ms per ~1,500-word article, and the data load time.

    python bench/bench_people.py [--articles N] [--repeat R]

Figures per article set (wall-clock median, best-of-R median, and CPU time, which other
processes on a shared machine disturb least):
* the signal's own cost inside the scorer: the document's shared structures (word index,
  sentences, quotations, boilerplate) built beforehand, as the other signals build them;
* standalone: a fresh document, so the shared structures are paid for here too.

Article sets: the benchmark articles of bench_score.py, and the same articles with a
named authority in about one paragraph in four (senators, trade representatives,
professors, economists, heads of government: the signal's worst case).  Load time: the
two shipped tables read from disk, in this process and in a fresh one.  Prints figures;
asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from articles import article  # noqa: E402
from bench_score import timings  # noqa: E402

# Sentences written for this benchmark: invented people beside real officials in real roles.
AUTHORITIES = [
    "\"The bill will pass,\" said Senator Evelyn Hartwell, a Republican from Ohio.",
    "Former U.S. Trade Representative Thomas Garrity called the tariffs a mistake.",
    "Senator Maria Cantwell, who chairs the Senate Finance subcommittee on international trade, disagreed.",
    "Jane Moreau, a professor of economics at Georgetown University, said growth would slow.",
    "Dr. Lena Foster, a prominent economist at Northfield University of Commerce, warned of a crash.",
    "Omar Haddad, chief economist at Brightwater Bank, expects two rate cuts this year.",
    "Prime Minister Ishiba met President Trump and Chancellor Merz in Osaka.",
    "A prominent economist said the figures could not be trusted.",
    "Hartwell added that the vote would be close.",
    "Former U.S. Trade Representative Robert Lighthizer defended the tariffs on Tuesday.",
]

FRESH_LOAD = """
import time
from credlib.rosters import Institutions, Rosters
t = time.perf_counter(); Rosters(); Institutions()
print((time.perf_counter() - t) * 1000)
"""


def with_authorities(seed: int) -> tuple[str, str]:
    title, body = article(seed)
    rng = random.Random(seed)
    paragraphs = body.split("\n\n")
    for i in range(2, len(paragraphs), 4):
        paragraphs[i] += " " + rng.choice(AUTHORITIES)
    return title, "\n\n".join(paragraphs)


def cpu_median_ms(fn, items, repeat: int) -> float:
    """Median over items of each one's least CPU time (thread time): the figure least
    disturbed by other processes on a shared machine."""
    best = [float("inf")] * len(items)
    for _ in range(repeat):
        for i, item in enumerate(items):
            t = time.thread_time()
            fn(item)
            best[i] = min(best[i], (time.thread_time() - t) * 1000)
    return statistics.median(best)


def prepared(doc):
    doc.body_index, doc.sentences, doc.quotes, doc.boilerplate_blocks  # noqa: B018 (computed once, shared)
    return doc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import credlib
    from credlib.registry import Context, default_settings, get
    from credlib.rosters import INSTITUTIONS_FILE, ROSTERS_FILE, Institutions, Rosters, institutions, rosters

    loads, load_cpu = [], []
    for _ in range(5):
        t, c = time.perf_counter(), time.thread_time()
        Rosters(), Institutions()
        loads.append((time.perf_counter() - t) * 1000)
        load_cpu.append((time.thread_time() - c) * 1000)
    fresh = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", FRESH_LOAD], capture_output=True, text=True, check=True)
        fresh.append(float(out.stdout.strip()))
    rosters(), institutions()  # loaded once, as in a scoring process

    spec = get("people.unverifiable")
    ctx = Context(spec, default_settings())
    sizes = ROSTERS_FILE.stat().st_size, INSTITUTIONS_FILE.stat().st_size
    print(f"credlib {credlib.__version__} · Python {sys.version.split()[0]} · {args.articles} articles × {args.repeat} runs")
    print(f"tables      {ROSTERS_FILE.name} {sizes[0] / 1e6:.2f} MB + {INSTITUTIONS_FILE.name} {sizes[1] / 1e6:.2f} MB"
          f" = {sum(sizes) / 1e6:.2f} MB   (target <= 5 MB)")
    print(f"data load   median {statistics.median(loads):6.1f} ms in this process (CPU {min(load_cpu):5.1f}), "
          f"{statistics.median(fresh):6.1f} ms in a fresh one   (target <= 100 ms)")
    for label, maker in (("bench articles", article), ("with authorities", with_authorities)):
        texts = [maker(seed) for seed in range(args.articles)]
        words = statistics.mean(len(body.split()) for _, body in texts)
        docs = [prepared(credlib.build_document(body, title=title)) for title, body in texts]
        spec.func(docs[0], ctx)  # warm up: patterns compiled once
        # The same documents every round: the signal has no cache of its own to profit from.
        inside, _, inside_best = timings(lambda d: spec.func(d, ctx), [docs] * args.repeat, args.repeat)
        alone, _, alone_best = timings(lambda t: spec.func(credlib.build_document(t[1], title=t[0]), ctx),
                                       [texts] * args.repeat, args.repeat)
        cpu = cpu_median_ms(lambda d: spec.func(d, ctx), docs, args.repeat)
        found = statistics.mean(len(spec.func(d, ctx).findings) for d in docs)
        print(f"{label:<17} {words:5.0f} words, {found:4.1f} people   signal median {inside:5.2f} ms "
              f"(best-of-{args.repeat} {inside_best:5.2f}, CPU {cpu:5.2f})   standalone {alone:5.2f} ms "
              f"(best-of-{args.repeat} {alone_best:5.2f})   (target <= 1 ms)")


if __name__ == "__main__":
    main()
