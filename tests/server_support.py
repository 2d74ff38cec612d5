"""Helpers for the server tests: OpenAPI checks of real responses and a real gunicorn."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from .helpers import ROOT, require

HOST = "127.0.0.1"
OPENAPI_URI = "urn:credlib:openapi"


def openapi_validator(document: dict, schema: dict) -> Draft202012Validator:
    """A validator for ``schema`` whose ``#/components/...`` references resolve in ``document``."""
    registry = Registry().with_resource(OPENAPI_URI, DRAFT202012.create_resource(document))
    if "$ref" in schema:  # "#/components/schemas/X" points into the OpenAPI document
        schema = {"$ref": OPENAPI_URI + schema["$ref"]}
    return Draft202012Validator(schema, registry=registry)


def check_against_openapi(document: dict, path: str, method: str, status: int, content_type: str, body: bytes) -> None:
    """The response is documented (path, method, status, media type) and its body matches the schema."""
    media = content_type.split(";")[0].strip()
    if status in (404, 405):
        responses = document["components"]["responses"]
        described = responses["NotFound" if status == 404 else "MethodNotAllowed"]
    else:
        operation = document["paths"][path][method.lower()]
        assert str(status) in operation["responses"], f"{method} {path} -> {status} is not in the OpenAPI file"
        described = operation["responses"][str(status)]
    assert media in described["content"], f"{method} {path} -> {status} {media} is not in the OpenAPI file"
    schema = described["content"][media]["schema"]
    if media == "application/json":
        data = json.loads(body)
        errors = sorted(openapi_validator(document, schema).iter_errors(data), key=lambda e: list(e.path))
        assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def require_program(program: str | None, how_to_install: str, variable: str) -> str:
    """The program's path; skip the test without it, or fail when ``variable`` is 1 (as in CI)."""
    require(program is not None, how_to_install, variable)
    return program


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def request(port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
            timeout: float = 30) -> tuple[int, dict, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


class LiveServer:
    def __init__(self, port: int, proc: subprocess.Popen, log: Path, tmp: Path):
        self.port, self.proc, self.log, self.tmp = port, proc, log, tmp
        self.url = f"http://{HOST}:{port}"

    def request(self, *args, **kwargs) -> tuple[int, dict, bytes]:
        return request(self.port, *args, **kwargs)

    def log_size(self) -> int:
        return self.log.stat().st_size

    def log_once(self, since: int, *lines: str, timeout: float = 30) -> str:
        """The log written after byte ``since``, once it holds each of ``lines`` (a line
        listed twice must be there twice).  gunicorn writes a request's access-log line
        after it has sent the answer, so a client can have the answer before the line."""
        deadline = time.monotonic() + timeout
        while True:
            with open(self.log, "rb") as handle:
                handle.seek(since)
                text = handle.read().decode("utf-8", "replace")
            if all(text.count(line) >= lines.count(line) for line in lines):
                return text
            assert time.monotonic() < deadline, f"not in the log after {timeout:g} s: {lines}\n{text[-2000:]}"
            time.sleep(0.05)


_LISTENING = re.compile(r"Listening at: http://" + re.escape(HOST) + r":(\d+) ")


@contextmanager
def gunicorn(tmp: Path, **env: str) -> Iterator[LiveServer]:
    """gunicorn as ``make serve`` runs it, on a free loopback port, logging into ``tmp``.

    TMPDIR and HOME point into ``tmp`` too, so a test can look for anything written to disk.
    On exit it sends SIGTERM and checks the server shuts down cleanly (exit status 0).
    """
    log = tmp / "server.log"
    home = tmp / "home"
    home.mkdir(exist_ok=True)
    environ = {k: v for k, v in os.environ.items() if not k.startswith("CREDLIB_")}
    # Port 0: the kernel picks a free port as gunicorn binds (no other process can take it
    # between a check and the bind); gunicorn's log says which.
    environ.update({"CREDLIB_HOST": HOST, "CREDLIB_PORT": "0", "TMPDIR": str(tmp), "HOME": str(home),
                    "CREDLIB_WORKERS": "2", **env})
    gunicorn_bin = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    with open(log, "wb") as out:
        proc = subprocess.Popen([gunicorn_bin, "-c", "server/gunicorn.conf.py"], cwd=ROOT, env=environ,
                                stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while not (listening := _LISTENING.search(log.read_text(errors="replace"))):
            assert proc.poll() is None, "gunicorn exited at start:\n" + log.read_text(errors="replace")
            assert time.monotonic() < deadline, "gunicorn did not listen within 60 s"
            time.sleep(0.05)
        server = LiveServer(int(listening.group(1)), proc, log, tmp)
        while True:
            assert proc.poll() is None, "gunicorn exited at start:\n" + log.read_text(errors="replace")
            try:
                if server.request("GET", "/healthz", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not answer /healthz within 60 s"
            time.sleep(0.2)
        yield server
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=40)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                raise AssertionError("gunicorn did not stop within 40 s of SIGTERM")
    assert proc.returncode == 0, f"gunicorn exited with {proc.returncode}:\n" + log.read_text(errors="replace")
