"""The OpenAPI 3.1 description served at ``/openapi.json``.

The report schema is not written twice: it is read from credlib's own JSON Schema
(``credlib/schema/report-v1.schema.json``) and its ``$defs`` become components.  Error
codes come from ``server.errors.ERROR_CODES``.  The tests validate real responses
against this document.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import credlib
from credlib.extract import MAX_ELEMENTS

from .errors import ERROR_CODES, SPECIFIC_CODES
from .settings import Settings

REPORT_SCHEMA = Path(credlib.__file__).resolve().parent / "schema" / "report-v1.schema.json"
_DEF_NAMES = {"signal": "ReportSignal", "finding": "ReportFinding"}


def _report_components() -> dict[str, Any]:
    """credlib's report schema as components, with ``#/$defs/x`` references rewritten."""
    schema = json.loads(REPORT_SCHEMA.read_text(encoding="utf-8"))
    defs = schema.pop("$defs")
    for key in ("$schema", "$id"):
        schema.pop(key, None)

    def rewrite(node: Any) -> Any:
        if isinstance(node, dict):
            return {
                k: (f"#/components/schemas/{_DEF_NAMES[v.rsplit('/', 1)[-1]]}" if k == "$ref" else rewrite(v))
                for k, v in node.items()
            }
        if isinstance(node, list):
            return [rewrite(v) for v in node]
        return node

    out = {"Report": rewrite(schema)}
    for name, definition in defs.items():
        out[_DEF_NAMES[name]] = rewrite(definition)
    return out


