"""The server as it runs in production: a real gunicorn on a free loopback port.

An end-to-end request, the privacy promises (no article text in the logs or on disk), a
fault test (garbage, truncated bodies, slow clients) after which the server still
answers, and a clean shutdown on SIGTERM (checked when each server stops).
"""

import json
import os
import socket
import threading
import time

import pytest

import credlib

from .helpers import EXAMPLES
from .server_support import HOST, gunicorn

MARKER = "Alderwoman Petronella Quast denied the turnip subsidy"
ARTICLE = (
    f"{MARKER} on Friday, people familiar with the matter said. Analysts believe the decision "
    "was a shameful betrayal of ordinary farmers.\n\nThe council published the figures on its website."
)
JSON = {"Content-Type": "application/json"}


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gunicorn")
    with gunicorn(tmp, CREDLIB_READ_TIMEOUT="2", CREDLIB_RATE_LIMIT="1000 per minute") as server:
        yield server


def test_end_to_end_score_matches_the_library(live):
    text = (EXAMPLES / "tabloid.txt").read_text(encoding="utf-8")
    status, headers, body = live.request("POST", "/v1/score", json.dumps({"text": text}).encode(), JSON)
    assert status == 200
    assert body == credlib.score(text).to_json().encode("utf-8")
    status, _, body = live.request("GET", "/healthz")
    assert status == 200 and json.loads(body)["version"] == credlib.__version__
    status, _, page = live.request("GET", "/")
    assert status == 200 and b'id="article-form"' in page


