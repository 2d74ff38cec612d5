"""Server settings: one frozen dataclass, filled from ``CREDLIB_*`` environment variables.

Every setting has a default that works on a laptop with no configuration.  The same
values are read by ``create_app`` and by ``server/gunicorn.conf.py`` so the process
manager and the application never disagree.  A bad value is an error with the variable's
name, never silently replaced by the default.
"""

from __future__ import annotations

import ipaddress
import math
import os
import re
from dataclasses import dataclass, fields, replace
from typing import Any, Mapping

ENV_PREFIX = "CREDLIB_"
MB = 1024 * 1024

# chrome-extension://<32 letters a-p>, moz-extension://<uuid>, or a web origin.
_ORIGIN = re.compile(r"^(?:chrome-extension|moz-extension|https?)://[A-Za-z0-9.\-\[\]:]+$")
# The project's browser extension in Chromium: its id is pinned by the "key" in
# extension/manifest.json (tests/test_extension_manifest.py checks the two agree).
# Firefox gives every installation its own moz-extension:// UUID, so it cannot be
# listed here; the extension does not need CORS anyway (it calls the server from its
# background with a host permission).
EXTENSION_ORIGIN = "chrome-extension://pcjipfplecpeiejlipmkpohgfhffdimf"

# What CREDLIB_REDIS_URL may start with: the rate limiter's (limits) Redis schemes.
REDIS_SCHEMES = ("redis://", "rediss://", "redis+unix://")
# A host name (RFC 1123 labels of letters, digits and hyphens, joined by dots).
_HOSTNAME = re.compile(r"^(?=.{1,253}$)(?!-)[A-Za-z0-9-]{1,63}(?<!-)(?:\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*\.?$")

_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")

# Timeouts in seconds: under a millisecond a socket timeout rounds to 0, which the kernel
# reads as "no timeout at all"; over a day is a mistake (and overflows a timeval).
MIN_TIMEOUT, MAX_TIMEOUT = 0.001, 86400.0
# Without CREDLIB_BODY_TIMEOUT, a whole body may take this many read timeouts to arrive.
BODY_TIMEOUT_READS = 6


