"""Human-readable reports: a terminal view and a self-contained HTML page.

Both are built from the report plus the analysed title and body, so every finding can
be shown in context.  The HTML page has no scripts and no external assets: it can be
saved, mailed or opened offline.
"""

from __future__ import annotations

import html
import re
from typing import Iterable

from .report import Finding, Report, SignalResult

SEVERITY_MARK = {"info": "·", "warning": "!", "severe": "!!"}
LABEL_TEXT = {"high": "HIGH credibility signals", "mixed": "MIXED signals", "low": "LOW credibility signals"}
MAX_FINDINGS_SHOWN = 12
CONTEXT_CHARS = 40
_SPACES = re.compile(r"\s+")

_ANSI = {"bold": "\033[1m", "dim": "\033[2m", "red": "\033[31m", "yellow": "\033[33m",
         "green": "\033[32m", "reset": "\033[0m"}
_LABEL_COLOUR = {"high": "green", "mixed": "yellow", "low": "red"}


def _snippet(text: str, start: int, end: int, mark: tuple[str, str]) -> str:
    """The finding with some context on each side, on one line."""
    left = max(0, start - CONTEXT_CHARS)
    right = min(len(text), end + CONTEXT_CHARS)
    before, inside, after = (_SPACES.sub(" ", text[a:b]) for a, b in ((left, start), (start, end), (end, right)))
    return ("…" if left else "") + before + mark[0] + inside + mark[1] + after + ("…" if right < len(text) else "")


def to_text(report: Report, title: str | None, body: str, page_text: str = "", colour: bool = False) -> str:
    """The terminal report: score and label, then each signal with its findings in context."""

    def c(name: str, s: str) -> str:
        return f"{_ANSI[name]}{s}{_ANSI['reset']}" if colour else s

    mark = (_ANSI["bold"] + "[", "]" + _ANSI["reset"]) if colour else ("[", "]")
    # The article's own characters are shown, never obeyed: a terminal control sequence in
    # the text (ESC, bidi overrides) is drawn as one � each, so offsets stay as they are.
    fields = {"title": printable(title or ""), "body": printable(body), "page": printable(page_text)}
    lines = [c("bold", fields["title"] or "(no title)")]
    label = c(_LABEL_COLOUR[report.label], LABEL_TEXT[report.label])
    lines.append(
        f"Score {report.score:.1f}/100 · {label} · confidence {report.confidence:.2f} · "
        f"language {report.language} · credlib {report.credlib_version}"
    )
    lines.append("")
    for result in report.signals:
        if result.status != "ok":
            lines.append(c("dim", f"  –  {result.title}: {printable(result.summary)}"))
            continue
        concern = f"concern {result.score:.2f}" if result.score or not _informational(result) else ""
        head = f"{_bar(result.score)} {result.title}"
        lines.append(f"{head:<40} {concern}".rstrip())
        lines.append(f"     {printable(result.summary)}")
        for finding in list(result.findings)[:MAX_FINDINGS_SHOWN]:
            where = f"{finding.field} {finding.start}–{finding.end}"
            context = _snippet(fields[finding.field], finding.start, finding.end, mark)
            sev = SEVERITY_MARK.get(finding.severity, "·")
            lines.append(f"     {sev:<2} {finding.message} ({where}): {context}")
            if finding.extra.get("search_url"):  # people.unverifiable: where the reader can check
                lines.append(c("dim", f"        look it up: {finding.extra['search_url']}"))
            if finding.extra.get("online"):  # --online: what the look-up found, or why it failed
                lines.append(c("dim", f"        online: {printable(finding.extra['online'])}"))
        hidden = len(result.findings) - MAX_FINDINGS_SHOWN
        if hidden > 0:
            lines.append(c("dim", f"     … and {hidden} more (--format json lists every finding)"))
    lines.append("")
    lines.append(c("dim", "credlib shows evidence a careful reader would look at; it does not judge whether the article is true."))
    return "\n".join(lines) + "\n"


