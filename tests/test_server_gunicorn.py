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
    # Timeouts far above any pause of a loaded machine: a test here fails only on what it checks.
    tmp = tmp_path_factory.mktemp("gunicorn")
    settings = {"CREDLIB_READ_TIMEOUT": "30", "CREDLIB_BODY_TIMEOUT": "60", "CREDLIB_RATE_LIMIT": "1000 per minute"}
    with gunicorn(tmp, **settings) as server:
        yield server


@pytest.fixture(scope="module")
def impatient(tmp_path_factory):
    """A server with short timeouts, for the tests of what they cut off."""
    tmp = tmp_path_factory.mktemp("gunicorn-impatient")
    settings = {"CREDLIB_READ_TIMEOUT": "2", "CREDLIB_BODY_TIMEOUT": "4", "CREDLIB_RATE_LIMIT": "1000 per minute"}
    with gunicorn(tmp, **settings) as server:
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
    since = live.log_size()
    payload = json.dumps({"text": ARTICLE, "title": MARKER}).encode()
    assert live.request("POST", "/v1/score", payload, JSON)[0] == 200
    assert live.request("POST", "/v1/score?q=" + MARKER.replace(" ", "+"), payload, JSON)[0] == 200
    assert live.request("POST", "/v1/score", payload[:-20], JSON)[0] == 400
    # A 1.3 MB multipart upload is refused without being parsed (parsing would spool it to a file).
    upload = (b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.html\"\r\n\r\n"
              + (MARKER.encode() + b" ") * 25_000 + b"\r\n--b--\r\n")
    assert live.request("POST", "/v1/score", upload, {"Content-Type": "multipart/form-data; boundary=b"})[0] == 415
    ok, bad, refused = ('"POST /v1/score HTTP/1.1" %d' % status for status in (200, 400, 415))
    live.log_once(since, ok, ok, bad, refused)  # every request's line is written
    log = live.log.read_text(errors="replace")
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


def test_the_server_survives_garbage_truncated_bodies_and_slow_clients(impatient):
    live = impatient
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


