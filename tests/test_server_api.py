"""The server's API through the Flask test client: every endpoint and every error."""

import io
import json
import logging
import re

import pytest
from openapi_spec_validator import validate as validate_openapi

import credlib
from server import SettingsError, create_app
from server.cache import ResponseCache
from server.settings import Settings

from .helpers import EXAMPLES
from .server_support import check_against_openapi

MARKER = "Councillor Wenna Brightwater muttered about the marmalade tariff"
ARTICLE = (
    f"{MARKER} on Tuesday, sources close to the harbour board said. Experts say the plan is a disgrace.\n\n"
    "A senior official, speaking on condition of anonymity, said the vote had been rigged."
)


def post(client, body, content_type="application/json", **headers):
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return client.post("/v1/score", data=data, content_type=content_type, headers=headers)


def error_of(response) -> dict:
    assert response.mimetype == "application/json"
    data = response.get_json()
    assert set(data) == {"error"} and set(data["error"]) == {"code", "message"}
    assert "Traceback" not in data["error"]["message"]
    return data["error"]


def documented(openapi, response, path="/v1/score", method="POST"):
    check_against_openapi(openapi, path, method, response.status_code, response.content_type, response.data)


# -- the endpoints -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "payload",
    [
        {"text": ARTICLE},
        {"text": ARTICLE, "title": "Harbour board SLAMS critics!", "include_text": True},
        {"text": ARTICLE, "title": "Harbour vote", "url": "https://news.example.org/harbour"},
        {"html": (EXAMPLES / "tabloid.html").read_text(encoding="utf-8"), "include_text": True},
        {"text": (EXAMPLES / "tabloid.html").read_text(encoding="utf-8")},  # a page given as text
        {"text": (EXAMPLES / "wire-report.txt").read_text(encoding="utf-8"), "title": None, "html": None},
        {"html": (EXAMPLES / "tabloid.html").read_text(encoding="utf-8").replace('href="', 'href="http://[oops', 1),
         "url": "http://[::1/news"},  # malformed addresses: left out, not a 500
    ],
    ids=["text", "title-include-text", "url", "html", "html-as-text", "nulls", "malformed-addresses"],
)
def test_score_answers_the_exact_bytes_of_the_library(client, openapi, payload):
    response = post(client, payload)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    args = {k: v for k, v in payload.items()}
    assert response.data == credlib.score(**args).to_json().encode("utf-8")
    documented(openapi, response)


def test_score_with_include_text_returns_the_passed_body_unchanged(client):
    data = post(client, {"text": ARTICLE, "title": "Harbour vote", "include_text": True}).get_json()
    assert data["body"] == ARTICLE
    anonymous = [f["text"] for s in data["signals"] if s["id"] == "sourcing.anonymous" for f in s["findings"]]
    assert "sources close to the harbour board" in anonymous


def test_score_as_html_is_the_rendered_report_with_marked_evidence(client, openapi):
    response = post(client, {"text": ARTICLE, "title": "Harbour vote"}, Accept="text/html")
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert 'data-signal="sourcing.anonymous"' in page
    assert ">sources close to the harbour board</mark>" in page
    assert 'class="gauge"' in page
    documented(openapi, response)
    # A client that accepts anything gets JSON, the API's default.
    assert post(client, {"text": ARTICLE}, Accept="*/*").mimetype == "application/json"


def test_signals_is_the_library_catalogue(client, openapi):
    response = client.get("/v1/signals")
    assert response.status_code == 200
    assert response.get_json() == credlib.signals()
    documented(openapi, response, "/v1/signals", "GET")


def test_healthz_reports_status_and_version(client, openapi):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "version": credlib.__version__}
    documented(openapi, response, "/healthz", "GET")


def test_openapi_is_a_valid_openapi_31_document_with_credlibs_report_schema(client):
    response = client.get("/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    validate_openapi(document)
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) == {"/v1/score", "/v1/signals", "/healthz", "/openapi.json", "/"}
    report = document["components"]["schemas"]["Report"]
    schema = json.loads((EXAMPLES.parent / "schema" / "report-v1.schema.json").read_text(encoding="utf-8"))
    assert report["required"] == schema["required"]
    assert report["properties"]["signals"]["items"] == {"$ref": "#/components/schemas/ReportSignal"}
    # Every documented route exists in the application, and every API route is documented.
    app_routes = {r.rule for r in client.application.url_map.iter_rules() if not r.rule.startswith(("/static", "/assets"))}
    assert app_routes == set(document["paths"])


