"""Inter-process file locks on ``fcntl.lockf`` (POSIX record locks), with a fallback.

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

Some file systems refuse record locks altogether (NFS mounted ``nolock`` or without
a lock daemon, some FUSE and parallel file systems): ``lockf`` fails with
``ENOLCK``, ``EOPNOTSUPP`` or ``ENOSYS``. Then the lock falls back to
:class:`~rpm_spec.util.dir_lock.DirectoryLock` (``mkdir`` is atomic on every one of
them), exclusive even when a shared lock was asked for.
"""

from __future__ import annotations

import errno
import fcntl
import os
import threading
import time
from typing import TYPE_CHECKING, Any

from rpm_spec.util.dir_lock import DirectoryLock
from rpm_spec.util.lock_errors import LockError, LockTimeoutError

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path
    from types import TracebackType

__all__ = ["FileLock", "LockError", "LockTimeoutError"]

_FIRST_WAIT_S = 0.01
_LONGEST_WAIT_S = 0.5
#: What ``lockf`` says on a file system that has no record locks.
NO_RECORD_LOCKS = frozenset({errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS})


class FileLock:
    """An exclusive (or shared) lock on ``path``, created on first use.

    ``with FileLock(path):`` takes it exclusively and waits as long as needed;
    ``FileLock(path, shared=True, timeout_s=5)`` takes a shared lock and raises
    :class:`LockTimeoutError` after five seconds. Not re-entrant.

    ``mode``: the exact permissions of a lock file this process creates (else the
    umask decides); a shared store passes group read-write so that every member of its
    group can take the lock. ``lockf`` is the record-lock call; tests pass one that
    fails like a file system without locks, to drive the fallback.
    """

    def __init__(
        self,
        path: Path,
        *,
        shared: bool = False,
        timeout_s: float | None = None,
        mode: int | None = None,
        lockf: Callable[[int, int], Any] = fcntl.lockf,
    ) -> None:
        self.path = path
        self.shared = shared
        self.timeout_s = timeout_s
        self.mode = mode
        self._lockf = lockf
        self._thread_lock = threading.Lock()
        self._fd: int | None = None
        self._fallback: DirectoryLock | None = None
        self._fallback_held = False

    def __repr__(self) -> str:
        return f"FileLock({str(self.path)!r}, shared={self.shared})"

    @property
    def held(self) -> bool:
        """Whether this instance holds the lock now."""
        return self._fd is not None or self._fallback_held

    @property
    def uses_fallback(self) -> bool:
        """Whether this lock found no record locks and uses a lock directory instead."""
        return self._fallback is not None

    def acquire(self, *, shared: bool | None = None, timeout_s: float | None = None) -> None:
        """Take the lock; the arguments override the instance's defaults for this call."""
        shared = self.shared if shared is None else shared
        timeout_s = self.timeout_s if timeout_s is None else timeout_s
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        if not self._thread_lock.acquire(timeout=-1 if timeout_s is None else timeout_s):
            raise LockTimeoutError(self.path, timeout_s or 0.0)
        try:
            if self._fallback is None:
                self._acquire_record_lock(shared, deadline, timeout_s)
            if self._fallback is not None:
                self._fallback.acquire(deadline, timeout_s)
                self._fallback_held = True
        except BaseException:
            self._thread_lock.release()
            raise

    def release(self) -> None:
        """Give the lock back (closing the descriptor drops the POSIX lock)."""
        if self._fallback_held:
            self._fallback_held = False
            try:
                self._fallback.release()  # type: ignore[union-attr]
            finally:
                self._thread_lock.release()
            return
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            self._lockf(fd, fcntl.LOCK_UN)
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

    def _acquire_record_lock(
        self, shared: bool, deadline: float | None, timeout_s: float | None
    ) -> None:
        fd = self._open()
        try:
            self._lock_fd(fd, shared, deadline, timeout_s)
        except _NoRecordLocks:
            os.close(fd)
            self._fallback = DirectoryLock(
                self.path.with_name(self.path.name + ".dir"), mode=self.mode
            )
            return
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def _open(self) -> int:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Read-write even for shared locks: lockf needs a writable descriptor for
            # exclusive locks, and one mode keeps the file's permissions simple.
            if self.mode is not None:
                return self._open_with_mode(self.mode)
            try:
                return os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o666)
            except FileExistsError:
                return os.open(self.path, os.O_RDWR)
        except OSError as error:
            raise LockError(self.path, error.strerror or str(error)) from None

    def _open_with_mode(self, mode: int) -> int:
        """Open the lock file, creating it with exactly ``mode`` whatever the umask.

        The file appears under its name only once it has its mode (made aside, then
        hard-linked into place): another member of a shared store's group who opens it
        at that moment must not find it still 0600 from a creator's umask 077.
        """
        try:
            return os.open(self.path, os.O_RDWR)
        except FileNotFoundError:
            pass
        aside = self.path.with_name(f".{self.path.name}.{os.getpid()}.{threading.get_ident()}")
        fd = os.open(aside, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.fchmod(fd, mode)  # ours: the umask does not decide who may lock
            os.link(aside, self.path)
            return fd
        except FileExistsError:  # another process made it first: use theirs
            os.close(fd)
        except OSError as error:
            os.close(fd)
            if error.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOSYS):
                raise
            # No hard links here: create in place, and fix the mode at once.
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                return os.open(self.path, os.O_RDWR)
            os.fchmod(fd, mode)
            return fd
        except BaseException:
            os.close(fd)
            raise
        finally:
            aside.unlink(missing_ok=True)
        return os.open(self.path, os.O_RDWR)

    def _lock_fd(
        self, fd: int, shared: bool, deadline: float | None, timeout_s: float | None
    ) -> None:
        mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
        if deadline is None:
            try:
                self._lockf(fd, mode)  # F_SETLKW: the kernel wakes us when it is free
            except OSError as error:
                raise self._failure(error) from None
            return
        wait_s = _FIRST_WAIT_S
        while True:
            try:
                self._lockf(fd, mode | fcntl.LOCK_NB)
                return
            except OSError as error:
                if error.errno not in (errno.EACCES, errno.EAGAIN):
                    raise self._failure(error) from None
            left_s = deadline - time.monotonic()
            if left_s <= 0:
                raise LockTimeoutError(self.path, timeout_s or 0.0)
            time.sleep(min(wait_s, left_s))
            wait_s = min(wait_s * 2, _LONGEST_WAIT_S)

    def _failure(self, error: OSError) -> Exception:
        if error.errno in NO_RECORD_LOCKS:
            return _NoRecordLocks()
        return LockError(self.path, error.strerror or str(error))


class _NoRecordLocks(Exception):
    """Internal: this file system has no record locks; switch to the lock directory."""
