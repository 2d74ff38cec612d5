"""The JSON API: ``POST /v1/score``, ``GET /v1/signals``, ``GET /healthz``, ``GET /openapi.json``.

``POST /v1/score`` answers with exactly the bytes of ``credlib.score(...).to_json()`` for
the same input, so a client may compare the server with the library byte for byte.  A
client that asks for ``text/html`` (the web page does) gets the report rendered by
``credlib.render`` instead, so the page and the CLI's HTML report share one highlighter.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable

from flask import Blueprint, Response, current_app, g, request
from werkzeug.exceptions import ClientDisconnected, HTTPException, RequestEntityTooLarge

import credlib
from credlib.document import is_blank
from credlib.registry import names_briefly
from credlib.render import report_fragment

from .deadline import Watch, body_deadline
from .errors import ApiError

bp = Blueprint("api", __name__)

FIELDS = ("text", "title", "url", "html", "include_text")
_JSON_TYPES = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", int: "a number",
               float: "a number", type(None): "null"}
JSON_TYPE = "application/json"
HTML_TYPE = "text/html"


@dataclass(frozen=True)
class ScoreRequest:
    text: str | None
    title: str | None
    url: str | None
    html: str | None
    include_text: bool

    @classmethod
    def from_json(cls, data: Any) -> "ScoreRequest":
        """Validate a decoded body; every problem is a 422 naming the field."""
        if not isinstance(data, dict):
            raise invalid(f'The body must be a JSON object such as {{"text": "…"}}, not {_json_type(data)}.')
        unknown = sorted(set(data) - set(FIELDS))
        if unknown:
            raise invalid(f"Unknown field(s): {names_briefly(unknown)}. Known fields: {', '.join(sorted(FIELDS))}.")
        values = {}
        for name in ("text", "title", "url", "html"):
            value = data.get(name)
            if value is not None and not isinstance(value, str):
                raise invalid(f"'{name}' must be a string, not {_json_type(value)}.")
            if value is not None and not _encodable(value):
                raise invalid(f"'{name}' contains an unpaired surrogate (\\ud800-\\udfff) and is not valid Unicode.")
            values[name] = value
        if "text" in data and values["text"] is None:
            raise invalid("'text' must be a string, not null.")
        text, page = values["text"], values["html"]
        if text is None and page is None:
            raise invalid("'text' is required: the article's text as a string (or 'html', a whole web page).")
        if text is not None and is_blank(text):
            raise invalid("'text' is empty: there is nothing to score.")
        if text is None and is_blank(page):
            raise invalid("'html' is empty: there is nothing to score.")
        include_text = data.get("include_text", False)
        if not isinstance(include_text, bool):
            raise invalid(f"'include_text' must be true or false, not {_json_type(include_text)}.")
        return cls(include_text=include_text, **values)


def invalid(message: str) -> ApiError:
    return ApiError(422, "invalid_request", message)


def _json_type(value: Any) -> str:
    return _JSON_TYPES.get(type(value), "a value of another type")


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# -- reading the request ----------------------------------------------------------------


def check_request_head() -> None:
    """Refuse by the headers alone, before reading a byte of the body: too large, then not JSON."""
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if request.content_length is not None and request.content_length > limit:
        raise RequestEntityTooLarge()
    # A body with no Content-Type at all is read as JSON; any other type is refused.
    if request.mimetype and request.mimetype != JSON_TYPE:
        raise ApiError(415, "unsupported_media_type", f"Send the body as application/json (got {request.mimetype}).")
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise ApiError(415, "unsupported_media_type", f"Send the body as UTF-8 JSON (got charset={charset}).")
    coding = request.headers.get("Content-Encoding", "identity").strip().lower()
    if coding not in ("identity", ""):
        # a compressed body is not decompressed (a small gzip can hold gigabytes)
        raise ApiError(415, "unsupported_media_type",
                       f"Send the body uncompressed (got Content-Encoding: {coding[:40]}).")


def read_body() -> bytes:
    """The whole body, with two bounds on a slow client.

    Under gunicorn the client's socket gets a timeout while the body is read, so a client
    that stalls mid-body for ``read_timeout`` seconds releases its worker thread with a
    408 instead of holding it; and the whole body must arrive within ``body_deadline``
    seconds (``server/deadline.py``), so one that keeps trickling a byte now and then is
    cut off too.
    """
    settings = current_app.config["CREDLIB"]
    data, failure, watch = _bounded(_read_all, settings.read_timeout, settings.body_deadline)
    if watch.expired:  # even if the last byte came just in time: the socket can no longer be read
        raise ApiError(408, "request_timeout", f"The body did not arrive within {settings.body_deadline:g} seconds.")
    if failure is None:
        return data
    # Werkzeug reports a failed read as ClientDisconnected, with the socket's error as its
    # cause; gunicorn raises its own errors for a broken chunked encoding.
    cause = failure.__cause__ or failure.__context__ if isinstance(failure, ClientDisconnected) else failure
    if isinstance(cause, (TimeoutError, BlockingIOError)):  # Python's timeout, or the kernel's SO_RCVTIMEO
        seconds = settings.read_timeout
        raise ApiError(408, "request_timeout", f"The body stalled: nothing arrived for {seconds:g} seconds.")
    raise ApiError(
        400, "incomplete_body", "The body could not be read: it ended early or its chunked encoding is broken."
    )


# A body refused by its headers is read and dropped for at most this long (seconds).
DISCARD_SECONDS = 2.0


def _bounded(read: Callable[[], bytes], read_timeout: float, deadline: float) -> tuple[bytes, Exception | None, Watch]:
    """``read()`` with the client's socket timing out after ``read_timeout`` seconds of
    silence and cut off ``deadline`` seconds from now: (data, the failure if any, the watch)."""
    g.body_read = True
    sock = request.environ.get("gunicorn.socket")
    previous = sock.gettimeout() if sock is not None else None
    if sock is not None:
        sock.settimeout(read_timeout)
    with body_deadline(sock, deadline) as watch:
        try:
            data, failure = read(), None
        except RequestEntityTooLarge:
            raise
        except Exception as exc:  # noqa: BLE001 - any failure here is the client's broken framing, not ours
            data, failure = b"", exc
        finally:
            if sock is not None:
                try:
                    sock.settimeout(previous)
                except OSError:
                    pass
    return data, failure, watch


def discard_unread_body(status: int) -> None:
    """Read and drop a body that was refused by its headers alone (415, 404, ...).

    A client that sends its whole body before reading the answer (Python's http.client
    and urllib among them) would otherwise write into a connection the server has
    already closed and see a broken pipe instead of the JSON error.  The body is read in
    pieces that are thrown away, for at most ``DISCARD_SECONDS``.  Not read: one
    announced as larger than the limit (413), and any body of a rate-limited client
    (429), which gets no more of a thread than the answer takes.
    """
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    length = request.content_length
    if g.get("body_read") or status == 429 or (length is not None and length > limit):
        return
    seconds = min(DISCARD_SECONDS, current_app.config["CREDLIB"].read_timeout)

    def drop() -> bytes:
        dropped = 0
        while dropped <= limit and (piece := request.stream.read(65536)):
            dropped += len(piece)  # a chunked body runs to the limit at most
        return b""

    try:
        _bounded(drop, seconds, seconds)
    except HTTPException:
        pass  # the answer already chosen stands; the connection is closed after it


def _read_all() -> bytes:
    data = request.get_data(cache=False)
    # A body without Content-Length (chunked) is read up to the limit and no further;
    # if more follows, it is too large, not cut short.
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if request.content_length is None and len(data) >= limit and request.environ["wsgi.input"].read(1):
        raise RequestEntityTooLarge()
    return data


def decode_json(raw: bytes) -> Any:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(
            400, "invalid_encoding", f"The body is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})."
        ) from None
    try:
        return json.loads(text.removeprefix("\ufeff"), parse_constant=_not_json)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}" if raw.strip() else "an empty body"
        raise ApiError(400, "malformed_json", f"The body is not valid JSON: {exc.msg} at {where}.") from None
    except RecursionError:
        raise ApiError(400, "malformed_json", "The body is not valid JSON: it is nested too deeply.") from None
    except _NotJsonValue as exc:
        raise ApiError(400, "malformed_json", f"The body is not valid JSON: {exc}.") from None
    except ValueError:  # Python's limit on integer digits (4,300)
        raise ApiError(400, "malformed_json", "The body holds a number with too many digits.") from None


class _NotJsonValue(ValueError):
    pass


def _not_json(constant: str) -> None:
    """NaN, Infinity and -Infinity: Python's json reads them, but they are not JSON."""
    raise _NotJsonValue(f"{constant} is not a JSON value")


