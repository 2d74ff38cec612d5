"""The score: sober reporting high, tabloid low, in order; labels and confidence."""

import credlib
from credlib.scoring import label_for

from .helpers import score_checked


def test_sober_report_scores_high_and_tabloid_low(example):
    sober = credlib.score(example("wire-report.txt"))
    tabloid_text = credlib.score(example("tabloid.txt"))
    tabloid_page = credlib.score(html=example("tabloid.html"))
    assert sober.label == "high" and sober.score >= 75
    assert tabloid_text.label == "low" and tabloid_text.score < 25
    assert tabloid_page.label == "low" and tabloid_page.score < 25
    assert sober.confidence > 0.8


def test_each_kind_of_problem_lowers_the_score(example):
    base = example("wire-report.txt")
    title, _, body = base.partition("\n")
    clean = credlib.score(base).score
    worse = [
        credlib.score(base.replace(title, "SHOCKING: Council SLAMS Critics In Biggest Vote Ever!")),
        credlib.score(base.replace("said Mayor Teresa Quayle", "said sources close to the mayor")),
        credlib.score(base.replace("By Lena Marsh\n", "").replace("(Reporting by Lena Marsh; Editing by Arjun Patel)", "")),
        credlib.score(base + "\nExperts say the wall is a disgraceful sham. Many are saying it was rigged.\n"),
    ]
    for report in worse:
        assert report.score < clean


def test_labels_follow_the_thresholds():
    assert label_for(70.0) == "high" and label_for(69.9) == "mixed"
    assert label_for(40.0) == "mixed" and label_for(39.9) == "low"


def test_score_weights_can_be_changed_by_config(example):
    text = example("tabloid.txt")
    default = credlib.score(text)
    no_headline = credlib.score(text, config=credlib.Config(weights={"headline.sensational": 0.0}))
    assert no_headline.score > default.score


def test_headline_only_item_has_low_confidence():
    report, _ = score_checked("Minister resigns over expenses\n")
    assert report.title == "Minister resigns over expenses"
    assert report.confidence < 0.2
