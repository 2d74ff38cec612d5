"""Rate limits shared through Redis (CREDLIB_REDIS_URL), against a real redis-server.

The test starts its own redis-server on a free loopback port, with persistence off.
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


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    server = require_program(REDIS, HOW_TO_INSTALL, "CREDLIB_REQUIRE_REDIS")
    import redis

    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen(
        [server, "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no", "--dir", str(folder)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(host=HOST, port=port)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                assert proc.poll() is None, "redis-server exited at start"
                assert time.monotonic() < deadline, "redis-server did not answer within 20 s"
                time.sleep(0.1)
        yield f"redis://{HOST}:{port}/0"
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
