"""The credlib server: a JSON API and a web page around the credlib library.

    from server import create_app
    app = create_app()                        # settings from CREDLIB_* environment variables
    app = create_app({"rate_limit": "5 per minute"})   # or explicit overrides (tests)

Production runs it under gunicorn (``make serve``; ``server/gunicorn.conf.py``).  The
server is stateless apart from an in-memory response cache and the rate-limit counters
(in memory, or in Redis when ``CREDLIB_REDIS_URL`` is set), so it scales out behind a
load balancer.  Article text is never logged or written to disk.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any, Mapping

from flask import Flask, Response, current_app, g, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.middleware.proxy_fix import ProxyFix

import credlib

from . import api, counters, errors, web
from .cache import ResponseCache, request_key
from .openapi import openapi_document
from .settings import Settings, SettingsError

__all__ = ["Settings", "SettingsError", "create_app"]

logging.getLogger("credlib.server").addHandler(logging.NullHandler())


def _no_refusal_lines(record: logging.LogRecord) -> bool:
    """flask-limiter logs every refused request at INFO ("ratelimit ... exceeded", with the
    client's address): noise in the error log.  Its storage messages (unreachable, recovered) stay."""
    return not (record.levelno <= logging.INFO and str(record.msg).startswith("ratelimit "))


logging.getLogger("flask-limiter").addFilter(_no_refusal_lines)

CORS_MAX_AGE = 600  # seconds a browser may reuse a preflight answer


@dataclass
class ServerState:
    """What the views share, built once per application (read-only apart from the cache)."""

    settings: Settings
    cache: ResponseCache
    config: credlib.Config | None
    signals_json: bytes
    openapi_json: bytes
    limiter: Limiter | None = field(default=None, repr=False)

    def key(self, fmt: str, payload: api.ScoreRequest) -> str:
        return request_key(fmt, payload.text, payload.title, payload.url, payload.html, payload.include_text)


def create_app(config: Settings | Mapping[str, Any] | None = None) -> Flask:
    """The Flask application.  ``config``: a ``Settings``, or overrides of the environment's settings."""
    if isinstance(config, Settings):
        settings = config
    else:
        settings = Settings.from_env()
        if config:
            settings = settings.updated(config)

    app = Flask(__name__)
    # "/v1//score" is a path the API does not have (a JSON 404), not a redirect to "/v1/score"
    app.url_map.merge_slashes = False
    app.config["CREDLIB"] = settings
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.extensions["credlib"] = ServerState(
        settings=settings,
        # With online verification a report depends on what Wikidata answered at the time:
        # a lookup that failed must not be served again (the answers themselves are cached
        # on disk by credlib.wikidata), so responses are not cached.
        cache=ResponseCache(0 if settings.online else settings.cache_entries, settings.cache_bytes),
        # None, not Config(): the API promises the bytes of credlib.score() with defaults.
        config=credlib.Config(online=True) if settings.online else None,
        signals_json=json.dumps(credlib.signals(), ensure_ascii=False, indent=2).encode("utf-8"),
        openapi_json=json.dumps(openapi_document(settings), ensure_ascii=False, indent=2).encode("utf-8"),
    )

    errors.register(app)
    app.register_blueprint(api.bp)
    app.register_blueprint(web.bp)
    # Registered before the limiter's hook, so it runs after it (Flask runs them in reverse).
    app.after_request(_headers)
    app.extensions["credlib"].limiter = _rate_limit(app, settings)
    if settings.proxy_hops:
        # The client's address and scheme only.  The host is the Host header, which the
        # documented proxy passes on (docs/deploy.md); X-Forwarded-Host is not trusted,
        # since that proxy does not set it and would pass a client's own on.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=settings.proxy_hops, x_proto=settings.proxy_hops, x_host=0
        )
    return app


def _rate_limit(app: Flask, settings: Settings) -> Limiter:
    limiter = Limiter(
        get_remote_address,
        app=app,
        storage_uri=settings.redis_url or f"{counters.SCHEME}://",  # memory, swept without timer threads
        # Counters shared by every worker and machine when Redis is configured; if Redis
        # goes away, each worker falls back to counting in memory instead of failing requests.
        in_memory_fallback_enabled=settings.redis_url is not None,
        strategy="sliding-window-counter",
        headers_enabled=True,  # X-RateLimit-* on every limited response, Retry-After on a 429
        retry_after="delta-seconds",
        key_prefix="credlib",
    )
    endpoint = "api.score"
    app.view_functions[endpoint] = limiter.limit(settings.rate_limit, methods=["POST"])(app.view_functions[endpoint])
    return limiter


def _allowed_origin(origin: str | None, settings: Settings) -> bool:
    if not origin:
        return False
    own = request.host_url.rstrip("/")  # the server's own page
    return origin == own or origin in settings.cors_origins


def _body_left_unparsed() -> bool:
    """The request came with a body that was not both read to its end and parsed as JSON."""
    if g.get("body_parsed"):
        return False
    return bool(request.content_length) or "Transfer-Encoding" in request.headers


# The answer's headers a page or extension may read (the rate limit's state, the wait after a 429).
EXPOSED_HEADERS = "Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset"


def _headers(response: Response) -> Response:
    settings: Settings = current_app.config["CREDLIB"]
    if response.status_code >= 400 and response.mimetype != "application/json":
        response = errors.as_json_error(response)  # every error is JSON with a documented code
    if response.status_code >= 400 and _body_left_unparsed():
        # The body was refused unread or could not be parsed: its framing may be wrong (a
        # Content-Length counting characters, not bytes), and the server would read what
        # follows as the next request, echoing article text into the error log and
        # answering the client's real next request with an error.  Close the connection
        # (gunicorn honours this header through server/gunicorn.conf.py).  A body refused
        # by its headers alone is read and dropped first (briefly; not after a 429), so a
        # client still sending it gets this answer rather than a broken pipe.
        api.discard_unread_body(response.status_code)
        response.headers["Connection"] = "close"
    origin = request.headers.get("Origin")
    if _allowed_origin(origin, settings):
        response.headers["Access-Control-Allow-Origin"] = origin or ""
        response.headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        if request.method == "OPTIONS":
            # the methods of this path (Flask's Allow header for it), not of the whole API
            methods = [m.strip() for m in response.headers.get("Allow", "").split(",")]
            response.headers["Access-Control-Allow-Methods"] = ", ".join(m for m in methods if m in ("GET", "POST"))
            response.headers["Access-Control-Allow-Headers"] = "Content-Type, Accept"
            response.headers["Access-Control-Max-Age"] = str(CORS_MAX_AGE)
    if response.status_code != 429:
        response.headers.pop("Retry-After", None)  # the limiter adds it to every response
    response.vary.add("Origin")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    return response
