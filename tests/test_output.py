"""Output that always encodes as UTF-8: JSON, text and HTML reports of text with lone
surrogates, and charts that cannot be written."""

import json

import pytest

import credlib
from credlib.cli import main, write_output
from credlib.render import to_html, to_text


def test_to_json_escapes_lone_surrogates_and_reads_back_the_same():
    title, body = "Plan \ud800", "Sources close to the mayor said the \udcff plan was a sham \ud83d. Experts say it failed."
    report = credlib.score(body, title=title, include_text=True)
    for text in (report.to_json(), report.to_json(indent=2)):
        raw = text.encode("utf-8")  # raised UnicodeEncodeError before
        assert b"\\ud800" in raw and b"\\udcff" in raw
        data = json.loads(raw)
        assert data["title"] == title and data["body"] == body
    # Everything else is as json.dumps writes it (and orjson, for text without surrogates).
    expected = json.dumps(report.to_dict(), ensure_ascii=False, separators=(",", ":"))
    assert report.to_json() == expected.replace("\ud800", "\\ud800").replace("\udcff", "\\udcff").replace("\ud83d", "\\ud83d")


def test_a_surrogate_pair_written_as_two_escapes_reads_back_as_its_character():
    report = credlib.score("Sources say the plan is a sham.", title="Plan \ud83d\udd25")
    assert json.loads(report.to_json())["title"] == "Plan \U0001f525"


@pytest.mark.parametrize("render", ["text", "html"])
def test_text_and_html_reports_with_lone_surrogates_are_written_as_utf8(tmp_path, render):
    doc = credlib.build_document("Sources close to the mayor said the \udcff plan was a sham.", title="Plan \ud800")
    report = credlib.score_document(doc)
    content = (to_text if render == "text" else to_html)(report, doc.title, doc.body, doc.page_text)
    target = tmp_path / f"report.{render}"
    write_output(content, str(target))
    written = target.read_bytes().decode("utf-8")  # strict: no surrogate got through
    assert "Plan \ufffd" in written and "said the \ufffd plan" in written


def test_charts_that_cannot_be_written_at_the_end_are_a_one_line_error(tmp_path):
    pytest.importorskip("matplotlib")
    from credlib.plots import PlotError, write_plots

    (tmp_path / "file").write_text("x")
    with pytest.raises(PlotError, match=r"^--plots .*/file/charts: cannot write .*\(Not a directory\)$"):
        write_plots({}, tmp_path / "file" / "charts")


def test_out_failing_at_write_time_is_a_one_line_error_and_leaves_no_temporary_file(tmp_path, monkeypatch, capsys):
    import errno
    import os

    def full(*args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("credlib.cli.os.replace", full)
    target = tmp_path / "r.json"
    example = credlib.__file__.replace("__init__.py", "examples/wire-report.txt")
    assert main(["score", example, "--format", "json", "--out", str(target)]) == 2
    assert capsys.readouterr().err == f"credlib: error: cannot write {target}: No space left on device\n"
    assert list(tmp_path.iterdir()) == []
