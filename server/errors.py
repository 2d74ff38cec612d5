"""Every error leaves the server as JSON: ``{"error": {"code": "...", "message": "..."}}``.

Clients branch on ``code`` (stable, listed in ``ERROR_CODES`` and the OpenAPI file) and
show ``message`` to a person.  Unexpected exceptions become a 500 with a fixed message;
their log line names the exception type and the code location but never its message or
the request, since either may quote the article.
"""

from __future__ import annotations

import logging
import traceback

from flask import Flask, Response, current_app, json
from werkzeug.exceptions import HTTPException

log = logging.getLogger("credlib.server")

# status -> (code used when the error has no more specific one, what it means)
ERROR_CODES: dict[int, tuple[str, str]] = {
    400: ("bad_request", "The body is not valid JSON or not valid UTF-8, or it arrived incomplete."),
    404: ("not_found", "No such path."),
    405: ("method_not_allowed", "The path exists but not with this method; see the Allow header."),
    408: ("request_timeout", "The request body did not arrive in time."),
    412: ("precondition_failed", "The file does not match the request's If-Match header."),
    413: ("payload_too_large", "The body is larger than the server accepts."),
    415: ("unsupported_media_type", "The body is not sent as uncompressed application/json."),
    416: ("range_not_satisfiable", "The Range header asks for bytes beyond the end of the file."),
    422: ("invalid_request", "The JSON is well-formed but a field is missing, empty or of the wrong type."),
    429: ("rate_limited", "Too many requests from this address; wait the number of seconds in Retry-After."),
    500: ("internal_error", "The server failed; the request can be retried."),
}
# Any other error status (none is known to occur) gets the code of its class.
FALLBACK_CODES = {4: 400, 5: 500}

# More specific codes: for a 400, so a client can tell a bad encoding from bad JSON; for a
# 413, an HTML page with more elements than credlib reads (credlib.extract.MAX_ELEMENTS).
SPECIFIC_CODES = ("malformed_json", "invalid_encoding", "incomplete_body", "page_too_complex")


class ApiError(HTTPException):
    """An error raised by our own code, with a specific code and a message for the client."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(description=message)
        self.code = status
        self.error_code = code


def _described(status: int) -> tuple[str, str]:
    """The documented code and meaning for an error status; another status gets its class's code (4xx, 5xx)."""
    if status in ERROR_CODES:
        return ERROR_CODES[status]
    return ERROR_CODES[FALLBACK_CODES.get(status // 100, 500)][0], f"The request failed with HTTP status {status}."


def error_response(status: int, message: str, code: str | None = None) -> Response:
    body = {"error": {"code": code or _described(status)[0], "message": message}}
    return Response(json.dumps(body, ensure_ascii=False), status=status, mimetype="application/json")


def as_json_error(response: Response) -> Response:
    """An error response not built here (a 412 from a conditional request for a static file) as JSON."""
    response.close()
    return error_response(response.status_code, _described(response.status_code)[1])


def _message(exc: HTTPException) -> str:
    status = exc.code or 500
    if isinstance(exc, ApiError):
        return exc.description or ""
    if status == 404:
        return "No such path. The API is POST /v1/score, GET /v1/signals, GET /healthz and GET /openapi.json."
    if status == 405:
        allowed = ", ".join(sorted(set(getattr(exc, "valid_methods", None) or ()) - {"OPTIONS"}))
        return f"This path does not accept this method; allowed: {allowed}." if allowed else "Method not allowed."
    if status == 413:
        limit = current_app.config.get("MAX_CONTENT_LENGTH")
        return f"The body is larger than the limit of {limit:,} bytes." if limit else "The body is too large."
    if status == 429:
        scope = current_app.config["CREDLIB"].rate_limit_scope
        return (f"Too many requests: the limit is {exc.description} {scope}. "
                "Retry after the number of seconds in Retry-After.")
    if status == 400:
        return "The request could not be read: its body was malformed or arrived incomplete."
    return exc.description or _described(status)[1]


def handle_http_error(exc: HTTPException) -> Response:
    status = exc.code or 500
    response = error_response(status, _message(exc), getattr(exc, "error_code", None))
    for name, value in exc.get_headers():
        if name.lower() != "content-type":  # e.g. Allow on a 405
            response.headers[name] = value
    return response


def handle_unexpected(exc: Exception) -> Response:
    frames = traceback.extract_tb(exc.__traceback__)
    # Type and code locations only: an exception's message may quote the article.
    where = " <- ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in reversed(frames[-6:]))
    log.error("internal error %s at %s", type(exc).__name__, where)
    return error_response(500, "The server failed to handle this request; it has been logged without its content.")


def register(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected)
