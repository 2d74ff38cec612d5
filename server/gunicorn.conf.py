"""gunicorn settings for the credlib server (``make serve``).

    gunicorn -c server/gunicorn.conf.py

Everything comes from the same ``CREDLIB_*`` variables as the application
(``server/settings.py``): bind address, workers (default one per core), threads, log.
"""

import errno
import re
import socket
import sys
from pathlib import Path

# gunicorn reads this file before it puts the working directory on sys.path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from server.settings import Settings, SettingsError  # noqa: E402

try:
    _settings = Settings.from_env()
except SettingsError as exc:
    sys.exit(f"credlib server: {exc}")


def _check_address(host: str, port: int) -> None:
    """Stop with one line when the address cannot be listened on at all (a name that does
    not resolve, an address this machine does not have), instead of gunicorn's retries.
    An address in use is left to gunicorn's retries (an old server may be stopping)."""
    from gunicorn.util import is_ipv6

    family = socket.AF_INET6 if is_ipv6(host) else socket.AF_INET  # as gunicorn binds it
    try:
        address = socket.getaddrinfo(host, port, family, socket.SOCK_STREAM)[0][4]
    except (socket.gaierror, UnicodeError) as exc:
        sys.exit(f"credlib server: CREDLIB_HOST: cannot resolve {host!r} ({getattr(exc, 'strerror', None) or exc})")
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.bind(address)
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            sys.exit(f"credlib server: cannot listen on {host} port {port}: {exc.strerror}")


# Once per process, before gunicorn binds: a reload (SIGHUP) reads this file again while
# the server holds its address, and must not stop it over a passing DNS failure.
if not getattr(sys.modules["server.settings"], "address_checked", False):
    _check_address(_settings.host, _settings.port)
    sys.modules["server.settings"].address_checked = True

wsgi_app = "server:create_app()"
bind = [f"[{_settings.host}]:{_settings.port}" if ":" in _settings.host else f"{_settings.host}:{_settings.port}"]
workers = _settings.worker_count
# Threads, so a slow client holds one thread and not a whole worker process.
worker_class = "gthread"
threads = _settings.threads
preload_app = True  # load credlib once, before forking: faster start, shared memory
timeout = 30
graceful_timeout = 20  # on SIGTERM, requests in flight get this long to finish
keepalive = 5
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190

# The access log has the path without its query string and never a body.
accesslog = _settings.access_log or None
access_log_format = '%(h)s - - %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = "info"
control_socket_disable = True  # no admin socket file in $HOME; several servers may run side by side


def when_ready(server):
    """Bound socket reads, then warm up before the workers fork (lexicons and models load once)."""
    import gc
    import logging
    import socket
    import struct

    import credlib

    # A client that stops sending mid-request must not hold a worker thread for ever:
    # connections accepted from these listeners inherit a kernel receive timeout, so a
    # stalled read fails after read_timeout seconds and the thread moves on.
    seconds = _settings.read_timeout
    timeval = struct.pack("ll", int(seconds), int((seconds % 1) * 1_000_000))
    for listener in server.LISTENERS:
        listener.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, timeval)

    logging.getLogger("gunicorn.error").addFilter(_stalled_client_in_one_line)
    _honour_connection_close()

    # The application's own log lines (errors, rate-limit storage failures) go to gunicorn's error log;
    # flask-limiter's line for every refused request is filtered out (server/__init__.py).
    for name in ("credlib.server", "flask-limiter"):
        app_log = logging.getLogger(name)
        app_log.setLevel(logging.INFO)
        for handler in logging.getLogger("gunicorn.error").handlers:
            app_log.addHandler(handler)

    credlib.warm_up()
    # Everything loaded so far (the application, lexicons, models, rosters) lives as long
    # as the server: move it out of the garbage collector's view.  A worker's full
    # collection, every few hundred requests, then walks only what requests allocated
    # (measured in a worker: 0.8-1.6 ms instead of 45-57 ms, a pause every request queued
    # behind it waited out), and the forked workers keep sharing those pages instead of
    # copying them when the collector touches them.
    gc.freeze()
    server.log.info("credlib %s ready on %s with %d workers", credlib.__version__, ", ".join(bind), workers)


def _honour_connection_close():
    """Close the connection after a response that carries ``Connection: close``.

    gunicorn drops a Connection header set by the application (it is hop-by-hop) and
    decides on keep-alive from the request alone.  The application sets it when it
    answered without reading a request body to its end or could not parse it
    (server/__init__.py): the bytes after what Content-Length announced must not be read
    as the client's next request.
    """
    from gunicorn.http import wsgi

    start_response = wsgi.Response.start_response
    if getattr(start_response, "credlib", False):
        return  # patched already (the configuration is read again on reload)

    def start_response_closing(self, status, headers, exc_info=None):
        if any(name.lower() == "connection" and "close" in value.lower() for name, value in headers):
            self.force_close()
        return start_response(self, status, headers, exc_info)

    start_response_closing.credlib = True
    wsgi.Response.start_response = start_response_closing


# gunicorn's line for a request it cannot parse quotes what the client sent, which may be
# article text (the rest of a body whose Content-Length was too short), e.g.
#   Invalid request from ip=10.0.0.1: Invalid HTTP method: 'Analysts believe the ...'
# The kind of error is kept, up to the first quoted value: that, and all after it, is the client's.
_INVALID_REQUEST = re.compile(r"(Invalid request from ip=\S*?: )([^'\"]*?)(?::\s*b?['\"].*)?", re.S)


def _stalled_client_in_one_line(record):
    """Client errors are not server faults: one line each, without a traceback or what the client sent.

    A read that hit the receive timeout becomes a one-line warning; gunicorn's line for an
    unparseable request keeps the address and the kind of error, not the bytes it quotes.
    """
    exc = record.exc_info[1] if record.exc_info else None
    if isinstance(exc, BlockingIOError):
        record.msg, record.args = "Closed a connection whose client sent nothing for %gs", (_settings.read_timeout,)
        record.exc_info = record.exc_text = None
        record.levelname, record.levelno = "WARNING", 30
    elif isinstance(record.msg, str) and record.msg.startswith("Invalid request from ip="):
        message = record.getMessage()
        kept = _INVALID_REQUEST.fullmatch(message)
        if kept:
            record.msg = kept.group(1) + kept.group(2)
        else:  # a quote elsewhere in the message: keep only the address
            where = _INVALID_REQUEST.match(message)
            record.msg = (where.group(1) if where else "Invalid request: ") + "an error quoting what the client sent"
        record.args = ()
    return True
