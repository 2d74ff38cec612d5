"""No text crashes the scorer, and every finding is the exact slice it claims to be."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import credlib

from .helpers import check_report

# Text built from pieces the signals react to, mixed with arbitrary characters.
PIECES = st.sampled_from([
    "Sources close to the ", "minister", " said ", "Experts say ", "“", "”", '"', "'", "’", "\n", "\r\n",
    "\n\n", " ", ".", "!", "?", "SHOCKING", "By Lena Marsh\n", "October 14, 2025\n", "Related Post: ",
    "ERUPTS ", "80% ", "$4 million", "so-called ", "witch hunt", "İ", "🔥", "—", "U.S. ", "Dr. ", "https://x.org/a ",
    "Leave a Reply\n", "reportedly ", "according to recent reports ", "speaking on condition of anonymity",
])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=60).map("".join)
WORDS = st.lists(st.one_of(st.sampled_from(["the", "a", "of", "mob", "The", " ", ", ", "\n", "é", "_"]), st.text(max_size=6)), max_size=40).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, title=st.one_of(st.none(), st.text(max_size=40), PIECES))
def test_no_text_crashes_and_spans_are_exact(text, title):
    doc = credlib.build_document(text, title=title)
    report = credlib.score_document(doc)
    check_report(report, doc)


@settings(max_examples=60, deadline=None)
@given(body=st.text(max_size=300))
def test_arbitrary_unicode_html_fragments(body):
    page = f"<html><body><article><h1>Title</h1><p>{body}</p></article><ul><li><a href='/x'>{body[:40]}</a></li></ul></body></html>"
    doc = credlib.build_document(html=page)
    check_report(credlib.score_document(doc), doc)


def _reference_words(lower: str) -> list[tuple[str, int]]:
    """Every word of ``lower`` (``\\w+`` below U+3000) and its offset, by a plain scan."""
    import re

    return [(m.group(), m.start()) for m in re.finditer(r"(?:[^\W]|[\u3000-\U0010ffff])+", lower)]


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(TEXT, WORDS))
def test_word_index_finds_every_word_and_pair_a_plain_scan_finds(text):
    from credlib.prefilter import FREQUENT, WordIndex

    lower = text.lower()
    index = WordIndex(lower)
    words = _reference_words(lower)
    assert index.words == {w for w, _ in words}
    for word in {w for w, _ in words}:
        assert index.positions(word) == [pos for w, pos in words if w == word]
    assert index.positions("absent-word") == []
    for (word, _), (follower, _) in zip(words, words[1:]):
        if word not in FREQUENT:
            continue  # pairs are kept for frequent first words only
        expected = [pos for (w, pos), (f, _) in zip(words, words[1:]) if w == word and f == follower]
        assert index.followed_by(word, frozenset({follower, "zzz"})) == expected


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(TEXT, WORDS, st.text(st.characters(exclude_categories=()), max_size=40)))
def test_spacing_out_non_word_characters_matches_the_plain_table(text):
    """The word index's fast spacing (ASCII as bytes, the other characters one by one)
    gives exactly what the character table gives, curly quotes, emoji and lone
    surrogates included."""
    from credlib.prefilter import _SPACES, spaced

    assert spaced(text) == text.translate(_SPACES)


def test_spacing_typographic_text_keeps_letters_and_offsets():
    from credlib.prefilter import spaced

    text = "Japan’s “plan” — café, \ud800 🔥 ok"
    assert spaced(text) == "Japan s  plan    café  \ud800 🔥 ok"
    assert len(spaced(text)) == len(text)


def test_spacing_a_text_of_many_different_symbols_matches_the_plain_table():
    """Past a few dozen distinct symbols the table is used instead of one pass per symbol:
    the result is the same."""
    from credlib.prefilter import _SPACES, spaced

    symbols = "".join(chr(c) for c in range(0xA0, 0x600) if c in _SPACES)
    text = " ".join(f"w{i}{symbol}" for i, symbol in enumerate(symbols * 3))
    assert len(set(symbols)) > 100
    assert spaced(text) == text.translate(_SPACES)


@settings(max_examples=300, deadline=None)
@given(spans=st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12)), max_size=25),
       probes=st.lists(st.tuples(st.integers(0, 70), st.integers(1, 12)), max_size=25))
def test_covered_spans_answer_overlap_as_the_spans_themselves_do(spans, probes):
    from credlib.signals.sourcing import _Covered

    covered = _Covered()
    taken = []
    for start, length in spans:
        covered.add(start, start + length)
        taken.append((start, start + length))
        assert covered.starts == sorted(covered.starts)
        assert all(e < s for e, s in zip(covered.ends, covered.starts[1:]))  # disjoint, not touching
        for p_start, p_length in probes:
            p_end = p_start + p_length
            assert covered.overlaps(p_start, p_end) == any(s < p_end and p_start < e for s, e in taken)
