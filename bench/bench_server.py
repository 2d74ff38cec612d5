"""Server load: requests per second and latency of a real gunicorn on loopback.

    python bench/bench_server.py [--requests 3000] [--seconds 15] [--concurrency 16] [--client auto|wrk|python]

Starts ``gunicorn -c server/gunicorn.conf.py`` on a free loopback port (one worker per
core, as ``make serve`` does; the rate limit raised so the load is not refused), then
loads it from ``--concurrency`` keep-alive connections in two runs: distinct ~1,500-word
articles (every one a cache miss) and repeats of a few already-scored articles (cache
hits).  The load generator is wrk when it is installed (``apt-get install wrk``; C and
event-driven, it leaves the two cores to the server; a run lasts ``--seconds``), else
Python client threads sending ``--requests`` requests.  Prints req/s, p50, p99 and the
count of non-2xx answers; asserts nothing.  Traffic stays on 127.0.0.1 and stops by itself.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
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


# The wrk load script: each thread sends its share of the requests, cycling through the
# bodies (one JSON document per line) from its own offset, then stops; the main thread
# prints the totals and latency percentiles as JSON.
WRK_SCRIPT = """
local bodies = {}
for line in io.lines(os.getenv("CREDLIB_BENCH_BODIES")) do bodies[#bodies + 1] = line end
local threads = {}
function setup(thread)
  thread:set("offset", #threads * math.floor(#bodies / 2))
  table.insert(threads, thread)
end
local sent = 0
function request()
  sent = sent + 1
  local body = bodies[((offset + sent - 1) % #bodies) + 1]
  return wrk.format("POST", "/v1/score", {["Content-Type"] = "application/json"}, body)
end
function done(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "p50_us": %d, "p99_us": %d, "non_2xx": %d, "errors": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99),
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def load_wrk(port: int, bodies: list[bytes], seconds: float, concurrency: int) -> dict:
    """A run of ``seconds`` with wrk (C, event-driven): the load generator takes far less
    of the two cores than Python client threads, so the figures describe the server.
    Two wrk threads cycle through the bodies from opposite ends of the list."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        body_file = Path(folder) / "bodies.jsonl"
        body_file.write_bytes(b"\n".join(bodies) + b"\n")
        script = Path(folder) / "load.lua"
        script.write_text(WRK_SCRIPT, encoding="utf-8")
        env = {**os.environ, "CREDLIB_BENCH_BODIES": str(body_file)}
        cpu = os.times()
        run = subprocess.run(["wrk", "-t2", f"-c{concurrency}", f"-d{seconds:g}s", "--timeout", "30s",
                              "-s", str(script), f"http://{HOST}:{port}/"],
                             capture_output=True, text=True, env=env, check=True)
        used = os.times()
    r = json.loads(next(line for line in run.stdout.splitlines() if line.startswith("{")))
    client_cpu = (used.children_user + used.children_system) - (cpu.children_user + cpu.children_system)
    return {
        "requests": r["requests"],
        "seconds": r["seconds"],
        "rps": r["requests"] / r["seconds"],
        "p50": r["p50_us"] / 1000,
        "p99": r["p99_us"] / 1000,
        "non_2xx": r["non_2xx"] + r["errors"],
        "5xx": None,  # wrk counts non-2xx answers; any would show there
        "connection_errors": r["errors"],
        "client_cpu_ms": client_cpu * 1000 / max(r["requests"], 1),
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
    server_errors = "" if r["5xx"] is None else f" (5xx {r['5xx']})"
    print(f"{name:<22} {r['requests']:>5} requests in {r['seconds']:5.1f} s   {r['rps']:7.1f} req/s   "
          f"p50 {r['p50']:6.1f} ms   p99 {r['p99']:6.1f} ms   non-2xx {r['non_2xx']}{server_errors}   ({target})")
    print(f"{'':<22} load generator used {r['client_cpu_ms']:.2f} ms of CPU per request on the same cores")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--words", type=int, default=1500)
    parser.add_argument("--repeated", type=int, default=20, help="distinct articles in the cached run")
    parser.add_argument("--client", choices=("auto", "wrk", "python"), default="auto",
                        help="load generator: wrk when installed (auto), or Python threads")
    parser.add_argument("--seconds", type=float, default=15.0,
                        help="length of the distinct-article run with wrk (the cached run takes a third)")
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
              f"{os.cpu_count()} cores would give about {1000 * (os.cpu_count() or 1) / library_ms:.0f} req/s if they added up "
              "(on this machine they do not: docs/deploy.md)")
        use_wrk = args.client == "wrk" or (args.client == "auto" and shutil.which("wrk"))
        if use_wrk:
            print(f"load generator: wrk, {args.seconds:g} s per run (about {args.requests} requests at 200 req/s)")
            distinct_run = load_wrk(port, distinct, args.seconds, args.concurrency)
        else:
            print("load generator: Python threads (install wrk for figures less disturbed by the client: apt-get install wrk)")
            distinct_run = load(port, distinct, args.requests, args.concurrency)
        show("distinct articles", distinct_run, "target >= 150 req/s, p99 <= 100 ms, zero 5xx")
        load(port, repeated, len(repeated), 1)  # now every repeated article is in each worker's cache?
        cached_run = (load_wrk(port, repeated, args.seconds / 3, args.concurrency) if use_wrk
                      else load(port, repeated, args.requests, args.concurrency))
        show("cached repeats", cached_run, "target >= 1,000 req/s")
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
