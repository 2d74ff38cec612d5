"""Online verification (Wikidata), against a stand-in API on loopback that these tests
start: off by default, polite, cached on disk, and failures keep the offline verdict."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

import credlib
from credlib import cli, wikidata

from .helpers import score_checked

BODY = ('"Growth will slow," said Jane Moreau, a professor of economics at Georgetown University. '
        "The committee met in the town hall on a quiet evening and went through its agenda.")
ONLINE = credlib.Config(online=True)

# What the stand-in knows: Jane Moreau (Q101) works at Georgetown University (Q102).
ENTITIES = {
    "Q101": {"claims": {"P108": [{"mainsnak": {"datavalue": {"value": {"id": "Q102"}}}}]},
             "descriptions": {"en": {"value": "American economist"}}},
    "Q102": {"labels": {"en": {"value": "Georgetown University"}}},
}
SEARCH = {"jane moreau": [{"id": "Q101", "label": "Jane Moreau", "description": "American economist"}]}


class StandIn:
    """A loopback HTTP server that answers like the Wikidata API (or fails on request)."""

    def __init__(self):
        self.requests: list[tuple[float, dict, dict]] = []
        self.mode = "ok"  # "ok" | "slow" | "error" | "garbage"
        self.closing = threading.Event()  # a "slow" answer waits for this: it never comes in time
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                query = {k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()}
                stand_in.requests.append((time.monotonic(), query, dict(self.headers)))
                if stand_in.mode == "slow":
                    stand_in.closing.wait(30)
                if stand_in.mode == "error":
                    return self._send(503, b'{"error": "overloaded"}')
                if stand_in.mode == "garbage":
                    return self._send(200, b"<html>not json</html>")
                if query.get("action") == "wbsearchentities":
                    answer = {"search": SEARCH.get(query.get("search", "").lower(), [])}
                else:
                    ids = query.get("ids", "").split("|")
                    answer = {"entities": {i: ENTITIES.get(i, {}) for i in ids}}
                return self._send(200, json.dumps(answer).encode())

            def _send(self, status, body):
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/w/api.php"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.closing.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def stand_in(monkeypatch, tmp_path):
    server = StandIn()
    monkeypatch.setenv("CREDLIB_WIKIDATA_API", server.url)
    monkeypatch.setenv("CREDLIB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CREDLIB_ONLINE_TIMEOUT", "10")  # far above any pause of a loaded machine
    monkeypatch.setenv("CREDLIB_ONLINE_INTERVAL", "0.2")
    wikidata._client.cache_clear()
    yield server
    server.close()
    wikidata._client.cache_clear()


def moreau(report):
    return next(f for f in report.signal("people.unverifiable").findings if f.extra["person"] == "Jane Moreau")


def test_online_is_off_by_default(stand_in):
    report, _ = score_checked(BODY, title="Growth")
    assert moreau(report).extra["verdict"] == "unverified"
    assert stand_in.requests == []


def test_a_match_on_wikidata_verifies_the_person(stand_in):
    report, _ = score_checked(BODY, title="Growth", config=ONLINE)
    finding = moreau(report)
    assert finding.extra["verdict"] == "verified" and finding.entry == "verified"
    assert "Q101" in finding.message and "Georgetown University" in finding.message
    assert finding.extra["online"] == "Confirmed online (Wikidata)."
    headers = stand_in.requests[0][2]
    assert headers["User-Agent"].startswith("credlib/")
    assert [q["action"] for _, q, _ in stand_in.requests] == ["wbsearchentities", "wbgetentities", "wbgetentities"]


def test_answers_are_cached_on_disk_and_reused(stand_in):
    score_checked(BODY, title="Growth", config=ONLINE)
    asked = len(stand_in.requests)
    wikidata._client.cache_clear()  # a new client (as in a new process) reads the same cache
    report, _ = score_checked(BODY, title="Growth", config=ONLINE)
    assert len(stand_in.requests) == asked
    assert moreau(report).extra["verdict"] == "verified"


def test_requests_are_spaced_by_the_polite_interval(stand_in):
    score_checked(BODY, title="Growth", config=ONLINE)
    times = [t for t, _, _ in stand_in.requests]
    assert len(times) == 3
    assert all(b - a >= 0.19 for a, b in zip(times, times[1:]))


def test_an_unknown_name_keeps_the_offline_verdict_with_a_note(stand_in):
    body = BODY.replace("Jane Moreau", "Ines Halloran")
    report, _ = score_checked(body, title="Growth", config=ONLINE)
    finding = report.signal("people.unverifiable").findings[0]
    assert finding.extra["verdict"] == "unverified"
    assert finding.extra["online"] == "Wikidata has no entry named Ines Halloran."


@pytest.mark.parametrize(
    "mode,note",
    [
        ("slow", "Online check failed (Wikidata did not answer within 0.5 s); offline verdict kept."),
        ("error", "Online check failed (Wikidata answered HTTP 503); offline verdict kept."),
        ("garbage", "Online check failed (Wikidata's answer was not valid JSON); offline verdict kept."),
    ],
)
def test_failures_degrade_to_the_offline_verdict(stand_in, monkeypatch, mode, note):
    monkeypatch.setenv("CREDLIB_ONLINE_TIMEOUT", "0.5")
    wikidata._client.cache_clear()
    stand_in.mode = mode
    report, _ = score_checked(BODY, title="Growth", config=ONLINE)
    finding = moreau(report)
    assert finding.extra["verdict"] == "unverified"
    assert finding.extra["online"] == note
    assert len(stand_in.requests) == 1  # one failure stops the lookups for the article


def test_cli_score_online_flag(stand_in, tmp_path, capsys):
    path = tmp_path / "article.txt"
    path.write_text("Growth slows\n\n" + BODY, encoding="utf-8")
    assert cli.main(["score", str(path), "--format", "json", "--online"]) == 0
    report = json.loads(capsys.readouterr().out)
    signal = next(s for s in report["signals"] if s["id"] == "people.unverifiable")
    assert signal["findings"][0]["verdict"] == "verified"
    assert cli.main(["score", str(path), "--format", "json"]) == 0
    signal = next(s for s in json.loads(capsys.readouterr().out)["signals"] if s["id"] == "people.unverifiable")
    assert signal["findings"][0]["verdict"] == "unverified"


@pytest.mark.parametrize("fmt", ["text", "html"])
def test_a_failed_look_up_is_shown_in_the_text_and_html_reports(stand_in, tmp_path, capsys, fmt):
    stand_in.mode = "error"
    path = tmp_path / "article.txt"
    path.write_text("Growth slows\n\n" + BODY, encoding="utf-8")
    assert cli.main(["score", str(path), "--format", fmt, "--online"]) == 0
    assert "online: Online check failed (Wikidata answered HTTP 503); offline verdict kept." in capsys.readouterr().out


def test_an_answer_of_the_wrong_shape_keeps_the_offline_verdict(stand_in, monkeypatch):
    monkeypatch.setitem(ENTITIES, "Q101", {"claims": ["P108 is not a table"]})
    monkeypatch.setitem(SEARCH, "jane moreau", [{"id": "Q101", "label": "Jane Moreau", "description": 7}])
    report, _ = score_checked(BODY, title="Growth", config=ONLINE)
    finding = moreau(report)
    assert finding.extra["verdict"] == "unverified"
    assert finding.extra["online"] == "Online check failed (Wikidata's answer was not what was asked for); offline verdict kept."


def test_the_server_setting_switches_online_verification_on(make_app, stand_in):
    def verdict(app) -> str:
        report = app.test_client().post("/v1/score", json={"text": BODY, "title": "Growth"}).get_json()
        signal = next(s for s in report["signals"] if s["id"] == "people.unverifiable")
        return signal["findings"][0]["verdict"]

    assert verdict(make_app()) == "unverified"
    assert stand_in.requests == []
    assert verdict(make_app(online=True)) == "verified"
    assert len(stand_in.requests) == 3


def test_the_server_does_not_serve_a_failed_online_check_again(make_app, stand_in):
    client = make_app(online=True).test_client()

    def moreau_online() -> dict:
        report = client.post("/v1/score", json={"text": BODY, "title": "Growth"}).get_json()
        signal = next(s for s in report["signals"] if s["id"] == "people.unverifiable")
        return next(f for f in signal["findings"] if f["person"] == "Jane Moreau")

    stand_in.mode = "error"
    failed = moreau_online()
    assert failed["verdict"] == "unverified" and failed["online"].startswith("Online check failed")
    stand_in.mode = "ok"  # Wikidata answers again: the same request is checked again
    assert moreau_online()["verdict"] == "verified"
