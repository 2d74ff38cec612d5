"""The learned clickbait model and how headline.sensational uses it: probabilities on
headlines written for these tests, the whole-headline finding, rules still counting,
credlib.score_headline, and pure-Python, deterministic inference."""

import json
import subprocess
import sys
import tomllib

import pytest

import credlib
from credlib import clickbait

from .helpers import score_checked

CLICKBAIT = [
    "You Won't Believe What This Mayor Did With The Town Budget",
    "17 Things Only People Who Grew Up By The Sea Will Understand",
    "This Dog Waited 40 Days For Its Owner And The Ending Will Make You Cry",
    "Here's Why Everyone Is Suddenly Talking About Parsnips",
    "Can You Guess Which Of These Cakes Costs The Most?",
    "We Tried The Viral Coffee Trick So You Don't Have To",
    "9 Signs You Are Secretly A Morning Person",
    "The Real Reason Your Houseplants Keep Dying",
    "Which Seaside Town Should You Actually Live In?",
    "People Are Losing It Over This Cat's Tiny Hat",
    "This Is What Happens When You Stop Drinking Coffee For A Month",
    "21 Photos That Prove Grandparents Are The Best",
]
NEWS = [
    "Council approves $48 million flood barrier after two-year review",
    "Port authority delays vote on harbour dredging until March",
    "Central bank holds rates at 3.25% as inflation eases",
    "Regional rail strike ends after nine days of talks",
    "Minister resigns over expenses as inquiry widens",
    "Exports of machine parts fall 4% in October, customs data show",
    "Hospital trust opens new cancer ward in Alder Valley",
    "Voters in Kestrel County reject school levy by 212 votes",
    "Earthquake of magnitude 5.8 strikes off northern coast",
    "Senate committee advances steel tariff bill",
    "Drought cuts wheat harvest in southern provinces",
    "Police arrest two men after warehouse fire in Dunmore",
]


def test_model_separates_clickbait_from_news_written_for_these_tests():
    model = clickbait.model()
    # every one: the shipped model is fixed (retraining reproduces it byte for byte)
    assert [t for t in CLICKBAIT if model.probability(t) < 0.5] == []
    assert [t for t in NEWS if model.probability(t) >= 0.5] == []


def test_clickbait_headline_gets_a_whole_headline_finding_naming_its_cues():
    title = "Here's Why Your Cat Keeps Staring At You"
    report, _ = score_checked("", title=title)
    result = report.signal("headline.sensational")
    model_findings = [f for f in result.findings if f.entry == "clickbait-model"]
    assert len(model_findings) == 1
    finding = model_findings[0]
    assert (finding.start, finding.end, finding.text) == (0, len(title), title)
    assert finding.message.startswith("Reads like clickbait: ")
    assert "model trained on" in finding.message and "strongest cues: “" in finding.message
    cues = finding.message.split("strongest cues: ")[1]
    assert all(word.strip("“”) ") in title for word in cues.split(","))
    assert result.metrics["clickbait_probability"] >= 0.9
    assert "reads like clickbait" in result.summary


def test_concern_reaches_one_half_when_the_model_calls_clickbait():
    """Read as a classifier, score >= 0.5 agrees with the model; rules push higher."""
    for title in CLICKBAIT:
        result = credlib.score_headline(title)
        assert result.score >= 0.5, title
        if {f.entry for f in result.findings} == {"clickbait-model"}:
            assert result.score <= 2 / 3 + 1e-9, title  # the model alone: at most 2/3
    for title in NEWS:
        assert credlib.score_headline(title).score < 0.5, title


def test_sober_headline_reports_the_probability_but_no_finding():
    result = credlib.score_headline("Council approves $48 million flood barrier after two-year review")
    assert result.findings == ()
    assert result.score == 0
    assert result.metrics["clickbait_probability"] < 0.1
    assert "without sensational devices" in result.summary and "clickbait" in result.summary


def test_rules_still_count_where_the_model_sees_news():
    """Tabloid capitals and shock verbs are rare in the clickbait corpus; the rules keep them."""
    result = credlib.score_headline("Minister SLAMS Rival In The Biggest Trade Row Ever!")
    assert result.metrics["clickbait_probability"] < 0.5
    assert {"all-caps", "shock-verb", "superlative", "exclamation"} <= {f.entry for f in result.findings}
    assert result.score > 0.6


def test_model_and_rules_add_up():
    title = "SHOCKING: 17 Things You Never Knew About The Council!!"
    both = credlib.score_headline(title)
    rules_only = credlib.score_headline(title, credlib.Config(disable=["headline.sensational.clickbait-model"]))
    assert "clickbait-model" in {f.entry for f in both.findings}
    assert "clickbait-model" not in {f.entry for f in rules_only.findings}
    assert rules_only.metrics is None  # switched off: not even computed
    assert both.score > rules_only.score > 0


def test_model_weight_can_be_changed_by_config():
    title = "Can You Guess Which Of These Cakes Costs The Most?"
    default = credlib.score_headline(title).score
    heavier = credlib.score_headline(title, credlib.Config(weights={"headline.sensational.clickbait-model": 3.0})).score
    assert heavier > default > 0


def test_score_headline_rejects_non_strings_and_handles_empty_titles():
    with pytest.raises(TypeError):
        credlib.score_headline(None)
    empty = credlib.score_headline("  ")
    assert empty.status == "not_applicable" and "empty" in empty.summary


def test_score_headline_is_the_signal_the_full_report_carries():
    title = "You Won't Believe What This Mayor Did With The Town Budget"
    alone = credlib.score_headline(title)
    in_report = credlib.score("The council met on Tuesday.", title=title).signal("headline.sensational")
    assert alone.to_dict() == in_report.to_dict()


def test_inference_is_pure_python_and_the_same_in_every_process():
    code = (
        "import sys, json, credlib\n"
        f"titles = {json.dumps(CLICKBAIT[:3] + NEWS[:3])}\n"
        "out = [credlib.score_headline(t).metrics['clickbait_probability'] for t in titles]\n"
        "print(json.dumps({'p': out, 'numpy': 'numpy' in sys.modules}))\n"
    )
    runs = [json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                      env={"PYTHONHASHSEED": seed}).stdout) for seed in ("1", "2")]
    assert runs[0]["numpy"] is False
    assert runs[0]["p"] == runs[1]["p"]
    here = [credlib.score_headline(t).metrics["clickbait_probability"] for t in CLICKBAIT[:3] + NEWS[:3]]
    assert runs[0]["p"] == here


def test_model_file_is_compact_and_says_where_it_came_from():
    data = tomllib.loads(clickbait.MODEL_FILE.read_text(encoding="utf-8"))
    weights = clickbait.MODEL_FILE.parent / data["weights"]
    assert weights.stat().st_size <= 2_000_000
    training = data["training"]
    assert "Chakraborty" in training["corpus"] and "MIT" in training["corpus"]
    assert training["test_accuracy"] >= 0.95 and training["test_f1"] >= 0.95
    assert training["n_test"] > 6000
    import hashlib

    assert hashlib.sha256(weights.read_bytes()).hexdigest() == data["weights_sha256"]


def test_unicode_and_punctuation_only_titles_do_not_break_the_model():
    for title in ("¡¡¡!!!", "Café Zürich’s naïve façade reopens", "ＦＵＬＬ ＷＩＤＴＨ headline", "—"):
        p = clickbait.model().probability(title)
        assert 0.0 < p < 1.0
        score_checked("", title=title)  # spans and schema still hold