# C0 controls but tab and line feed, DEL, C1 controls, and the bidirectional overrides and
# isolates that reorder what a terminal draws.
# Carriage returns, vertical tabs and form feeds are spaces (CRLF text stays readable).
_UNPRINTABLE = {c: " " if c in (0x0B, 0x0C, 0x0D) else "\ufffd"
                for c in [*range(0x20), 0x7F, *range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
                if c not in (0x09, 0x0A)}


def printable(text: str) -> str:
    """``text`` for a terminal: each control character replaced by U+FFFD, or by a space
    for the ones that are whitespace (the same length: offsets into it still hold)."""
    return text.translate(_UNPRINTABLE)


def _informational(result: SignalResult) -> bool:
    return result.id.startswith("text.")


def _bar(score: float, width: int = 5) -> str:
    filled = round(score * width)
    return "▮" * filled + "▯" * (width - filled)


# -- HTML ------------------------------------------------------------------------------

_PALETTE = {
    "headline.sensational": "#f6c28b", "headline.representative": "#f6d88b",
    "sourcing.anonymous": "#f4a3a8", "sourcing.vague": "#f7c6d0", "people.unverifiable": "#d7b4f3",
    "wording.loaded": "#ffe08a", "evidence.citations": "#b9e4c9", "evidence.reporting": "#cdebb0", "provenance.byline": "#bcd9f7",
    "provenance.date": "#c9e3f7", "page.clickbait_links": "#f9b38f",
}
_DEFAULT_COLOUR = "#dddddd"

REPORT_CSS = """
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5f6368; }
body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 62rem; padding: 1.5rem; }
header { display: flex; gap: 1.5rem; align-items: center; flex-wrap: wrap; }
.gauge { width: 7rem; height: 7rem; border-radius: 50%; display: grid; place-items: center;
         font-size: 1.8rem; font-weight: 700; }
.gauge span { background: #fff; border-radius: 50%; width: 5.4rem; height: 5.4rem; display: grid; place-items: center; }
.label-high { color: #137333; } .label-mixed { color: #a15c00; } .label-low { color: #b3261e; }
h1 { font-size: 1.35rem; margin: 0 0 .3rem; } .meta { color: var(--muted); margin: 0; }
section.signals { display: grid; gap: .6rem; margin: 1.5rem 0; }
details { border: 1px solid #ddd; border-radius: .5rem; padding: .5rem .8rem; }
summary { cursor: pointer; } summary .swatch { display: inline-block; width: .8rem; height: .8rem;
          border-radius: .2rem; margin-right: .4rem; vertical-align: middle; }
.concern { float: right; color: var(--muted); font-variant-numeric: tabular-nums; }
.na { color: var(--muted); }
ul.findings { margin: .4rem 0 0; padding-left: 1.2rem; } ul.findings li { margin: .2rem 0; }
article { border-top: 2px solid #eee; padding-top: 1rem; white-space: pre-wrap; overflow-wrap: anywhere; }
article h2 { white-space: normal; }
mark { border-radius: .2rem; padding: 0 .1rem; color: inherit; }
mark:focus { outline: 2px solid #1a73e8; }
.note { color: var(--muted); font-size: .9rem; }
@media (max-width: 40rem) { body { padding: .8rem; } .gauge { width: 5rem; height: 5rem; font-size: 1.3rem; }
  .gauge span { width: 3.8rem; height: 3.8rem; } }
"""


def signal_colour(signal_id: str) -> str:
    """The highlight colour of a signal, the same in every HTML view."""
    return _PALETTE.get(signal_id, _DEFAULT_COLOUR)


def highlight(text: str, marks: Iterable[tuple]) -> str:
    """HTML for ``text`` with each (start, end, signal id, tooltip[, css class]) wrapped in <mark>.

    Overlapping findings nest: the text is cut at every boundary and each piece is
    wrapped in one mark per finding covering it, the earlier finding innermost.  One
    sweep over the cuts keeps the marks open at each piece, so the work grows with the
    text and the findings, not with their product.
    """
    marks = [m for m in marks if 0 <= m[0] < m[1] <= len(text)]
    opening = []
    starting: dict[int, list[int]] = {}
    ending: dict[int, list[int]] = {}
    for i, (start, end, signal_id, tip, *css) in enumerate(marks):
        css_class = f' class="{html.escape(css[0])}"' if css else ""
        opening.append(
            f'<mark data-signal="{html.escape(signal_id)}"{css_class} style="background:{signal_colour(signal_id)}" '
            f'title="{html.escape(tip)}" tabindex="0">'
        )
        starting.setdefault(start, []).append(i)
        ending.setdefault(end, []).append(i)
    cuts = sorted({0, len(text)} | starting.keys() | ending.keys())
    open_marks: set[int] = set()  # the marks covering the piece that starts at the current cut
    out = []
    for a, b in zip(cuts, cuts[1:]):
        open_marks.difference_update(ending.get(a, ()))
        open_marks.update(starting.get(a, ()))
        piece = html.escape(text[a:b])
        if open_marks:
            outermost_first = sorted(open_marks, reverse=True)
            piece = "".join(opening[i] for i in outermost_first) + piece + "</mark>" * len(outermost_first)
        out.append(piece)
    return "".join(out)


def _tooltip(result: SignalResult, finding: Finding) -> str:
    return f"{result.title} — {finding.message}: {finding.explanation}"


def to_html(report: Report, title: str | None, body: str, page_text: str = "") -> str:
    """A self-contained page: score, signals with their summaries, the text with evidence marked."""
    head = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>credlib report: {html.escape(title or 'untitled article')}</title>",
        f"<style>{REPORT_CSS}</style></head><body>",
    ]
    return "\n".join(head) + "\n" + report_fragment(report, title, body, page_text) + "\n</body></html>\n"


