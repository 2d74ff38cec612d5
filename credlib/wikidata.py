"""Optional online verification of named authorities on Wikidata (off by default).

``credlib score --online`` (``Config(online=True)``) looks up the people that the
offline rosters could not check (verdict ``unverified``): a Wikidata entity search for
the name, then the entities' positions held (P39), occupations (P106) and employers
(P108) compared with the role and organisation the article claims.  A match makes the
verdict ``verified``; anything else keeps the offline verdict, with a note saying what
happened ("no Wikidata entry", "timed out").  Nothing here can make a verdict worse: an
absence from Wikidata proves nothing.

Being a polite client: one request at a time, at least ``interval`` seconds apart; a
short timeout; a User-Agent that names the project; every answer kept in a persistent
cache on disk (``$XDG_CACHE_HOME/credlib/wikidata.sqlite3``), keyed by the request —
which holds a name, never article text.  Settings come from the environment:

``CREDLIB_WIKIDATA_API``      the API endpoint (default: Wikidata's)
``CREDLIB_CACHE_DIR``         where the cache lives
``CREDLIB_ONLINE_TIMEOUT``    seconds per request (default 4)
``CREDLIB_ONLINE_INTERVAL``   seconds between requests (default 1)
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import time
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping
from urllib.parse import urlencode

from . import __version__
from .names import fold, name_key

if TYPE_CHECKING:
    from .signals.people import Verdict

log = logging.getLogger(__name__)

API = "https://www.wikidata.org/w/api.php"
USER_AGENT = f"credlib/{__version__} (credibility signals for news articles; people.unverifiable online check)"
TIMEOUT = 4.0
INTERVAL = 1.0
MAX_PEOPLE = 8  # people looked up per article, at most
MAX_CANDIDATES = 3  # search results examined per name
PROPERTIES = ("P39", "P106", "P108")  # position held, occupation, employer


class OnlineError(Exception):
    """The service could not be used (network, timeout, HTTP error, malformed answer)."""


@dataclass(frozen=True)
class Finding:
    """What Wikidata says about one name."""

    confirmed: bool
    note: str
    entity: str | None = None


def _seconds(environ: Mapping[str, str], name: str, default: float, zero: bool) -> float:
    raw = environ.get(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not (value >= 0 if zero else value > 0) or value == float("inf"):  # refuses nan too
        kind = "a number of seconds (0 or more)" if zero else "a number of seconds above 0"
        raise ValueError(f"{name}: expected {kind} such as {default:g}, got {raw!r}")
    return value


def timings(environ: Mapping[str, str] | None = None) -> tuple[float, float]:
    """(timeout, interval) in seconds from ``CREDLIB_ONLINE_TIMEOUT`` and
    ``CREDLIB_ONLINE_INTERVAL``; a value that is not a number of seconds is a one-line
    ValueError naming its variable (the CLI and the server check them before they start)."""
    environ = os.environ if environ is None else environ
    return (_seconds(environ, "CREDLIB_ONLINE_TIMEOUT", TIMEOUT, zero=False),
            _seconds(environ, "CREDLIB_ONLINE_INTERVAL", INTERVAL, zero=True))


def cache_dir() -> Path:
    configured = os.environ.get("CREDLIB_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "credlib"


class Client:
    """A small, polite Wikidata API client with an on-disk cache."""

    def __init__(self, api: str = API, cache: Path | None = None, timeout: float = TIMEOUT, interval: float = INTERVAL):
        import requests

        self.api = api
        self.timeout = timeout
        self.interval = interval
        self.session = requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self._lock = threading.Lock()
        self._last = 0.0
        self._cache_path = (cache or cache_dir()) / "wikidata.sqlite3"

    # -- transport -----------------------------------------------------------------------

    def _cached(self, key: str) -> Any | None:
        try:
            with sqlite3.connect(self._cache_path) as db:
                row = db.execute("SELECT body FROM answers WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return json.loads(row[0]) if row else None

    def _store(self, key: str, value: Any) -> None:
        try:
            self._cache_path.parent.mkdir(parents=True, exist_ok=True)
            with sqlite3.connect(self._cache_path) as db:
                db.execute("CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, body TEXT, stored REAL)")
                db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?)", (key, json.dumps(value), time.time()))
        except (OSError, sqlite3.Error) as exc:  # a cache that cannot be written only costs speed
            log.warning("credlib: cannot write the Wikidata cache %s: %s", self._cache_path, exc)

    def get(self, params: dict[str, str]) -> Any:
        """The API's JSON answer for ``params`` (from the cache when it has it)."""
        import requests

        params = {**params, "format": "json"}
        key = self.api + "?" + urlencode(sorted(params.items()))
        cached = self._cached(key)
        if cached is not None:
            return cached
        with self._lock:
            wait = self._last + self.interval - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                response = self.session.get(self.api, params=params, timeout=self.timeout)
            except requests.Timeout:
                raise OnlineError(f"Wikidata did not answer within {self.timeout:g} s") from None
            except requests.RequestException as exc:
                raise OnlineError(f"Wikidata could not be reached ({type(exc).__name__})") from None
            finally:
                self._last = time.monotonic()
        if response.status_code != 200:
            raise OnlineError(f"Wikidata answered HTTP {response.status_code}")
        try:
            value = response.json()
        except ValueError:
            raise OnlineError("Wikidata's answer was not valid JSON") from None
        if not isinstance(value, dict) or "error" in value:
            raise OnlineError("Wikidata's answer was not what was asked for")
        self._store(key, value)
        return value

    # -- questions -----------------------------------------------------------------------

    def search(self, name: str) -> list[dict[str, Any]]:
        answer = self.get({"action": "wbsearchentities", "search": name, "language": "en", "type": "item",
                           "limit": "7"})
        results = answer.get("search", [])
        if not isinstance(results, list):
            raise OnlineError("Wikidata's search answer was not a list")
        return [r for r in results if isinstance(r, dict) and isinstance(r.get("id"), str)]

    def entities(self, ids: list[str], props: str) -> dict[str, Any]:
        answer = self.get({"action": "wbgetentities", "ids": "|".join(ids), "props": props, "languages": "en"})
        entities = answer.get("entities", {})
        if not isinstance(entities, dict):
            raise OnlineError("Wikidata's entity answer was not an object")
        return entities

    def check(self, name: str, claims: list[str]) -> Finding:
        """Whether an entity called ``name`` holds a position, occupation or employer that
        matches one of ``claims`` ("professor", "Georgetown University")."""
        try:
            return self._check(name, claims)
        except (AttributeError, KeyError, TypeError):  # an answer of an unexpected shape
            raise OnlineError("Wikidata's answer was not what was asked for") from None

    def _check(self, name: str, claims: list[str]) -> Finding:
        key = name_key(name)
        surname_only = " " not in key
        candidates = []
        for result in self.search(name):
            label = name_key(str(result.get("label", "")))
            if label == key or (surname_only and label.split()[-1:] == [key]):
                candidates.append(result)
        candidates = candidates[:MAX_CANDIDATES]
        if not candidates:
            return Finding(False, f"Wikidata has no entry named {name}.")
        entities = self.entities([c["id"] for c in candidates], "claims|descriptions")
        linked: dict[str, list[str]] = {}
        for c in candidates:
            claims_of = entities.get(c["id"], {}).get("claims", {})
            linked[c["id"]] = [
                i for prop in PROPERTIES for statement in claims_of.get(prop, []) if (i := _item(statement))
            ]
        ids = sorted({i for values in linked.values() for i in values})[:50]
        labels = {}
        if ids:
            labelled = self.entities(ids, "labels")
            labels = {i: labelled.get(i, {}).get("labels", {}).get("en", {}).get("value", "") for i in ids}
        wanted = [fold(c) for c in claims if c]
        for c in candidates:
            description = str(c.get("description", ""))
            facts = [labels.get(i, "") for i in linked[c["id"]]] + [description]
            for fact in facts:
                folded = fold(fact)
                match = next((w for w in wanted if w and f" {w} " in f" {folded} "), None)
                if match:
                    return Finding(True, f"Wikidata {c['id']} ({c.get('label')}: {description or fact}) records “{fact}”.", c["id"])
        first = candidates[0]
        return Finding(False, f"Wikidata has {first.get('label')} ({first['id']}: {first.get('description', 'no description')}), "
                              "but nothing there matches the role or organisation claimed.", first["id"])