def _error_response(status: int, extra: str = "") -> dict[str, Any]:
    code, meaning = ERROR_CODES[status]
    return {
        "description": f"{meaning}{extra} (`error.code`: `{code}`, or a more specific code listed in Error.)",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def openapi_document(settings: Settings) -> dict[str, Any]:
    json_ok = lambda ref, description: {  # noqa: E731
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}},
    }
    rate_headers = {
        "Retry-After": {"description": "Seconds to wait before the next request.", "schema": {"type": "integer"}},
        "X-RateLimit-Limit": {"schema": {"type": "integer"}},
        "X-RateLimit-Remaining": {"schema": {"type": "integer"}},
        "X-RateLimit-Reset": {"schema": {"type": "integer"}},
    }
    score_responses = {
        "200": {
            "description": "The report: exactly the bytes of `credlib.score(...).to_json()` for the same input. "
            "A client that prefers `text/html` (Accept header) gets the report rendered as an HTML fragment "
            "(the web page does), styled by `/assets/report.css`.",
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/Report"}},
                "text/html": {"schema": {"type": "string"}},
            },
            "headers": {k: v for k, v in rate_headers.items() if k != "Retry-After"},
        },
        "400": _error_response(400),
        "408": _error_response(408, f" The body may stall for at most {settings.read_timeout:g} seconds and must "
                               f"arrive whole within {settings.body_deadline:g} seconds."),
        "413": _error_response(413, f" The limit is {settings.max_body_bytes:,} bytes. An `html` page with more than "
                               f"{MAX_ELEMENTS:,} elements is refused too, with the code `page_too_complex` "
                               "(reading it would take seconds)."),
        "415": _error_response(415),
        "422": _error_response(422),
        "429": {**_error_response(429, f" The limit is {settings.rate_limit} {settings.rate_limit_scope}."),
                "headers": rate_headers},
        "500": _error_response(500),
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "credlib server",
            "version": credlib.__version__,
            "summary": "Explained credibility signals for news articles.",
            "description": (
                "Scores a news article on credibility signals; every finding points at the exact words that "
                "triggered it. credlib does not judge whether an article is true.\n\n"
                "Every error is JSON: `{\"error\": {\"code\", \"message\"}}`, including 404 for an unknown "
                "path, 405 (with an `Allow` header) for a method a path does not accept, and 412 or 416 for a "
                "conditional or range request for one of the page's files that cannot be met. The exception is "
                "HTTP the server (gunicorn) rejects before the application sees it — a request line over 4,094 "
                "bytes (414), more than 50 header fields or one over 8,190 bytes (431 or 400), a malformed "
                "request line or chunked encoding (400), a Transfer-Encoding other than chunked (400, or 501 for "
                "one HTTP does not define) or an Expect header other than 100-continue (417) — which gets "
                "gunicorn's short plain-text or HTML answer. "
                "Article text is never logged or written to disk."
            ),
            "license": {"name": "MIT", "identifier": "MIT"},
        },
        "paths": {
            "/v1/score": {
                "post": {
                    "operationId": "score",
                    "summary": "Score an article",
                    "description": "A body sent without a Content-Type is read as JSON; any type other than "
                    "`application/json` (UTF-8), or compressed (any Content-Encoding but `identity`), is refused "
                    "with 415. A body over the size limit is refused from its Content-Length (413) before it is "
                    "read or, sent in chunks without one, as soon as it passes the limit.",
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ScoreRequest"}}},
                    },
                    "responses": score_responses,
                }
            },
            "/v1/signals": {
                "get": {
                    "operationId": "signals",
                    "summary": "The signal catalogue (credlib.signals())",
                    "responses": {"200": json_ok("SignalCatalogue", "Every signal with its default weight.")},
                }
            },
            "/healthz": {
                "get": {
                    "operationId": "health",
                    "summary": "Liveness for load balancers",
                    "responses": {"200": json_ok("Health", "The server is up.")},
                }
            },
            "/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "This document",
                    "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object"}}}}},
                }
            },
            "/": {
                "get": {
                    "operationId": "page",
                    "summary": "The web page: paste an article or choose an HTML file",
                    "responses": {"200": {"description": "HTML", "content": {"text/html": {"schema": {"type": "string"}}}}},
                }
            },
        },
        "components": {
            "schemas": {
                "ScoreRequest": {
                    "type": "object",
                    "description": "`text` (the article; an HTML page given as text is detected) or `html` "
                    "(a whole page, whose main text is extracted) is required. With both, `text` is the body and "
                    "the page supplies metadata. With `title`, `text` is the body unchanged, so offsets map onto it.",
                    "properties": {
                        "text": {"type": "string", "minLength": 1, "pattern": "\\S",
                                 "description": "At least one visible character: text of only white space, "
                                 "control and invisible format characters (zero-width spaces, joiners, byte-order "
                                 "marks) is refused with 422."},
                        "title": {"type": ["string", "null"]},
                        "url": {"type": ["string", "null"], "description": "The article's address."},
                        "html": {"type": ["string", "null"]},
                        "include_text": {"type": "boolean", "default": False,
                                         "description": "Add the analysed body to the report as `body`."},
                    },
                    "anyOf": [{"required": ["text"]}, {"required": ["html"], "properties": {"html": {"type": "string", "pattern": "\\S"}}}],
                    "additionalProperties": False,
                },
                **_report_components(),
                "SignalCatalogue": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["id", "title", "description", "weight", "informational", "languages", "entries"],
                        "additionalProperties": False,
                        "properties": {
                            "id": {"type": "string"},
                            "title": {"type": "string"},
                            "description": {"type": "string"},
                            "weight": {"type": "number", "minimum": 0},
                            "informational": {"type": "boolean"},
                            "languages": {"type": "array", "items": {"type": "string"}},
                            "entries": {"type": "array", "items": {"type": "string"}},
                        },
                    },
                },
                "Health": {
                    "type": "object",
                    "required": ["status", "version"],
                    "additionalProperties": False,
                    "properties": {"status": {"const": "ok"}, "version": {"type": "string"}},
                },
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "additionalProperties": False,
                    "properties": {
                        "error": {
                            "type": "object",
                            "required": ["code", "message"],
                            "additionalProperties": False,
                            "properties": {
                                "code": {
                                    "enum": sorted({c for c, _ in ERROR_CODES.values()} | set(SPECIFIC_CODES)),
                                },
                                "message": {"type": "string", "minLength": 1},
                            },
                        }
                    },
                },
            },
            # Errors any path may answer with (the last two: the page's static files).
            "responses": {
                "NotFound": _error_response(404),
                "MethodNotAllowed": _error_response(405),
                "PreconditionFailed": _error_response(412),
                "RangeNotSatisfiable": _error_response(416),
            },
        },
    }
