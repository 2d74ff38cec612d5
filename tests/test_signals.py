"""What each signal finds, with exact spans, on texts written for these tests."""

import pytest

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
    assert (24, 50, "The Biggest Trade Row Ever", "superlative") in got
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


def test_an_exception_holds_across_a_long_whitespace_gap():
    # Text pulled from a PDF or a table can hold long runs of spaces; a lexicon space
    # matches any run, so "Company insiders … bought" is insider trading, not a source.
    body = "Company insiders" + " " * 200 + "bought shares worth $2 million last week, filings show."
    report, _ = score_checked(body, title="Shares rise")
    assert texts_of(report, "sourcing.anonymous") == []


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
    assert {f.text: f.extra["reason_given"] for f in report.signal("sourcing.anonymous").findings} == {
        "Two officials told": True, "spoke on condition of anonymity": True}


def reasons_given(body: str) -> dict[str, bool]:
    """Each anonymous-source finding's text, and whether a reason for anonymity covers it."""
    report, _ = score_checked(body, title="Talks")
    return {f.text: f.extra["reason_given"] for f in report.signal("sourcing.anonymous").findings}


def test_reason_for_a_different_claim_is_not_borrowed():
    reasons = reasons_given("Sources close to the delegation said the talks had collapsed. A senior official, speaking on "
                            "condition of anonymity because he was not authorized to speak, said both sides were far apart.")
    assert reasons["Sources close to the delegation"] is False
    assert reasons["A senior official, speaking on condition of anonymity"] is True


def test_reason_given_for_a_group_covers_a_member_quoted_next():
    body = ("The officials spoke on condition of anonymity because they were not authorised to discuss "
            "internal planning. One official said the plan had been shelved.")
    report, _ = score_checked(body, title="Plan")
    signal = report.signal("sourcing.anonymous")
    assert {f.text: f.extra["reason_given"] for f in signal.findings} == {
        "spoke on condition of anonymity": True, "One official said": True}
    assert signal.summary.endswith("each says why anonymity was granted.")


def test_reason_for_a_group_does_not_reach_a_different_role():
    reasons = reasons_given("The officials spoke on condition of anonymity because they were not authorised to discuss "
                            "internal planning. One teacher said the plan had been shelved.")
    assert reasons["One teacher said"] is False


def test_protecting_a_job_is_a_reason_for_anonymity():
    body = "A third guard, speaking anonymously to protect his job, said the cells were full."
    report, _ = score_checked(body, title="Prison")
    [finding] = report.signal("sourcing.anonymous").findings
    assert finding.extra["reason"] == "to protect his job"


def test_one_claim_with_two_phrases_counts_once():
    body = "Sources close to the minister, speaking on condition of anonymity, said she would resign."
    report, _ = score_checked(body, title="Minister")
    signal = report.signal("sourcing.anonymous")
    assert len(signal.findings) == 2 and signal.metrics["claims"] == 1
    assert signal.summary.startswith("1 claim rests on unnamed sources")


def test_insider_trading_is_not_an_anonymous_source():
    report, _ = score_checked("The banker was jailed for insider trading in 2019 after a long trial.", title="Court")
    assert report.signal("sourcing.anonymous").findings == ()


@pytest.mark.parametrize("sentence", [
    "The council had never relied on anonymous sources for its budget figures.",
    "No officials spoke on condition of anonymity about the talks.",
    "No sources said the deal was done.",
    "He denied speaking to insiders about the plan.",
    "The paper did not cite any unnamed officials in the story.",
    "If experts say the numbers are wrong, the council will look again.",
])
def test_a_sourcing_phrase_denied_or_supposed_is_not_a_finding(sentence):
    report, _ = score_checked(sentence, title="Council")
    assert texts_of(report, "sourcing.anonymous") == [] and texts_of(report, "sourcing.vague") == []


def test_a_negation_in_another_clause_does_not_hide_a_sourcing_phrase():
    body = ("It is not clear, sources close to the mayor said, whether the deal is done. "
            "The mayor did not comment, and people familiar with the matter said the deal was done. "
            "Not only insiders but experts say the deal is done. "
            "The ministry has not commented but two sources said the minister would resign. "
            "No one was hurt and critics say the dam is unsafe.")
    report, _ = score_checked(body, title="Deal")
    assert texts_of(report, "sourcing.anonymous") == ["sources close to the mayor", "people familiar with the matter",
                                                     "insiders", "two sources said"]
    assert texts_of(report, "sourcing.vague") == ["experts say", "critics say"]


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


@pytest.mark.parametrize("body, scare", [
    ('"The so-called ‘reform’ cuts our pay," said Lopez, who leads the union.', []),
    ("“Their ‘plan’ is a napkin sketch,” the mayor told the council on Monday.", []),
    ("The ‘reform’ cuts pay. “We will fight it,” said Lopez, who leads the union.", ["‘reform’"]),
])
def test_single_quotes_inside_a_quotation_are_the_speakers(body, scare):
    report, _ = score_checked(body, title="Pay")
    assert texts_of(report, "wording.loaded", "scare-quotes") == scare


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
    # every named person on record, officials and residents alike
    assert texts_of(report, "evidence.citations", "named-source") == [
        "Mayor Teresa Quayle", "Idris Fenwick", "Dr. Paulina Okoro", "Marguerite Lindqvist", "Tobias Renner"]
    assert "https://portalder.example.gov/flood-study" in texts_of(report, "evidence.citations", "url-in-text")


