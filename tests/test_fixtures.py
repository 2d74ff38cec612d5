"""The fixture corpus: the precision/recall gate, the annotation format, the runner and
`credlib fixtures`."""

import json
import re
import shutil
import subprocess
import sys

import pytest

import credlib
from credlib import fixtures
from credlib.fixtures import FixtureError, GoldSpan, load_corpus, load_floors, measure, run_corpus
from credlib.report import Finding

from .helpers import ROOT, check_report

FIXTURES = ROOT / "fixtures"
FLOORS = FIXTURES / "floors.toml"


@pytest.fixture(scope="module")
def corpus():
    return run_corpus(FIXTURES)


def run(args):
    return subprocess.run([sys.executable, "-m", "credlib", *args], capture_output=True)


# -- the gate ------------------------------------------------------------------------------


def test_signals_and_labels_stay_above_the_pinned_floors(corpus):
    failures = fixtures.below_floors(corpus, load_floors(FLOORS))
    assert not failures, "below the floors in fixtures/floors.toml:\n" + "\n".join(failures)


def test_floors_name_only_known_signals():
    floors = load_floors(FLOORS)
    known = set(credlib.registry.ORDER) | {s.id for s in credlib.registry.registered()}
    assert set(floors.signals) <= known


def test_every_report_is_valid_and_every_finding_is_its_exact_slice(corpus):
    for result in corpus.articles:
        check_report(result.report, result.article.document)


# -- the corpus covers what a class needs ---------------------------------------------------


def test_corpus_has_the_kinds_languages_and_lengths_it_promises(corpus):
    articles = [r.article for r in corpus.articles]
    assert len(articles) >= 20
    kinds = " | ".join(a.kind for a in articles)
    for kind in ("wire report", "tabloid", "walk-out", "vague", "factual slip", "responsible anonymous",
                 "opinion column", "satire", "press release", "science story", "HTML", "Spanish", "German",
                 "very short", "headline only"):
        assert kind in kinds, kind
    topics = {a.topic for a in articles}
    assert {"trade", "health", "sports", "local politics", "science", "technology"} <= topics
    assert {a.language for a in articles} >= {"en", "es", "de"}
    for a in articles:
        words = a.document.word_count + len((a.document.title or "").split())
        if a.kind in ("very short news brief", "headline only"):
            assert words < 300, a.id
        else:
            assert 300 <= words <= 2500, (a.id, words)
    html = [a for a in articles if a.path.suffix == ".html"]
    assert html and all(a.document.boilerplate for a in html)


def test_every_signal_with_gold_spans_is_reported_with_its_figures(corpus):
    data = fixtures.to_dict(corpus)
    measured = {t.signal for t in corpus.totals if t.measured}
    assert measured == {"headline.sensational", "sourcing.anonymous", "sourcing.vague", "people.unverifiable",
                        "wording.loaded", "evidence.citations", "provenance.byline", "provenance.date",
                        "page.clickbait_links"}
    for t in corpus.totals:
        entry = data["signals"][t.signal]
        if t.signal not in measured:
            # registered, but no annotation in the corpus mentions it (text.* take no spans)
            status = "informational" if t.signal.startswith("text.") else "not yet annotated"
            assert entry["status"] == status and entry["precision"] is None, t.signal
            continue
        assert entry["status"] == "measured" and t.gold > 0 and entry["tp"] + entry["fn"] == t.gold
        assert entry["precision"] == round(entry["tp"] / (entry["tp"] + entry["fp"]), 3)
        assert entry["recall"] == round(entry["tp"] / t.gold, 3)


# -- matching ------------------------------------------------------------------------------


def _finding(start, end, entry="e", severity="warning", field="body"):
    return Finding(field, start, end, "x" * (end - start), "m", severity, "n", entry)


def _gold(start, end, must=True, **kwargs):
    return GoldSpan("s.x", kwargs.pop("field", "body"), start, end, "x" * (end - start), must, **kwargs)


def test_a_finding_matches_a_gold_span_it_overlaps_in_the_same_field():
    outcome = measure("s.x", [_finding(10, 40), _finding(100, 110, field="title")], [_gold(30, 50), _gold(100, 110)], True)
    assert (outcome.tp, outcome.fp, outcome.fn) == (1, 1, 1)
    assert outcome.misses[0].field == "body" and outcome.false_positives[0][0].field == "title"


def test_two_findings_on_one_gold_span_count_once():
    outcome = measure("s.x", [_finding(0, 5, "all-caps"), _finding(0, 5, "shock-verb")], [_gold(0, 5)], True)
    assert (outcome.tp, outcome.fp, outcome.fn) == (1, 0, 0)


