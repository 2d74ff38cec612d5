"""The credlib command: formats, exit codes, one-line errors, batch."""

import json
import os
import shutil
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


def test_a_page_with_too_many_elements_is_one_line_and_exit_2(tmp_path):
    page = tmp_path / "huge.html"
    page.write_text("<html><body><p>Officials said so.</p><ul>" + "<li>x</li>" * 25_000 + "</ul></body></html>")
    out = run(["score", str(page)])
    assert out.returncode == 2
    assert out.stderr.decode() == ("credlib: error: the page has 25,004 HTML elements; credlib reads pages of up to "
                                   "25,000 (send the article's text without the page)\n")
    assert out.stdout == b""


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


def test_batch_reads_standard_input_and_writes_standard_output_with_dashes(tmp_path):
    lines = "".join(json.dumps({"id": n, "text": (EXAMPLES / n).read_text()}) + "\n"
                    for n in ("tabloid.txt", "wire-report.txt"))
    source = tmp_path / "in.jsonl"
    source.write_text(lines)
    assert main(["batch", str(source), "--out", str(tmp_path / "file.jsonl"), "--workers", "1"]) == 0
    piped = run(["batch", "-", "--out", "-", "--workers", "1"], stdin=lines.encode())
    assert piped.returncode == 0 and piped.stderr == b""
    assert piped.stdout == (tmp_path / "file.jsonl").read_bytes()
    assert [json.loads(line)["id"] for line in piped.stdout.splitlines()] == ["tabloid.txt", "wire-report.txt"]
    score = run(["score", str(EXAMPLES / "tabloid.txt"), "--format", "json", "--out", "-"])
    assert score.returncode == 0 and json.loads(score.stdout)["label"] == "low"
    assert not os.path.exists("-")


def test_batch_missing_input_is_exit_2(tmp_path):
    out = run(["batch", str(tmp_path / "none.jsonl"), "--out", str(tmp_path / "o.jsonl")])
    assert out.returncode == 2 and "no such file" in out.stderr.decode()
    assert not (tmp_path / "o.jsonl").exists()


def _batch_in_progress(tmp_path, lines=3000):
    """A two-worker batch run in its own process group, once both workers are running and
    ignore Ctrl-C (SIGINT in their SigIgn mask): (process, worker pids, output path)."""
    import time

    source = tmp_path / "many.jsonl"
    text = (EXAMPLES / "wire-report.txt").read_text(encoding="utf-8")
    source.write_text("".join(json.dumps({"id": i, "text": text}) + "\n" for i in range(lines)), encoding="utf-8")
    out_path = tmp_path / "out.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "credlib", "batch", str(source), "--out", str(out_path),
                             "--workers", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    while True:
        children = []
        for task in os.listdir(f"/proc/{proc.pid}/task"):
            with open(f"/proc/{proc.pid}/task/{task}/children") as f:
                children += [int(pid) for pid in f.read().split()]
        if len(children) >= 2 and all(_ignores_sigint(pid) for pid in children):
            return proc, children, out_path
        assert proc.poll() is None and time.monotonic() < deadline, "no batch workers started"
        time.sleep(0.05)


def _ignores_sigint(pid: int) -> bool:
    import signal

    try:
        with open(f"/proc/{pid}/status") as f:
            mask = next(line.split()[1] for line in f if line.startswith("SigIgn:"))
    except (OSError, StopIteration):
        return False
    return bool(int(mask, 16) >> (signal.SIGINT - 1) & 1)


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="finds the workers through /proc (Linux)")
def test_batch_stops_with_one_line_when_a_worker_dies_or_on_ctrl_c(tmp_path):
    import signal

    proc, workers, out_path = _batch_in_progress(tmp_path)
    try:
        os.kill(workers[0], signal.SIGKILL)  # as the out-of-memory killer would
        _, err = proc.communicate(timeout=60)  # multiprocessing.Pool used to wait here for ever
        one_line_error(subprocess.CompletedProcess([], proc.returncode, b"", err),
                       "a worker process stopped (killed, or out of memory); nothing was written")
        assert not out_path.exists()
    finally:
        _stop(proc)
    proc, workers, out_path = _batch_in_progress(tmp_path)
    try:
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C in a terminal: the whole process group
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 130 and err == b"credlib: interrupted\n"  # no worker tracebacks
        assert not out_path.exists()
    finally:
        _stop(proc)


def _stop(proc):
    """The batch run and its workers gone, whatever the test saw."""
    import signal

    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate()


