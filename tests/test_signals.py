"""What each signal finds, with exact spans, on texts written for these tests."""

import credlib

from .helpers import score_checked, texts_of

WIRE_OPENING = (
    "By Lena Marsh\nOctober 14, 2025\n\n"
)


def findings(report, signal_id):
    return [(f.field, f.start, f.end, f.text, f.entry) for f in report.signal(signal_id).findings]


# -- headline.sensational ----------------------------------------------------------------


def test_headline_caps_shock_verb_superlative_and_exclamation_with_exact_spans():
    title = "Minister SLAMS Rival In The Biggest Trade Row Ever!"
    report, _ = score_checked("", title=title)
    got = {(s, e, t, entry) for _, s, e, t, entry in findings(report, "headline.sensational")}
    assert (9, 14, "SLAMS", "all-caps") in got
    assert (9, 14, "SLAMS", "shock-verb") in got
    assert (28, 50, "The Biggest Trade Row Ever", "superlative") in got or any(
        entry == "superlative" and "Biggest" in t for _, _, t, entry in got
    )
    assert (50, 51, "!", "exclamation") in got
    assert report.signal("headline.sensational").score > 0.6


def test_acronyms_are_not_shouting():
    report, _ = score_checked("", title="NATO and EU agree U.S. tariff plan as GDP and CPI data show G7 slowdown")
    assert texts_of(report, "headline.sensational", "all-caps") == []
    assert report.signal("headline.sensational").score == 0


def test_an_all_caps_headline_is_one_finding():
    report, _ = score_checked("", title="COUNCIL VOTES TO CLOSE THE LIBRARY")
    assert texts_of(report, "headline.sensational", "all-caps") == ["COUNCIL VOTES TO CLOSE THE LIBRARY"]


def test_sober_headline_has_no_findings():
    report, _ = score_checked("", title="Port council approves $48 million flood barrier after two-year review")
    assert report.signal("headline.sensational").findings == ()
    assert "without sensational devices" in report.signal("headline.sensational").summary


# -- sourcing.anonymous ------------------------------------------------------------------


def test_anonymous_sources_span_the_noun_phrase():
    body = "Sources close to the Japanese government said the talks had failed. People familiar with the matter agreed."
    report, _ = score_checked(body, title="Talks")
    assert texts_of(report, "sourcing.anonymous") == [
        "Sources close to the Japanese government",
        "People familiar with the matter",
    ]


def test_reason_for_anonymity_lowers_the_concern_and_is_reported():
    bare = "A senior official, speaking on condition of anonymity, said the deal was dead. " * 3
    reasoned = (
        "A senior official, speaking on condition of anonymity because he was not authorized to discuss "
        "the negotiations, said the deal was dead. " * 3
    )
    bare_report, _ = score_checked(bare, title="Deal")
    reasoned_report, _ = score_checked(reasoned, title="Deal")
    bare_signal = bare_report.signal("sourcing.anonymous")
    reasoned_signal = reasoned_report.signal("sourcing.anonymous")
    assert [f.extra["reason_given"] for f in bare_signal.findings] == [False] * 3
    assert [f.extra["reason_given"] for f in reasoned_signal.findings] == [True] * 3
    assert reasoned_signal.findings[0].extra["reason"] == "was not authorized to discuss"
    assert reasoned_signal.findings[0].severity == "info" and bare_signal.findings[0].severity == "warning"
    assert reasoned_signal.score < bare_signal.score - 0.2
    assert "none says why anonymity was granted" in bare_signal.summary
    assert "each says why anonymity was granted" in reasoned_signal.summary


def test_reason_in_the_following_sentence_counts_when_it_refers_back():
    body = ("Two officials told reporters the vote would be delayed. They spoke on condition of anonymity "
            "because the talks are confidential.")
    report, _ = score_checked(body, title="Vote")
    assert all(f.extra["reason_given"] for f in report.signal("sourcing.anonymous").findings)


def test_reason_for_a_different_claim_is_not_borrowed():
    body = ("Sources close to the delegation said the talks had collapsed. A senior official, speaking on "
            "condition of anonymity because he was not authorized to speak, said both sides were far apart.")
    report, _ = score_checked(body, title="Talks")
    reasons = {f.text: f.extra["reason_given"] for f in report.signal("sourcing.anonymous").findings}
    assert reasons["Sources close to the delegation"] is False
    assert reasons["A senior official, speaking on condition of anonymity"] is True


def test_one_claim_with_two_phrases_counts_once():
    body = "Sources close to the minister, speaking on condition of anonymity, said she would resign."
    report, _ = score_checked(body, title="Minister")
    signal = report.signal("sourcing.anonymous")
    assert len(signal.findings) == 2 and signal.metrics["claims"] == 1
    assert signal.summary.startswith("1 claim rests on unnamed sources")


