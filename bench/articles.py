"""Deterministic ~1,500-word articles for benchmarks, written for this project.

Sentences are drawn (with a fixed seed) from pools that mix sober reporting with the
constructions the signals look for, so every signal has work to do: named sources,
figures with and without sources, unnamed sources, vague attribution, loaded words,
quotations.  Nothing here is copied from a real outlet.
"""

from __future__ import annotations

import html
import random

SOBER = [
    "The council voted 7-2 on Tuesday to fund the new flood barrier along the waterfront.",
    "Exports of machine parts fell 4.2% in March compared with a year earlier, according to customs data.",
    "\"We have checked every number in this plan,\" said Mayor Teresa Quayle after the vote.",
    "The ministry published its quarterly figures on its website on Monday morning.",
    "A 2024 report by the Coastal Resilience Institute estimated maintenance at $1.1 million a year.",
    "Dr. Paulina Okoro, the institute's director, said both estimates rested on different assumptions.",
    "The bond issue still needs approval from voters in a referendum scheduled for next spring.",
    "Residents who spoke at the meeting were divided over the cost and the design of the wall.",
    "Tobias Renner, a hydrologist at Alder State University, said the effect on other districts was small.",
    "The engineering study found the change in water levels to be below 5 centimetres in a severe storm.",
    "Ticket sales rose to 41,300 in the first week, the club said in a statement on Friday.",
    "The trial enrolled 312 patients at four hospitals between January and October of last year.",
    "Officials from both countries met in Geneva for a third round of talks on steel tariffs.",
    "The central bank kept its main rate at 3.25% for the fourth meeting in a row.",
    "Farmers in the valley planted fewer acres of wheat this season because of the dry winter.",
    "The company said it would hire 200 engineers at its new plant over the next two years.",
    "Council member Idris Fenwick, who voted against the plan, said the budget left out maintenance.",
    "The report is available at https://data.example.org/reports/2025 for anyone to read.",
    "Schools in the district will reopen on Monday after repairs to the heating systems.",
    "The researchers published their findings in the Journal of Applied Hydrology in June.",
]
TABLOID = [
    "Sources close to the delegation said the talks had collapsed in chaos.",
    "Experts say the collapse could cost billions and many are saying it was doomed from the start.",
    "A senior official, speaking on condition of anonymity, said the minister was furious.",
    "People familiar with the matter claim the deal was a disgraceful sham from day one.",
    "According to recent reports, the radical elites behind the plan are finally being exposed.",
    "Critics pointed to the shameful handling of the affair by the so-called \"experts\".",
    "Insiders reportedly described the mood in the capital as pure chaos.",
    "A whopping 80% of people now distrust the council, and the number is rising fast.",
    "It is widely believed that the whole thing was a witch hunt against ordinary workers.",
    "Analysts believe the damage from this catastrophe will take years to repair.",
]


def article(seed: int, words: int = 1500, tabloid_share: float = 0.3) -> tuple[str, str]:
    """(title, body) of about ``words`` words; deterministic for a seed."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    count = 0
    while count < words:
        sentences = []
        for _ in range(rng.randint(2, 4)):
            pool = TABLOID if rng.random() < tabloid_share else SOBER
            sentences.append(rng.choice(pool))
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    title = rng.choice([
        "Council approves flood barrier after two-year review",
        "Minister SLAMS rival as trade talks COLLAPSE!",
        "Central bank holds rates for fourth meeting in a row",
        "You won't believe what the delegation did next",
    ])
    body = f"By Lena Marsh\nPublished: October {1 + seed % 28}, 2025\n\n" + "\n\n".join(paragraphs)
    return title, body


def typographic(text: str) -> str:
    """``text`` set as most outlets publish it: curly double quotes (“…”), curly
    apostrophes (’) and em dashes, instead of the ASCII the generator writes."""
    out: list[str] = []
    opening = True
    for char in text:
        if char == '"':
            out.append("“" if opening else "”")
            opening = not opening
        elif char == "'":
            out.append("’")
        else:
            out.append(char)
    return "".join(out).replace(" - ", " — ")


def article_html(seed: int, words: int = 1500) -> str:
    """The same article inside a realistic page: navigation, ads, related posts, comments."""
    title, body = article(seed, words)
    paras = "\n".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n\n")[1:])
    related = "\n".join(
        f'<li><a href="/news/{i}">{html.escape(t)}</a></li>'
        for i, t in enumerate([
            "Minister FURIOUS After Rival INTERVENES — Crowd ERUPTS",
            "Council publishes budget for next year",
            "You Won't Believe What This Diplomat Said Next!",
            "Weather: rain expected over the weekend",
        ])
    )
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)} | Alder Times</title>
<meta name="author" content="Lena Marsh"><meta property="article:published_time" content="2025-10-{1 + seed % 28:02d}T09:00:00Z">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/opinion">Opinion</a></li></ul></nav><div class="ad"><a href="https://ads.example.net/1">This one weird trick cuts your bills in half!</a></div></header>
<main><article><h1>{html.escape(title)}</h1><p class="byline">By Lena Marsh</p>
{paras}
</article>
<aside class="related"><h3>Related posts</h3><ul>{related}</ul></aside>
<section id="comments"><h3>3 Comments</h3><div class="comment"><p>Great article, totally agree!</p></div>
<div id="respond"><h3>Leave a Reply</h3><form><textarea></textarea><button>Post Comment</button></form></div></section>
</main><footer><p>© 2025 Alder Times. All rights reserved.</p><a href="/privacy">Privacy</a></footer></body></html>"""
