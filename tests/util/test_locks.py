"""FileLock between real processes (multiprocessing, spawn) and between threads."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from typing import TYPE_CHECKING

import pytest

from rpm_spec.util.locks import FileLock, LockError, LockTimeoutError

if TYPE_CHECKING:
    from multiprocessing.context import SpawnProcess
    from multiprocessing.synchronize import Event
    from pathlib import Path

SPAWN = multiprocessing.get_context("spawn")


def hold_lock(path: str, shared: bool, ready: Event, release: Event) -> None:
    """Child: take the lock, say so, hold it until told to let go (or killed)."""
    from pathlib import Path

    with FileLock(Path(path), shared=shared):
        ready.set()
        release.wait(30)


def start_holder(path: Path, *, shared: bool = False) -> tuple[SpawnProcess, Event]:
    ready, release = SPAWN.Event(), SPAWN.Event()
    process = SPAWN.Process(target=hold_lock, args=(str(path), shared, ready, release))
    process.start()
    assert ready.wait(30), "the child never took the lock"
    return process, release


def test_exclusive_lock_excludes_another_process(tmp_path: Path) -> None:
    path = tmp_path / "locks" / "a.lock"
    process, release = start_holder(path)
    lock = FileLock(path)
    with pytest.raises(LockTimeoutError, match=r"timed out after 0\.2s"):
        lock.acquire(timeout_s=0.2)
    assert not lock.held
    release.set()
    process.join(30)
    lock.acquire(timeout_s=5)
    assert lock.held
    lock.release()
    assert not lock.held


def test_shared_locks_coexist_but_exclude_writers(tmp_path: Path) -> None:
    path = tmp_path / "b.lock"
    process, release = start_holder(path, shared=True)
    reader = FileLock(path, shared=True, timeout_s=2)
    with reader:
        assert reader.held
    with pytest.raises(LockTimeoutError):
        FileLock(path).acquire(timeout_s=0.2)
    release.set()
    process.join(30)


def test_blocking_wait_ends_when_the_holder_lets_go(tmp_path: Path) -> None:
    path = tmp_path / "c.lock"
    process, release = start_holder(path)
    threading.Timer(0.5, release.set).start()
    start = time.monotonic()
    with FileLock(path):  # no timeout: F_SETLKW in the kernel
        waited = time.monotonic() - start
    assert 0.3 < waited < 20
    process.join(30)


def test_a_killed_holder_leaves_no_lock_behind(tmp_path: Path) -> None:
    path = tmp_path / "d.lock"
    process, _ = start_holder(path)
    assert process.pid is not None
    os.kill(process.pid, signal.SIGKILL)
    process.join(30)
    with FileLock(path, timeout_s=5) as lock:
        assert lock.held


def test_waiting_with_a_timeout_does_not_spin(tmp_path: Path) -> None:
    path = tmp_path / "e.lock"
    process, release = start_holder(path)
    cpu_before = time.process_time()
    with pytest.raises(LockTimeoutError):
        FileLock(path).acquire(timeout_s=1.0)
    assert time.process_time() - cpu_before < 0.2
    release.set()
    process.join(30)


def test_threads_sharing_an_instance_are_serialized(tmp_path: Path) -> None:
    lock = FileLock(tmp_path / "f.lock")
    inside = 0
    overlaps = 0

    def work() -> None:
        nonlocal inside, overlaps
        for _ in range(20):
            with lock:
                inside += 1
                overlaps += inside > 1
                time.sleep(0.001)
                inside -= 1

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert overlaps == 0


def test_a_thread_times_out_on_an_instance_another_thread_holds(tmp_path: Path) -> None:
    lock = FileLock(tmp_path / "g.lock")
    with lock:
        failed: list[BaseException] = []

        def other() -> None:
            try:
                lock.acquire(timeout_s=0)
            except LockTimeoutError as error:
                failed.append(error)

        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
    assert failed and "g.lock" in str(failed[0])


def test_a_lock_that_cannot_be_created_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(LockError, match=r"cannot lock .*file/x\.lock"):
        FileLock(blocker / "x.lock").acquire()


def test_release_without_acquire_is_harmless(tmp_path: Path) -> None:
    lock = FileLock(tmp_path / "h.lock")
    lock.release()
    assert repr(lock) == f"FileLock({str(tmp_path / 'h.lock')!r}, shared=False)"


def test_a_lock_file_with_a_mode_appears_only_with_that_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shared store's lock file is made under a creator's umask 077: another group
    member who opens it the moment it appears must find it 0660, not 0600 (CI saw
    'cannot lock …: Permission denied' once when the mode was set after creation)."""
    path = tmp_path / "locks" / "node.lock"
    seen: list[bool] = []
    real_fchmod = os.fchmod

    def fchmod(fd: int, mode: int) -> None:
        seen.append(path.exists())  # is it visible under its name before it has its mode?
        real_fchmod(fd, mode)

    monkeypatch.setattr(os, "fchmod", fchmod)
    old = os.umask(0o077)
    try:
        lock = FileLock(path, mode=0o660)
        lock.acquire()
        lock.release()
    finally:
        os.umask(old)
    assert seen == [False]
    assert path.stat().st_mode & 0o777 == 0o660
    assert sorted(p.name for p in path.parent.iterdir()) == ["node.lock"]  # nothing aside left
