"""Rate limits shared through Redis (CREDLIB_REDIS_URL), against a real redis-server.

The test starts its own redis-server, with persistence off, twice: on a free loopback
port (redis://) and on a Unix socket in a temporary folder (redis+unix://).
Without redis-server installed it is skipped (CI installs it and sets
CREDLIB_REQUIRE_REDIS=1, which turns the skip into a failure).
"""

import json
import shutil
import subprocess
import time

import pytest

from .server_support import HOST, free_port, require_program

REDIS = shutil.which("redis-server")
HOW_TO_INSTALL = "redis-server is not installed (Debian: apt-get install -y redis-server)"


def start_redis(server: str, folder, transport: str):
    """A redis-server without persistence, on a free loopback port or a socket in ``folder``;
    (process, client, URL for CREDLIB_REDIS_URL).  A port another program takes between
    free_port() and redis-server's bind makes it exit; then another port is tried."""
    import redis

    for _ in range(5):
        if transport == "unix":
            socket_path = folder / "redis.sock"
            listen = ["--port", "0", "--unixsocket", str(socket_path), "--unixsocketperm", "700"]
            client, url = redis.Redis(unix_socket_path=str(socket_path)), f"redis+unix://{socket_path}"
        else:
            port = free_port()
            listen = ["--port", str(port), "--bind", HOST]
            client, url = redis.Redis(host=HOST, port=port), f"redis://{HOST}:{port}/0"
        proc = subprocess.Popen(
            [server, *listen, "--save", "", "--appendonly", "no", "--dir", str(folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while proc.poll() is None:
            try:
                client.ping()
                return proc, client, url
            except redis.ConnectionError:
                assert time.monotonic() < deadline, "redis-server did not answer within 20 s"
                time.sleep(0.1)
        client.close()
        if transport == "unix":
            break  # a socket in our own folder is not taken by anyone else
    pytest.fail(f"redis-server exited at start (exit code {proc.returncode})")


@pytest.fixture(scope="module", params=["tcp", "unix"])
def redis_url(request, tmp_path_factory):
    server = require_program(REDIS, HOW_TO_INSTALL, "CREDLIB_REQUIRE_REDIS")
    proc, client, url = start_redis(server, tmp_path_factory.mktemp("redis"), request.param)
    try:
        yield url
    finally:
        client.close()
        proc.terminate()
        proc.wait(timeout=20)


def test_workers_share_one_rate_limit_through_redis(make_app, redis_url):
    # Two applications stand for two workers (or two machines) behind a load balancer.
    # An hour's limit: no window boundary (which would discount the earlier requests) falls inside.
    first = make_app(redis_url=redis_url, rate_limit="3 per hour").test_client()
    second = make_app(redis_url=redis_url, rate_limit="3 per hour").test_client()
    body = json.dumps({"text": "The council approved the plan on Monday, officials said."})
    statuses = [c.post("/v1/score", data=body, content_type="application/json").status_code
                for c in (first, second, first, second)]
    assert statuses == [200, 200, 200, 429]
    limited = second.post("/v1/score", data=body, content_type="application/json")
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) > 0
    assert limited.get_json()["error"]["code"] == "rate_limited"
    # Memory storage, by contrast, counts per application.
    alone = make_app(rate_limit="3 per minute").test_client()
    assert alone.post("/v1/score", data=body, content_type="application/json").status_code == 200
