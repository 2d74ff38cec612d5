"""The web page: paste an article or choose an .html file, see the evidence highlighted.

Everything the page needs is served from here (no CDN, works offline).  The report
itself is rendered on the server by ``credlib.render`` (``POST /v1/score`` with
``Accept: text/html``); the page's script only sends the form and places the result.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template

import credlib
from credlib.render import REPORT_CSS

bp = Blueprint("web", __name__, static_folder="static", static_url_path="/static")

# The page runs only its own script; inline style attributes carry the highlight colours.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; "
    "img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


@bp.get("/")
def index() -> Response:
    settings = current_app.config["CREDLIB"]
    page = render_template("index.html", version=credlib.__version__, max_body_bytes=settings.max_body_bytes)
    response = Response(page, mimetype="text/html")
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    return response


@bp.get("/assets/report.css")
def report_css() -> Response:
    """The CLI report's stylesheet, so the page and ``credlib score --format html`` look the same."""
    response = Response(REPORT_CSS, mimetype="text/css")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response
