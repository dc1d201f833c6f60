"""Run one node's build phases in a child process: the build layer's entry point.

:func:`run_build` writes the request beside the log, starts ``rpm_spec.build.child``
with the same interpreter in a new session (its own process group, so that
:meth:`BuildProcess.kill` stops make, the compilers and everything else the build
started), sends its output to the log, and waits. On failure it removes the partial
prefix and raises :class:`~rpm_spec.build.errors.BuildError` with the failed phase
and the log's last lines. Nothing is registered here: that is the installer's job
once the build succeeded.

The child dies with the thread that started it (``PR_SET_PDEATHSIG``): call
:func:`run_build` or :meth:`BuildProcess.wait` from the thread that started the build.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rpm_spec.build.errors import BuildError
from rpm_spec.build.executor import PHASE_MARKER
from rpm_spec.build.request import BuildRequest

if TYPE_CHECKING:
    from rpm_spec.build.cancel import Cancellation

#: How many of the log's last lines a BuildError shows.
TAIL_LINES = 20
_LIB = Path(__file__).resolve().parents[2]
#: Started with -E -s, so that no PYTHONPATH or user site of the caller leaks in.
_BOOT = (
    "import sys; sys.path.insert(0, sys.argv[1]); "
    "from rpm_spec.build.child import main; sys.exit(main(sys.argv[2:]))"
)

__all__ = ["BuildProcess", "BuildRequest", "log_tail", "run_build", "start_build"]


class BuildProcess:
    """A running build child; :meth:`wait` for its end, :meth:`kill` to stop it."""

    def __init__(self, request: BuildRequest, process: subprocess.Popen[bytes]) -> None:
        self.request = request
        self.process = process
        self.started_at = time.monotonic()

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self, force: bool = False) -> None:
        """Signal the build's process group and return at once: SIGTERM, or SIGKILL.

        The child answers SIGTERM by noting it in the log and killing its whole group.
        Nothing is sent once the child has been waited for (its group id may be reused).
        """
        if self.process.returncode is None:
            _signal_group(self.process.pid, signal.SIGKILL if force else signal.SIGTERM)

    def kill(self, grace_s: float = 5.0) -> None:
        """Stop the whole build: SIGTERM to its process group, SIGKILL after ``grace_s``."""
        _signal_group(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=grace_s)
        except subprocess.TimeoutExpired:
            _signal_group(self.process.pid, signal.SIGKILL)
            self.process.wait()
        # Anything the build left in the group (daemonized helpers) goes too.
        _signal_group(self.process.pid, signal.SIGKILL)

    def wait(self) -> None:
        """Wait for the build; raise BuildError (after removing the prefix) if it failed.

        If waiting is interrupted (Ctrl-C, an exception in this thread), the build is
        killed and its prefix removed before the interruption goes on.
        """
        try:
            status = self.process.wait()
        except BaseException:
            self.kill()
            _remove_prefix(self.request.prefix)
            raise
        result = _read_result(self.request.result_file)
        if status == 0 and result.get("ok") is True:
            return
        _remove_prefix(self.request.prefix)
        phase = result.get("phase") or _last_phase(self.request.log_path) or "setup"
        reason = result.get("reason") or _status_text(status)
        raise BuildError(
            self.request.node.name,
            str(phase),
            self.request.log_path,
            log_tail(self.request.log_path),
            reason=str(reason),
        )


def start_build(request: BuildRequest) -> BuildProcess:
    """Write the request, truncate the log and start the child; return at once."""
    request.log_path.parent.mkdir(parents=True, exist_ok=True)
    request.write(request.request_file)
    request.result_file.unlink(missing_ok=True)
    with request.log_path.open("wb"):
        pass
    # O_APPEND, so that the wrappers' own lines (RPM_SPEC_WRAPPER_LOG) and the child's
    # output interleave instead of overwriting each other.
    log = os.open(request.log_path, os.O_WRONLY | os.O_APPEND)
    try:
        process = subprocess.Popen(
            [
                sys.executable,
                "-E",
                "-s",
                "-c",
                _BOOT,
                str(_LIB),
                str(request.request_file),
                str(os.getpid()),
            ],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            cwd=request.source_path,
            env=_child_env(),
            start_new_session=True,
        )
    finally:
        os.close(log)
    return BuildProcess(request, process)


def run_build(request: BuildRequest, cancel: Cancellation | None = None) -> None:
    """Build ``request``'s node into its prefix; BuildError if a phase fails.

    ``cancel`` stops the build (its whole process group) when it is cancelled; the
    build then fails like any killed build, after its prefix was removed.
    """
    build = start_build(request)
    if cancel is None:
        build.wait()
        return
    with cancel.stops_with(build.stop):
        build.wait()


def log_tail(path: Path, lines: int = TAIL_LINES) -> list[str]:
    """The last ``lines`` lines of a log (decoded leniently; [] if it is missing)."""
    try:
        with path.open("rb") as stream:
            stream.seek(0, os.SEEK_END)
            size = stream.tell()
            stream.seek(max(0, size - 64 * 1024))
            data = stream.read()
    except OSError:
        return []
    text = data.decode("utf-8", errors="replace")
    return list(deque(text.splitlines(), maxlen=lines))


def _child_env() -> dict[str, str]:
    """The child's own start-up environment; it switches to the build's after start."""
    keep = ("HOME", "LANG", "TMPDIR", "PATH")
    return {name: os.environ[name] for name in keep if name in os.environ}


def _read_result(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _last_phase(log: Path) -> str | None:
    """The phase the log shows last, for a child that died without a result."""
    found = None
    try:
        with log.open("rb") as stream:
            for raw in stream:
                line = raw.decode("utf-8", errors="replace")
                if line.startswith(PHASE_MARKER):
                    found = line[len(PHASE_MARKER) :].strip()
    except OSError:
        return None
    return found


def _status_text(status: int) -> str:
    if status < 0:
        return f"the build process was killed by signal {-status}"
    return f"the build process exited with status {status}"


def _signal_group(pid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signum)


def _remove_prefix(prefix: Path) -> None:
    if prefix.is_symlink() or prefix.is_file():
        prefix.unlink()
    elif prefix.exists():
        shutil.rmtree(prefix, ignore_errors=True)