def test_the_page_and_all_its_assets_are_served_locally(client):
    response = client.get("/")
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert '<textarea id="text"' in page and 'type="file"' in page
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    import re

    assets = re.findall(r'(?:href|src)="(/[^"]*)"', page)
    assert any(a.endswith(".js") for a in assets) and any(a.endswith(".css") for a in assets)
    for asset in assets:
        with client.get(asset) as served:
            assert served.status_code == 200, asset
            assert b"://" not in served.data, f"{asset} refers to another site"
    assert "://" not in page


# -- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body, content_type, status, code, words",
    [
        (b'{"text": "unfinished', "application/json", 400, "malformed_json", "not valid JSON"),
        (b"", "application/json", 400, "malformed_json", "empty body"),
        (b"[" * 100_000, "application/json", 400, "malformed_json", "nested too deeply"),
        ('{"text": "caf\u00e9"}'.encode("latin-1"), "application/json", 400, "invalid_encoding", "not valid UTF-8"),
        (b"text=hello", "application/x-www-form-urlencoded", 415, "unsupported_media_type", "application/json"),
        (b"--b\r\nContent-Disposition: form-data; name=text\r\n\r\nhi\r\n--b--\r\n", "multipart/form-data; boundary=b",
         415, "unsupported_media_type", "multipart/form-data"),
        (b'{"text": "hello"}', "text/plain", 415, "unsupported_media_type", "text/plain"),
        (b'{"text": "hello"}', "application/json; charset=latin-1", 415, "unsupported_media_type", "UTF-8"),
        (b'{}', "application/json", 422, "invalid_request", "'text' is required"),
        (b'{"text": ""}', "application/json", 422, "invalid_request", "'text' is empty"),
        (b'{"text": " \\n\\t "}', "application/json", 422, "invalid_request", "'text' is empty"),
        (b'{"text": 42}', "application/json", 422, "invalid_request", "'text' must be a string, not a number"),
        (b'{"text": null}', "application/json", 422, "invalid_request", "'text' must be a string, not null"),
        (b'{"text": ["a"]}', "application/json", 422, "invalid_request", "not an array"),
        (b'["text"]', "application/json", 422, "invalid_request", "must be a JSON object"),
        (b'"text"', "application/json", 422, "invalid_request", "must be a JSON object"),
        (b'{"text": "hi", "body": "x"}', "application/json", 422, "invalid_request", "Unknown field(s): 'body'"),
        (b'{"text": "hi", "title": 7}', "application/json", 422, "invalid_request", "'title' must be a string"),
        (b'{"text": "hi", "include_text": "yes"}', "application/json", 422, "invalid_request", "'include_text'"),
        (b'{"text": "hi \\ud800 there"}', "application/json", 422, "invalid_request", "unpaired surrogate"),
        (b'{"html": "   "}', "application/json", 422, "invalid_request", "'html' is empty"),
        # invisible characters only: zero-width space, joiners, a byte-order mark, a word joiner
        ('{"text": "\u200b\u200c\u200d\ufeff \u2060"}'.encode(), "application/json", 422, "invalid_request",
         "'text' is empty"),
        (b'{"html": "<html><body><div></div></body></html>"}', "application/json", 422, "invalid_request",
         "The page has no article text to score"),
        (b'{"text": "hi", "include_text": NaN}', "application/json", 400, "malformed_json", "NaN is not a JSON value"),
        (b'{"text": "hi", "title": Infinity}', "application/json", 400, "malformed_json", "Infinity is not a JSON value"),
        (b'{"text": "hi", "title": ' + b"9" * 5000 + b"}", "application/json", 400, "malformed_json",
         "a number with too many digits"),
    ],
)
def test_bad_requests_get_a_json_error_with_the_right_status(client, openapi, body, content_type, status, code, words):
    response = post(client, body, content_type)
    assert response.status_code == status
    error = error_of(response)
    assert error["code"] == code
    assert words in error["message"]
    documented(openapi, response)