def test_entry_and_severity_constraints_must_hold_for_a_match():
    gold = [_gold(0, 5, entry="unsourced-figure"), _gold(10, 20, severity="info")]
    outcome = measure("s.x", [_finding(0, 5, "sourced-figure"), _finding(10, 20, severity="warning")], gold, True)
    assert (outcome.tp, outcome.fp, outcome.fn) == (0, 2, 2)


def test_a_flagged_must_not_flag_span_is_a_false_positive_that_names_the_trap():
    trap = _gold(0, 5, must=False, note="inside a quotation")
    outcome = measure("s.x", [_finding(0, 5)], [trap, _gold(20, 30, must=False)], True)
    assert outcome.fp == 1 and outcome.false_positives[0][1] is trap
    assert [g.start for g in outcome.avoided] == [20]


def test_gold_text_matches_whole_words_and_any_whitespace(tmp_path):
    corpus = _corpus(tmp_path, "The sham was no shampoo.\nIt was a sham\n indeed.", must_flag=[{"signal": "wording.loaded", "text": "a sham indeed"}])
    spans = [g for g in load_corpus(corpus)[0].gold]
    assert [(g.text, g.must_flag) for g in spans] == [("a sham\n indeed", True)]


# -- the annotation format -------------------------------------------------------------------

ARTICLE = "Council delays vote\n\nBy Ana Ruiz\n\nThe council delayed its vote on the sham budget. " + "The members met again. " * 20


def _annotation(**changes):
    data = {
        "format": 1, "kind": "news report", "topic": "local politics", "language": "en",
        "expected_label": "high", "teaching_note": "A short test article written for the tests.",
        "must_flag": [{"signal": "provenance.byline", "text": "By Ana Ruiz"}], "must_not_flag": [],
    }
    data.update(changes)
    return data


def _corpus(tmp_path, text=ARTICLE, name="vote", annotation=None, **changes):
    (tmp_path / "articles").mkdir(exist_ok=True)
    (tmp_path / "annotations").mkdir(exist_ok=True)
    (tmp_path / "articles" / f"{name}.txt").write_text(text, encoding="utf-8")
    raw = annotation if isinstance(annotation, str) else json.dumps(annotation or _annotation(**changes))
    (tmp_path / "annotations" / f"{name}.json").write_text(raw, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "annotation,where",
    [
        (_annotation(expected_label="medium"), "expected_label: 'medium' is not one of"),
        (_annotation(must_flag=[{"signal": "provenance.byline"}]), "must_flag[0]: 'text' is a required property"),
        (_annotation(must_flag=[{"signal": "provenance.byline", "text": "By Ana Ruiz", "colour": "red"}]), "must_flag[0]: Unevaluated properties are not allowed ('colour'"),
        (_annotation(must_not_flag=[{"signal": "wording.loaded", "text": "sham", "severity": "info"}]), "must_not_flag[0]: Unevaluated properties are not allowed ('severity'"),
        (_annotation(must_flag=[{"signal": "sourcing.anonymus", "text": "By Ana Ruiz"}]), "must_flag[0].signal: unknown signal id 'sourcing.anonymus'"),
        (_annotation(must_flag=[{"signal": "evidence.citations", "text": "By Ana Ruiz", "entry": "named-person"}]), "must_flag[0].entry: evidence.citations has no entry 'named-person'"),
        (_annotation(must_flag=[{"signal": "wording.loaded", "text": "witch hunt"}]), "must_flag[0].text: 'witch hunt' does not occur in the article's body"),
        (_annotation(must_flag=[{"signal": "wording.loaded", "text": "delays vote"}]),
         """'delays vote' does not occur in the article's body (it is in the title: add "field": "title")"""),
        (_annotation(must_flag=[{"signal": "wording.loaded", "text": "Sham budget"}]),
         "'Sham budget' does not occur in the article's body (matching is case-sensitive: the article has 'sham budget')"),
        (_annotation(must_flag=[{"signal": "wording.loaded", "text": "sham", "occurrence": 2}]), "must_flag[0].occurrence: 'sham' occurs 1 time(s) in the body, not 2"),
        (_annotation(must_flag=[{"signal": "wording.loaded", "text": "sham"}], must_not_flag=[{"signal": "wording.loaded", "text": "sham budget"}]), "must_not_flag[0] overlaps must_flag[0] for wording.loaded"),
        (_annotation(teaching_note=""), "teaching_note: '' is too short"),
        ("{not json", "not valid JSON (Expecting property name enclosed in double quotes at line 1 column 2)"),
        # a blank span would be a gold span at every run of spaces
        (_annotation(must_flag=[{"signal": "provenance.byline", "text": " "}]), "must_flag[0].text: is blank"),
        (_annotation(must_not_flag=[{"signal": "wording.loaded", "text": " \n "}]), "must_not_flag[0].text: is blank"),
        # a span listed twice would count twice
        (_annotation(must_flag=[{"signal": "provenance.byline", "text": "By Ana Ruiz"}] * 2),
         "must_flag[1] repeats must_flag[0] ('By Ana Ruiz' for provenance.byline)"),
        (_annotation(must_flag=[{"signal": "text.language", "text": "sham"}]),
         "must_flag[0].signal: text.language is informational and takes no spans (the expected language goes in"),
        (_annotation(must_flag=[{"signal": "text.readability", "text": "sham"}]),
         "must_flag[0].signal: text.readability is informational and takes no spans"),
        # a misspelt key is named, not the key it was meant to be
        ({k if k != "must_not_flag" else "must_not_flg": v for k, v in _annotation().items()},
         "Additional properties are not allowed ('must_not_flg' was unexpected)"),
        # a second list under the same key would silently replace the first
        (json.dumps(_annotation())[:-1] + ', "must_flag": []}', "the key 'must_flag' is given twice in one object"),
        ("[" * 100_000 + "]" * 100_000, "not an annotation (nested too deeply)"),
    ],
)
def test_malformed_annotations_get_an_error_naming_the_file_and_the_field(tmp_path, annotation, where):
    corpus = _corpus(tmp_path, annotation=annotation)
    with pytest.raises(FixtureError) as info:
        load_corpus(corpus)
    message = str(info.value)
    assert message.startswith(str(corpus / "annotations" / "vote.json") + ": ")
    assert where in message