@pytest.mark.parametrize("sentence, named", [
    ("According to Hugo Brandt, the audit found gaps.", ["Hugo Brandt"]),
    ("The audit found gaps, said councillor Mira Holt.", ["councillor Mira Holt"]),
    ("The effect was small, said the study's lead author, Mei-Lin Tsang.", ["Mei-Lin Tsang"]),
    ("Officials said the budget, Ana Ruiz's main project, was late.", []),
    ("The agency said the driver, Tomas Kell, had been drinking.", []),
    ("The pitch is ready, said Bruno Arena.", ["Bruno Arena"]),
    ("According to the audit, the gaps are large.", []),
    ("Visitors to Lake Orsa said the water was cold.", []),
    ("Fans at Wembley Stadium said the match was dull.", []),
    ("Researchers at the Clinton Library said the files were incomplete.", []),
])
def test_named_sources_on_record_and_places_that_are_not_people(sentence, named):
    body = sentence + " The committee met in the town hall on a quiet evening and went through its agenda." * 8
    report, _ = score_checked(body, title="Audit")
    assert texts_of(report, "evidence.citations", "named-source") == named


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


PARAGRAPH = ("Portuguese authorities evacuated about 2,300 people from towns along the river on Saturday after days "
             "of heavy rain pushed water levels to their highest since 2001, the civil protection agency said. ")


def test_a_credit_line_or_date_under_a_short_article_counts():
    # Five long paragraphs: fewer lines than the top zone takes, which stops 600 characters in.
    body = "\n\n".join([PARAGRAPH * 2] * 5)
    report, _ = score_checked(body + "\n\n(Reporting by Arturo Mendes; Editing by Clara Voss)", title="Floods")
    assert texts_of(report, "provenance.byline") == ["(Reporting by Arturo Mendes"]
    report, _ = score_checked(body + "\n\nBy Jane Okafor\nPublished: 2025-03-03", title="Floods")
    assert texts_of(report, "provenance.byline") == ["By Jane Okafor"]
    assert texts_of(report, "provenance.date") == ["2025-03-03"]
    # a closing paragraph or sentence is not a foot line: its date is an event's, its "By" a preposition
    for last in (PARAGRAPH + "The new term begins January 20th, 2027.", "The contract takes effect March 3, 2026.",
                 "The next meeting is set for 2026-03-03.", "By Labor Day, County Engineer Mira Holt said, it will open."):
        report, _ = score_checked(body + "\n\n" + last, title="Floods")
        assert report.signal("provenance.date").score == 1.0, last
        assert report.signal("provenance.byline").score == 1.0, last


@pytest.mark.parametrize("dateline", ["LISBON, Jan 18 (Atlantica Press Agency) —", "LISBON, 18 January (Wire) —",
                                      "SÃO PAULO, March 18 —", "GENEVA, Sept. 3 (Wire) —"])
def test_wire_datelines_in_their_common_forms(dateline):
    report, _ = score_checked(f"{dateline} {PARAGRAPH}", title="Floods")
    assert texts_of(report, "provenance.date") == [dateline]


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


@pytest.mark.parametrize("text", [
    "The council voted 7-2 on Tuesday. Residents weren't happy — the wall's cost rose to $48m!",
    "U.S. officials said the well-known plan, the teachers' union's “last offer”, was rejected... Again? Yes.",
    "Éric Dupont’s café reopened in 2024; naïve critics called it ‘un désastre’. It thrived anyway.",
    "One. Two words. A longer sentence follows the two short ones, with commas, and an ending",
    "",
])
def test_readability_figures_equal_textstats_own(text):
    # The signal counts syllables token by token (cached); the figures must be textstat's.
    from textstat.textstat import textstatistics

    from credlib.signals.text import grade_and_ease

    stats = textstatistics()
    stats.set_lang("en-US")
    assert grade_and_ease(text) == (stats.flesch_kincaid_grade(text), stats.flesch_reading_ease(text))


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


BODY_SIGNALS = ("sourcing.anonymous", "sourcing.vague", "people.unverifiable", "wording.loaded")


def test_a_body_too_short_to_judge_is_not_cleared():
    # Finding no anonymous source, loaded word or authority in one word says nothing: those
    # signals do not run, their weight is not counted, and the score stays near the middle.
    report = credlib.score("hi")
    for signal_id in BODY_SIGNALS:
        result = report.signal(signal_id)
        assert result.status == "not_applicable" and "too short to judge" in result.summary, signal_id
    assert report.label == "mixed" and 45 <= report.score <= 55