def report_fragment(report: Report, title: str | None, body: str, page_text: str = "") -> str:
    """The report as HTML to place inside a page styled with ``REPORT_CSS`` (the server's page uses it)."""
    marks: dict[str, list[tuple[int, int, str, str]]] = {"title": [], "body": [], "page": []}
    for result in report.signals:
        for f in result.findings:
            marks[f.field].append((f.start, f.end, result.id, _tooltip(result, f)))
    score = report.score
    angle = round(score * 3.6, 1)
    gauge_colour = {"high": "#34a853", "mixed": "#f9ab00", "low": "#ea4335"}[report.label]
    parts = [
        "<header>",
        f'<div class="gauge" role="img" aria-label="Score {score:.1f} of 100" '
        f'style="background:conic-gradient({gauge_colour} {angle}deg,#eee 0)"><span>{score:.0f}</span></div>',
        "<div>",
        f"<h1>{html.escape(title or '(no title)')}</h1>",
        f'<p class="meta"><strong class="label-{report.label}">{LABEL_TEXT[report.label]}</strong> · '
        f"score {score:.1f}/100 · confidence {report.confidence:.2f} · language {html.escape(report.language)}"
        f" · credlib {html.escape(report.credlib_version)}</p>",
        "</div></header>",
        '<section class="signals" aria-label="Signals">',
    ]
    for result in report.signals:
        swatch = f'<span class="swatch" style="background:{signal_colour(result.id)}"></span>'
        if result.status != "ok":
            parts.append(
                f'<details class="na"><summary>{swatch}{html.escape(result.title)} '
                f'<span class="concern">not applicable</span></summary><p>{html.escape(result.summary)}</p></details>'
            )
            continue
        open_attr = " open" if result.score >= 0.3 else ""
        parts.append(
            f"<details{open_attr}><summary>{swatch}<strong>{html.escape(result.title)}</strong> "
            f'<span class="concern">concern {result.score:.2f}</span></summary>'
            f"<p>{html.escape(result.summary)}</p>"
        )
        if result.findings:
            parts.append('<ul class="findings">')
            for f in result.findings:
                search = f.extra.get("search_url")
                look_up = f' <a href="{html.escape(search)}" rel="noopener noreferrer">look it up</a>' if search else ""
                if f.extra.get("online"):
                    look_up += f' <span class="note">online: {html.escape(f.extra["online"])}</span>'
                parts.append(
                    f"<li><strong>{html.escape(f.message)}</strong> — “{html.escape(f.text)}” "
                    f'<span class="note">({html.escape(f.field)} {f.start}–{f.end}; {html.escape(f.explanation)})</span>'
                    f"{look_up}</li>"
                )
            parts.append("</ul>")
        parts.append("</details>")
    parts.append("</section>")
    parts.append('<article aria-label="Article text with evidence highlighted">')
    parts.append(f"<h2>{highlight(title or '', marks['title']) or '(no title)'}</h2>")
    parts.append(f"<div>{highlight(body, marks['body'])}</div>")
    if page_text:
        parts.append('<h3>Around the article (removed from the page)</h3>')
        parts.append(f"<div>{highlight(page_text, marks['page'])}</div>")
    parts.append("</article>")
    parts.append(
        '<p class="note">credlib shows evidence a careful reader would look at; it does not judge '
        "whether the article is true. Hover or focus a highlight for its explanation.</p>"
    )
    return "\n".join(parts)
