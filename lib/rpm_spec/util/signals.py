"""SIGINT and SIGTERM as exceptions of the main thread, and a way to hold them off.

Python turns SIGINT into ``KeyboardInterrupt`` in the main thread;
:func:`first_stop_signal_raises` does the same for SIGTERM with :class:`Terminated`, so
that a batch system's time limit or ``kill`` unwinds the program through the same
``finally`` blocks as Ctrl-C does, and ignores the signals that follow the first one.
:func:`signals_deferred` holds both off while a cleanup that must not be cut short runs
(a second Ctrl-C while builds are being stopped). Signal handlers can only be set from
the main thread; elsewhere both context managers change nothing.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import FrameType

#: The signals that stop rpm-spec in an orderly way.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Terminated(BaseException):
    """SIGTERM arrived: raised in the main thread as ``KeyboardInterrupt`` is for SIGINT.

    A ``BaseException``, like ``KeyboardInterrupt``, so that ``except Exception`` blocks
    do not swallow it.
    """

    def __init__(self, signum: int = signal.SIGTERM) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def signal_name(interruption: BaseException) -> str | None:
    """``"SIGINT"`` or ``"SIGTERM"`` for the exceptions those signals raise, else None."""
    if isinstance(interruption, KeyboardInterrupt):
        return "SIGINT"
    if isinstance(interruption, Terminated):
        return signal.Signals(interruption.signum).name
    return None


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def first_stop_signal_raises() -> Iterator[None]:
    """While inside, the first SIGINT or SIGTERM raises; any later one is ignored.

    SIGINT raises ``KeyboardInterrupt`` and SIGTERM :class:`Terminated`, in the main
    thread. Once one did, the program is stopping: a second Ctrl-C (or several signals
    arriving together) must not cut short the cleanup the first one started.
    """
    if not _in_main_thread():
        yield
        return
    fired: list[int] = []

    def stop(signum: int, frame: FrameType | None) -> None:
        if fired:
            return
        fired.append(signum)
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise Terminated(signum)

    previous = {signum: signal.signal(signum, stop) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextlib.contextmanager
def signals_deferred() -> Iterator[list[int]]:
    """While inside, SIGINT and SIGTERM are only recorded (in the list yielded).

    For cleanups that must finish once started: the first signal already decided that
    the program stops; a second one must not cut its cleanup short.
    """
    received: list[int] = []
    if not _in_main_thread():
        yield received
        return

    def record(signum: int, frame: FrameType | None) -> None:
        received.append(signum)

    previous = {signum: signal.signal(signum, record) for signum in STOP_SIGNALS}
    try:
        yield received
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