def test_a_short_body_still_reports_what_it_contains():
    text = "Sources close to the mayor say the so-called experts botched the disastrous plan, experts say."
    report, _ = score_checked(text, title="Plan in trouble")
    assert [f.text for f in report.signal("sourcing.anonymous").findings] == ["Sources close to the mayor"]
    assert "experts say" in [f.text.lower() for f in report.signal("sourcing.vague").findings]
    assert report.signal("wording.loaded").status == "ok"
    assert texts_of(report, "wording.loaded") == ["so-called", "disastrous"]
    # ... while what needs a longer text to judge stays unjudged.
    assert report.signal("people.unverifiable").status == "not_applicable"
    assert report.signal("evidence.citations").status == "not_applicable"


# -- headline.representative -------------------------------------------------------------

# Sober prose long enough to judge (none of its words is a key word of the headlines below).
REP_BODY = (
    "The committee met in the town hall on a quiet evening and went through its agenda. "
    "Members discussed the state of the paths in the park and the plans for benches near the pond. "
    "They agreed to look again at the proposals once residents had seen the drawings in the library. "
    "The chair thanked everyone for coming, and the meeting closed after a short discussion of the garden.\n\n"
)


@pytest.mark.parametrize(
    "title, body_words",
    [
        ("Council bans lorries", "the council banned lorries"),
        ("Council cuts grants", "the council cut grants"),
        ("Rovers win derby", "Rovers won the derby"),
        ("Tenants sue landlord", "tenants sued their landlord"),
        ("Museum hires curator", "the museum hired a curator"),
        ("Ferry stops sailing", "the ferry stopped sailing"),
        ("Minister denies leak", "the minister denied the leak"),
        ("Cities ration water", "each city rationed water"),
        ("Studies question diet", "one study questioned the diet"),
        ("Turnout falls sharply", "turnout fell sharply"),
        ("Rovers won derby", "Rovers win the derby"),
    ],
)
def test_headline_words_found_in_another_form_are_not_missing(title, body_words):
    status, missing = missing_key_words(title, body_words)
    assert status == "ok" and missing == []


@pytest.mark.parametrize(
    "title, body_words, missing",
    [
        ("7 killed in ferry crash", "seven people were killed when a ferry crashed", []),
        ("Twelve arrested at rally", "12 people were arrested at a rally", []),
        ("12 arrested at rally", "a dozen people were arrested at a rally", []),
        ("Fares rise 5 per cent", "fares will rise by 5%", []),
        ("3 killed in ferry crash", "thirteen people were killed when a ferry crashed", ["3"]),
    ],
)
def test_numbers_in_figures_and_in_words_are_the_same_number(title, body_words, missing):
    assert missing_key_words(title, body_words)[1] == missing


@pytest.mark.parametrize(
    "title, body_words, missing",
    [
        ("Mayor loses appeal", "the mayor will lose her appeal", []),
        ("Measles cases climb", "each new case of measles climbs", []),
        ("Factory to shed workers", "she said the factory needs workers", ["shed"]),
        ("100 homes flooded", "three hundred homes were flooded", ["100"]),
        ("12 arrested at rally", "two dozen people were arrested at a rally", ["12"]),
        ("3 killed in ferry crash", "twenty-three people were killed when a ferry crashed", ["3"]),
    ],
)
def test_word_forms_and_number_words_need_the_same_word_or_number(title, body_words, missing):
    assert missing_key_words(title, body_words)[1] == missing


def test_plural_in_es_finds_its_singular_and_unrelated_words_stay_missing():
    report, _ = score_checked(REP_BODY + "In other news, a banner hung on the bus.", title="Council bans buses")
    assert texts_of(report, "headline.representative") == ["Council", "bans"]


def missing_key_words(title: str, body_words: str) -> tuple[str, list[str]]:
    """headline.representative's status and missing words for ``title`` over neutral prose
    ending "In other news, <body_words>."."""
    report, _ = score_checked(REP_BODY + f"In other news, {body_words}.", title=title)
    return report.signal("headline.representative").status, texts_of(report, "headline.representative")


def test_headline_names_and_numbers_the_body_never_mentions_are_flagged_with_exact_spans():
    title = "Obama arrested at secret meeting with 300 Senators, report says"
    body = REP_BODY + "A meeting with a senator took place at the town hall. The senators left early."
    report, _ = score_checked(body, title=title)
    signal = report.signal("headline.representative")
    got = [(f.field, f.start, f.end, f.text, f.severity) for f in signal.findings]
    assert got == [
        ("title", 0, 5, "Obama", "warning"),
        ("title", 6, 14, "arrested", "warning"),
        ("title", 18, 24, "secret", "warning"),
        ("title", 38, 41, "300", "warning"),
    ]
    # "meeting" and "Senators" are found; "at", "with", "report" and "says" are not key words
    assert signal.metrics == {"key_words": 6, "missing": 4}
    assert signal.score == pytest.approx(4 / 6)
    assert signal.summary == (
        "4 of the headline's 6 key words never appear in the article: “Obama”, “arrested”, “secret” and “300”."
    )
    finding = signal.findings[0]
    assert finding.message == "Not in the article: “Obama”" and finding.entry == "missing-key-word"
    assert "never mentions this word of its headline" in finding.explanation