def test_errors_over_a_real_socket_are_json(live):
    status, _, body = live.request("POST", "/v1/score", b"{not json", JSON)
    assert status == 400 and json.loads(body)["error"]["code"] == "malformed_json"
    status, _, body = live.request("POST", "/v1/score", b"text=hi", {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 415 and json.loads(body)["error"]["code"] == "unsupported_media_type"
    # A 10 MB body is refused from its Content-Length, before it is read.
    with socket.create_connection((HOST, live.port), timeout=20) as conn:
        conn.sendall(b"POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 10485760\r\n\r\n" + b"{" * 1000)
        answer = _read_response(conn)
    assert answer.startswith(b"HTTP/1.1 413") and b'"payload_too_large"' in answer


def _chunked(body: bytes, size: int = 65536) -> bytes:
    return b"".join(b"%x\r\n%s\r\n" % (len(body[i : i + size]), body[i : i + size])
                    for i in range(0, len(body), size)) + b"0\r\n\r\n"


@pytest.mark.parametrize("padding, status", [(100, b"200"), (2 * 1024 * 1024 + 100, b"413")])
def test_a_chunked_body_over_the_limit_is_refused_not_cut_short(live, padding, status):
    # No Content-Length: the size is known only while reading. Valid JSON padded with
    # white space past the 2 MB limit must be a 413, not the JSON read up to the limit.
    body = json.dumps({"text": ARTICLE}).encode() + b" " * padding
    with socket.create_connection((HOST, live.port), timeout=20) as conn:
        conn.sendall(b"POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + _chunked(body))
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 " + status), answer[:200]
    if status == b"413":
        assert b'"payload_too_large"' in answer


def test_article_text_is_never_logged_or_written_to_disk(live):
    payload = json.dumps({"text": ARTICLE, "title": MARKER}).encode()
    assert live.request("POST", "/v1/score", payload, JSON)[0] == 200
    assert live.request("POST", "/v1/score?q=" + MARKER.replace(" ", "+"), payload, JSON)[0] == 200
    assert live.request("POST", "/v1/score", payload[:-20], JSON)[0] == 400
    # A 1.3 MB multipart upload is refused without being parsed (parsing would spool it to a file).
    upload = (b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.html\"\r\n\r\n"
              + (MARKER.encode() + b" ") * 25_000 + b"\r\n--b--\r\n")
    assert live.request("POST", "/v1/score", upload, {"Content-Type": "multipart/form-data; boundary=b"})[0] == 415
    time.sleep(0.5)  # let the access log line reach the file
    log = live.log.read_text(errors="replace")
    assert '"POST /v1/score HTTP/1.1" 200' in log
    assert "Quast" not in log and "turnip" not in log
    for folder, _, files in os.walk(live.tmp):
        for name in files:
            path = os.path.join(folder, name)
            with open(path, "rb") as handle:
                assert b"turnip subsidy" not in handle.read(), f"article text written to {path}"


def _read_response(conn: socket.socket) -> bytes:
    data = b""
    try:
        while chunk := conn.recv(65536):
            data += chunk
            if b"\r\n\r\n" in data and b'"}}' in data:
                break
    except (ConnectionResetError, TimeoutError):
        pass
    return data


def _score_works(live) -> bool:
    status, _, body = live.request("POST", "/v1/score", json.dumps({"text": ARTICLE}).encode(), JSON, timeout=30)
    return status == 200 and json.loads(body)["label"] in ("high", "mixed", "low")


def test_the_server_survives_garbage_truncated_bodies_and_slow_clients(live):
    # Garbage: random bytes, a non-HTTP line, a huge header line, and a broken chunked body.
    garbage = [
        bytes(range(256)) * 8,
        b"HELLO THERE\r\n\r\n",
        b"GET /" + b"a" * 20_000 + b" HTTP/1.1\r\n\r\n",
        b"POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"zz\r\n{\r\n0\r\n\r\n",
        b"POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
    ]
    for data in garbage:
        with socket.create_connection((HOST, live.port), timeout=10) as conn:
            conn.sendall(data)
            answer = _read_response(conn)
            assert not answer or answer.startswith(b"HTTP/1.1 4"), answer[:80]
    # Truncated bodies: fewer bytes than Content-Length, then the client hangs up.
    for _ in range(5):
        with socket.create_connection((HOST, live.port), timeout=10) as conn:
            conn.sendall(b"POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Content-Length: 5000\r\n\r\n" + json.dumps({"text": ARTICLE}).encode()[:100])
    # Slow clients: some stop mid-headers, some mid-body, some never send anything.
    slow = []
    for i in range(6):
        conn = socket.create_connection((HOST, live.port), timeout=20)
        if i % 3 == 0:
            conn.sendall(b"POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Ty")
        elif i % 3 == 1:
            conn.sendall(b"POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Content-Length: 1000\r\n\r\n{\"text\": \"Officials")
        slow.append(conn)
    try:
        # While they hang on, the server still answers other clients ...
        results = []
        workers = [threading.Thread(target=lambda: results.append(_score_works(live))) for _ in range(4)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        assert results == [True] * 4
        # ... and a client stalled mid-body is told so once the read timeout (2 s here) passes.
        answer = _read_response(slow[1])
        assert answer.startswith(b"HTTP/1.1 408") and b'"request_timeout"' in answer
    finally:
        for conn in slow:
            conn.close()
    assert live.request("GET", "/healthz")[0] == 200
    assert _score_works(live)
    log = live.log.read_text(errors="replace")
    assert "WORKER TIMEOUT" not in log and "Worker exiting" not in log


def test_sigterm_lets_a_request_in_flight_finish(tmp_path):
    import signal

    with gunicorn(tmp_path) as server:
        body = json.dumps({"text": ARTICLE}).encode()
        with socket.create_connection((HOST, server.port), timeout=30) as conn:
            conn.sendall(b"POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Content-Length: %d\r\n\r\n" % len(body) + body[:50])
            time.sleep(0.5)  # the worker has the request and waits for the rest of the body
            server.proc.send_signal(signal.SIGTERM)
            time.sleep(0.5)
            conn.sendall(body[50:])
            answer = _read_response(conn)
        assert answer.startswith(b"HTTP/1.1 200")
        assert json.loads(answer.split(b"\r\n\r\n", 1)[1])["schema_version"] == 1
        assert server.proc.wait(timeout=30) == 0
    assert "Shutting down" in server.log.read_text()
