"""A lock that needs no lock support from the file system: a directory made by ``mkdir``.

:class:`~rpm_spec.util.locks.FileLock` falls back to it where ``lockf`` fails with
``ENOLCK``/``EOPNOTSUPP``/``ENOSYS``. ``mkdir`` either creates the directory or
fails because it exists, atomically, on local disks and on NFS alike, so whoever
made it holds the lock. Inside, ``owner`` names the holder (``host pid``).

Unlike a record lock, a directory outlives a killed holder. A waiter breaks the lock
only when it is certainly stale: the holder ran on this host and its process is gone.
A holder on another host is never second-guessed (its process cannot be checked from
here); the timeout error names it so that a person can. Breaking is itself guarded by
a short-lived ``.break`` directory, and the owner is read again under it, so two
waiters never both break the lock, nor one break a lock just taken by someone else.
"""

from __future__ import annotations

import contextlib
import os
import socket
import time
from typing import TYPE_CHECKING

from rpm_spec.util.lock_errors import LockError, LockTimeoutError

if TYPE_CHECKING:
    from pathlib import Path

OWNER_FILE = "owner"
_FIRST_WAIT_S = 0.01
_LONGEST_WAIT_S = 0.5
#: A lock directory without an owner file this old lost its holder between the mkdir
#: and the write (both take microseconds).
_ORPHAN_AGE_S = 30.0
#: A break directory this old was left by a waiter killed while breaking (milliseconds).
_BREAK_AGE_S = 10.0


class DirectoryLock:
    """An exclusive lock held by the existence of the directory ``path``.

    ``mode``: the exact permissions of the directory and owner file (else the umask's),
    so that members of a shared store's group can take and break it.
    """

    def __init__(self, path: Path, *, mode: int | None = None) -> None:
        self.path = path
        self.mode = mode
        self._host = socket.gethostname()

    def acquire(self, deadline: float | None, timeout_s: float | None) -> None:
        """Wait until the directory is ours (polling with backoff); LockTimeoutError."""
        wait_s = _FIRST_WAIT_S
        while True:
            if self._try_take():
                return
            if self._break_if_stale():
                continue
            if deadline is not None:
                left_s = deadline - time.monotonic()
                if left_s <= 0:
                    raise LockTimeoutError(self.path, timeout_s or 0.0, holder=self.holder())
                time.sleep(min(wait_s, left_s))
            else:
                time.sleep(wait_s)
            wait_s = min(wait_s * 2, _LONGEST_WAIT_S)

    def release(self) -> None:
        """Remove the owner file, then the directory."""
        with contextlib.suppress(FileNotFoundError):
            (self.path / OWNER_FILE).unlink()
        try:
            self.path.rmdir()
        except FileNotFoundError:
            pass
        except OSError as error:
            raise LockError(self.path, error.strerror or str(error)) from None

    def holder(self) -> str | None:
        """``host pid`` of the holder as it wrote itself, or None."""
        try:
            return (self.path / OWNER_FILE).read_text().strip() or None
        except OSError:
            return None

    # -- taking and breaking ------------------------------------------------------------

    def _try_take(self) -> bool:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.mkdir(mode=0o700 if self.mode is None else self.mode | 0o700)
        except FileExistsError:
            return False
        except OSError as error:
            raise LockError(self.path, error.strerror or str(error)) from None
        try:
            if self.mode is not None:
                self.path.chmod(_directory_mode(self.mode))
            self._write_owner()
        except OSError as error:
            with contextlib.suppress(OSError):
                self.release()
            raise LockError(self.path, error.strerror or str(error)) from None
        return True

    def _write_owner(self) -> None:
        fd = os.open(
            self.path / OWNER_FILE,
            os.O_WRONLY | os.O_CREAT | os.O_EXCL,
            0o644 if self.mode is None else self.mode,
        )
        with os.fdopen(fd, "w") as stream:
            if self.mode is not None:
                os.fchmod(stream.fileno(), self.mode)
            stream.write(f"{self._host} {os.getpid()}\n")

    def _break_if_stale(self) -> bool:
        """Remove the lock if its holder is certainly gone; whether it was removed."""
        if self._stale_reason() is None:
            return False
        guard = self.path.with_name(self.path.name + ".break")
        try:
            guard.mkdir()
        except FileExistsError:
            _remove_if_older(guard, _BREAK_AGE_S)
            return False
        except OSError:
            return False
        try:
            if self._stale_reason() is None:  # taken again meanwhile: it is not ours to break
                return False
            self.release()
            return True
        finally:
            with contextlib.suppress(OSError):
                guard.rmdir()

    def _stale_reason(self) -> str | None:
        """Why the lock's holder is gone for sure; None if it may be alive (or no lock)."""
        try:
            text = (self.path / OWNER_FILE).read_text()
        except FileNotFoundError:
            if self.path.is_dir() and _older_than(self.path, _ORPHAN_AGE_S):
                return "no owner was ever written"
            return None
        except OSError:
            return None
        parts = text.split()
        if len(parts) != 2 or not parts[1].isdigit():
            return None if not _older_than(self.path, _ORPHAN_AGE_S) else "owner unreadable"
        host, pid = parts[0], int(parts[1])
        if host != self._host:
            return None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return f"process {pid} on {host} is gone"
        except PermissionError:
            return None  # alive, run by another user
        return None


def _directory_mode(mode: int) -> int:
    """The directory's mode for a file mode: x wherever r or w is granted."""
    return mode | 0o100 | (0o010 if mode & 0o060 else 0) | (0o001 if mode & 0o006 else 0)


def _older_than(path: Path, age_s: float) -> bool:
    try:
        return time.time() - path.stat().st_mtime > age_s
    except OSError:
        return False


def _remove_if_older(path: Path, age_s: float) -> None:
    if _older_than(path, age_s):
        with contextlib.suppress(OSError):
            path.rmdir()