def test_a_faithful_headline_has_no_concern():
    title = "Committee discusses park paths and library drawings"
    report, _ = score_checked(REP_BODY, title=title)
    signal = report.signal("headline.representative")
    assert signal.status == "ok" and signal.score == 0 and signal.findings == ()
    assert signal.summary == "Every key word of the headline appears in the article."
    assert signal.metrics == {"key_words": 6, "missing": 0}


def test_one_missing_word_is_info():
    report, _ = score_checked(REP_BODY, title="Committee sells park paths")
    signal = report.signal("headline.representative")
    assert [(f.text, f.severity) for f in signal.findings] == [("sells", "info")]
    assert signal.summary == "1 of the headline's 4 key words never appears in the article: “sells”."


@pytest.mark.parametrize(
    "title,body_words",
    [
        ("Senators question Japan’s envoy", "A senator questioned the envoy of Japan."),  # plural, -ed, possessive
        ("Senator questions Japan envoy", "The senators' questioning of Japan’s envoy."),  # the other way round
        ("Council raises taxes on businesses", "The council raised the taxes on every business."),  # -es, a final e
        ("O’Brien's plan", "O'Brien presented the plan."),  # a name with an apostrophe, either kind
    ],
)
def test_plural_verb_and_possessive_endings_match_both_ways(title, body_words):
    report, _ = score_checked(REP_BODY + body_words, title=title)
    signal = report.signal("headline.representative")
    assert signal.findings == () and signal.score == 0, [f.text for f in signal.findings]


def test_a_short_stem_is_not_stripped():
    # "buses" and "busing" share only "bus", a stem shorter than 4 letters: no match
    report, _ = score_checked(REP_BODY + "Nobody mentioned busing.", title="Council buses pupils")
    assert texts_of(report, "headline.representative") == ["Council", "buses", "pupils"]


@pytest.mark.parametrize(
    "body_words,found",
    [
        ("It cost 2,000 pounds and took 12 days.", True),
        ("It cost 2000 pounds and took 12 days.", True),
        ("It cost 20,000 pounds and took 12 days.", False),  # a longer number
        ("It cost 2,000,000 pounds and took 12 days.", False),
        ("It cost 1.2,000 pounds and took 12 days.", False),  # the tail of another number
        ("It cost 2,000.5 pounds and took 12 days.", False),
        ("It cost two thousand pounds and took 12 days.", False),  # numbers match as digits only
    ],
)
def test_numbers_must_match_exactly(body_words, found):
    report, _ = score_checked(REP_BODY + body_words, title="Council spends 2,000 pounds in 12 days")
    missing = texts_of(report, "headline.representative")
    assert ("2,000" not in missing) is found and "12" not in missing, missing


@pytest.mark.parametrize(
    "body_words,found",
    [
        ("The fraud cost £1.3m.", True),
        ("The fraud cost £1.3 million.", True),  # the digits match; the unit is a word of its own
        ("The fraud cost £13m.", False),
        ("The fraud cost £1.35m.", False),
        ("The fraud cost £21.3m.", False),
    ],
)
def test_a_number_with_a_unit_matches_by_its_digits(body_words, found):
    report, _ = score_checked(REP_BODY + body_words, title="Fraud cost £1.3m")
    missing = texts_of(report, "headline.representative")
    assert ("1.3m" not in missing) is found and "Fraud" not in missing, missing


@pytest.mark.parametrize(
    "title,site,missing",
    [
        ("Committee discusses park benches | The Harbour Courier", "The Harbour Courier", []),
        ("Harbour Courier - Committee discusses park benches", "Harbour Courier", []),
        ("Committee discusses park benches – courier.example", "courier.example", []),
        ("Committee discusses park benches | Local | Harbour Courier", "Local · Harbour Courier", []),
        # a site name sits at one end: with one found at the end, the start is a claim
        ("Mayor - Committee discusses park benches | Harbour Courier", "Harbour Courier", ["Mayor"]),
        # a claim after a dash is not a site name: "confirms" is not capitalised ...
        ("Committee discusses park benches - Mayor confirms", None, ["Mayor", "confirms"]),
        # ... nor is a part as long as the headline it would label
        ("Committee meets — Mayor Arrested", None, ["Mayor", "Arrested"]),
        # unless it names an outlet
        ("Committee meets | The Harbour Courier", "The Harbour Courier", []),
        ("Committee meets - Harbour News", "Harbour News", []),
        ("Committee meets | Harbour News-Leader", "Harbour News-Leader", []),
        # but not a claim that ends in one
        ("Committee meets | Mayor Blames Fake News", None, ["Mayor", "Blames", "Fake"]),
        # and a part the body mentions is checked as usual
        ("Committee discusses park benches | Library Garden", None, []),
    ],
)
def test_a_site_name_around_the_headline_is_not_checked(title, site, missing):
    report, _ = score_checked(REP_BODY, title=title)
    signal = report.signal("headline.representative")
    assert texts_of(report, "headline.representative") == missing
    assert signal.metrics.get("site_name") == site
    if site:
        assert f"“{site}” reads as the site's name and was not checked." in signal.summary


