"""An in-memory LRU cache of finished responses, bounded by entry count and by bytes.

Keys are SHA-256 digests of the normalized request, so the cache never holds a request
as a key; the values are the response bodies (a report quotes the article's words), and
they live only in this process's memory: nothing is written to disk or sent elsewhere.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import orjson


def request_key(*parts: Any) -> str:
    """SHA-256 of the parts as canonical JSON: equal requests, however they were spelled, share a key.

    orjson writes it (compact, keys sorted) in a seventh of the json module's time: this
    runs on every request, cached or not."""
    return hashlib.sha256(orjson.dumps(parts, option=orjson.OPT_SORT_KEYS)).hexdigest()


@dataclass(frozen=True)
class CacheStats:
    entries: int
    bytes: int
    hits: int
    misses: int


class ResponseCache:
    """Least-recently-used first out, once either ``max_entries`` or ``max_bytes`` would be exceeded."""

    def __init__(self, max_entries: int, max_bytes: int):
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._bytes = self._hits = self._misses = 0
        self._lock = threading.Lock()  # gthread workers serve several requests at once

    def get(self, key: str) -> bytes | None:
        with self._lock:
            value = self._items.get(key)
            if value is None:
                self._misses += 1
                return None
            self._items.move_to_end(key)
            self._hits += 1
            return value

    def put(self, key: str, value: bytes) -> None:
        if len(value) > self.max_bytes or self.max_entries == 0:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= len(old)
            self._items[key] = value
            self._bytes += len(value)
            while len(self._items) > self.max_entries or self._bytes > self.max_bytes:
                _, evicted = self._items.popitem(last=False)
                self._bytes -= len(evicted)

    def stats(self) -> CacheStats:
        with self._lock:
            return CacheStats(len(self._items), self._bytes, self._hits, self._misses)
