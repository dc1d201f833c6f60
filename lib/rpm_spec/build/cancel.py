"""Stopping an install in flight: one :class:`Cancellation` shared by the installer's workers.

The installer's main thread is the one Python interrupts (Ctrl-C, SIGTERM); the builds
run in worker threads, each waiting for a build child in a process group of its own.
The main thread calls :meth:`Cancellation.cancel`, which marks the install as stopping
and calls the stop function of every build in flight (they signal their process
groups); each worker then sees its build end, notices the cancellation, removes the
partial prefix and registers nothing.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator


class Cancellation:
    """A one-way switch from "running" to "stopping", with what to call when it flips."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._stops: dict[int, Callable[[bool], None]] = {}
        self._next = 0

    @property
    def requested(self) -> bool:
        """True once :meth:`cancel` was called."""
        return self._event.is_set()

    def wait(self, timeout_s: float | None = None) -> bool:
        """Block until cancelled (True) or ``timeout_s`` passed (False)."""
        return self._event.wait(timeout_s)

    def cancel(self, *, force: bool = False) -> None:
        """Mark as stopping and call every registered stop function with ``force``."""
        with self._lock:
            self._event.set()
            stops = list(self._stops.values())
        for stop in stops:
            with contextlib.suppress(Exception):  # one build's trouble must not spare others
                stop(force)

    @property
    def busy(self) -> bool:
        """True while some work is inside :meth:`stops_with` or :meth:`busy_while`."""
        with self._lock:
            return bool(self._stops)

    @contextlib.contextmanager
    def busy_while(self) -> Iterator[None]:
        """Mark work that must finish once started (removing a prefix) as :attr:`busy`."""
        with self.stops_with(_ignore):
            yield

    @contextlib.contextmanager
    def stops_with(self, stop: Callable[[bool], None]) -> Iterator[None]:
        """While inside, :meth:`cancel` calls ``stop``; called at once if already cancelled.

        ``stop(force)`` asks the work to stop (a build: SIGTERM to its process group) or,
        with ``force``, makes it (SIGKILL).
        """
        with self._lock:
            key = self._next
            self._next += 1
            self._stops[key] = stop
            already = self._event.is_set()
        try:
            if already:
                stop(False)
            yield
        finally:
            with self._lock:
                del self._stops[key]


def _ignore(force: bool) -> None:
    """The stop function of work that is not stopped, only waited for."""