def test_headlinese_verbs_are_not_claims_the_body_must_repeat():
    # "taps" is how a headline says "appointed": the names and nouns around it are the claim.
    body = REP_BODY + "The chair appointed Rosa Quint as the new head of the library."
    signal = credlib.score(body, title="Chair taps Rosa Quint to head library").signal("headline.representative")
    assert signal.status == "ok" and signal.findings == ()
    assert signal.metrics == {"key_words": 5, "missing": 0}  # chair, rosa, quint, head, library
    # A verb outside that short list is still a claim to look for.
    signal = credlib.score(body, title="Chair fires Rosa Quint as library head").signal("headline.representative")
    assert [f.text for f in signal.findings] == ["fires"]


@pytest.mark.parametrize(
    "title, body_words, missing",
    [
        ("Council approves $2 million harbour grant", "the council approved a harbour grant of $2,000,000", []),
        ("Council approves $2m harbour grant", "the council approved a harbour grant of $2,000,000", []),
        ("Council approves $2,000,000 harbour grant", "the council approved a harbour grant of $2 million", []),
        ("Council approves $2,500,000 harbour grant", "the council approved a harbour grant of $2.5m", []),
        ("Council approves 2.5 million dollar harbour grant", "the council approved a harbour grant of $2,500,000", []),
        ("Council approves $2-million harbour grant", "the council approved a harbour grant of $2,000,000", []),
        ("Council approves 2 billion harbour grant", "the council approved a harbour grant of 2,000 million", []),
        ("Billion-dollar harbour plan", "the harbour plan will cost $1 billion", []),
        # another amount is not the same claim, however it is written
        ("Council approves $3 million harbour grant", "the council approved a harbour grant of $2,000,000", ["3", "million"]),
        ("Council approves $2,000,000 harbour grant", "the council approved a harbour grant of $2.5 million", ["2,000,000"]),
        ("Council approves 2 million pound harbour grant", "the council approved a harbour grant of $2,000,000", ["pound"]),
        # the upper end of a range is not an amount of its own
        ("Council approves $3,000,000 harbour grant", "the council approved a harbour grant of $2-3 million", ["3,000,000"]),
        # "m" and "k" are scales only after a currency sign: metres, a race, a screen
        ("Tsunami brings 5 million in damage", "a 5m wave hit the harbour", ["Tsunami", "brings", "million", "damage"]),
        ("Record 5000 runners in harbour race", "the 5k harbour race drew record runners", ["5000"]),
        # a currency word is a currency only after an amount
        ("Storms pound harbour homes", "the storm caused £2m of damage to harbour homes", ["pound"]),
        # numbers an amount is not written with are compared as before, without failing
        ("App hits 2.0.1 million harbour downloads", "the harbour app reached 2 million downloads", ["2.0.1"]),
        ("Council approves ²6 million harbour grant", "the council approved a harbour grant", ["million"]),
    ],
)
def test_an_amount_with_a_scale_is_its_value(title, body_words, missing):
    assert missing_key_words(title, body_words) == ("ok", missing)


def test_representative_not_applicable_without_a_headline_a_body_or_key_words():
    no_title = credlib.score(REP_BODY).signal("headline.representative")
    assert no_title.status == "not_applicable" and "No headline to check" in no_title.summary
    short = credlib.score("The mayor was arrested.", title="Mayor arrested over secret payments")
    assert short.signal("headline.representative").status == "not_applicable"
    assert "too short" in short.signal("headline.representative").summary
    few = credlib.score(REP_BODY, title="Watch: what they said now").signal("headline.representative")
    assert few.status == "not_applicable" and "no key word" in few.summary
    one = credlib.score(REP_BODY, title="Breaking: Obama").signal("headline.representative")
    assert one.status == "not_applicable" and "only 1 key word" in one.summary


def test_representative_can_be_switched_off_and_allowed():
    title = "Obama arrested at secret meeting"
    report, _ = score_checked(REP_BODY, title=title, config=credlib.Config(disable=("headline.representative",)))
    assert report.signal("headline.representative").status == "not_applicable"
    assert report.signal("headline.representative").summary == "Switched off in the configuration."
    report, _ = score_checked(REP_BODY, title=title, config=credlib.Config(disable=("headline.representative.missing-key-word",)))
    assert report.signal("headline.representative").status == "not_applicable"
    report, _ = score_checked(REP_BODY, title=title, config=credlib.Config(allow=("Obama",)))
    signal = report.signal("headline.representative")
    assert texts_of(report, "headline.representative") == ["arrested", "secret"]  # the body has "meeting"
    assert signal.metrics == {"key_words": 4, "missing": 2} and signal.score == 0.5
    report, _ = score_checked(REP_BODY, title="Obama meeting", config=credlib.Config(allow=("Obama",)))
    signal = report.signal("headline.representative")
    assert signal.score == 0 and "or is on the configuration's allow list" in signal.summary