def test_an_occurrence_written_as_a_whole_float_is_that_occurrence(tmp_path):
    text = ARTICLE + "It was a sham, and a second sham."
    corpus = _corpus(tmp_path, text=text, must_flag=[{"signal": "wording.loaded", "text": "sham", "occurrence": 3.0}])
    article = load_corpus(corpus)[0]
    last = article.document.body.rindex("sham")
    assert [(g.start, g.end) for g in article.gold if g.signal == "wording.loaded"] == [(last, last + 4)]


def test_articles_and_annotations_are_read_as_credlib_score_reads_files(tmp_path):
    # A saved page in its declared charset, a UTF-16 text and an annotation with a byte-order
    # mark (as Windows Notepad saves them) are read; so `score` and `fixtures` agree.
    page = ("<html><head><meta charset='windows-1252'><title>Caf\xe9 reopens</title></head><body><article>"
            "<h1>Caf\xe9 reopens</h1><p>By Ana Ruiz</p>" + "<p>The caf\xe9 \x93on the corner\x94 reopened on Monday.</p>" * 20
            + "</article></body></html>")
    _corpus(tmp_path)
    (tmp_path / "articles" / "vote.txt").unlink()
    (tmp_path / "articles" / "vote.html").write_bytes(page.encode("latin-1"))
    raw = json.dumps(_annotation(must_flag=[{"signal": "provenance.byline", "text": "By Ana Ruiz"}]))
    (tmp_path / "annotations" / "vote.json").write_bytes(b"\xef\xbb\xbf" + raw.encode("utf-8"))
    article = load_corpus(tmp_path)[0]
    assert "\u201con the corner\u201d" in article.document.body and article.document.title == "Caf\u00e9 reopens"

    (tmp_path / "articles" / "vote.html").unlink()
    (tmp_path / "articles" / "vote.txt").write_bytes(ARTICLE.encode("utf-16"))
    assert load_corpus(tmp_path)[0].document.title == "Council delays vote"

    (tmp_path / "articles" / "vote.txt").write_bytes("Caf\xe9 reopens\n\nIt did.".encode("latin-1"))
    with pytest.raises(FixtureError, match=r"vote\.txt is not valid UTF-8 \(byte 0xe9 at offset 3\); save it as UTF-8$"):
        load_corpus(tmp_path)
    (tmp_path / "articles" / "vote.txt").unlink()
    (tmp_path / "articles" / "vote.html").write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")
    with pytest.raises(FixtureError, match=r"vote\.html: the page has no article text"):
        load_corpus(tmp_path)
    (tmp_path / "annotations" / "vote.json").write_text(" \n", encoding="utf-8")
    with pytest.raises(FixtureError, match=r"vote\.json is empty: an annotation is a JSON object$"):
        load_corpus(tmp_path)


