"""The credlib command: formats, exit codes, one-line errors, batch."""

import json
import os
import subprocess
import sys

import pytest

from credlib.cli import main

from .helpers import EXAMPLES, VALIDATOR


def run(args, stdin=None, env=None):
    """Run the real command in a subprocess: what a user or a pipeline sees."""
    return subprocess.run([sys.executable, "-m", "credlib", *args], input=stdin, capture_output=True,
                          env=None if env is None else {**os.environ, **env})


def test_score_json_is_valid_and_has_the_body_with_include_text():
    out = run(["score", str(EXAMPLES / "tabloid.txt"), "--format", "json", "--include-text"])
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert not list(VALIDATOR.iter_errors(data))
    assert data["label"] == "low"
    for signal in data["signals"]:
        for f in signal["findings"]:
            source = data["body"] if f["field"] == "body" else data["title"]
            assert source[f["start"]:f["end"]] == f["text"]


def test_score_text_format_quotes_findings_in_context():
    out = run(["score", str(EXAMPLES / "tabloid.txt")])
    text = out.stdout.decode()
    assert out.returncode == 0
    assert "LOW credibility signals" in text
    assert "[sources close to the delegation]" in text
    assert "\x1b[" not in text  # no colour codes when not writing to a terminal


def test_score_html_format_is_a_self_contained_page():
    out = run(["score", str(EXAMPLES / "tabloid.html"), "--format", "html"])
    page = out.stdout.decode()
    assert out.returncode == 0
    assert page.startswith("<!doctype html>") and "<mark" in page
    assert "http://" not in page.replace('http://www.w3.org', '') and "<script" not in page
    assert "src=" not in page and "<link" not in page


def test_stdin_and_title_option():
    out = run(["score", "-", "--title", "Plan", "--format", "json"], stdin="Sources say the plan is a sham.".encode())
    data = json.loads(out.stdout)
    assert data["title"] == "Plan"
    assert out.returncode == 0


def test_reruns_are_byte_identical():
    args = ["score", str(EXAMPLES / "tabloid.html"), "--format", "json", "--include-text"]
    assert run(args).stdout == run(args).stdout


@pytest.mark.parametrize(
    "args,stdin,message",
    [
        (["score", "/no/such/file.txt"], None, "no such file: /no/such/file.txt"),
        (["score", str(EXAMPLES)], None, "is a directory"),
        (["score", "-"], b"   \n\t ", "standard input is empty: nothing to score"),
        (["score", "-"], "\u200b\u200d \u2060\n".encode(), "standard input is empty: nothing to score"),
        (["score", "-"], b"<html><body><div></div></body></html>", "standard input has no article text to score"),
        (["score", "-"], b"caf\xe9 au lait and more text", "standard input is not valid UTF-8 (byte 0xe9 at offset 3)"),
        (["score", "-"], b"\x00\x01\x02binary", "looks like a binary file"),
        (["score", "-"], b"\xff\xfe\x00\x81binary\x00\x00", "looks like a binary file"),
        (["score"], None, "the following arguments are required: PATH"),
        (["score", "-", "--format", "pdf"], b"x", "invalid choice: 'pdf'"),
        (["score", "-", "--config", "/no/such.toml"], b"x", "no such config file"),
        (["score", "-", "--config", str(EXAMPLES)], b"x", "is a directory; give a configuration file"),
        (["frobnicate"], None, "invalid choice: 'frobnicate'"),
        (["score", "-", "--bogus", "x"], b"x", "unrecognized arguments: --bogus x (see 'credlib score --help')"),
    ],
)
def test_user_mistakes_get_one_line_and_exit_2(args, stdin, message):
    out = run(args, stdin)
    err = out.stderr.decode()
    assert out.returncode == 2
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert out.stdout == b""


@pytest.mark.parametrize("name, value, message", [
    ("CREDLIB_ONLINE_TIMEOUT", "abc", "CREDLIB_ONLINE_TIMEOUT: expected a number of seconds above 0 such as 4, got 'abc'"),
    ("CREDLIB_ONLINE_INTERVAL", "-1", "CREDLIB_ONLINE_INTERVAL: expected a number of seconds (0 or more) such as 1, got '-1'"),
])
def test_bad_online_timing_is_a_one_line_error_before_anything_is_looked_up(name, value, message):
    out = run(["score", str(EXAMPLES / "wire-report.txt"), "--online"], env={name: value})
    err = out.stderr.decode()
    assert out.returncode == 2 and message in err
    assert err.count("\n") == 1 and "Traceback" not in err and out.stdout == b""
    # Without --online the variable is not used, and scoring goes ahead.
    assert run(["score", str(EXAMPLES / "wire-report.txt")], env={name: value}).returncode == 0


def test_bad_config_file_is_a_one_line_error(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text('disable = ["sourcing.vag"]\n')
    out = run(["score", "-", "--config", str(config)], b"Sources say so.")
    assert out.returncode == 2
    assert "unknown signal or entry id 'sourcing.vag'" in out.stderr.decode()


def test_latin1_html_page_declaring_its_charset(tmp_path):
    page = ('<html><head><meta charset="iso-8859-1"><title>Caf\xe9 plan</title></head><body><article><h1>Caf\xe9 plan</h1>'
            + "<p>Sources close to the mayor say the caf\xe9 will close next month after a long dispute.</p>" * 4
            + "</article></body></html>")
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("latin-1"))
    out = run(["score", str(path), "--format", "json"])
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["title"] == "Café plan"