ARTICLE_WITH_A_COUNT = (
    "Council opens road plan to residents\n\n"
    "The city council approved the consultation on Tuesday.\n\n"
    "200 responses were received during the consultation, officials said.\n\n"
    "Experts say the plan is a disgrace, and sources close to the mayor said it was a catastrophe.\n"
)


def test_a_count_of_responses_in_the_article_is_not_a_comment_area():
    report, doc = score_checked(ARTICLE_WITH_A_COUNT)
    assert doc.boilerplate_blocks == ()
    assert "Experts say" in texts_of(report, "sourcing.vague")
    assert "sources close to the mayor" in texts_of(report, "sourcing.anonymous")


@pytest.mark.parametrize("marker", ["12 Comments", "12 comments:", "3 Comments | Add yours", "3 responses to “Council opens road plan”",
                                    "What do you think? Tell us below.", "What do you think? Let us know in the comments below and share it."])
def test_a_comment_count_line_starts_the_comment_area(marker):
    text = ARTICLE_WITH_A_COUNT.replace("200 responses were received", "Residents wrote in") + f"\n{marker}\n\nExperts say it is a disgrace.\n"
    report, doc = score_checked(text)
    assert [b.kind for b in doc.boilerplate_blocks] == ["comments"]
    assert doc.body[doc.boilerplate_blocks[0].start :].startswith(marker)
    # the commenter's "Experts say" is not the article's
    assert texts_of(report, "sourcing.vague") == ["Experts say"]


def test_many_promo_lines_each_set_aside():
    promos = "".join(f"Related: Minister FURIOUS over plan number {i}\n" for i in range(300))
    report, doc = score_checked(ARTICLE_WITH_A_COUNT + "\n" + promos)
    assert len(doc.boilerplate_blocks) == 300
    assert not [f for f in report.signal("wording.loaded").findings if "FURIOUS" in f.text]
    assert "sources close to the mayor" in texts_of(report, "sourcing.anonymous")


@pytest.mark.parametrize("line", ["Copyright lawyers warned the council on Tuesday.", "Cookie sales rose five per cent last year."])
def test_article_sentences_starting_like_page_furniture_are_article_text(line):
    _, doc = score_checked(ARTICLE_WITH_A_COUNT + f"\n{line}\n")
    assert doc.boilerplate_blocks == ()


@pytest.mark.parametrize("line", ["Copyright 2025 The Daily Courier", "© 2025 Courier Media", "We use cookies to improve your experience."])
def test_page_furniture_lines_are_set_aside(line):
    _, doc = score_checked(ARTICLE_WITH_A_COUNT + f"\n{line}\n")
    assert [(b.kind, doc.body[b.start : b.end]) for b in doc.boilerplate_blocks] == [("furniture", line)]


def test_rhetoric_inside_a_quotation_is_the_speakers_not_a_vague_attribution():
    body = ('"The minister is a puppet of the banks, and everyone knows it," Maddox said. '
            "Everyone knows the plan failed.")
    report, _ = score_checked(body, title="Minister")
    assert [(f.entry, f.text) for f in report.signal("sourcing.vague").findings] == [("many-are-saying", "Everyone knows")]


def test_vague_summary_names_the_number_of_other_phrases():
    body = "Experts say it works. Studies show it is safe. Critics say it fails. Many are saying it is over."
    report, _ = score_checked(body, title="Claims")
    assert "and 2 other phrases." in report.signal("sourcing.vague").summary



@pytest.mark.parametrize(
    "first_line, dated",
    [
        ("By Jane Okafor on March 3, 2025", True),
        ("Published  on March 3, 2025", True),
        ("Last modified on March 3, 2025", True),
        ("The plan, first drafted on March 3, 2019, was revived this year.", False),
        ("The talks ran from 3 March 2024 to 5 March 2024.", False),
    ],
)
def test_publication_date_versus_a_date_of_an_event(first_line, dated):
    report, _ = score_checked(first_line + "\nThe council voted on Tuesday.", title="Vote")
    assert (report.signal("provenance.date").score == 0.0) is dated



def test_figures_in_a_sentence_that_refers_back_take_the_source_of_the_sentence_before():
    body = ("The ministry published its budget statement on March 4. It includes a cut in the tax rate from 19% to 17%. "
            "The weather was fine that week. It brought a 40% rise in visitors.")
    report, _ = score_checked(body + REP_BODY, title="Budget")
    entries = {f.text: f.entry for f in report.signal("evidence.citations").findings}
    assert entries["19%"] == entries["17%"] == "sourced-figure"
    assert entries["40%"] == "unsourced-figure"


@pytest.mark.parametrize(
    "body",
    [
        "It was sunny on Tuesday. It rose 40% in a day.",  # a date is not a source to carry
        "The club was founded in 1921. These days 40% of members are under 30.",
        "The ministry published its budget on March 4. It will cut 40% of jobs, some experts say.",
    ],
)
def test_a_figure_does_not_borrow_a_date_or_override_its_own_vague_attribution(body):
    report, _ = score_checked(body + REP_BODY, title="Budget")
    assert {f.text: f.entry for f in report.signal("evidence.citations").findings}["40%"] == "unsourced-figure"