def test_a_path_that_cannot_even_be_looked_at_is_a_one_line_error(tmp_path):
    long_name = str(tmp_path / ("a" * 300))  # longer than a file name may be
    article = str(EXAMPLES / "wire-report.txt")
    one_line_error(run(["score", long_name]), "File name too long")
    one_line_error(run(["score", article, "--out", long_name]), "File name too long")
    one_line_error(run(["score", article, "--config", long_name]), "File name too long")
    one_line_error(run(["batch", long_name, "--out", str(tmp_path / "o.jsonl")]), "File name too long")


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"),
                    reason="runs credlib as root without the right to override permissions (setpriv)")
def test_a_folder_that_may_not_be_entered_is_a_one_line_error(tmp_path):
    folder = tmp_path / "private"
    folder.mkdir()
    (folder / "a.txt").write_text("The council met on Monday.")
    folder.chmod(0o700)
    os.chown(folder, 65534, 65534)  # someone else's folder
    drop = ["setpriv", "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search"]
    article = str(EXAMPLES / "wire-report.txt")
    for args in (["score", str(folder / "a.txt")], ["score", article, "--out", str(folder / "out.txt")],
                 ["batch", str(folder / "a.txt"), "--out", str(tmp_path / "o.jsonl")]):
        out = subprocess.run([*drop, sys.executable, "-m", "credlib", *args], capture_output=True)
        one_line_error(out, "Permission denied")


def test_an_output_name_ending_in_a_slash_is_not_written_as_a_file(tmp_path):
    article = str(EXAMPLES / "wire-report.txt")
    keep = tmp_path / "keep.txt"
    keep.write_text("kept")
    one_line_error(run(["score", article, "--out", f"{keep}/"]), "ends with '/': give a file name for the output")
    assert keep.read_text() == "kept"
    one_line_error(run(["score", article, "--out", f"{tmp_path / 'new'}/"]), "give a file name for the output")
    assert not (tmp_path / "new").exists()
    one_line_error(run(["score", article, "--out", ""]), "--out needs a file name")


# -- output that always encodes, and is always written where asked -----------------------


def one_line_error(out, message):
    """A user mistake as the README promises: exit 2, one line on stderr, no traceback."""
    err = out.stderr.decode()
    assert out.returncode == 2, err
    assert message in err, err
    assert err.count("\n") == 1 and "Traceback" not in err, err


def test_batch_with_lone_surrogates_writes_json_that_is_utf8_and_reads_back_the_same(tmp_path):
    # "\ud800" is valid JSON (a string cut in the middle of an emoji); no UTF-8 encoder
    # takes it as is, so it has to go out as its escape.
    source = tmp_path / "in.jsonl"
    source.write_text('{"id":"\\ud800","title":"Plan \\udcff","text":"Sources say the plan \\ud83d is a sham.",'
                      '"include_text":true}\n{"id":"b","text":"Officials said the bridge would reopen."}\n')
    target = tmp_path / "out.jsonl"
    out = run(["batch", str(source), "--out", str(target), "--workers", "1"])
    assert out.returncode == 0 and out.stderr == b"", out.stderr
    raw = target.read_bytes()
    first, second = (json.loads(line) for line in raw.decode("utf-8").splitlines())  # strict UTF-8
    assert first["id"] == "\ud800" and first["report"]["title"] == "Plan \udcff"
    assert first["report"]["body"] == "Sources say the plan \ud83d is a sham."
    assert b'"id":"\\ud800"' in raw and second["id"] == "b"


@pytest.mark.parametrize("option", ["--title", "--url"])
def test_text_option_that_is_not_utf8_is_a_one_line_error(tmp_path, option):
    # `--title $'Caf\xe9'` from a Latin-1 terminal: the argument's bytes are not UTF-8.
    value = b"Caf\xe9" if option == "--title" else b"https://example.com/caf\xe9"
    for extra in ([], ["--format", "json"], ["--out", str(tmp_path / "r.txt")]):
        out = run(["score", str(EXAMPLES / "wire-report.txt"), option, value, *extra])
        one_line_error(out, f"{option} is not valid UTF-8 (byte 0xe9 at offset ")
        assert out.stdout == b""
    assert not (tmp_path / "r.txt").exists()


def test_output_file_name_may_be_any_bytes(tmp_path):
    target = os.fsencode(tmp_path) + b"/r\xe9port.json"
    out = run(["score", str(EXAMPLES / "wire-report.txt"), "--format", "json", "--out", target])
    assert out.returncode == 0, out.stderr
    with open(target, "rb") as written:
        assert json.loads(written.read())["label"] == "high"


def test_out_through_a_symlink_writes_its_target_and_keeps_the_link(tmp_path):
    target, link = tmp_path / "target.json", tmp_path / "link.json"
    link.symlink_to(target.name)  # dangling: the target is made, as `>` would
    for _ in range(2):  # then replaced, still through the link
        assert main(["score", str(EXAMPLES / "wire-report.txt"), "--format", "json", "--out", str(link)]) == 0
        assert link.is_symlink() and os.readlink(link) == "target.json"
        assert json.loads(target.read_text())["label"] == "high"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "target.json"]


