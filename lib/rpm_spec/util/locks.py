"""Inter-process file locks on ``fcntl.lockf`` (POSIX record locks).

POSIX locks work between processes on one node and, through the NFS lock
manager, between nodes sharing a file system, which ``flock`` does not promise.
They belong to the process, not the file descriptor: the kernel drops them when
the process dies (even by ``kill -9``), so a crashed installer never leaves a
lock behind. Two caveats shape this class:

- threads of one process do not exclude each other through POSIX locks, so each
  :class:`FileLock` also holds a ``threading.Lock``: threads that share one
  instance are serialized;
- closing *any* descriptor of a file drops the process's locks on it, so use one
  instance per path within a process (``Store.lock`` caches them).

Waiting without a timeout blocks in the kernel (``F_SETLKW``); with a timeout we
poll with exponential backoff (10 ms up to 0.5 s), never a busy spin.
"""

from __future__ import annotations

import errno
import fcntl
import os
import threading
import time
from typing import TYPE_CHECKING

from rpm_spec.errors import RpmSpecError

if TYPE_CHECKING:
    from pathlib import Path
    from types import TracebackType

_FIRST_WAIT_S = 0.01
_LONGEST_WAIT_S = 0.5


class LockTimeoutError(RpmSpecError):
    """Another process held a lock for longer than we were willing to wait."""

    def __init__(self, path: Path, timeout_s: float) -> None:
        super().__init__(
            f"timed out after {timeout_s:g}s waiting for the lock {path}",
            hint="another rpm-spec process is using it; wait for it to finish and retry",
        )
        self.path = path
        self.timeout_s = timeout_s


class LockError(RpmSpecError):
    """The lock file cannot be created or locked at all (permissions, no lock daemon)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"cannot lock {path}: {reason}")
        self.path = path
        self.reason = reason


class FileLock:
    """An exclusive (or shared) lock on ``path``, created on first use.

    ``with FileLock(path):`` takes it exclusively and waits as long as needed;
    ``FileLock(path, shared=True, timeout_s=5)`` takes a shared lock and raises
    :class:`LockTimeoutError` after five seconds. Not re-entrant.
    """

    def __init__(self, path: Path, *, shared: bool = False, timeout_s: float | None = None):
        self.path = path
        self.shared = shared
        self.timeout_s = timeout_s
        self._thread_lock = threading.Lock()
        self._fd: int | None = None

    def __repr__(self) -> str:
        return f"FileLock({str(self.path)!r}, shared={self.shared})"

    @property
    def held(self) -> bool:
        """Whether this instance holds the lock now."""
        return self._fd is not None

    def acquire(self, *, shared: bool | None = None, timeout_s: float | None = None) -> None:
        """Take the lock; the arguments override the instance's defaults for this call."""
        shared = self.shared if shared is None else shared
        timeout_s = self.timeout_s if timeout_s is None else timeout_s
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        if not self._thread_lock.acquire(timeout=-1 if timeout_s is None else timeout_s):
            raise LockTimeoutError(self.path, timeout_s or 0.0)
        try:
            fd = self._open()
            try:
                self._lock_fd(fd, shared, deadline, timeout_s)
            except BaseException:
                os.close(fd)
                raise
            self._fd = fd
        except BaseException:
            self._thread_lock.release()
            raise

    def release(self) -> None:
        """Give the lock back (closing the descriptor drops the POSIX lock)."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            fcntl.lockf(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
            self._thread_lock.release()

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()

    def _open(self) -> int:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Read-write even for shared locks: lockf needs a writable descriptor for
            # exclusive locks, and one mode keeps the file's permissions simple.
            return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as error:
            raise LockError(self.path, error.strerror or str(error)) from None

    def _lock_fd(
        self, fd: int, shared: bool, deadline: float | None, timeout_s: float | None
    ) -> None:
        mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
        if deadline is None:
            try:
                fcntl.lockf(fd, mode)  # F_SETLKW: the kernel wakes us when it is free
            except OSError as error:
                raise LockError(self.path, error.strerror or str(error)) from None
            return
        wait_s = _FIRST_WAIT_S
        while True:
            try:
                fcntl.lockf(fd, mode | fcntl.LOCK_NB)
                return
            except OSError as error:
                if error.errno not in (errno.EACCES, errno.EAGAIN):
                    raise LockError(self.path, error.strerror or str(error)) from None
            left_s = deadline - time.monotonic()
            if left_s <= 0:
                raise LockTimeoutError(self.path, timeout_s or 0.0)
            time.sleep(min(wait_s, left_s))
            wait_s = min(wait_s * 2, _LONGEST_WAIT_S)
