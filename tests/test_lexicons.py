"""Every lexicon entry's own examples: each `flag` text must produce a finding from that
entry, each `pass` text must not.  An entry without a flag example fails the suite."""

import pytest

import credlib
from credlib import lexicon
from credlib.lexicon import LexiconError, parse_lexicon
from credlib.registry import registered

from .helpers import score_checked

ENTRIES = [
    (spec.id, entry)
    for spec in registered()
    if spec.has_lexicon
    for entry in spec.lexicon().entries
]


# Neutral prose placed after a body example, so that signals needing a minimum length
# (evidence.citations) run; it contains nothing any signal flags, and only findings
# inside the example count.
PADDING = (
    "\n\nThe committee met in the town hall on a quiet evening and went through its agenda.\n"
    "Members discussed the state of the paths in the park and the plans for new benches near the pond.\n"
    "They agreed to look again at the proposals once residents had seen the drawings in the library.\n"
    "The chair thanked everyone for coming, and the meeting closed after a short discussion of the garden."
)


def _findings(signal_id, field, text):
    if field == "title":
        # A headline example may give the article's body after a blank line
        # (headline.representative compares the two).
        title, _, body = text.partition("\n\n")
        report, _ = score_checked(body + PADDING if body else "", title=title)
        return [f.entry for f in report.signal(signal_id).findings]
    report, _ = score_checked(text + PADDING, title="Example")
    return [f.entry for f in report.signal(signal_id).findings if f.start < len(text)]


def _ids(entries):
    return set(entries)


@pytest.mark.parametrize("signal_id,entry", ENTRIES, ids=[e.full_id for _, e in ENTRIES])
def test_entry_has_examples(signal_id, entry):
    assert entry.flag_examples or entry.id == "outbound-link", f"{entry.full_id} has no flag example"
    assert entry.note and entry.message


@pytest.mark.parametrize("signal_id,entry", ENTRIES, ids=[e.full_id for _, e in ENTRIES])
def test_flag_examples_are_flagged(signal_id, entry):
    field = credlib.registry.get(signal_id).lexicon().field
    for text in entry.flag_examples:
        result = _findings(signal_id, field, text)
        assert entry.id in _ids(result), f"{entry.full_id} did not flag: {text!r} -> {result}"


@pytest.mark.parametrize("signal_id,entry", ENTRIES, ids=[e.full_id for _, e in ENTRIES])
def test_pass_examples_are_not_flagged(signal_id, entry):
    field = credlib.registry.get(signal_id).lexicon().field
    for text in entry.pass_examples:
        result = _findings(signal_id, field, text)
        assert entry.id not in _ids(result), f"{entry.full_id} flagged a pass example: {text!r} -> {result}"


def test_outbound_link_entry_flags_html_links():
    page = ("<html><body><article><h1>Study</h1><p>" + "The council published its data on the water supply. " * 12
            + 'The full dataset is <a href="https://data.example.org/water">on the open data portal</a>.</p>'
            "</article></body></html>")
    report, _ = score_checked(html=page)
    links = [f for f in report.signal("evidence.citations").findings if f.entry == "outbound-link"]
    assert [f.text for f in links] == ["on the open data portal"]
    assert links[0].extra["url"] == "https://data.example.org/water"


@pytest.mark.parametrize(
    "data,message",
    [
        ({"entry": [{"id": "x", "message": "m", "note": "n", "patterns": ["a"]}]}, "missing 'signal'"),
        ({"signal": "s", "entry": [{"id": "x", "message": "m", "note": "n", "patterns": ["(a"]}]}, "not a valid regular expression"),
        ({"signal": "s", "entry": [{"id": "x", "message": "m", "note": "n", "patterns": ["(a)"]}]}, "capturing group"),
        ({"signal": "s", "entry": [{"id": "x", "message": "m", "note": "n", "patterns": ["a*"]}]}, "empty string"),
        ({"signal": "s", "entry": [{"id": "x", "message": "m", "note": "n", "patterns": ["(?i)BUDGET"]}]}, "scoped flag"),
        ({"signal": "s", "entry": [{"id": "x", "message": "m", "note": "n", "patterns": ["(?x) a b"]}]}, "cannot be combined"),
        ({"signal": "s", "entry": [{"id": "x", "message": "m", "note": "n", "patterns": ["a"], "colour": 1}]}, "unknown key(s) colour"),
        ({"signal": "s", "entry": [{"id": "X Y", "message": "m", "note": "n", "patterns": ["a"]}]}, "lower-case words"),
        ({"signal": "s", "entry": [{"id": "x", "message": "m", "note": "n"}]}, "either 'patterns' or 'rule'"),
        ({"signal": "s", "entry": [{"id": "x", "message": "m", "note": "n", "patterns": ["a"], "severity": "fatal"}]}, "'severity' must be one of"),
        # infinity used to pass and turn the signal's concern into 0 (inf / inf)
        *(({"signal": "s", "entry": [{"id": "x", "message": "m", "note": "n", "patterns": ["a"], "weight": w}]},
           "'weight' must be a number from 0 to 100") for w in (float("inf"), float("nan"), -1, 101, "1")),
        ({"signal": "s", "entry": [{"id": "x", "message": "m", "note": "n", "patterns": ["a"]}, {"id": "x", "message": "m", "note": "n", "patterns": ["b"]}]}, "duplicate entry id"),
    ],
)
def test_malformed_lexicons_are_rejected_with_a_clear_message(data, message):
    with pytest.raises(LexiconError) as info:
        parse_lexicon(data, "my.toml")
    assert message in str(info.value) and "my.toml" in str(info.value)


