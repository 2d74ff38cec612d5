"""gunicorn settings for the credlib server (``make serve``).

    gunicorn -c server/gunicorn.conf.py

Everything comes from the same ``CREDLIB_*`` variables as the application
(``server/settings.py``): bind address, workers (default one per core), threads, log.
"""

import sys
from pathlib import Path

# gunicorn reads this file before it puts the working directory on sys.path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from server.settings import Settings, SettingsError  # noqa: E402

try:
    _settings = Settings.from_env()
except SettingsError as exc:
    sys.exit(f"credlib server: {exc}")

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

    # The application's own log lines (errors, rate-limit storage failures) go to gunicorn's error log.
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


def _stalled_client_in_one_line(record):
    """A read that hit the receive timeout is a client's stall, not a server fault: one line, no traceback."""
    exc = record.exc_info[1] if record.exc_info else None
    if isinstance(exc, BlockingIOError):
        record.msg, record.args = "Closed a connection whose client sent nothing for %gs", (_settings.read_timeout,)
        record.exc_info = record.exc_text = None
        record.levelname, record.levelno = "WARNING", 30
    return True