@pytest.mark.parametrize(
    "sentence, loaded",
    [
        ("Maddox said the budget was a disgrace and its authors were spineless cowards.", []),
        ("Ana Ruiz told reporters the deal was a catastrophe.", []),
        # surnames with an inner capital are names too
        ("McConnell said the budget was a disgrace.", []),
        ("DeVos argued the deal was a catastrophe.", []),
        ("Sen. Tom O’Rourke said the plan was a disgrace.", []),
        ("Republicans said the deal was a catastrophe.", ["catastrophe"]),
        ("Critics said the deal was a catastrophe.", ["catastrophe"]),
        ("Sources say the minister slammed the table.", ["slammed"]),
        ("Maddox said the plan was fine, but the disastrous design remains.", ["disastrous"]),
        ("Trump called the media enemies, a disgraceful attack on the press.", ["disgraceful"]),
        ("Smith said the vote was held on Monday, and the deranged thugs in the council won.", ["deranged", "thugs"]),
        ("Police said the thugs broke in.", ["thugs"]),
        # a role between commas, two speakers, a listener in capitals
        ("Jane Smith, the mayor, said the plan was a disgrace.", []),
        ("Smith and Brown said the plan was a disgrace.", []),
        ("Smith told the BBC the plan was a disgrace.", []),
        # a speaker named by their office is one person a reader can identify
        ("The mayor, a former judge, said the plan was a disgrace.", []),
        ("The mayor said the protesters were thugs.", []),
        ("The city's lawyer told the jury the inquiry was a witch hunt.", []),
        ("Vance's lawyer, Marco Pell, told the jury his client was the victim of a smear campaign.", []),
        # the speaker's name for something: after "as", or after the thing named
        ("Mayor Dana Kell called the inquiry a witch hunt on Monday.", []),
        ("Kell described the protest as a hoax.", []),
        ("Kell dismissed the inquiry as a sham.", []),
        ("Kell called it a sham.", []),
        ("He called the brazen shooting of the ambassador a crime.", ["brazen"]),
        ("Kell called a brazen attack a crime.", ["brazen"]),
        ("Critics called the inquiry a witch hunt.", ["witch hunt"]),
        # the speaker after the words, or "according to" before them
        ("The inquiry is a witch hunt, said Kell.", []),
        ("The inquiry is a witch hunt, Kell said.", []),
        ("According to Kell, the inquiry is a witch hunt.", []),
        ("According to critics, the inquiry is a witch hunt.", ["witch hunt"]),
        ("The inquiry is a witch hunt, and Kell knows it.", ["witch hunt"]),
        ("The inquiry, which Kell opened, is a witch hunt.", ["witch hunt"]),
        # the writer's words before an ordinary "Kell said …"; a speaker inside a longer
        # noun phrase; "called" and "described" in their other senses
        ("After the brazen raid, Kell said nothing.", ["brazen"]),
        ("Critics of the mayor said the plan was a sham.", ["sham"]),
        ("A source close to Kell said the inquiry was a witch hunt.", ["witch hunt"]),
        ("The mayor called for calm after a brazen attack on a bus.", ["brazen"]),
        ("Kell called police when a gang of thugs broke in.", ["thugs"]),
        ("Kell described the scene to a jury as the brazen killers looked on.", ["brazen"]),
        ("Kell called Smith a liar.", []),
        ("Jane Smith, the mayor, said the vote was held, and the thugs won.", ["thugs"]),
        ("We said last week that this deranged plan must be stopped.", ["deranged"]),
    ],
)
def test_loaded_words_a_named_speaker_is_reported_saying_are_theirs(sentence, loaded):
    report, _ = score_checked(sentence + REP_BODY, title="Budget")
    assert texts_of(report, "wording.loaded") == loaded