def test_out_keeps_the_permissions_of_the_file_it_replaces(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("old")
    target.chmod(0o600)
    assert main(["score", str(EXAMPLES / "wire-report.txt"), "--format", "json", "--out", str(target)]) == 0
    assert json.loads(target.read_text())["label"] == "high"
    assert target.stat().st_mode & 0o777 == 0o600


def test_out_to_a_fifo_writes_into_it_instead_of_replacing_it(tmp_path):
    import stat

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader, so that writing does not wait
    try:
        assert main(["score", str(EXAMPLES / "wire-report.txt"), "--format", "json", "--out", str(fifo)]) == 0
        received = b""
        while chunk := os.read(reader, 65536):
            received += chunk
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert json.loads(received)["label"] == "high"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo"]


def unwritable_outputs(tmp_path):
    (tmp_path / "file").write_text("x")
    places = [(str(tmp_path / "file" / "out.json"), "is not a folder")]
    if os.path.isdir("/proc/self"):
        places.append(("/proc/credlib-test-out.json", "cannot write /proc/credlib-test-out.json"))
    if os.geteuid() != 0:  # root may write anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o555)
        places.append((str(locked / "out.json"), "Permission denied"))
    return places


@pytest.mark.parametrize("command", [
    ["score", str(EXAMPLES / "wire-report.txt")],
    ["signals", "--format", "json"],
    ["fixtures"],
    ["eval", "headlines", "--data", "/no/such/data"],  # the output is checked before the data
    ["batch", "/no/such/in.jsonl"],  # the output is checked before the input is read
])
def test_unwritable_out_is_a_one_line_error_before_any_work(tmp_path, command):
    for place, message in unwritable_outputs(tmp_path):
        out = run([*command, "--out", place])
        one_line_error(out, message)
        assert out.stdout == b""


def test_batch_into_a_writable_looking_destination_that_fails_at_the_end(tmp_path):
    import socket

    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"text": "Sources say the plan is a sham."}) + "\n")
    place = tmp_path / "s"  # a socket: it passes the early check, and cannot be opened to write
    with socket.socket(socket.AF_UNIX) as sock:
        try:
            sock.bind(str(place))
        except OSError:
            pytest.skip("cannot make a Unix socket here")
        out = run(["batch", str(source), "--out", str(place)])
    one_line_error(out, f"cannot write {place}: ")


def test_eval_plots_into_an_unusable_folder_is_a_one_line_error(tmp_path):
    pytest.importorskip("matplotlib")
    (tmp_path / "file").write_text("x")
    for place, message in [(tmp_path / "file", "not a folder"),
                           (tmp_path / "file" / "charts", f"{tmp_path / 'file'} is not a folder"),
                           (tmp_path / "no" / "charts", f"folder {tmp_path / 'no'} does not exist")]:
        # checked before the data is looked at: the data folder here does not exist
        one_line_error(run(["eval", "headlines", "--data", str(tmp_path / "missing"), "--plots", str(place)]),
                       f"--plots {place}: {message}")


def test_standard_output_that_cannot_be_written_is_a_one_line_error(tmp_path):
    article = str(EXAMPLES / "wire-report.txt")
    readonly = tmp_path / "readonly"
    readonly.write_text("")
    with open(readonly, "rb") as stdout:  # writing to it fails (EBADF), as to a full disk
        out = subprocess.run([sys.executable, "-m", "credlib", "score", article], stdout=stdout, stderr=subprocess.PIPE)
    assert out.returncode == 2 and out.stderr.decode().count("\n") == 1, out.stderr
    assert "credlib: error: cannot write to standard output: " in out.stderr.decode()
    # Standard output closed (`credlib score a.txt >&-`)
    out = subprocess.run(["sh", "-c", '"$0" -m credlib score "$1" >&-', sys.executable, article], stderr=subprocess.PIPE)
    assert out.returncode == 2 and out.stderr.decode().count("\n") == 1, out.stderr
    assert "standard output: it is closed" in out.stderr.decode()