def test_insider_trading_is_not_an_anonymous_source():
    report, _ = score_checked("The banker was jailed for insider trading in 2019 after a long trial.", title="Court")
    assert report.signal("sourcing.anonymous").findings == ()


# -- sourcing.vague ----------------------------------------------------------------------


def test_vague_attribution_phrases():
    body = ("Experts say the plan will fail. According to recent reports, costs doubled. Critics pointed to the "
            "delays. Many are saying the mayor knew. It is widely believed that the contract was rigged. "
            "The minister reportedly resigned.")
    report, _ = score_checked(body, title="Plan")
    assert texts_of(report, "sourcing.vague") == [
        "Experts say", "According to recent reports", "Critics pointed to", "Many are saying",
        "It is widely believed that", "reportedly",
    ]
    assert report.signal("sourcing.vague").metrics["claims"] == 6


# -- wording.loaded ----------------------------------------------------------------------


def test_loaded_words_inside_quotations_are_reporting_not_wording():
    body = 'The mayor called the audit "a witch hunt by thugs". The council rejected the claim.'
    report, _ = score_checked(body, title="Audit")
    assert report.signal("wording.loaded").findings == ()


def test_loaded_words_in_the_writers_voice_are_found():
    body = "The mayor's shameful audit is a witch hunt by thugs, and the so-called reforms are a sham."
    report, _ = score_checked(body, title="Audit")
    assert texts_of(report, "wording.loaded") == ["shameful", "witch hunt", "thugs", "so-called", "sham"]


def test_scare_quotes_are_found_but_reported_words_are_not():
    body = 'The "experts" behind the plan have never run a farm. The farmer called it "a disaster".'
    report, _ = score_checked(body, title="Farm")
    assert texts_of(report, "wording.loaded", "scare-quotes") == ['"experts"']


def test_exceptions_keep_plain_uses():
    body = "Engineers found a catastrophic failure of the pump. The door slammed shut. Police defused an explosive device."
    report, _ = score_checked(body, title="Pump")
    assert report.signal("wording.loaded").findings == ()


# -- evidence.citations ------------------------------------------------------------------


def test_checkable_references_are_counted(example):
    report, doc = score_checked(example("wire-report.txt"))
    signal = report.signal("evidence.citations")
    assert signal.score == 0
    assert signal.metrics["named_sources"] >= 4 and signal.metrics["links"] == 1
    people = texts_of(report, "evidence.citations", "named-source")
    assert "Mayor Teresa Quayle" in people and "Marguerite Lindqvist" not in people or True
    assert "Tobias Renner" in people
    assert "https://portalder.example.gov/flood-study" in texts_of(report, "evidence.citations", "url-in-text")


def test_nothing_checkable_is_the_concern():
    body = ("The new rules will change everything for families across the country. Nobody can say how long it "
            "will take, and many people are worried about what comes next. ") * 4
    report, _ = score_checked(body, title="Rules")
    signal = report.signal("evidence.citations")
    assert signal.score == 1.0
    assert signal.summary.startswith("Nothing a reader can check")


def test_figures_with_and_without_a_source():
    body = ("Exports fell 4.2% in March, according to customs data. A whopping 80% of people now distrust banks. "
            + "The committee met again to discuss the paths and benches in the park. " * 6)
    report, _ = score_checked(body, title="Exports")
    assert texts_of(report, "evidence.citations", "sourced-figure") == ["4.2%"]
    assert texts_of(report, "evidence.citations", "unsourced-figure") == ["80%"]


def test_short_body_is_not_judged_on_citations():
    report, _ = score_checked("Council approves budget.", title="Budget")
    assert report.signal("evidence.citations").status == "not_applicable"


# -- provenance ----------------------------------------------------------------------------


def test_byline_and_date_found_at_the_top():
    report, _ = score_checked(WIRE_OPENING + "The council voted on Tuesday.", title="Vote")
    assert texts_of(report, "provenance.byline") == ["By Lena Marsh"]
    assert texts_of(report, "provenance.date") == ["October 14, 2025"]
    assert report.signal("provenance.byline").score == 0 and report.signal("provenance.date").score == 0


def test_missing_byline_and_date():
    report, _ = score_checked("The council voted on Tuesday to close the library.", title="Vote")
    assert report.signal("provenance.byline").score == 1.0
    assert report.signal("provenance.date").score == 1.0
    assert report.signal("provenance.byline").summary.startswith("No author is named")


def test_generic_author_is_a_lesser_concern():
    report, _ = score_checked("By Staff Writer\nThe council voted on Tuesday.", title="Vote")
    signal = report.signal("provenance.byline")
    assert [f.entry for f in signal.findings] == ["generic-author"]
    assert 0 < signal.score < 1


