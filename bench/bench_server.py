"""Server load: requests per second and latency of a real gunicorn on loopback.

    python bench/bench_server.py [--requests 3000] [--concurrency 16] [--words 1500]

Starts ``gunicorn -c server/gunicorn.conf.py`` on a free loopback port (one worker per
core, as ``make serve`` does; the rate limit raised so the load is not refused), then
sends a bounded number of requests from ``--concurrency`` client threads with keep-alive
connections, in two runs: distinct ~1,500-word articles (every one a cache miss) and
repeats of a few already-scored articles (cache hits).  Prints req/s, p50, p99 and the
count of non-2xx answers; asserts nothing.  Traffic stays on 127.0.0.1 and stops by itself.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from articles import article  # noqa: E402

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(port: int, extra_env: dict[str, str]) -> subprocess.Popen:
    env = {**os.environ, "CREDLIB_HOST": HOST, "CREDLIB_PORT": str(port),
           "CREDLIB_RATE_LIMIT": "100000000 per minute", **extra_env}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    proc = subprocess.Popen([str(gunicorn), "-c", "server/gunicorn.conf.py"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start within 60 seconds")


def load(port: int, bodies: list[bytes], total: int, concurrency: int) -> dict:
    """Send ``total`` requests (bodies[i % len]) from ``concurrency`` threads; latencies in ms."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    errors = [0]
    counter = iter(range(total))
    lock = threading.Lock()

    def client() -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        headers = {"Content-Type": "application/json"}
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            start = time.perf_counter()
            try:
                conn.request("POST", "/v1/score", body=bodies[i % len(bodies)], headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=30)
                with lock:
                    errors[0] += 1
                continue
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    cpu = time.process_time()
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    duration = time.perf_counter() - started
    client_cpu = time.process_time() - cpu
    latencies.sort()
    return {
        "requests": total,
        "seconds": duration,
        "rps": len(latencies) / duration,
        "p50": statistics.median(latencies),
        "p99": latencies[max(0, int(len(latencies) * 0.99) - 1)],
        "non_2xx": sum(n for s, n in statuses.items() if not 200 <= s < 300) + errors[0],
        "5xx": sum(n for s, n in statuses.items() if s >= 500),
        "connection_errors": errors[0],
        "client_cpu_ms": client_cpu * 1000 / max(len(latencies), 1),
    }


def library_baseline(payloads: list[dict]) -> float:
    """Median ms of credlib.score(...).to_json() in this process: how fast the machine is right now."""
    import credlib

    for p in payloads[:10]:
        credlib.score(p["text"], title=p["title"]).to_json()
    times = []
    for p in payloads[10:]:
        start = time.perf_counter()
        credlib.score(p["text"], title=p["title"]).to_json()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def show(name: str, r: dict, target: str) -> None:
    print(f"{name:<22} {r['requests']:>5} requests in {r['seconds']:5.1f} s   {r['rps']:7.1f} req/s   "
          f"p50 {r['p50']:6.1f} ms   p99 {r['p99']:6.1f} ms   non-2xx {r['non_2xx']} (5xx {r['5xx']})   ({target})")
    print(f"{'':<22} load generator used {r['client_cpu_ms']:.2f} ms of CPU per request on the same cores")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--words", type=int, default=1500)
    parser.add_argument("--repeated", type=int, default=20, help="distinct articles in the cached run")
    args = parser.parse_args()

    def body(seed: int) -> bytes:
        title, text = article(seed, args.words)
        return json.dumps({"title": title, "text": text}).encode("utf-8")

    distinct = [body(seed) for seed in range(1000, 1000 + args.requests)]
    repeated = [body(seed) for seed in range(args.repeated)]
    words = statistics.mean(len(json.loads(b)["text"].split()) for b in distinct[:50])
    library_ms = library_baseline([json.loads(b) for b in distinct[:60]])
    port = free_port()
    server = start_server(port, {})
    try:
        load(port, [body(seed) for seed in range(100, 100 + 4 * args.concurrency)], 4 * args.concurrency,
             args.concurrency)  # warm-up: every worker thread has run once
        print(f"gunicorn on {HOST}:{port}, {os.cpu_count()} cores, {args.concurrency} concurrent keep-alive clients, "
              f"articles of {words:.0f} words on average")
        print(f"library alone on this machine now: {library_ms:.1f} ms per distinct article (score + to_json, one core); "
              f"the ceiling for {os.cpu_count()} cores is about {1000 * (os.cpu_count() or 1) / library_ms:.0f} req/s")
        show("distinct articles", load(port, distinct, args.requests, args.concurrency),
             "target >= 150 req/s, p99 <= 100 ms, zero 5xx")
        load(port, repeated, len(repeated), 1)  # now every repeated article is in each worker's cache?
        show("cached repeats", load(port, repeated, args.requests, args.concurrency), "target >= 1,000 req/s")
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
