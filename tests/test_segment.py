from hypothesis import given, settings
from hypothesis import strategies as st

from credlib import segment


def spans_text(text, spans):
    return [text[a:b] for a, b in spans]


def test_paragraphs_split_on_blank_lines_and_keep_offsets():
    text = "First para\nstill first.\n\n  Second para.  \r\n\r\nThird."
    assert spans_text(text, segment.paragraphs(text)) == ["First para\nstill first.", "Second para.", "Third."]


def test_paragraphs_fall_back_to_lines_when_no_blank_line():
    text = "One line.\nAnother line.\r\nA third."
    assert spans_text(text, segment.paragraphs(text)) == ["One line.", "Another line.", "A third."]


def test_a_quotation_wrapped_onto_the_next_line_keeps_its_lines_together():
    text = ('The mayor said: "This plan will fail, and\nI think its authors are wrong." The council met.\n'
            'Members voted to wait.\nThe vote was close.')
    assert spans_text(text, segment.paragraphs(text)) == [
        'The mayor said: "This plan will fail, and\nI think its authors are wrong." The council met.',
        "Members voted to wait.", "The vote was close."]
    [quote] = segment.quotations(text)
    assert quote.closed and text[quote.start:quote.end].endswith('wrong."')


def test_an_unclosed_quotation_does_not_pull_in_lines_that_do_not_close_it():
    # the next line's mark opens a quotation (it follows a space), and the one after has none
    text = 'Painter -- "I back her and she should win.\nGlassman -- "\nReilly, administrator\nSmith said so.'
    assert spans_text(text, segment.paragraphs(text)) == [
        'Painter -- "I back her and she should win.', 'Glassman -- "', "Reilly, administrator", "Smith said so."]


def test_sentences_respect_abbreviations_and_initials():
    text = "Dr. Ana Ruiz met U.S. officials in Jan. 2024 with J. Smith. They agreed! Did they? Yes."
    assert spans_text(text, segment.sentences(text)) == [
        "Dr. Ana Ruiz met U.S. officials in Jan. 2024 with J. Smith.",
        "They agreed!",
        "Did they?",
        "Yes.",
    ]


def test_sentence_ends_inside_closing_quote():
    text = 'He said "we will win." Then he left.'
    assert spans_text(text, segment.sentences(text)) == ['He said "we will win."', "Then he left."]


def test_hard_wrapped_line_continues_sentence_but_new_line_starts_one():
    text = "The council voted on a plan that\nwould cost millions.\nRelated: Budget news"
    assert spans_text(text, segment.sentences(text)) == [
        "The council voted on a plan that\nwould cost millions.",
        "Related: Budget news",
    ]


def test_double_quotes_straight_and_curly():
    text = 'She said "no way" and then “maybe later” too.'
    quotes = segment.quotations(text)
    assert [text[q.start:q.end] for q in quotes] == ['"no way"', "“maybe later”"]
    assert all(q.closed and q.kind == "double" for q in quotes)


def test_apostrophes_are_not_quotes():
    text = "Japan’s exports in the ’90s and the players' union's rock ’n’ roll don't count."
    assert segment.quotations(text) == ()


def test_single_quotes_pair_when_used_as_quotes():
    text = "He called the plan 'a farce' on Tuesday."
    [quote] = segment.quotations(text)
    assert text[quote.start:quote.end] == "'a farce'" and quote.kind == "single"


def test_inch_mark_after_a_number_opens_no_quote():
    text = 'The storm dropped 6" of rain on the city. The mayor called the plan "a disgrace" on Tuesday.'
    quotes = segment.quotations(text)
    assert [text[q.start:q.end] for q in quotes] == ['"a disgrace"']


def test_quote_closing_after_a_number_still_closes():
    text = 'He said "the score was 3-2" and left.'
    [quote] = segment.quotations(text)
    assert text[quote.start:quote.end] == '"the score was 3-2"' and quote.closed


def test_unclosed_quote_runs_to_end_of_paragraph_only():
    text = "“This is the first paragraph of a long quote\n\n“And this is the second,” she said."
    quotes = segment.quotations(text)
    assert [text[q.inner_start:q.inner_end] for q in quotes] == [
        "This is the first paragraph of a long quote",
        "And this is the second,",
    ]
    assert [q.closed for q in quotes] == [False, True]


BOUNDARY_PIECES = st.sampled_from(["...", ".", "!", "?", "…", "”", "’", ")", "]", "\r\n", "\r", "\n", " ", "  ", "“", "(",
                                   "A", "a", "7", "_", "Dr", "U.S", "é", "É"])


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.one_of(BOUNDARY_PIECES, st.text(max_size=4)), max_size=40).map("".join))
def test_sentence_boundaries_are_those_of_the_plain_pattern(text):
    import re

    from credlib.segment import _BOUNDARY

    plain = re.compile(r"[.!?…]+[\"”’'»)\]]*(?=\s+[\"“‘'«(\[]*[^\W_a-z])|\r\n|\r|\n")
    assert [m.span() for m in _BOUNDARY.finditer(text)] == [m.span() for m in plain.finditer(text)]
