"""The lock-directory fallback of FileLock, forced by a ``lockf`` that fails like a file
system without record locks (ENOLCK), between real processes."""

from __future__ import annotations

import errno
import multiprocessing
import os
import signal
import socket
import stat
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from rpm_spec.util.dir_lock import OWNER_FILE, DirectoryLock
from rpm_spec.util.locks import FileLock, LockError, LockTimeoutError

if TYPE_CHECKING:
    from multiprocessing.context import SpawnProcess
    from multiprocessing.synchronize import Event

SPAWN = multiprocessing.get_context("spawn")


def no_record_locks(fd: int, operation: int) -> None:
    """``lockf`` on NFS mounted ``nolock``: every call fails with ENOLCK."""
    raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))


def hold(path: str, ready: Event, release: Event) -> None:
    """Child: take the lock through the fallback and hold it until told (or killed)."""
    lock = FileLock(Path(path), lockf=no_record_locks)
    with lock:
        assert lock.uses_fallback
        ready.set()
        release.wait(30)


def count(path: str, counter: str, times: int) -> None:
    """Child: read-increment-write ``counter`` ``times`` times, each under the lock."""
    lock = FileLock(Path(path), lockf=no_record_locks)
    for _ in range(times):
        with lock:
            value = int(Path(counter).read_text())
            os.sched_yield()
            Path(counter).write_text(str(value + 1))


def start_holder(path: Path) -> tuple[SpawnProcess, Event]:
    ready, release = SPAWN.Event(), SPAWN.Event()
    process = SPAWN.Process(target=hold, args=(str(path), ready, release))
    process.start()
    assert ready.wait(30), "the child never took the lock"
    return process, release


def test_without_record_locks_a_lock_directory_excludes_another_process(
    tmp_path: Path,
) -> None:
    path = tmp_path / "locks" / "a.lock"
    process, release = start_holder(path)
    holder = f"{socket.gethostname()} {process.pid}"
    assert (tmp_path / "locks" / "a.lock.dir" / OWNER_FILE).read_text().strip() == holder
    lock = FileLock(path, lockf=no_record_locks)
    with pytest.raises(LockTimeoutError, match=rf"timed out after 0\.2s .*\(held by {holder}\)"):
        lock.acquire(timeout_s=0.2)
    assert lock.uses_fallback and not lock.held
    release.set()
    process.join(30)
    lock.acquire(timeout_s=5)
    assert lock.held
    lock.release()
    assert not (tmp_path / "locks" / "a.lock.dir").exists()


def test_two_processes_never_lose_an_update(tmp_path: Path) -> None:
    counter = tmp_path / "counter"
    counter.write_text("0")
    workers = [
        SPAWN.Process(target=count, args=(str(tmp_path / "c.lock"), str(counter), 40))
        for _ in range(2)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    assert counter.read_text() == "80"


def test_a_killed_holder_on_this_host_is_detected_and_its_lock_broken(tmp_path: Path) -> None:
    path = tmp_path / "k.lock"
    process, _release = start_holder(path)
    os.kill(process.pid, signal.SIGKILL)
    process.join(30)
    assert (tmp_path / "k.lock.dir").is_dir()  # a directory outlives its holder
    lock = FileLock(path, lockf=no_record_locks)
    lock.acquire(timeout_s=5)
    assert (tmp_path / "k.lock.dir" / OWNER_FILE).read_text().split()[1] == str(os.getpid())
    lock.release()


def test_a_holder_on_another_host_is_never_broken(tmp_path: Path) -> None:
    directory = tmp_path / "h.lock.dir"
    directory.mkdir()
    (directory / OWNER_FILE).write_text("some-other-node 1\n")
    lock = FileLock(tmp_path / "h.lock", lockf=no_record_locks)
    with pytest.raises(LockTimeoutError, match=r"held by some-other-node 1"):
        lock.acquire(timeout_s=0.3)
    assert (directory / OWNER_FILE).read_text() == "some-other-node 1\n"


def test_modes_are_exact_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        with FileLock(tmp_path / "p.lock", mode=0o660):
            pass
        fallback = FileLock(tmp_path / "q.lock", mode=0o660, lockf=no_record_locks)
        with fallback:
            directory = tmp_path / "q.lock.dir"
            assert stat.S_IMODE(directory.stat().st_mode) == 0o770
            assert stat.S_IMODE((directory / OWNER_FILE).stat().st_mode) == 0o660
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "p.lock").stat().st_mode) == 0o660


def test_other_lockf_failures_stay_errors(tmp_path: Path) -> None:
    def broken(fd: int, operation: int) -> None:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    lock = FileLock(tmp_path / "e.lock", lockf=broken)
    with pytest.raises(LockError, match="Bad file descriptor"):
        lock.acquire()
    assert not lock.uses_fallback and not lock.held


def test_an_unwritten_owner_is_waited_for_until_it_is_old(tmp_path: Path) -> None:
    directory = tmp_path / "o.lock.dir"
    directory.mkdir()
    lock = DirectoryLock(directory)
    with pytest.raises(LockTimeoutError):
        lock.acquire(time.monotonic(), 0.0)  # a deadline already past
    os.utime(directory, (1, 1))  # made long ago by a holder killed before it wrote
    lock.acquire(None, None)
    assert (directory / OWNER_FILE).is_file()
    lock.release()
