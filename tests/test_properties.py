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