def test_output_file_is_written_whole(tmp_path):
    target = tmp_path / "report.json"
    assert main(["score", str(EXAMPLES / "wire-report.txt"), "--format", "json", "--out", str(target)]) == 0
    assert json.loads(target.read_text())["label"] == "high"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_signals_command_lists_the_catalogue():
    out = run(["signals", "--format", "json"])
    catalogue = json.loads(out.stdout)
    ids = [s["id"] for s in catalogue]
    assert "sourcing.anonymous" in ids and "text.readability" in ids
    assert all(s["description"] for s in catalogue)
    # The text listing says how an entry is named in a configuration.
    text = run(["signals"]).stdout.decode()
    assert "entries (wording.loaded.<entry> in a configuration): derogatory-label," in text


def test_batch_scores_every_line_in_order_and_reports_bad_lines(tmp_path):
    source = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "a", "title": "Plan", "text": "Sources say the plan is a sham."}),
        "{not json",
        json.dumps({"id": "c", "text": ""}),
        json.dumps({"id": "d", "text": (EXAMPLES / "wire-report.txt").read_text()}),
        json.dumps({"id": "e", "html": "<html><body><div></div></body></html>"}),
    ]
    source.write_text("\n".join(lines) + "\n")
    target = tmp_path / "out.jsonl"
    out = run(["batch", str(source), "--out", str(target), "--workers", "2"])
    assert out.returncode == 1
    assert "3 of 5 lines could not be scored" in out.stderr.decode()
    results = [json.loads(line) for line in target.read_text().splitlines()]
    assert [r["id"] for r in results] == ["a", 2, "c", "d", "e"]
    assert results[0]["report"]["title"] == "Plan" and results[3]["report"]["label"] == "high"
    assert "not valid JSON" in results[1]["error"] and "non-empty" in results[2]["error"]
    assert results[4]["error"] == "the page has no article text to score (its main text is empty)"


def test_batch_lines_are_checked_like_api_requests(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "x", "titel": "Plan", "text": "Sources say so."}) + "\n"
                      + json.dumps({"id": "y", "text": "Sources say so.", "include_text": "false"}) + "\n")
    target = tmp_path / "out.jsonl"
    assert run(["batch", str(source), "--out", str(target)]).returncode == 1
    errors = [json.loads(line)["error"] for line in target.read_text().splitlines()]
    assert errors == ["unknown field(s) 'titel'; known: html, id, include_text, text, title, url",
                      "'include_text' must be true or false"]


def test_batch_lines_end_at_newlines_only_and_a_bad_line_never_stops_the_run(tmp_path):
    source = tmp_path / "in.jsonl"
    lines = [
        # U+2028 and U+0085 inside a text: JSON allows them unescaped; they do not end a line.
        json.dumps({"id": "a", "text": "Sources say the plan\u2028is a sham.\u0085Experts say so."}, ensure_ascii=False),
        "[" * 100_000,  # nested too deeply for the parser
        json.dumps({"id": "c", "text": "Officials said the bridge would reopen on Monday."}),
    ]
    source.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    target = tmp_path / "out.jsonl"
    out = run(["batch", str(source), "--out", str(target)])
    assert out.returncode == 1 and "Traceback" not in out.stderr.decode()
    results = [json.loads(line) for line in target.read_text(encoding="utf-8").split("\n") if line]
    assert [r["id"] for r in results] == ["a", 2, "c"]
    assert "report" in results[0] and "report" in results[2]
    assert results[1]["error"] == "not valid JSON for credlib (nested too deeply)"


def test_batch_stops_before_scoring_on_a_bad_config_or_output_folder(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"text": "Sources say the plan is a sham."}) + "\n")
    config = tmp_path / "c.toml"
    config.write_text('disable = ["wording.loded"]\n')
    out = run(["batch", str(source), "--out", str(tmp_path / "out.jsonl"), "--config", str(config)])
    assert out.returncode == 2 and "unknown signal or entry id 'wording.loded'" in out.stderr.decode()
    out = run(["batch", str(source), "--out", str(tmp_path / "no" / "out.jsonl")])
    assert out.returncode == 2 and "folder" in out.stderr.decode() and "does not exist" in out.stderr.decode()
    assert not (tmp_path / "out.jsonl").exists()


def test_batch_one_worker_equals_many(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": (EXAMPLES / n).read_text()}) + "\n"
                              for i, n in enumerate(sorted(p.name for p in EXAMPLES.iterdir()))))
    one, many = tmp_path / "one.jsonl", tmp_path / "many.jsonl"
    assert main(["batch", str(source), "--out", str(one), "--workers", "1"]) == 0
    assert main(["batch", str(source), "--out", str(many), "--workers", "2"]) == 0
    assert one.read_bytes() == many.read_bytes()


def test_batch_missing_input_is_exit_2(tmp_path):
    out = run(["batch", str(tmp_path / "none.jsonl"), "--out", str(tmp_path / "o.jsonl")])
    assert out.returncode == 2 and "no such file" in out.stderr.decode()
    assert not (tmp_path / "o.jsonl").exists()