class SettingsError(ValueError):
    """A setting has a value the server cannot use; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 0  # 0: one per core
    threads: int = 4  # per worker; a slow client holds one thread, not a whole worker
    max_body_bytes: int = 2 * MB
    read_timeout: float = 10.0  # seconds a client may stall while sending a request
    body_timeout: float = 0.0  # seconds a whole request body may take; 0: BODY_TIMEOUT_READS x read_timeout
    rate_limit: str = "60 per minute"  # per client address (and worker process, without Redis), on POST /v1/score
    redis_url: str | None = None  # shared rate-limit storage; memory per worker otherwise
    cors_origins: tuple[str, ...] = (EXTENSION_ORIGIN,)  # the server's own page is always allowed too
    cache_entries: int = 512
    cache_bytes: int = 64 * MB
    proxy_hops: int = 0  # reverse proxies in front that set X-Forwarded-For/-Proto (X-Forwarded-Host is ignored)
    online: bool = False  # online name verification (credlib.Config.online)
    access_log: str = "-"  # gunicorn access log: "-" standard output, a path, or "" for none

    def __post_init__(self) -> None:
        checks = {
            "port": 0 <= self.port <= 65535,
            "workers": self.workers >= 0,
            "threads": self.threads >= 1,
            "max_body_bytes": self.max_body_bytes >= 1,
            "read_timeout": _timeout(self.read_timeout),
            "body_timeout": self.body_timeout == 0 or _timeout(self.body_timeout),
            "cache_entries": self.cache_entries >= 0,
            "cache_bytes": self.cache_bytes >= 0,
            "proxy_hops": self.proxy_hops >= 0,
        }
        for name, ok in checks.items():
            if not ok:
                hint = ""
                if name.endswith("_timeout"):
                    zero = "0 or " if name == "body_timeout" else ""
                    hint = f" (expected {zero}{MIN_TIMEOUT:g} to {MAX_TIMEOUT:g} seconds)"
                raise SettingsError(f"{env_name(name)}: {getattr(self, name)!r} is out of range{hint}")
        if not _valid_host(self.host):
            hint = " (an IPv6 address goes without brackets)" if self.host.startswith("[") else ""
            raise SettingsError(
                f"{env_name('host')}: {self.host!r} is not an IP address or host name such as 127.0.0.1, ::1 or "
                f"localhost; the port is {env_name('port')}{hint}"
            )
        for origin in self.cors_origins:
            if not _ORIGIN.match(origin):
                raise SettingsError(
                    f"{env_name('cors_origins')}: {origin!r} is not an origin such as "
                    "chrome-extension://<id>, moz-extension://<id> or https://example.org"
                )
        if self.redis_url is not None and not self.redis_url.startswith(REDIS_SCHEMES):
            # unix:// is redis-py's spelling of a socket; the rate limiter reads redis+unix://
            hint = " (a Unix socket is redis+unix:///path/to/redis.sock)" if self.redis_url.startswith("unix:") else ""
            raise SettingsError(
                f"{env_name('redis_url')}: expected redis://host:port[/db], rediss://host:port[/db] or "
                f"redis+unix:///path/to/redis.sock, got {self.redis_url!r}{hint}"
            )
        from limits import parse_many

        try:
            parse_many(self.rate_limit)
        except ValueError:
            raise SettingsError(
                f"{env_name('rate_limit')}: {self.rate_limit!r} is not a rate such as '60 per minute' or '10/second'"
            ) from None

    @property
    def worker_count(self) -> int:
        return self.workers or os.cpu_count() or 1

    @property
    def body_deadline(self) -> float:
        """Seconds a whole request body may take to arrive, however steadily it trickles in."""
        return self.body_timeout or BODY_TIMEOUT_READS * self.read_timeout

    @property
    def rate_limit_scope(self) -> str:
        """Whom one rate-limit counter covers: memory counters are each worker process's own."""
        return "per client address" if self.redis_url else "per client address and server process"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        """Settings from ``CREDLIB_<NAME>`` variables (e.g. ``CREDLIB_RATE_LIMIT``)."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = environ.get(env_name(f.name))
            if raw is not None:
                values[f.name] = _parse(f.name, f.type, raw)
        # Online verification reads its timings (CREDLIB_ONLINE_TIMEOUT, _INTERVAL) from the
        # environment when it first looks someone up; a bad one stops the server here instead.
        from credlib.wikidata import timings

        try:
            timings(environ)
        except ValueError as exc:
            raise SettingsError(str(exc)) from None
        return cls(**values)

    def updated(self, overrides: Mapping[str, Any]) -> "Settings":
        known = {f.name for f in fields(self)}
        unknown = sorted(set(overrides) - known)
        if unknown:
            raise SettingsError(f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        values = dict(overrides)
        if isinstance(values.get("cors_origins"), (list, str)):
            origins = values["cors_origins"]
            values["cors_origins"] = tuple(origins.split(",") if isinstance(origins, str) else origins)
        return replace(self, **values)


def _valid_host(host: str) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return bool(_HOSTNAME.match(host))
    return not getattr(address, "scope_id", None)  # gunicorn cannot bind "fe80::1%eth0"


def _timeout(seconds: float) -> bool:
    return math.isfinite(seconds) and MIN_TIMEOUT <= seconds <= MAX_TIMEOUT


def env_name(field_name: str) -> str:
    return ENV_PREFIX + field_name.upper()


def _parse(name: str, type_name: str, raw: str) -> Any:
    raw = raw.strip()
    try:
        if type_name == "int":
            return int(raw.replace("_", ""))
        if type_name == "float":
            return float(raw)
        if type_name == "bool":
            if raw.lower() in _TRUE:
                return True
            if raw.lower() in _FALSE:
                return False
            raise ValueError
    except ValueError:
        expected = {"int": "a whole number", "float": "a number", "bool": "1/0, true/false, yes/no or on/off"}[type_name]
        raise SettingsError(f"{env_name(name)}: expected {expected}, got {raw!r}") from None
    if name == "cors_origins":
        return tuple(o.strip() for o in raw.split(",") if o.strip())
    if name == "redis_url":
        return raw or None
    return raw
