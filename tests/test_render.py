"""The HTML views' evidence marks (credlib/render.py)."""

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from credlib.render import highlight, signal_colour


def _mark(signal_id: str, tip: str, css: list[str]) -> str:
    css_class = f' class="{html.escape(css[0])}"' if css else ""
    return (f'<mark data-signal="{html.escape(signal_id)}"{css_class} style="background:{signal_colour(signal_id)}" '
            f'title="{html.escape(tip)}" tabindex="0">')


def reference(text: str, marks: list[tuple]) -> str:
    """What highlight() promises, written the plain way: cut the text at every boundary
    and wrap each piece in every mark covering it, the earlier mark innermost."""
    marks = [m for m in marks if 0 <= m[0] < m[1] <= len(text)]
    cuts = sorted({0, len(text)} | {m[0] for m in marks} | {m[1] for m in marks})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = html.escape(text[a:b])
        for start, end, signal_id, tip, *css in marks:
            if start <= a and b <= end:
                piece = _mark(signal_id, tip, css) + piece + "</mark>"
        out.append(piece)
    return "".join(out)


def test_overlapping_findings_nest_and_every_piece_keeps_its_text():
    text = "Sources close to the mayor say <it> was a disgrace."
    marks = [(0, 30, "sourcing.anonymous", 'Unnamed "sources"'), (21, 50, "wording.loaded", "Loaded & vague")]
    out = highlight(text, marks)
    anonymous, loaded = _mark("sourcing.anonymous", 'Unnamed "sources"', []), _mark("wording.loaded", "Loaded & vague", [])
    assert out == (anonymous + "Sources close to the " + "</mark>"
                   + loaded + anonymous + "mayor say" + "</mark></mark>"
                   + loaded + " &lt;it&gt; was a disgrace" + "</mark>" + ".")
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == text


def test_marks_outside_the_text_or_empty_are_left_out():
    assert highlight("short", [(2, 9, "a", "x"), (3, 3, "b", "y"), (-1, 2, "c", "z")]) == "short"


def test_a_css_class_is_kept_on_its_mark():
    out = highlight("abc", [(0, 3, "page.clickbait_links", "promo", "page")])
    assert out.startswith('<mark data-signal="page.clickbait_links" class="page" ')


_marks = st.lists(
    st.tuples(st.integers(-2, 40), st.integers(-2, 42), st.sampled_from(["sourcing.vague", "wording.loaded", "x<y"]),
              st.sampled_from(["plain", 'a "quoted" & <tagged> tip'])).map(
        lambda m: m + ("cls",) if m[0] % 3 == 0 else m),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=40), marks=_marks)
def test_highlight_equals_the_plain_definition(text, marks):
    assert highlight(text, marks) == reference(text, marks)


def test_thousands_of_findings_are_marked_each_once():
    # One mark per sentence and one per name inside it: the sweep marks what a long,
    # quote-heavy request produces.
    sentence = '"Hello," said Dr. Smith, an expert. '
    text = sentence * 3000
    marks = []
    for k in range(3000):
        base = k * len(sentence)
        marks.append((base, base + len(sentence) - 1, "evidence.citations", "on record"))
        marks.append((base + 14, base + 23, "people.unverifiable", "who?"))
    out = highlight(text, marks)
    # each sentence's mark is cut in three by the name inside it
    assert out.count('data-signal="evidence.citations"') == 9000
    assert out.count('data-signal="people.unverifiable"') == 3000
    assert out.count('tabindex="0">Dr. Smith</mark></mark>') == 3000
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == text


def test_the_terminal_report_shows_control_sequences_in_the_text_instead_of_obeying_them():
    import credlib
    from credlib.render import to_text

    text = ("Mayor SLAMS critics\r\n\r\nSources close to the mayor said \x1b]0;owned\x07 the plan was a "
            "\x1b[31mdisgrace\x1b[0m today, and \u202eexperts say\u202c it failed.\r\n")
    doc = credlib.build_document(text)
    out = to_text(credlib.score(text), doc.title, doc.body, colour=True)
    assert "\x1b]" not in out and "\x07" not in out and "\u202e" not in out and "\r" not in out
    assert "\x1b[31mdisgrace" not in out and "\ufffd[31mdisgrace" in out  # the article's colour code, shown
    assert "\ufffd]0;owned\ufffd the plan" in out
    assert "Sources close to the mayor" in out  # the finding is still shown in its context
