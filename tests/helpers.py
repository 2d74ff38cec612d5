"""Shared test helpers: schema validation and span checks for every report."""

import json
import os
from pathlib import Path

import pytest

from jsonschema import Draft202012Validator

import credlib

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "credlib" / "examples"
SCHEMA = json.loads((ROOT / "credlib" / "schema" / "report-v1.schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)


def check_report(report: credlib.Report, doc: credlib.Document | None = None) -> dict:
    """Validate a report against the schema and check every finding's span; return its dict."""
    text = report.to_json()
    # The compact form (written by orjson) is byte for byte what the json module writes.
    assert text == json.dumps(report.to_dict(), ensure_ascii=False, separators=(",", ":"))
    data = json.loads(text)
    errors = sorted(VALIDATOR.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors)
    if doc is not None:
        for signal in data["signals"]:
            for f in signal["findings"]:
                source = doc.text_of(f["field"])
                assert 0 <= f["start"] < f["end"] <= len(source), (signal["id"], f)
                assert source[f["start"] : f["end"]] == f["text"], (signal["id"], f)
    return data


def score_checked(text: str = "", **kwargs) -> tuple[credlib.Report, credlib.Document]:
    config = kwargs.pop("config", None)
    doc = credlib.build_document(text, **kwargs)
    report = credlib.score_document(doc, config)
    check_report(report, doc)
    return report, doc


def texts_of(report: credlib.Report, signal_id: str, entry: str | None = None) -> list[str]:
    return [f.text for f in report.signal(signal_id).findings if entry is None or f.entry == entry]


def require(present: bool, why: str, variable: str) -> None:
    """Skip the test when something it needs is not here (``why`` says what and how to get
    it), or fail when ``variable`` is 1: CI sets the variables, so there a missing browser,
    Redis or data set is a failure, never a quiet skip."""
    if not present:
        if os.environ.get(variable) == "1":
            pytest.fail(f"{why}; {variable}=1 requires it")
        pytest.skip(why)