def test_unknown_field_names_are_echoed_briefly(client):
    fields = {"text": "hi", "x" * 100_000: 1, **{f"extra{i}": i for i in range(8)}}
    response = client.post("/v1/score", json=fields)
    message = error_of(response)["message"]
    assert response.status_code == 422 and len(response.get_data()) < 500
    assert message.startswith("Unknown field(s): 'extra0', 'extra1', 'extra2', 'extra3', 'extra4' and 4 more.")


def test_a_compressed_body_is_refused_as_unsupported(client, openapi):
    import gzip

    response = client.post("/v1/score", data=gzip.compress(json.dumps({"text": ARTICLE}).encode()),
                           content_type="application/json", headers={"Content-Encoding": "gzip"})
    assert response.status_code == 415
    assert error_of(response) == {"code": "unsupported_media_type",
                                  "message": "Send the body uncompressed (got Content-Encoding: gzip)."}
    documented(openapi, response)
    plain = client.post("/v1/score", json={"text": ARTICLE}, headers={"Content-Encoding": "identity"})
    assert plain.status_code == 200


def test_a_body_without_content_type_is_read_as_json(client):
    response = client.post("/v1/score", data=json.dumps({"text": ARTICLE}).encode())
    assert response.status_code == 200
    assert response.data == credlib.score(ARTICLE).to_json().encode()
    malformed = client.post("/v1/score", data=b"{'text': 'single quotes'}")
    assert malformed.status_code == 400 and error_of(malformed)["code"] == "malformed_json"


