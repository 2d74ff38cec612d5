"""A deadline for reading a whole request body, however slowly it trickles in.

A socket timeout bounds each wait for data, not the whole read: a client that sends one
byte just before every timeout would hold a worker thread for ever.  A blocked read
cannot be interrupted from its own thread, so each worker process has one watchdog
thread (started at the first body read, never one per request) that shuts down the
reading side of a socket whose body is overdue: the blocked read returns at once and
the request is answered with a 408.

    with body_deadline(sock, seconds) as watch:
        data = read_the_body()
    if watch.expired: ...
"""

from __future__ import annotations

import heapq
import itertools
import math
import os
import socket
import threading
import time
from contextlib import contextmanager
from typing import Iterator


class Watch:
    """One body read being timed; ``expired`` once the watchdog has cut it off."""

    __slots__ = ("sock", "expired", "done")

    def __init__(self, sock: socket.socket | None):
        self.sock = sock
        self.expired = False
        self.done = False


class Watchdog:
    def __init__(self) -> None:
        self._reset()
        # A forked worker has none of its parent's threads: it starts its own when needed.
        os.register_at_fork(after_in_child=self._reset)

    def _reset(self) -> None:
        self._lock = threading.Condition(threading.Lock())
        self._queue: list[tuple[float, int, Watch]] = []  # (deadline, tie-break, watch), soonest first
        self._order = itertools.count()
        self._finished = 0  # entries in the queue whose body has been read (dropped lazily)
        self._running = False
        self._wake_at = math.inf  # when the watchdog thread looks at the queue next
        self._idle = 1.0  # how long it sleeps with nothing to watch: the last deadline's length

    def start(self, sock: socket.socket, seconds: float) -> Watch:
        watch = Watch(sock)
        deadline = time.monotonic() + seconds
        with self._lock:
            if not self._running:
                threading.Thread(target=self._run, name="credlib-body-deadline", daemon=True).start()
                self._running = True  # only once it has started: a failed start is tried again
            heapq.heappush(self._queue, (deadline, next(self._order), watch))
            self._idle = seconds
            # Every body gets the same time, so a new deadline is nearly always later than the
            # watchdog's next look: no wake-up (and no thread switch) per request.
            if deadline < self._wake_at:
                self._lock.notify()
        return watch

    def stop(self, watch: Watch) -> None:
        with self._lock:  # after this the watchdog never touches the socket (it may serve the next request)
            watch.done = True
            watch.sock = None
            if not watch.expired:  # still queued (the watchdog takes expired ones out)
                self._finished += 1
            self._drop_done()  # bodies mostly finish in the order they started: keep the queue short
            # One slow body at the head keeps every later, finished one queued behind it:
            # when they are the majority, the queue is rebuilt without them (in place: the
            # watchdog thread holds this list).
            queue = self._queue
            if self._finished > 64 and self._finished * 2 > len(queue):
                queue[:] = [entry for entry in queue if not entry[2].done]
                heapq.heapify(queue)
                self._finished = 0

    def _drop_done(self) -> None:
        """Take finished entries off the head of the queue (with the lock held)."""
        queue = self._queue
        while queue and queue[0][2].done:
            heapq.heappop(queue)
            self._finished -= 1

    def _run(self) -> None:
        lock, queue = self._lock, self._queue  # this process's (a fork replaces them)
        with lock:
            while True:
                self._drop_done()
                now = time.monotonic()
                if not queue or queue[0][0] > now:
                    self._wake_at = queue[0][0] if queue else now + self._idle
                    lock.wait(self._wake_at - now)
                    continue
                watch = heapq.heappop(queue)[2]
                watch.expired = True
                try:
                    watch.sock.shutdown(socket.SHUT_RD)  # type: ignore[union-attr]
                except OSError:
                    pass  # the client has gone already


WATCHDOG = Watchdog()


@contextmanager
def body_deadline(sock: socket.socket | None, seconds: float) -> Iterator[Watch]:
    """Cut off reads from ``sock`` after ``seconds``; without a socket (tests), nothing to watch."""
    if sock is None:
        yield Watch(None)
        return
    watch = WATCHDOG.start(sock, seconds)
    try:
        yield watch
    finally:
        WATCHDOG.stop(watch)
