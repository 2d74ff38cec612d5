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
    """Warm up before the workers fork: lexicons, language profiles and models load once."""
    import credlib

    credlib.score("Officials said on Monday that the council had approved the plan.", title="Council approves plan")
    server.log.info("credlib %s ready on %s with %d workers", credlib.__version__, ", ".join(bind), workers)