def test_pattern_syntax_spaces_and_apostrophes():
    lex = parse_lexicon(
        {"signal": "t.s", "entry": [{"id": "x", "message": "m", "note": "n", "patterns": ["won't believe"]}]}, "t"
    )
    text = "You won’t\n  believe it"
    matches = lex.find(text, text.lower())
    assert [(m.start, m.end) for m in matches] == [(4, 19)]


def test_matches_are_whole_words():
    lex = parse_lexicon({"signal": "t.s", "entry": [{"id": "x", "message": "m", "note": "n", "patterns": ["war"]}]}, "t")
    text = "A warning about the war, not software."
    assert [text[m.start:m.end] for m in lex.find(text, text.lower())] == ["war"]


def test_a_line_start_alternative_does_not_anchor_the_other_alternatives():
    # A user pattern "(?<![^\n])… | …": only its first alternative is tied to line starts.
    lex = parse_lexicon({"signal": "t.s", "entry": [
        {"id": "x", "message": "m", "note": "n", "patterns": ["(?<![^\\n])[a-z]+ reports|[a-z]+ wrote"]},
    ]}, "t")
    text = "intro line\nthen jones wrote it"
    assert [text[m.start:m.end] for m in lex.find(text, text.lower())] == ["jones wrote"]


def _reference_find(lex, text):
    """The plain way to match a lexicon: one alternation scanned over the whole text.

    find() must give exactly this; it only gets there faster (the first-word index)."""
    import re

    from credlib.lexicon import extend_phrase, to_regex

    lower = text.lower()
    found = []
    for case_sensitive, haystack in ((False, lower), (True, text)):
        groups = [
            f"(?P<e{i}>" + "|".join(sorted((to_regex(p) for p in e.patterns), key=len, reverse=True)) + ")"
            for i, e in enumerate(lex.entries)
            if e.patterns and e.case_sensitive == case_sensitive
        ]
        if not groups:
            continue
        regex = re.compile(r"(?<!\w)(?:" + "|".join(groups) + r")(?!\w)")
        for m in regex.finditer(haystack):
            entry = lex.entries[int(m.lastgroup[1:])]
            start, end = m.span()
            if entry.exceptions:
                exc = re.compile(r"(?<!\w)(?:" + "|".join(to_regex(x) for x in entry.exceptions) + r")(?!\w)")
                if any(x.start() < end and start < x.end() for x in exc.finditer(haystack, max(0, start - 80), end + 80)):
                    continue
            if entry.extend == "phrase":
                end = extend_phrase(text, end)
            found.append((start, end, entry.id))
    return sorted(found)


def _sample_texts():
    import sys

    from .helpers import EXAMPLES, ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    from articles import article

    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.iterdir())]
    texts += [article(seed)[1] for seed in range(5)]
    for _, entry in ENTRIES:
        texts += list(entry.flag_examples) + list(entry.pass_examples)
    return texts


@pytest.mark.parametrize("signal_id", sorted({sid for sid, _ in ENTRIES}))
def test_indexed_matching_equals_one_alternation_scan(signal_id):
    lex = lexicon.load(signal_id)
    for text in _sample_texts():
        got = sorted((m.start, m.end, m.entry.id) for m in lex.find(text, text.lower()))
        assert got == _reference_find(lex, text), text[:80]


def test_lexicon_is_compiled_once():
    lex = lexicon.load("sourcing.anonymous")
    assert lex._compiled(frozenset()) is lex._compiled(frozenset())