@pytest.mark.parametrize(
    "sentence, loaded",
    [
        # a speaker named by role or body, with a determiner, a possessive or (in the
        # plural) none, and the reporting verbs a named speaker has
        ("Prosecutors say the scheme was a scam.", []),
        ("After the brazen raid, prosecutors say the scheme was a scam.", ["brazen"]),
        ("His lawyer told the court the investigation had been a witch hunt.", []),
        ("In a shameful display, his lawyer told the court the inquiry had been a witch hunt.", ["shameful"]),
        ("Kell's lawyer said the inquiry was a witch hunt.", []),
        ("According to his lawyer, the inquiry was a witch hunt.", []),
        ("The inquiry was a witch hunt, according to his lawyer, who said his client was innocent.", []),
        ("The fraud was a blatant breach of trust, the judge said.", []),
        ("The fraud was a blatant breach of trust, the judge said, and the thugs walked free.", ["thugs"]),
        ("The plan is a disgrace, the minister said.", []),
        ("Members described the betrayal as a nightmare.", []),
        ("The union called the offer a disgrace.", []),
        ("The company called the report a hoax.", []),
        ("Kell called the offer a disgrace.", []),
        # the thing a role names is in the writer's words, as a named speaker's is
        ("Members described the shameful betrayal as a nightmare.", ["shameful"]),
        ("The union called the brazen offer a disgrace.", ["brazen"]),
        # a time phrase after the verb still closes the clause
        ("The inquiry is a witch hunt, Mira Holt said on Tuesday.", []),
        ("The inquiry is a witch hunt, the judge said on Friday.", []),
        # not a speaker: a crowd, a longer noun phrase, a negation, "called for"
        ("Critics say the plan is a sham.", ["sham"]),
        ("Critics of the union said the plan was a sham.", ["sham"]),
        ("The company did not say the report was a hoax.", ["hoax"]),
        ("No members said the plan was a sham.", ["sham"]),
        ("The union called for calm after a brazen attack on a bus.", ["brazen"]),
    ],
)
def test_loaded_words_a_speaker_named_by_role_is_reported_saying_are_theirs(sentence, loaded):
    report, _ = score_checked(sentence + REP_BODY, title="Budget")
    assert texts_of(report, "wording.loaded") == loaded


def test_a_named_speaker_counts_within_a_clause_not_a_page_away():
    # A run-on clause longer than the reach: the loaded word is read as the writer's.
    near = "Maddox said the budget " + "and the plan " * 10 + "was a disgrace."
    far = "Maddox said the budget " + "and the plan " * 40 + "was a disgrace."
    assert texts_of(score_checked(near + REP_BODY, title="Budget")[0], "wording.loaded") == []
    assert texts_of(score_checked(far + REP_BODY, title="Budget")[0], "wording.loaded") == ["a disgrace"]


@pytest.mark.parametrize("claims", [1, 400])
def test_a_back_reference_after_a_long_run_of_claims_is_found_with_its_reason(claims):
    # However many unnamed claims the introducing sentence strings together, "the diplomat
    # said" in the next sentence refers back to it and shares its reason for anonymity.
    body = ("A diplomat from one of the coastal states, who was not authorized to speak publicly, said the offer "
            "was ignored, and " + "sources close to the talks said it came late, and " * claims
            + "nothing changed. \"They came to leave,\" the diplomat said.")
    findings = score_checked(body, title="Talks")[0].signal("sourcing.anonymous").findings
    assert len(findings) == claims + 2  # the diplomat, each claim, the diplomat again
    assert findings[0].text == "who was not authorized to speak publicly" and findings[0].extra["reason_given"] is True
    assert findings[-1].text == "the diplomat said" and findings[-1].extra["reason_given"] is True


def test_the_terms_the_sources_before_spoke_on_are_not_another_claim():
    filler = "The council met on Tuesday to discuss the budget and the plans for the harbour. " * 6
    body = filler + ("Two officials said the mayor would resign. They spoke on condition of anonymity because the "
                     "talks were private.")
    signal = score_checked(body, title="Mayor to resign")[0].signal("sourcing.anonymous")
    assert [f.text for f in signal.findings] == ["Two officials said", "spoke on condition of anonymity"]
    assert signal.metrics["claims"] == 1 and signal.summary.startswith("1 claim rests on unnamed sources; it says why")
    # on its own, such a sentence is a claim
    alone = score_checked(filler + "They spoke on condition of anonymity about the plan.", title="Plan")[0]
    assert alone.signal("sourcing.anonymous").metrics["claims"] == 1


def test_a_back_reference_reaches_two_sentences_back_and_no_further():
    intro = "A diplomat from one of the coastal states said the offer was ignored. "
    later = "\"They came to leave,\" the diplomat said."
    near = intro + "The talks ended on Friday. " + later
    far = intro + "The talks ended on Friday. Ferries ran late. " + later
    assert texts_of(score_checked(near, title="Talks")[0], "sourcing.anonymous")[-1] == "the diplomat said"
    assert "the diplomat said" not in texts_of(score_checked(far, title="Talks")[0], "sourcing.anonymous")


def test_loaded_words_in_a_quotation_wrapped_across_lines_are_the_speakers():
    body = ('The mayor said: "This plan will fail, and\nI think the thugs behind it are liars." The council met on Monday.\n'
            "Members voted to delay the plan until the spring, after residents wrote in.\nThe vote was seven to two.")
    assert texts_of(score_checked(body, title="Harbour plan")[0], "wording.loaded") == []


@pytest.mark.parametrize("body, reason", [
    (" ".join(["the council met and talked about the ferry and the harbour budget"] * 20), "Too little sentence punctuation"),
    ("🙂 🚢 ⚓ " * 60, "No words"),
    ("".join(f"Item number {n} is here on the list\n" for n in range(60)), "Too little sentence punctuation"),
])
def test_readability_is_not_applicable_where_the_formulas_would_mislead(body, reason):
    signal = score_checked(body, title="Harbour")[0].signal("text.readability")
    assert signal.status == "not_applicable" and signal.summary.startswith(reason)
