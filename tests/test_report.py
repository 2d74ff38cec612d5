"""The report contract: schema v1, exact spans, determinism, include_text."""

import json
import os
import subprocess
import sys

import pytest

import credlib

from .helpers import EXAMPLES, ROOT, check_report, score_checked

TRICKY = [
    # emoji and other non-BMP characters before and inside findings
    "🔥🔥 Sources close to the 🇯🇵 delegation said talks collapsed. 𝐄𝐱𝐩𝐞𝐫𝐭𝐬 say nothing; experts say plenty.",
    # CRLF line ends, a byline and a date
    "By Lena Marsh\r\nOctober 14, 2025\r\n\r\nSources say the witch hunt is over.\r\nIt is widely believed that it was rigged.\r\n",
    # one very long line
    ("Sources close to the minister said the plan is a sham. " * 400).strip(),
    # expanding lower case (İ) and combining marks
    "İstanbul: Sources close to the Governor said İ̇ the “so-called” experts were wrong. Ｆｕｌｌｗｉｄｔｈ experts say.",
    # quotes in every style, apostrophes
    "He said “the thugs” won. She said \"witch hunt\". Japan’s ’90s boom: 'disaster' loomed, sources say.",
    # tabs, form feeds, zero-width spaces
    "Experts\u200bsay\tthe\fplan is a sham;\u00a0sources\u00a0close\u00a0to the mayor agree.",
    "",
    "   \n\n  ",
]


@pytest.mark.parametrize("text", TRICKY)
@pytest.mark.parametrize("titled", [True, False])
def test_every_finding_is_the_exact_slice_and_the_report_validates(text, titled):
    report, doc = score_checked(text, title="A headline with SHOUTING!" if titled else None)
    data = json.loads(report.to_json())
    assert data["schema_version"] == 1


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.iterdir()))
def test_examples_validate_with_exact_spans(name):
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    report, doc = score_checked(text)
    assert any(s.findings for s in report.signals)


def test_findings_are_sorted_and_signals_in_catalogue_order(example):
    report = credlib.score(example("tabloid.txt"))
    assert [s.id for s in report.signals] == [s["id"] for s in credlib.signals()]
    for signal in report.signals:
        keys = [f.sort_key() for f in signal.findings]
        assert keys == sorted(keys)


def test_text_with_an_unpaired_surrogate_still_gives_its_json():
    # A lenient decoder (surrogateescape) or a JSON string cut mid-emoji can leave lone
    # surrogates in a text; the report writes them as \udXXX escapes, so its JSON encodes
    # as UTF-8 (a writer or an HTTP answer does not fail) and reads back the same.
    text = "Sources close to the mayor said the \udcff plan was a sham. Experts say it failed."
    report = credlib.score(text, include_text=True)
    assert "\\udcff plan" in report.to_json()
    report.to_json().encode("utf-8")
    data = json.loads(report.to_json())
    assert data["body"] == text
    assert "Sources close to the mayor" in [f.text for f in report.signal("sourcing.anonymous").findings]


def test_reports_pickle_for_worker_processes(example):
    # multiprocessing hands reports between processes by pickling them.
    import pickle

    report = credlib.score(example("tabloid.txt"))
    assert pickle.loads(pickle.dumps(report)).to_json() == report.to_json()


def test_same_input_same_bytes(example):
    text = example("tabloid.txt")
    assert credlib.score(text).to_json() == credlib.score(text).to_json()


def test_same_bytes_across_processes_and_hash_seeds(example):
    """Set iteration order changes with PYTHONHASHSEED; the report must not."""
    code = "import sys, credlib; sys.stdout.write(credlib.score(open(sys.argv[1], encoding='utf-8').read()).to_json())"
    outputs = set()
    for seed in ("1", "2", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", code, str(EXAMPLES / "tabloid.html")],
                             capture_output=True, text=True, env=env, check=True, cwd=ROOT)
        outputs.add(run.stdout)
    assert len(outputs) == 1


def test_include_text_adds_the_exact_body(example):
    text = example("wire-report.txt")
    report = credlib.score(text, include_text=True)
    data = json.loads(report.to_json())
    assert data["body"] == credlib.build_document(text).body
    assert "body" not in json.loads(credlib.score(text).to_json())


def test_separate_title_and_text_keep_the_body_unchanged():
    text = "\r\n  Sources say the plan is a sham.\r\n"
    report = credlib.score(text, title="Plan", include_text=True)
    assert report.body == text
    check_report(report, credlib.build_document(text, title="Plan"))


def test_schema_rejects_a_finding_whose_text_is_missing():
    report = credlib.score("Sources say the plan is a sham.", title="Plan")
    data = json.loads(report.to_json())
    anonymous = next(s for s in data["signals"] if s["id"] == "sourcing.anonymous")
    anonymous["findings"][0].pop("text")
    from .helpers import VALIDATOR

    assert list(VALIDATOR.iter_errors(data))


def test_not_applicable_signals_have_a_reason_and_no_findings():
    report = credlib.score("Council approves budget.", title="Budget")
    for signal in report.signals:
        if signal.status == "not_applicable":
            assert signal.summary and signal.findings == () and signal.score == 0


def test_report_fingerprints_script_flags_a_changed_report(tmp_path):
    # scripts/report_fingerprints.py: the check a speed-up or refactoring runs before it lands.
    script = [sys.executable, str(ROOT / "scripts" / "report_fingerprints.py"), "--no-data"]
    saved = tmp_path / "before.json"
    run = subprocess.run([*script, "--save", str(saved)], capture_output=True, text=True, check=True)
    assert "report fingerprints written" in run.stdout
    same = subprocess.run([*script, "--check", str(saved)], capture_output=True, text=True)
    assert same.returncode == 0 and "0 changed, 0 missing, 0 new" in same.stdout
    prints = json.loads(saved.read_text(encoding="utf-8"))
    name = "file:credlib/examples/wire-report.txt"
    prints[name] = "0" * 64
    saved.write_text(json.dumps(prints), encoding="utf-8")
    changed = subprocess.run([*script, "--check", str(saved)], capture_output=True, text=True)
    assert changed.returncode == 1 and f"changed: {name}" in changed.stdout