def test_an_article_without_annotation_and_an_orphan_annotation_are_errors(tmp_path):
    corpus = _corpus(tmp_path)
    (corpus / "articles" / "extra.txt").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(FixtureError, match=r"extra\.txt: no annotation .*extra\.json"):
        load_corpus(corpus)
    (corpus / "articles" / "extra.txt").unlink()
    (corpus / "annotations" / "ghost.json").write_text(json.dumps(_annotation()), encoding="utf-8")
    with pytest.raises(FixtureError, match=r"ghost\.json: no article ghost\.txt or ghost\.html"):
        load_corpus(corpus)


def test_bundled_annotations_validate_against_the_schema():
    from jsonschema import Draft202012Validator

    schema = json.loads(fixtures.SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    for path in sorted((FIXTURES / "annotations").glob("*.json")):
        assert not list(Draft202012Validator(schema).iter_errors(json.loads(path.read_text(encoding="utf-8")))), path


# -- signals not yet in the library ----------------------------------------------------------


def test_gold_for_a_signal_the_library_does_not_have_yet_is_reported_not_counted(tmp_path, monkeypatch):
    # A signal the report order lists but no module registers yet (as headline.representative
    # was while it was being built).
    upcoming = "headline.upcoming"
    monkeypatch.setattr(fixtures, "ORDER", credlib.registry.ORDER + (upcoming,))
    assert upcoming not in {s.id for s in credlib.registry.registered()}
    corpus = _corpus(tmp_path, must_flag=[
        {"signal": "provenance.byline", "text": "By Ana Ruiz"},
        {"signal": upcoming, "text": "Council delays vote"},
    ])
    result = run_corpus(corpus)
    total = result.total(upcoming)
    assert not total.measured and total.gold == 1 and total.precision is None
    assert fixtures.below_floors(result, fixtures.Floors(0, 0, 0.8, 0.7, {})) == []
    data = fixtures.to_dict(result)
    assert data["signals"][upcoming]["status"] == "not yet measured"
    assert data["articles"][0]["signals"][upcoming] == {
        "measured": False, "gold": [{"field": "title", "start": 0, "end": 19, "text": "Council delays vote"}],
    }
    assert f"{upcoming:<24} not yet measured: 1 gold spans" in fixtures.to_text(result)


def test_a_signal_no_annotation_mentions_is_not_counted_until_one_does(tmp_path):
    text = ARTICLE + "The mayor said the vote would be held on Tuesday."
    result = run_corpus(_corpus(tmp_path, text=text))
    found = {f.text for f in result.articles[0].report.signal("evidence.reporting").findings}
    assert found == {"said", "Tuesday"}
    assert "evidence.reporting" not in {t.signal for t in result.totals if t.measured}
    assert "evidence.reporting" not in fixtures.to_text(result)
    assert fixtures.to_dict(result)["signals"]["evidence.reporting"]["status"] == "not yet annotated"
    # The teaching page still shows what it found (it counts in the score), as neither right nor wrong.
    page = fixtures.to_html(result)
    unannotated = re.findall(r'<mark data-signal="evidence\.reporting" class="unannotated"[^>]*>([^<]*)</mark>', page)
    assert sorted(unannotated) == ["Tuesday", "said"]

    (tmp_path / "annotated").mkdir()
    annotated = run_corpus(_corpus(tmp_path / "annotated", text=text, must_flag=[
        {"signal": "provenance.byline", "text": "By Ana Ruiz"},
        {"signal": "evidence.reporting", "text": "said"},
    ]))
    total = annotated.total("evidence.reporting")
    assert total.measured and (total.tp, total.fp, total.fn) == (1, 1, 0)  # "Tuesday" was not listed


def test_the_gate_reports_each_figure_under_its_floor(tmp_path):
    # The test article (no source, no date, nothing attributed) scores "low"; "high" is wrong.
    corpus = _corpus(tmp_path, expected_label="high", must_flag=[
        {"signal": "provenance.byline", "text": "By Ana Ruiz"},
        {"signal": "wording.loaded", "text": "budget", "note": "deliberately wrong, to fail recall"},
    ])
    failures = fixtures.below_floors(run_corpus(corpus), fixtures.Floors(0.85, 1.0, 0.8, 0.7, {"wording.loaded": (0.9, 0.9)}))
    assert any(f.startswith("label accuracy 0.000 < 0.85: vote (") for f in failures)
    assert any(f.startswith("wording.loaded precision 0.000 < 0.9 (tp 0, fp 1, fn 1)") for f in failures)
    assert any(f.startswith("wording.loaded recall 0.000 < 0.9") for f in failures)
    assert not any(f.startswith("provenance.byline") for f in failures)


def test_malformed_floors_file_is_an_error(tmp_path):
    path = tmp_path / "floors.toml"
    path.write_text('label_accuracy = 1.5\nlanguage_accuracy = 1\n[default]\nprecision = 0.8\nrecall = 0.7\n', encoding="utf-8")
    with pytest.raises(FixtureError, match="floors.toml: label_accuracy must be a number from 0 to 1"):
        load_floors(path)


# -- the command ------------------------------------------------------------------------------


def test_json_output_has_the_documented_shape_and_is_deterministic():
    first, second = run(["fixtures", "--format", "json"]), run(["fixtures", "--format", "json"])
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    data = json.loads(first.stdout)
    assert set(data) == {"articles", "signals", "label_accuracy", "language_accuracy"}
    assert 0 <= data["label_accuracy"] <= 1 and data["language_accuracy"] == 1.0
    for article in data["articles"]:
        assert set(article) == {"id", "language", "expected_language", "score", "label", "expected_label", "signals"}
        assert article["label"] in ("high", "mixed", "low") and 0 <= article["score"] <= 100
    for entry in data["signals"].values():
        assert set(entry) >= {"precision", "recall", "tp", "fp", "fn"}
    wire = next(a for a in data["articles"] if a["id"] == "wire-steel-duty")
    assert wire["signals"]["provenance.byline"]["hits"][0]["text"] == "By Anneke Holm"


def test_text_output_is_a_table_with_figures_at_the_bottom():
    out = run(["fixtures"])
    text = out.stdout.decode()
    assert out.returncode == 0
    assert text.splitlines()[0].split()[:4] == ["article", "score", "label", "expected"]
    assert "tabloid-miracle-berry" in text and "sourcing.anonymous" in text
    assert "Label accuracy" in text.splitlines()[-2]
    assert text.splitlines()[-1].startswith("Language accuracy 1.000 (")


def test_an_article_in_another_language_than_annotated_is_shown_as_a_miss(tmp_path):
    result = run_corpus(_corpus(tmp_path, language="de"))
    assert fixtures.to_text(result).splitlines()[-1] == (
        "Language accuracy 0.000 (0 of 1 article in the annotated language); vote: en, expected de")
    data = fixtures.to_dict(result)
    assert data["language_accuracy"] == 0.0
    assert (data["articles"][0]["language"], data["articles"][0]["expected_language"]) == ("en", "de")
    assert '<span class="bad">en</span>, expected de' in fixtures.to_html(result)


def test_html_output_is_one_self_contained_page(tmp_path):
    out_file = tmp_path / "fixtures.html"
    out = run(["fixtures", "--format", "html", "--out", str(out_file)])
    assert out.returncode == 0 and out.stdout == b""
    page = out_file.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    assert "<script" not in page and "<link" not in page and "src=" not in page and 'href="http' not in page
    assert '<mark data-signal="sourcing.anonymous" class="hit"' in page
    assert 'class="missed"' in page or 'class="false-alarm"' in page or "found, as expected" in page
    assert "What a careful reader notices." in page
    assert page.count('<section class="article"') == len(list((FIXTURES / "articles").iterdir()))


def test_a_class_folder_can_be_run(tmp_path):
    corpus = _corpus(tmp_path)
    out = run(["fixtures", str(corpus), "--format", "json"])
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert [a["id"] for a in data["articles"]] == ["vote"]
    assert data["signals"]["provenance.byline"]["recall"] == 1.0


@pytest.mark.parametrize(
    "args,message",
    [
        (["fixtures", "/no/such/folder"], "/no/such/folder: no such folder"),
        (["fixtures", "--format", "pdf"], "invalid choice: 'pdf'"),
    ],
)
def test_command_mistakes_get_one_line_and_exit_2(args, message):
    out = run(args)
    err = out.stderr.decode()
    assert out.returncode == 2 and message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_malformed_class_annotation_exits_2_naming_the_file_and_field(tmp_path):
    corpus = _corpus(tmp_path, expected_label="great")
    out = run(["fixtures", str(corpus)])
    err = out.stderr.decode()
    assert out.returncode == 2
    assert f"{corpus / 'annotations' / 'vote.json'}: expected_label: 'great' is not one of" in err
    assert err.count("\n") == 1


def test_a_folder_without_articles_is_an_error(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "annotations").mkdir()
    with pytest.raises(FixtureError, match="no articles"):
        load_corpus(tmp_path)
    shutil.rmtree(tmp_path / "annotations")
    with pytest.raises(FixtureError, match="no annotations/ folder"):
        load_corpus(tmp_path)
