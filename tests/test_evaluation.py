"""`credlib eval`, the dataset readers and the figures, on a small data folder written
for the tests (tests/evaldata.py); nothing here needs ../shared."""

import gzip
import json
import subprocess
import sys

import pytest

from credlib import datasets, metrics
from credlib.cli import main

from .evaldata import make_data


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return make_data(tmp_path_factory.mktemp("eval"))


def run(args):
    return subprocess.run([sys.executable, "-m", "credlib", *args], capture_output=True, text=True)


# -- datasets ----------------------------------------------------------------------------


def test_headlines_are_deduplicated_and_conflicts_dropped(data):
    corpus = datasets.load_headlines(data)
    everything = corpus.train + corpus.test
    assert len(everything) == 72
    assert corpus.duplicates == 1 and corpus.conflicting == 2
    assert not any(h.key == "minister resigns over expenses" for h in everything)
    assert len({h.key for h in everything}) == len(everything)


def test_split_is_fixed_by_the_headline_alone(data):
    corpus = datasets.load_headlines(data)
    for h in corpus.test:
        assert h.test and datasets.hash_share(datasets.normalize(h.text.upper())) < datasets.TEST_PERCENT
    for h in corpus.train:
        assert not h.test
    assert 0 < len(corpus.test) < len(corpus.train)


def test_articles_are_decoded_leniently_with_titles(data):
    articles = datasets.load_articles(data)
    assert {(a.label, sum(b.label == a.label for b in articles)) for a in articles} == {
        ("Real", 12), ("Fake", 12), ("Satire", 12)}
    quoted = [a for a in articles if "\u201c" in a.body]
    assert quoted, "curly quotes from Windows-1252 bytes"
    assert all("\r" not in a.body and a.title and "\n" not in a.title for a in articles)
    assert datasets.decode_lenient(b"caf\xe9 \x81") == "café \ufffd"


def test_missing_data_is_a_one_line_error(tmp_path):
    with pytest.raises(datasets.DataError, match="no data folder"):
        datasets.load_headlines(tmp_path / "nowhere")
    with pytest.raises(datasets.DataError, match="has no fakenewsdata1-horne2017/"):
        datasets.load_articles(tmp_path)


def test_a_damaged_or_one_sided_data_set_is_a_one_line_error(tmp_path):
    import shutil
    import zipfile

    data = make_data(tmp_path / "damaged")
    headlines = data / "clickbait-chakraborty2016" / "clickbait_data.gz"
    headlines.write_bytes(headlines.read_bytes()[:-20])  # a download cut short
    with pytest.raises(datasets.DataError, match="clickbait_data.gz is damaged .*; fetch the data set again"):
        datasets.load_headlines(data)
    headlines.write_bytes(gzip.compress(b""))
    with pytest.raises(datasets.DataError, match="clickbait_data.gz holds no headlines; both files are needed"):
        datasets.load_headlines(data)

    archive = data / "fakenewsdata1-horne2017" / "Horne2017_FakeNewsData.zip"
    with zipfile.ZipFile(archive) as whole, zipfile.ZipFile(tmp_path / "real.zip", "w") as real:
        for name in whole.namelist():
            if "/Fake" not in name:
                real.writestr(name, whole.read(name))
    shutil.copy(archive, tmp_path / "whole.zip")
    shutil.copy(tmp_path / "real.zip", archive)
    with pytest.raises(datasets.DataError, match="holds no Fake articles; both Real and Fake are needed"):
        datasets.load_articles(data)
    # a member's compressed bytes overwritten: the archive opens, reading the member fails
    raw = bytearray((tmp_path / "whole.zip").read_bytes())
    with zipfile.ZipFile(tmp_path / "whole.zip") as whole:
        info = whole.infolist()[0]
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw[start:start + 8] = b"\xff" * 8
    archive.write_bytes(bytes(raw))
    with pytest.raises(datasets.DataError, match="is damaged at .*; fetch the data set again"):
        datasets.load_articles(data)
    out = run(["eval", "articles", "--data", str(data)])
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "is damaged at" in out.stderr


# -- metrics -----------------------------------------------------------------------------


def test_auc_counts_pairs_and_ties():
    assert metrics.roc_auc([1, 1, 0, 0], [0.9, 0.8, 0.3, 0.1]) == 1.0
    assert metrics.roc_auc([1, 1, 0, 0], [0.1, 0.2, 0.8, 0.9]) == 0.0
    # one positive above both negatives, one tied with a negative and above the other
    assert metrics.roc_auc([1, 1, 0, 0], [0.9, 0.5, 0.5, 0.1]) == pytest.approx(0.875)
    with pytest.raises(ValueError):
        metrics.roc_auc([1, 1], [0.2, 0.3])