def _read_one_response(conn: socket.socket) -> bytes:
    """One response with a Content-Length, leaving the connection open."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        assert chunk, f"the connection closed before a whole response: {data[:200]!r}"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    length = int(next(line.split(b":")[1] for line in lines if line.lower().startswith(b"content-length:")))
    while len(body) < length:
        chunk = conn.recv(65536)
        assert chunk, f"the connection closed before a whole response: {data[:200]!r}"
        body += chunk
    return head + b"\r\n\r\n" + body


def _read_to_the_end(conn: socket.socket) -> bytes:
    data = b""
    try:
        while chunk := conn.recv(65536):
            data += chunk
    except ConnectionResetError:
        pass
    return data


def test_a_too_short_content_length_closes_the_connection_and_logs_no_article_text(live):
    # A client that counts characters instead of bytes: the last bytes of the body (article
    # text) are left over after what Content-Length announced.
    words = "Quast-turnip-subsidy-" * 60
    body = json.dumps({"text": "\u5e02\u8bae\u4f1a\u5468\u4e8c\u8868\u793a\u3002" * 60 + words}, ensure_ascii=False)
    assert len(body.encode()) - len(body) > 500  # all of it in the marker words
    since = live.log_size()
    with socket.create_connection((HOST, live.port), timeout=20) as conn:
        conn.sendall(b"POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Connection: keep-alive\r\nContent-Length: %d\r\n\r\n" % len(body) + body.encode())
        first = _read_one_response(conn)
        assert first.startswith(b"HTTP/1.1 400") and b'"malformed_json"' in first
        assert b"\r\nConnection: close\r\n" in first
        try:
            conn.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        except OSError:
            pass  # closed already
        # The connection is closed: the next request is not answered on it (with gunicorn's
        # HTML error for a request line made of article text).
        assert _read_to_the_end(conn) == b""
    assert live.request("GET", "/healthz")[0] == 200
    live.log_once(since, '"POST /v1/score HTTP/1.1" 400', '"GET /healthz HTTP/1.1" 200')
    log = live.log.read_text(errors="replace")
    assert "Quast" not in log and "turnip" not in log


@pytest.mark.parametrize("path, content_type, status", [
    (b"/v1/score", b"multipart/form-data; boundary=b", b"415"),  # refused by its Content-Type
    (b"/v1/scores", b"application/json", b"404"),  # no such endpoint
])
def test_a_client_still_sending_a_refused_body_gets_the_answer_not_a_broken_pipe(live, path, content_type, status):
    # The server refuses by the headers alone; a client that sends its whole body before
    # reading (as http.client does) is still sending 1.5 MB, well past what gunicorn
    # drains when it closes a connection.
    body = (MARKER.encode() + b" ") * 28_000
    with socket.create_connection((HOST, live.port), timeout=20) as conn:
        conn.sendall(b"POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n"
                     % (path, content_type, len(body)))
        time.sleep(0.5)  # the server has refused by the headers; the body has not left the client yet
        for start in range(0, len(body), 300_000):
            conn.sendall(body[start:start + 300_000])
            time.sleep(0.1)
        answer = _read_to_the_end(conn)
    assert answer.startswith(b"HTTP/1.1 " + status), answer[:200]
    assert b"\r\nConnection: close\r\n" in answer
    assert live.request("GET", "/healthz")[0] == 200


def test_a_request_gunicorn_cannot_parse_is_logged_without_what_the_client_sent(live):
    garbage = [
        b"Quast-turnip-subsidy / HTTP/1.1\r\nHost: x\r\n\r\n",  # a method made of article text
        b"GET /x HTTP/1.1 Quast turnip\r\nHost: x\r\n\r\n",  # a request line
        b"GET / HTTP/1.1\r\nQuast turnip: subsidy\r\n\r\n",  # a header name
    ]
    for data in garbage:
        with socket.create_connection((HOST, live.port), timeout=10) as conn:
            conn.sendall(data)
            assert _read_to_the_end(conn).startswith(b"HTTP/1.1 400")
    time.sleep(0.5)  # let the log lines reach the file
    log = live.log.read_text(errors="replace")
    assert "Invalid request from ip=127.0.0.1: Invalid HTTP method\n" in log
    assert "Quast" not in log and "turnip" not in log


def test_a_body_trickling_in_is_cut_off_at_the_whole_body_deadline(impatient):
    live = impatient
    # A byte every tenth of a second, far under the 2-second read timeout: each wait is
    # short, but the whole body (4 seconds allowed here) would take a minute.
    body = json.dumps({"text": ARTICLE}).encode().ljust(600)
    stop = threading.Event()
    with socket.create_connection((HOST, live.port), timeout=60) as conn:
        conn.sendall(b"POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: %d\r\n\r\n" % len(body))

        def trickle():
            for byte in body:
                if stop.wait(0.1):
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return

        sender = threading.Thread(target=trickle)
        sender.start()
        try:
            answer = _read_response(conn)
        finally:
            stop.set()
            sender.join()
    assert answer.startswith(b"HTTP/1.1 408"), answer[:100]
    assert b'"request_timeout"' in answer and b"within 4 seconds" in answer


@pytest.mark.parametrize("name, value, line", [
    ("CREDLIB_READ_TIMEOUT", "inf", "CREDLIB_READ_TIMEOUT: inf is out of range (expected 0.001 to 86400 seconds)"),
    ("CREDLIB_READ_TIMEOUT", "0.0000001",
     "CREDLIB_READ_TIMEOUT: 1e-07 is out of range (expected 0.001 to 86400 seconds)"),
    ("CREDLIB_HOST", "[::1]", "CREDLIB_HOST: '[::1]' is not an IP address or host name such as 127.0.0.1, ::1 or "
                              "localhost; the port is CREDLIB_PORT (an IPv6 address goes without brackets)"),
    # an address of a documentation network, which no interface of this machine has
    ("CREDLIB_HOST", "203.0.113.7", "cannot listen on 203.0.113.7 port 0: Cannot assign requested address"),
    ("CREDLIB_HOST", "fe80::1%eth0", "CREDLIB_HOST: 'fe80::1%eth0' is not an IP address or host name such as "
                                     "127.0.0.1, ::1 or localhost; the port is CREDLIB_PORT"),
])
def test_a_bad_setting_stops_gunicorn_with_one_line(tmp_path, name, value, line):
    import subprocess
    import sys
    from pathlib import Path

    from .helpers import ROOT

    env = {k: v for k, v in os.environ.items() if not k.startswith("CREDLIB_")}
    env.update({name: value, "CREDLIB_PORT": "0", "HOME": str(tmp_path)})
    gunicorn_bin = Path(sys.executable).parent / "gunicorn"
    done = subprocess.run([str(gunicorn_bin), "-c", "server/gunicorn.conf.py"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    output = (done.stdout + done.stderr).strip()
    assert done.returncode != 0
    assert output == f"credlib server: {line}", output


def test_sigterm_lets_a_request_in_flight_finish(tmp_path):
    import signal

    with gunicorn(tmp_path) as server:
        body = json.dumps({"text": ARTICLE}).encode()
        with socket.create_connection((HOST, server.port), timeout=30) as conn:
            since = server.log_size()
            # "Expect: 100-continue": gunicorn answers "100 Continue" once a worker thread has
            # the request, so the test knows the request is in flight before it sends SIGTERM.
            conn.sendall(b"POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Expect: 100-continue\r\nContent-Length: %d\r\n\r\n" % len(body))
            interim = b""
            while not interim.endswith(b"\r\n\r\n"):
                chunk = conn.recv(1)
                assert chunk, interim
                interim += chunk
            assert interim.startswith(b"HTTP/1.1 100"), interim
            conn.sendall(body[:50])
            server.proc.send_signal(signal.SIGTERM)
            server.log_once(since, "Handling signal: term")
            conn.sendall(body[50:])
            answer = _read_response(conn)
        assert answer.startswith(b"HTTP/1.1 200")
        assert json.loads(answer.split(b"\r\n\r\n", 1)[1])["schema_version"] == 1
        assert server.proc.wait(timeout=30) == 0
    assert "Shutting down" in server.log.read_text()


def test_a_reload_does_not_stop_the_server_over_a_passing_name_lookup_failure(tmp_path):
    # The configuration is read again on SIGHUP; the address was checked at start, and a
    # resolver failing at that moment (simulated in the server's processes) changes nothing.
    import signal

    down = tmp_path / "resolver-down"
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(
        "import os, socket\n"
        "_real = socket.getaddrinfo\n"
        "def _getaddrinfo(host, *args, **kwargs):\n"
        f"    if host == 'localhost' and os.path.exists({str(down)!r}):\n"
        "        raise socket.gaierror(socket.EAI_AGAIN, 'Temporary failure in name resolution')\n"
        "    return _real(host, *args, **kwargs)\n"
        "socket.getaddrinfo = _getaddrinfo\n", encoding="utf-8")
    with gunicorn(tmp_path, CREDLIB_HOST="localhost", CREDLIB_WORKERS="1", PYTHONPATH=str(hooks)) as server:
        since = server.log_size()
        down.touch()
        server.proc.send_signal(signal.SIGHUP)
        server.log_once(since, "Handling signal: hup", "Booting worker")
        down.unlink()
        assert server.proc.poll() is None
        assert server.request("GET", "/healthz")[0] == 200