def _item(statement: Any) -> str | None:
    """The item a statement points at ("Q102"), or None for anything else."""
    try:
        value = statement["mainsnak"]["datavalue"]["value"]
    except (KeyError, TypeError):
        return None
    item = value.get("id") if isinstance(value, dict) else None
    return item if isinstance(item, str) else None


@lru_cache(maxsize=4)
def _client(api: str, cache: str, timeout: float, interval: float) -> Client:
    return Client(api, Path(cache), timeout, interval)


def client() -> Client:
    """The process's client, configured from the environment."""
    return _client(os.environ.get("CREDLIB_WIKIDATA_API", API), str(cache_dir()), *timings())


def verify_online(verdicts: list["Verdict"]) -> list["Verdict"]:
    """The verdicts with unverified people looked up on Wikidata.  A failure stops the
    lookups for this article and keeps the offline verdicts, each with a note."""
    out = []
    failure: str | None = None
    checked = 0
    for v in verdicts:
        if v.verdict != "unverified" or not v.person:
            out.append(v)
            continue
        if failure is None and checked >= MAX_PEOPLE:
            out.append(replace(v, note="Not looked up online: too many people in one article."))
            continue
        if failure is not None:
            out.append(replace(v, note=f"Online check failed ({failure}); offline verdict kept."))
            continue
        checked += 1
        claims = [x for x in (v.mention.title.rstrip("."), v.mention.org) if x]
        try:
            found = client().check(v.person, claims)
        except OnlineError as exc:
            failure = str(exc)
            out.append(replace(v, note=f"Online check failed ({failure}); offline verdict kept."))
            continue
        if found.confirmed:
            out.append(replace(v, verdict="verified", entry="verified", message=found.note, searchable=True,
                               note="Confirmed online (Wikidata)."))
        else:
            out.append(replace(v, note=found.note))
    return out
