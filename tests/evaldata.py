"""A small data folder laid out like ../shared/data, built from texts written for the
tests, so `credlib eval` and the calibration run without the real datasets."""

import gzip
import random
import zipfile
from pathlib import Path

from .test_clickbait import CLICKBAIT, NEWS

SOBER_TITLES = [
    "Council approves flood barrier after two-year review",
    "Central bank holds rates for fourth meeting in a row",
    "Regional rail strike ends after nine days of talks",
    "Hospital trust opens new cancer ward in Alder Valley",
]
SENSATIONAL_TITLES = [
    "Minister SLAMS rival as trade talks COLLAPSE!",
    "SHOCKING: Council Hid The Truth About The Flood Wall!",
    "You Won't Believe What The Delegation Did Next",
    "Insiders Say The Mayor Is FURIOUS Over Secret Deal",
]
SOBER = [
    "The council voted 7-2 on Tuesday to fund the new flood barrier along the waterfront.",
    "\"We have checked every number in this plan,\" said Mayor Teresa Quayle after the vote.",
    "A 2024 report by the Coastal Resilience Institute estimated maintenance at $1.1 million a year.",
    "Tobias Renner, a hydrologist at Alder State University, said the effect on other districts was small.",
    "Exports of machine parts fell 4.2% in March compared with a year earlier, according to customs data.",
    "Council member Idris Fenwick, who voted against the plan, said the budget left out maintenance.",
]
TABLOID = [
    "Sources close to the delegation said the talks had collapsed in chaos.",
    "Experts say the collapse could cost billions and many are saying it was doomed from the start.",
    "People familiar with the matter claim the deal was a disgraceful sham from day one.",
    "According to recent reports, the radical elites behind the plan are finally being exposed.",
    "Insiders reportedly described the mood in the capital as pure chaos.",
    "It is widely believed that the whole thing was a witch hunt against ordinary workers.",
]


def _body(rng: random.Random, pool: list[str], other: list[str], share: float = 0.85, sentences: int = 14) -> str:
    picked = [rng.choice(pool if rng.random() < share else other) for _ in range(sentences)]
    return "\r\n\r\n".join(" ".join(picked[i : i + 2]) for i in range(0, len(picked), 2))


def make_data(root: Path, articles_per_label: int = 12) -> Path:
    data = root / "data"
    headlines = data / "clickbait-chakraborty2016"
    headlines.mkdir(parents=True)
    extra_news = [f"{t} in {place}" for t in NEWS for place in ("Dunmore", "Kestrel County")]
    extra_bait = [f"{t} In {year}" for t in CLICKBAIT for year in ("2015", "2016")]
    bait = CLICKBAIT + extra_bait + [CLICKBAIT[0], "Minister resigns over expenses"]  # a repeat, a conflict
    news = NEWS + extra_news + ["minister  resigns over EXPENSES"]
    for name, lines in (("clickbait_data.gz", bait), ("non_clickbait_data.gz", news)):
        with gzip.open(headlines / name, "wt", encoding="utf-8") as handle:
            handle.write("\n\n".join(lines) + "\n")
    folder = data / "fakenewsdata1-horne2017"
    folder.mkdir()
    rng = random.Random(5)
    with zipfile.ZipFile(folder / "Horne2017_FakeNewsData.zip", "w") as archive:
        for label in ("Real", "Fake", "Satire"):
            for i in range(articles_per_label):
                if label == "Real":
                    title, body = rng.choice(SOBER_TITLES), _body(rng, SOBER, TABLOID)
                elif label == "Fake":
                    title, body = rng.choice(SENSATIONAL_TITLES), _body(rng, TABLOID, SOBER)
                else:
                    title, body = rng.choice(SENSATIONAL_TITLES), _body(rng, SOBER, TABLOID, share=0.5)
                body = body.replace("\"", "\u201c", 1).replace("\"", "\u201d", 1) + f"\r\n\r\n(Item {label} {i}.)"
                base = "Public Data/Random Poltical News Dataset"
                # Windows-1252, as most of the real files are: curly quotes are bytes 0x93/0x94.
                archive.writestr(f"{base}/{label}/{i}.txt", body.encode("cp1252"))
                archive.writestr(f"{base}/{label}_titles/{i}.txt", (title + "\r\n").encode("cp1252"))
    return data