def test_a_reader_that_goes_away_ends_the_command_quietly():
    # `credlib score a.txt | head -c1`: no reader left on the pipe.
    proc = subprocess.Popen([sys.executable, "-m", "credlib", "score", str(EXAMPLES / "tabloid.txt")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    with proc.stderr:
        err = proc.stderr.read()
    assert proc.wait() == 0 and err == b""


# -- batch lines --------------------------------------------------------------------------


def test_batch_a_line_that_is_not_utf8_is_an_error_for_that_line_only(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_bytes(b'\xef\xbb\xbf{"id": "a", "text": "Sources say the plan is a sham."}\n'
                       b'{"id": "b", "text": "caf\xe9 plan"}\n'
                       b'{"id": "c", "text": "Officials said the bridge would reopen on Monday."}\n')
    target = tmp_path / "out.jsonl"
    out = run(["batch", str(source), "--out", str(target)])
    assert out.returncode == 1 and "1 of 3 lines could not be scored" in out.stderr.decode()
    results = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in results] == ["a", 2, "c"]
    assert "report" in results[0] and "report" in results[2]
    assert results[1]["error"] == "not valid UTF-8 (byte 0xe9 at offset 24 in the line)"


def strict_json(line):
    """json.loads, refusing the NaN and Infinity that JSON does not have."""
    def refuse(name):
        raise ValueError(f"{name} in output")

    return json.loads(line, parse_constant=refuse)


def test_batch_ids_are_never_nan_or_infinity_and_a_null_id_is_the_line_number(tmp_path):
    source = tmp_path / "in.jsonl"
    text = '"text": "Sources say the plan is a sham."'
    values = ("NaN", "Infinity", "-Infinity", "1e400", "null", "1.5", "1" + "0" * 400)
    source.write_text("".join(f'{{"id": {value}, {text}}}\n' for value in values))
    target = tmp_path / "out.jsonl"
    out = run(["batch", str(source), "--out", str(target)])
    assert out.returncode == 1 and "5 of 7 lines could not be scored" in out.stderr.decode()
    results = [strict_json(line) for line in target.read_text().splitlines()]
    assert [r["id"] for r in results] == [1, 2, 3, 4, 5, 1.5, 7]
    assert results[6]["error"].startswith("not valid JSON for credlib (the number 1000") and "too large" in results[6]["error"]
    assert [r.get("error") for r in results[:3]] == [
        "not valid JSON (NaN is not a JSON value)",
        "not valid JSON (Infinity is not a JSON value)",
        "not valid JSON (-Infinity is not a JSON value)",
    ]
    assert results[3]["error"] == "not valid JSON for credlib (the number 1e400 is too large)"
    assert "report" in results[4] and "report" in results[5]


# -- charsets -----------------------------------------------------------------------------


@pytest.mark.parametrize("charset", ["rot13", "base64", "zlib", "undefined"])
def test_page_declaring_a_codec_that_is_not_a_charset_gets_the_one_line_error(tmp_path, charset):
    page = tmp_path / "p.html"
    data = f'<html><head><meta charset="{charset}"></head><body><p>Caf'.encode() + b"\xe9 owner said so.</p></body></html>"
    page.write_bytes(data)
    out = run(["score", str(page)])
    assert out.returncode == 2 and b"Traceback" not in out.stderr
    assert out.stderr.decode().strip().endswith(f"is not valid UTF-8 (byte 0xe9 at offset {data.index(0xe9)}); save it as UTF-8")


def test_a_closed_standard_input_is_a_one_line_error():
    out = subprocess.run(f"{sys.executable} -m credlib score - <&-", shell=True, capture_output=True)
    assert out.returncode == 2 and b"Traceback" not in out.stderr
    assert out.stderr.decode().strip() == "credlib: error: standard input is closed; give a file"


@pytest.mark.parametrize("charset", ["iso-8859-1", "latin-1", "us-ascii", "ISO_8859-1", "windows-1252"])
def test_page_declaring_latin1_is_read_as_windows_1252_like_browsers_do(tmp_path, charset):
    # Bytes 0x93 and 0x94 are curly quotes in windows-1252 (C1 controls in ISO-8859-1):
    # with them back, the quoted 'catastrophe' is the mayor's word, not the writer's.
    page = (f"<html><head><meta http-equiv='Content-Type' content='text/html; charset={charset}'>"
            "<title>Council meets on budget</title></head><body><article>"
            "<p>The council met on Tuesday to discuss the budget, according to the published agenda, and members "
            "voted on three items after a long debate about roads.</p>"
            "<p>The mayor said: \x93This plan is a catastrophe and the people behind it are liars.\x94</p>"
            "<p>Members voted on three items after a long debate about roads and schools in the district, the "
            "minutes show, and the next meeting is in March.</p><p>Caf\xe9 owners\x81 were not asked.</p>"
            "</article></body></html>").encode("latin-1")
    path = tmp_path / "page.html"
    path.write_bytes(page)
    out = run(["score", str(path), "--format", "json", "--include-text"])
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert "\u201cThis plan is a catastrophe and the people behind it are liars.\u201d" in report["body"]
    assert "Café owners were not asked." in report["body"]  # 0x81, undefined in windows-1252, is no error
    loaded = next(s for s in report["signals"] if s["id"] == "wording.loaded")
    assert [f["text"] for f in loaded["findings"]] == []