def wanted_format() -> str:
    """text/html only when the client prefers it (the web page asks for it); JSON otherwise."""
    best = request.accept_mimetypes.best_match([JSON_TYPE, HTML_TYPE], default=JSON_TYPE)
    return best or JSON_TYPE


# -- endpoints --------------------------------------------------------------------------


@bp.post("/v1/score")
def score() -> Response:
    check_request_head()
    data = decode_json(read_body())
    g.body_parsed = True  # read to its end and well-formed: the connection may serve another request
    payload = ScoreRequest.from_json(data)
    fmt = wanted_format()
    state = current_app.extensions["credlib"]
    key = state.key(fmt, payload)
    body = state.cache.get(key)
    if body is None:
        body = render(payload, fmt, state.config)
        state.cache.put(key, body)
    response = Response(body, mimetype=fmt)
    response.headers["Cache-Control"] = "no-store"  # reports quote the article: no shared caches
    response.vary.add("Accept")
    return response


def render(payload: ScoreRequest, fmt: str, config: credlib.Config | None) -> bytes:
    try:
        doc = credlib.build_document(payload.text, payload.title, payload.url, payload.html)
    except credlib.PageTooComplex as exc:
        raise ApiError(413, "page_too_complex", f"{str(exc)[0].upper()}{str(exc)[1:]}.") from None
    if doc.empty_page:
        raise invalid("The page has no article text to score: its main text is empty.")
    if fmt == HTML_TYPE:
        report = credlib.score_document(doc, config)
        return report_fragment(report, doc.title, doc.body, doc.page_text).encode("utf-8")
    return credlib.score_document(doc, config, payload.include_text).to_json().encode("utf-8")


@bp.get("/v1/signals")
def signals() -> Response:
    return Response(current_app.extensions["credlib"].signals_json, mimetype=JSON_TYPE)


@bp.get("/healthz")
def healthz() -> Response:
    body = json.dumps({"status": "ok", "version": credlib.__version__})
    response = Response(body, mimetype=JSON_TYPE)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/openapi.json")
def openapi() -> Response:
    return Response(current_app.extensions["credlib"].openapi_json, mimetype=JSON_TYPE)