def test_a_large_body_of_another_type_is_refused_for_its_size_first(client):
    response = client.post("/v1/score", data=b"x" * (10 * 1024 * 1024), content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413


def test_a_body_over_the_limit_is_413(client, openapi):
    response = post(client, b'{"text": "' + b"a" * (10 * 1024 * 1024) + b'"}')
    assert response.status_code == 413
    error = error_of(response)
    assert error["code"] == "payload_too_large" and "2,097,152 bytes" in error["message"]
    documented(openapi, response)


def test_a_page_with_more_elements_than_credlib_reads_is_413_and_the_worker_goes_on(client, openapi):
    page = "<html><body><article><p>" + ARTICLE + "</p></article><ul>" + "<li>x</li>" * 25_000 + "</ul></body></html>"
    response = post(client, {"html": page})
    assert response.status_code == 413
    # html, body, article, p, ul and 25,000 items
    assert error_of(response) == {"code": "page_too_complex", "message": "The page has 25,005 HTML elements; credlib "
                                  "reads pages of up to 25,000 (send the article's text without the page)."}
    documented(openapi, response)
    assert post(client, {"text": ARTICLE}).status_code == 200


def test_the_body_limit_is_configuration(make_app):
    client = make_app(max_body_bytes=1000).test_client()
    assert post(client, {"text": "Officials said the plan was approved. " * 20}).status_code == 200
    assert post(client, {"text": "Officials said the plan was approved. " * 40}).status_code == 413


def test_unknown_path_and_wrong_method_are_json(client, openapi):
    missing = client.get("/v2/score")
    assert missing.status_code == 404 and error_of(missing)["code"] == "not_found"
    documented(openapi, missing, "/v2/score", "GET")
    wrong = client.get("/v1/score")
    assert wrong.status_code == 405
    assert error_of(wrong)["code"] == "method_not_allowed"
    assert "POST" in wrong.headers["Allow"]
    assert "allowed: POST" in error_of(wrong)["message"]
    documented(openapi, wrong, "/v1/score", "GET")
    assert client.delete("/healthz").status_code == 405
    doubled = client.post("/v1//score", json={"text": ARTICLE})  # not a redirect page
    assert doubled.status_code == 404 and error_of(doubled)["code"] == "not_found"


def test_rate_limit_answers_429_with_retry_after(make_app):
    # An hour's limit: the sliding window weighs the previous window's requests less as
    # time passes, so a minute's boundary falling inside the test could let the third through.
    client = make_app(rate_limit="2 per hour").test_client()
    openapi = client.get("/openapi.json").get_json()
    assert [post(client, {"text": ARTICLE}).status_code for _ in range(2)] == [200, 200]
    limited = post(client, {"text": ARTICLE})
    assert limited.status_code == 429
    error = error_of(limited)
    assert error["code"] == "rate_limited" and "2 per 1 hour" in error["message"]
    assert 0 < int(limited.headers["Retry-After"]) <= 3600
    documented(openapi, limited)
    # Other endpoints are not limited; a 200 carries no Retry-After.
    assert client.get("/healthz").status_code == 200
    assert "Retry-After" not in client.get("/healthz").headers


def test_rate_limit_counting_starts_no_thread_per_request(make_app):
    """The memory counters are swept in the request's own thread: limits' own memory
    storage leaves a timer thread behind after nearly every request."""
    import threading
    import time

    client = make_app(rate_limit="5 per day").test_client()  # a day: no window boundary falls inside the test
    deadline = time.monotonic() + 10  # timers started and cancelled before (creating the app) end first
    while [t for t in threading.enumerate() if isinstance(t, threading.Timer)] and time.monotonic() < deadline:
        time.sleep(0.01)
    for _ in range(3):
        time.sleep(0.015)  # past the 10 ms after which limits' own storage starts a new timer
        assert post(client, {"text": ARTICLE}).status_code == 200
        assert not [t for t in threading.enumerate() if isinstance(t, threading.Timer)]
    assert [post(client, {"text": ARTICLE}).status_code for _ in range(3)] == [200, 200, 429]


def test_memory_counters_sweep_out_expired_clients_a_batch_at_a_time():
    import time

    from server.counters import SweptMemoryStorage

    storage = SweptMemoryStorage()
    storage.SWEEP_SECONDS = float("inf")  # it sweeps at its first hit, then not again
    for client in "abcde":
        storage.incr(f"client-{client}", expiry=60)
    assert storage.get("client-a") == 1 and len(storage.storage) == 5
    for key in storage.expirations:  # their minute is over (without waiting for it)
        storage.expirations[key] = time.time() - 1
    storage.SWEEP_KEYS = 2
    storage.sweep()
    assert sorted(storage.storage) == ["client-c", "client-d", "client-e"]
    storage.SWEEP_SECONDS = 0.0
    storage.incr("client-f", expiry=60)  # a hit sweeps the next two
    assert sorted(storage.storage) == ["client-e", "client-f"]
    storage.incr("client-f", expiry=60)
    assert sorted(storage.storage) == ["client-f"] and storage.get("client-f") == 2


def test_memory_counters_sweep_survives_a_counter_dropped_meanwhile():
    """A request's own read drops its expired counter, possibly while another request's
    thread sweeps: the sweep must not fail (and fail that request) on the missing key."""
    import time

    from server.counters import SweptMemoryStorage

    class DroppedMeanwhile(dict):
        looked_up: set[str] = set()

        def __iter__(self):  # the snapshot still lists counters that are gone by the lookup
            yield from [*super().__iter__(), "client-gone", "client-racing"]

        def keys(self):
            return list(self)

        def get(self, key, default=None):
            if key == "client-racing":  # expired at the first look, dropped by the second
                first = key not in self.looked_up
                self.looked_up.add(key)
                return 0.0 if first else default
            return super().get(key, default)

    storage = SweptMemoryStorage()
    storage.incr("client-old", expiry=60)
    storage.incr("client-new", expiry=60)
    storage.expirations["client-old"] = time.time() - 1  # its minute is over
    storage.expirations = DroppedMeanwhile(storage.expirations)
    storage.sweep()
    assert sorted(storage.storage) == ["client-new"]
    assert "client-racing" not in storage.locks  # no lock left behind for a counter that is gone


def test_rate_limit_falls_back_to_memory_when_redis_is_unreachable(make_app):
    from .server_support import free_port

    client = make_app(redis_url=f"redis://127.0.0.1:{free_port()}/0", rate_limit="100 per minute").test_client()
    response = post(client, {"text": ARTICLE})
    assert response.status_code == 200
    assert response.data == credlib.score(ARTICLE).to_json().encode()


def test_an_internal_failure_is_a_500_that_leaks_nothing(client, openapi, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError(f"could not handle {MARKER}")

    monkeypatch.setattr(credlib, "score_document", broken)
    with caplog.at_level(logging.DEBUG):
        response = post(client, {"text": ARTICLE})
    assert response.status_code == 500
    error = error_of(response)
    assert error["code"] == "internal_error" and MARKER not in error["message"]
    documented(openapi, response)
    assert "internal error RuntimeError" in caplog.text
    assert MARKER not in caplog.text
    assert client.get("/healthz").status_code == 200  # and the app goes on


def test_article_text_never_reaches_the_logs(make_app, caplog):
    client = make_app(rate_limit="3 per minute").test_client()
    with caplog.at_level(logging.DEBUG):
        for body in ({"text": ARTICLE}, {"text": ARTICLE, "title": 5}, {"text": ARTICLE}, {"text": ARTICLE}):
            post(client, body)
        post(client, json.dumps({"text": ARTICLE})[:-3])
    assert MARKER not in caplog.text and "marmalade" not in caplog.text


# -- cache -------------------------------------------------------------------------------


def test_repeated_requests_come_from_the_cache_keyed_by_the_normalized_request(client):
    state = client.application.extensions["credlib"]
    first = post(client, {"text": ARTICLE, "title": "Harbour vote"})
    respelled = post(client, b'{ "title" : "Harbour vote",\n "text": ' + json.dumps(ARTICLE).encode() + b"}")
    assert first.data == respelled.data
    stats = state.cache.stats()
    assert (stats.entries, stats.hits, stats.misses) == (1, 1, 1)
    with_body = post(client, {"text": ARTICLE, "title": "Harbour vote", "include_text": True})
    assert with_body.data != first.data and state.cache.stats().entries == 2
    post(client, {"text": ARTICLE, "title": "Harbour vote"}, Accept="text/html")
    assert state.cache.stats().entries == 3
    # The cache holds digests as keys, never the request.
    assert all(len(k) == 64 and MARKER not in k for k in state.cache._items)


def test_the_cache_is_bounded_by_entries_and_by_bytes():
    cache = ResponseCache(max_entries=2, max_bytes=10)
    cache.put("a", b"1234")
    cache.put("b", b"5678")
    assert cache.get("a") == b"1234"  # a is now the most recently used
    cache.put("c", b"90")
    assert cache.get("b") is None and cache.get("a") == b"1234" and cache.get("c") == b"90"
    cache.put("d", b"123456789")  # 9 + 2 + 4 > 10: the least recently used go
    assert cache.stats().bytes <= 10 and cache.get("d") == b"123456789"
    cache.put("huge", b"x" * 11)
    assert cache.get("huge") is None
    assert ResponseCache(0, 100).get("a") is None


def test_a_cache_of_size_zero_still_answers(make_app):
    client = make_app(cache_entries=0).test_client()
    assert post(client, {"text": ARTICLE}).data == post(client, {"text": ARTICLE}).data
    assert client.application.extensions["credlib"].cache.stats().entries == 0


# -- CORS --------------------------------------------------------------------------------

CHROME = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
FIREFOX = "moz-extension://2a3b4c5d-1111-4222-8333-444455556666"


def test_cors_is_allowed_only_for_the_configured_extensions_and_the_own_page(make_app):
    client = make_app(cors_origins=[CHROME, FIREFOX]).test_client()
    for origin in (CHROME, FIREFOX, "http://localhost"):
        response = post(client, {"text": ARTICLE}, Origin=origin)
        assert response.headers.get("Access-Control-Allow-Origin") == origin
    for origin in ("https://evil.example.net", "chrome-extension://otherextensionidotherextensionid", "null"):
        response = post(client, {"text": ARTICLE}, Origin=origin)
        assert "Access-Control-Allow-Origin" not in response.headers
    preflight = client.options("/v1/score", headers={"Origin": CHROME, "Access-Control-Request-Method": "POST",
                                                     "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == CHROME
    assert preflight.headers["Access-Control-Allow-Methods"] == "POST"  # the methods of this path
    assert preflight.headers["Access-Control-Expose-Headers"] == (
        "Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset")
    signals = client.options("/v1/signals", headers={"Origin": CHROME, "Access-Control-Request-Method": "GET"})
    assert signals.headers["Access-Control-Allow-Methods"] == "GET"
    assert "Content-Type" in preflight.headers["Access-Control-Allow-Headers"]
    refused = client.options("/v1/score", headers={"Origin": "https://evil.example.net",
                                                   "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in refused.headers


# -- settings ----------------------------------------------------------------------------


def test_settings_come_from_credlib_environment_variables(server_env):
    server_env.setenv("CREDLIB_MAX_BODY_BYTES", "500")
    server_env.setenv("CREDLIB_RATE_LIMIT", "2 per hour")
    server_env.setenv("CREDLIB_CORS_ORIGINS", f"{CHROME}, {FIREFOX}")
    server_env.setenv("CREDLIB_ONLINE", "yes")
    server_env.setenv("CREDLIB_PORT", "9001")
    settings = Settings.from_env()
    assert (settings.max_body_bytes, settings.rate_limit, settings.port) == (500, "2 per hour", 9001)
    assert settings.cors_origins == (CHROME, FIREFOX) and settings.online is True
    app = create_app()
    assert app.extensions["credlib"].config == credlib.Config(online=True)
    client = app.test_client()
    assert post(client, {"text": "a" * 600}).status_code == 413  # refused requests count towards the limit too
    assert post(client, {"text": "Officials said so."}).status_code == 200
    assert post(client, {"text": "Officials said so."}).status_code == 429


def test_defaults_work_with_no_configuration(server_env):
    settings = Settings.from_env()
    assert (settings.host, settings.port, settings.max_body_bytes) == ("127.0.0.1", 8000, 2 * 1024 * 1024)
    assert settings.redis_url is None and settings.online is False
    assert settings.cors_origins == ("chrome-extension://pcjipfplecpeiejlipmkpohgfhffdimf",)  # the pinned extension
    assert settings.worker_count >= 1


@pytest.mark.parametrize(
    "name, value, words",
    [
        ("CREDLIB_PORT", "eighty", "CREDLIB_PORT: expected a whole number"),
        ("CREDLIB_PORT", "70000", "CREDLIB_PORT: 70000 is out of range"),
        ("CREDLIB_HOST", "localhost:8000", "CREDLIB_HOST: 'localhost:8000' is not an IP address or host name"),
        ("CREDLIB_HOST", "[::1]", "CREDLIB_HOST: '[::1]' is not an IP address or host name such as 127.0.0.1, ::1 "
                                  "or localhost; the port is CREDLIB_PORT (an IPv6 address goes without brackets)"),
        ("CREDLIB_HOST", "", "CREDLIB_HOST: '' is not an IP address or host name"),
        ("CREDLIB_ONLINE", "maybe", "CREDLIB_ONLINE: expected 1/0"),
        ("CREDLIB_RATE_LIMIT", "lots", "CREDLIB_RATE_LIMIT: 'lots' is not a rate"),
        ("CREDLIB_CORS_ORIGINS", "*", "CREDLIB_CORS_ORIGINS: '*' is not an origin"),
        ("CREDLIB_REDIS_URL", "localhost:6379", "CREDLIB_REDIS_URL: expected redis://"),
        ("CREDLIB_REDIS_URL", "unix:///run/redis.sock", "CREDLIB_REDIS_URL: expected redis://host:port[/db], "
                              "rediss://host:port[/db] or redis+unix:///path/to/redis.sock, got "
                              "'unix:///run/redis.sock' (a Unix socket is redis+unix:///path/to/redis.sock)"),
        ("CREDLIB_ONLINE_TIMEOUT", "soon", "CREDLIB_ONLINE_TIMEOUT: expected a number of seconds above 0"),
        ("CREDLIB_ONLINE_INTERVAL", "nan", "CREDLIB_ONLINE_INTERVAL: expected a number of seconds (0 or more)"),
    ],
)
def test_a_bad_setting_is_an_error_naming_the_variable(server_env, name, value, words):
    server_env.setenv(name, value)
    with pytest.raises(SettingsError, match="^" + re.escape(words)):
        create_app()


def test_unknown_overrides_are_an_error(server_env):
    with pytest.raises(SettingsError, match="unknown setting"):
        create_app({"rate_limt": "1 per second"})


# -- connections, proxies, logs and documented errors ------------------------------------


@pytest.mark.parametrize(
    "send, status, closes",
    [
        # Refused or unparseable bodies: where the next request starts is not known.
        (lambda c: post(c, b'{"text": "cut short'), 400, True),
        (lambda c: post(c, '{"text": "caf\u00e9"}'.encode("latin-1")), 400, True),
        (lambda c: post(c, b"text=hi", "application/x-www-form-urlencoded"), 415, True),
        (lambda c: post(c, b'{"text": "' + b"a" * (3 * 1024 * 1024) + b'"}'), 413, True),
        (lambda c: c.post("/v2/score", data=b'{"text": "hi"}', content_type="application/json"), 404, True),
        # Read to its end and parsed: the connection can carry on.
        (lambda c: post(c, {"text": 42}), 422, False),
        (lambda c: post(c, {"text": ARTICLE}), 200, False),
        (lambda c: c.get("/v2/score"), 404, False),  # no body at all
    ],
    ids=["malformed", "not-utf8", "form", "too-large", "unknown-path-with-body", "invalid-field", "ok", "no-body"],
)
def test_an_error_about_an_unread_or_unparsed_body_closes_the_connection(client, send, status, closes):
    response = send(client)
    assert response.status_code == status
    assert (response.headers.get("Connection") == "close") is closes


def test_a_refused_request_closes_the_connection_without_reading_the_body(make_app):
    client = make_app(rate_limit="1 per hour").test_client()
    assert post(client, {"text": ARTICLE}).headers.get("Connection") is None
    limited = post(client, {"text": ARTICLE})
    assert limited.status_code == 429 and limited.headers["Connection"] == "close"


def test_behind_a_proxy_x_forwarded_host_is_not_trusted_for_cors(make_app):
    client = make_app(proxy_hops=1).test_client()
    forged = post(client, {"text": ARTICLE}, Origin="https://evil.example",
                  **{"X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https",
                     "X-Forwarded-For": "203.0.113.9"})
    assert forged.status_code == 200
    assert "Access-Control-Allow-Origin" not in forged.headers
    # The documented nginx site passes Host and X-Forwarded-Proto: the server's own page still may call it.
    own = post(client, {"text": ARTICLE}, Origin="https://credlib.example.org", Host="credlib.example.org",
               **{"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"})
    assert own.headers.get("Access-Control-Allow-Origin") == "https://credlib.example.org"


def test_refused_requests_are_not_logged_but_rate_limit_storage_failures_are(make_app, caplog):
    from .server_support import free_port

    with caplog.at_level(logging.INFO):
        client = make_app(rate_limit="1 per hour").test_client()
        assert [post(client, {"text": ARTICLE}).status_code for _ in range(3)] == [200, 429, 429]
        unreachable = make_app(redis_url=f"redis://127.0.0.1:{free_port()}/0").test_client()
        assert post(unreachable, {"text": ARTICLE}).status_code == 200
    limiter_lines = [r.getMessage() for r in caplog.records if r.name == "flask-limiter"]
    assert not [line for line in limiter_lines if "exceeded" in line or "127.0.0.1" in line]
    assert any("unreachable" in line for line in limiter_lines)


def test_the_rate_limit_says_whom_it_counts(make_app):
    client = make_app(rate_limit="1 per hour").test_client()
    post(client, {"text": ARTICLE})
    message = error_of(post(client, {"text": ARTICLE}))["message"]
    # Memory counters are each worker process's own (docs/deploy.md, "Scaling out").
    assert "1 per 1 hour per client address and server process." in message
    described = client.get("/openapi.json").get_json()["paths"]["/v1/score"]["post"]["responses"]["429"]
    assert "1 per hour per client address and server process." in described["description"]
    shared = make_app(rate_limit="1 per hour", redis_url="redis://127.0.0.1:1/0").test_client()
    described = shared.get("/openapi.json").get_json()["paths"]["/v1/score"]["post"]["responses"]["429"]
    assert "1 per hour per client address." in described["description"]


def _check_error_component(openapi, component, response):
    from .server_support import openapi_validator

    described = openapi["components"]["responses"][component]
    schema = described["content"][response.mimetype]["schema"]
    problems = [e.message for e in openapi_validator(openapi, schema).iter_errors(response.get_json())]
    assert not problems, problems


def test_a_range_or_condition_a_static_file_cannot_meet_is_a_documented_json_error(client, openapi):
    beyond = client.get("/static/app.js", headers={"Range": "bytes=999999-"})
    assert beyond.status_code == 416
    assert error_of(beyond)["code"] == "range_not_satisfiable"
    _check_error_component(openapi, "RangeNotSatisfiable", beyond)
    mismatch = client.get("/static/app.js", headers={"If-Match": '"not-this-one"'})
    assert mismatch.status_code == 412
    assert error_of(mismatch)["code"] == "precondition_failed"
    _check_error_component(openapi, "PreconditionFailed", mismatch)
    with client.get("/static/app.js", headers={"Range": "bytes=0-10"}) as part:
        assert part.status_code == 206


def test_every_http_error_maps_to_a_documented_code(app, openapi):
    from werkzeug.exceptions import default_exceptions

    from server.errors import handle_http_error

    error = openapi["components"]["schemas"]["Error"]["properties"]["error"]
    documented_codes = set(error["properties"]["code"]["enum"])
    with app.test_request_context("/"):
        for status, exception in sorted(default_exceptions.items()):
            if status == 429:
                continue  # needs the limit that was exceeded; tested above
            body = handle_http_error(exception()).get_json()
            assert body["error"]["code"] in documented_codes, status


@pytest.mark.parametrize("name, value", [
    *(("CREDLIB_READ_TIMEOUT", v) for v in ("inf", "-inf", "nan", "0.0001", "0", "-1", "1e30")),
    # (a body timeout of 0 is allowed: derived from the read timeout)
    *(("CREDLIB_BODY_TIMEOUT", v) for v in ("inf", "-inf", "nan", "0.0001", "-1", "1e30")),
])
def test_timeouts_must_be_finite_and_at_least_a_millisecond(server_env, name, value):
    server_env.setenv(name, value)
    expected = f"^{name}: .* is out of range \\(expected (0 or )?0.001 to 86400 seconds\\)$"
    with pytest.raises(SettingsError, match=expected):
        Settings.from_env()


def test_the_whole_body_deadline_defaults_to_a_multiple_of_the_read_timeout(server_env):
    assert Settings.from_env().body_deadline == 60
    server_env.setenv("CREDLIB_READ_TIMEOUT", "2.5")
    assert Settings.from_env().body_deadline == 15
    server_env.setenv("CREDLIB_BODY_TIMEOUT", "0.5")
    assert Settings.from_env().body_deadline == 0.5


def test_a_body_read_past_its_deadline_is_cut_off():
    import socket

    from server.deadline import body_deadline

    server, client = socket.socketpair()
    with server, client:
        client.sendall(b'{"text": ')
        with body_deadline(server, 0.2) as watch:
            received = server.recv(100)
            assert server.recv(100) == b""  # no more comes: the watchdog ends the wait
        assert received == b'{"text": ' and watch.expired
    server, client = socket.socketpair()
    with server, client:
        client.sendall(b'{"text": "quick"}')
        with body_deadline(server, 0.2) as watch:
            assert server.recv(100) == b'{"text": "quick"}'
        assert not watch.expired


def test_finished_bodies_behind_a_slow_one_do_not_pile_up_in_the_watchdog():
    import socket

    from server.deadline import Watchdog

    watchdog = Watchdog()
    server, client = socket.socketpair()
    with server, client:
        slow = watchdog.start(server, 600)  # one upload that keeps going
        for _ in range(10_000):
            watchdog.stop(watchdog.start(server, 600))
        assert len(watchdog._queue) < 200
        watchdog.stop(slow)
        assert not slow.expired


def test_a_body_refused_by_its_headers_is_read_and_dropped_but_not_a_rate_limited_ones(make_app):
    # A client still sending a refused upload gets the answer, not a broken pipe: the body
    # is read and dropped.  A rate-limited client's is not read at all: it gets no more of
    # a worker's thread than the answer takes.
    client = make_app(rate_limit="2 per day").test_client()
    upload = b"--b\r\n" + b"x" * 300_000 + b"\r\n--b--\r\n"

    def send(data: bytes, content_type: str) -> tuple[int, str, int]:
        body = io.BytesIO(data)
        response = client.post("/v1/score", content_type=content_type,
                               environ_overrides={"wsgi.input": body, "CONTENT_LENGTH": str(len(data))})
        return response.status_code, response.headers.get("Connection", ""), body.tell()  # bytes read

    assert send(upload, "multipart/form-data; boundary=b") == (415, "close", len(upload))
    assert send(json.dumps({"text": ARTICLE}).encode(), "application/json")[0] == 200
    assert send(upload, "multipart/form-data; boundary=b") == (429, "close", 0)