def test_bootstrap_interval_brackets_the_auc_and_is_reproducible():
    labels = [1] * 30 + [0] * 30
    scores = [0.5 + 0.01 * i for i in range(30)] + [0.3 + 0.01 * i for i in range(30)]
    auc = metrics.roc_auc(labels, scores)
    low, high = metrics.bootstrap_auc(labels, scores, rounds=500)
    assert low <= auc <= high and high - low > 0.01
    assert (low, high) == metrics.bootstrap_auc(labels, scores, rounds=500)


def test_classification_figures():
    c = metrics.classify([1, 1, 1, 0, 0], [1, 1, 0, 1, 0])
    assert (c.tp, c.fp, c.tn, c.fn) == (2, 1, 1, 1)
    assert c.accuracy == 0.6 and c.precision == pytest.approx(2 / 3) and c.recall == pytest.approx(2 / 3)


def test_reliability_bands_include_their_lower_edge_and_the_top():
    bands = metrics.reliability([1, 0, 1, 1], [0.0, 40.0, 70.0, 100.0], [0, 40, 70, 100])
    assert [(b.name, b.n, b.positives) for b in bands] == [("0–40", 1, 1), ("40–70", 1, 0), ("70–100", 2, 2)]


def test_roc_curve_runs_from_origin_to_corner():
    points = metrics.roc_curve([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1])
    assert points[0] == (0.0, 0.0) and points[-1] == (1.0, 1.0)
    assert points == sorted(points)


# -- credlib eval ------------------------------------------------------------------------


def test_eval_headlines_json(data):
    out = run(["eval", "headlines", "--data", str(data), "--format", "json"])
    assert out.returncode == 0, out.stderr
    figures = json.loads(out.stdout)
    assert {"accuracy", "f1", "precision", "recall", "n_test", "auc", "ms_per_headline", "signal", "rules_only"} <= set(figures)
    assert figures["n_train"] + figures["n_test"] == 72
    assert figures["accuracy"] >= 0.9 and figures["f1"] >= 0.9  # headlines written to be plain cases
    assert figures["rules_only"]["recall"] < figures["recall"]
    assert figures["signal"]["recall"] >= figures["recall"]  # the rules only add to the model
    assert out.stderr == ""  # no progress bar when stderr is not a terminal


def test_eval_articles_json_reports_auc_interval_accuracy_and_reliability(data):
    out = run(["eval", "articles", "--data", str(data), "--format", "json"])
    assert out.returncode == 0, out.stderr
    figures = json.loads(out.stdout)
    assert (figures["n_real"], figures["n_fake"], figures["n_satire"]) == (12, 12, 12)
    assert figures["auc"] >= 0.9  # sober reports and tabloid pieces are far apart
    low, high = figures["auc_ci"]
    assert low <= figures["auc"] <= high
    assert set(figures["accuracy_at"]) == {"40", "50", "70"} and 0 <= figures["accuracy"] <= 1
    bands = figures["reliability"]
    assert sum(b["n"] for b in bands) == 24  # satire is never counted as real or fake
    assert [b["band"] for b in bands][0] == "0–20" and bands[-1]["high"] == 100
    assert figures["satire"]["n"] == 12
    assert all(w >= 0 for w in figures["fit"]["weights"].values())


def test_eval_all_text_and_plots(data, tmp_path):
    pytest.importorskip("matplotlib")
    plots = tmp_path / "charts"
    out = run(["eval", "all", "--data", str(data), "--plots", str(plots)])
    assert out.returncode == 0, out.stderr
    assert "Headlines" in out.stdout and "ROC-AUC" in out.stdout and "share real" in out.stdout
    assert "Articles scoring 70+ were real in" in out.stdout
    names = sorted(p.name for p in plots.iterdir())
    assert names == ["articles-reliability.png", "articles-roc.png", "headlines-roc.png"]
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in plots.iterdir())


def test_eval_without_data_is_a_clear_one_line_error(tmp_path):
    out = run(["eval", "all", "--data", str(tmp_path / "missing")])
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "no data folder" in out.stderr and "--data" in out.stderr
    assert "Traceback" not in out.stderr and out.stdout == ""


def test_eval_plots_without_matplotlib_fails_before_any_work(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if not installed
    assert main(["eval", "headlines", "--data", str(tmp_path / "missing"), "--plots", str(tmp_path)]) == 2
    assert "--plots needs matplotlib: pip install 'credlib[eval]'" in capsys.readouterr().err


def test_eval_rejects_an_unknown_part():
    out = run(["eval", "everything"])
    assert out.returncode == 2 and "invalid choice" in out.stderr