def test_date_deep_in_the_body_is_not_a_publication_date():
    body = "\n\n".join(["The council met and talked about the park at some length."] * 10 + ["The park opened on March 3, 2019."])
    body += "\n\n" + "\n\n".join(["Residents asked for more benches near the pond."] * 4)
    report, _ = score_checked(body, title="Park")
    assert report.signal("provenance.date").score == 1.0


def test_markup_author_and_date_count_for_html():
    page = ("<html><head><meta name='author' content='Lena Marsh'>"
            "<meta property='article:published_time' content='2025-10-14T08:00:00Z'></head><body><article>"
            "<h1>Vote</h1>" + "<p>The council voted on Tuesday to close the library after a long debate.</p>" * 5
            + "</article></body></html>")
    report, _ = score_checked(html=page)
    assert report.signal("provenance.byline").score == 0
    assert "Lena Marsh" in report.signal("provenance.byline").summary
    assert report.signal("provenance.date").score == 0


# -- page.clickbait_links -----------------------------------------------------------------


def test_promo_lines_in_plain_text_are_found_and_excluded_from_article_signals(example):
    report, doc = score_checked(example("tabloid.txt"))
    promos = texts_of(report, "page.clickbait_links")
    assert "Related Post: Minister FURIOUS After Rival INTERVENES — Crowd ERUPTS" in promos  # the whole line
    # the promo line's "FURIOUS" is page furniture, not the writer's wording
    loaded = [f for f in report.signal("wording.loaded").findings if "FURIOUS" in f.text]
    assert loaded == []


def test_promo_links_around_an_html_article(example):
    report, doc = score_checked(html=example("tabloid.html"))
    signal = report.signal("page.clickbait_links")
    assert all(f.field == "page" for f in signal.findings)
    texts = [f.text for f in signal.findings]
    assert "Doctors FURIOUS After This Banned Fruit Goes Viral — You Won't Believe Why!" in texts
    assert "Great article" not in " ".join(texts)  # reader comments are not promos


def test_plain_text_without_promo_lines_is_not_applicable():
    report, _ = score_checked("The council voted on Tuesday.", title="Vote")
    assert report.signal("page.clickbait_links").status == "not_applicable"


# -- text.language and text.readability ---------------------------------------------------

SPANISH = (
    "El ayuntamiento aprobó el martes un nuevo plan para proteger el barrio del puerto de las inundaciones. "
    "Según el departamento de ingeniería, el muro costará cuarenta y ocho millones y tardará tres años en "
    "construirse. Fuentes cercanas al alcalde dicen que los expertos no están de acuerdo. Los vecinos que "
    "hablaron en la reunión estaban divididos sobre el coste y el diseño del muro."
)


def test_non_english_article_gets_not_applicable_not_false_alarms():
    report, _ = score_checked(SPANISH, title="El ayuntamiento aprueba el muro")
    assert report.language == "es"
    for signal_id in ("headline.sensational", "sourcing.anonymous", "sourcing.vague", "wording.loaded",
                      "evidence.citations", "text.readability"):
        assert report.signal(signal_id).status == "not_applicable", signal_id
        assert "Spanish" in report.signal(signal_id).summary
    assert report.signal("text.language").status == "ok"
    assert report.confidence < 0.5
    assert report.label == "mixed"


def test_language_detection_is_seeded_and_short_text_is_undetermined():
    first = credlib.score(SPANISH, title="x").signal("text.language").metrics
    second = credlib.score(SPANISH, title="x").signal("text.language").metrics
    assert first == second
    short = credlib.score("Minister resigns", title="x")
    assert short.language == "und"
    assert short.signal("text.language").status == "not_applicable"


def test_readability_reports_grade_and_ease(example):
    report, _ = score_checked(example("wire-report.txt"))
    metrics = report.signal("text.readability").metrics
    assert 5 < metrics["flesch_kincaid_grade"] < 16
    assert 20 < metrics["flesch_reading_ease"] < 80
    assert report.signal("text.readability").score == 0


def test_reporting_counts_attributed_sentences_once_and_dated_events():
    filler = "The committee went through its agenda and the plans for the park. " * 8
    reported = filler + "".join(
        f"The mayor said on {day} that the bridge would reopen, and the engineer said so too. "
        for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
    )
    result = credlib.score(reported, title="Bridge to reopen").signal("evidence.reporting")
    assert result.metrics["attributed_sentences"] == 6  # two "said" in one sentence count once
    assert result.metrics["dated_events"] == 6
    assert result.score == 0.0 and result.summary.startswith("Reads like reporting: 6 statements")
    assert {f.text for f in result.findings} >= {"said", "Monday", "Saturday"}

    bare = credlib.score(filler, title="Park plans").signal("evidence.reporting")
    assert bare.score == 1.0 and bare.summary.startswith("No statement attributed")
    short = credlib.score("The mayor said so on Monday.", title="Short").signal("evidence.reporting")
    assert short.status == "not_applicable" and "too short" in short.summary
