"""Runs the commands of build phases inside the build process, logging each one.

:class:`PhaseExecutor` is the build layer's :class:`rpm_spec.repo.package.BuildExecutor`:
builders and recipes' custom phases run their commands through it. It lives in the
build child process, whose stdout and stderr are the build log, so a command's output
lands there right after the ``==> `` line that names it.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from rpm_spec.build.errors import BuildLayerError

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

#: The line that opens each phase in the build log (read back if the child dies).
PHASE_MARKER = "==> rpm-spec phase: "


class CommandFailedError(BuildLayerError):
    """A command of a build phase exited with a non-zero status."""

    def __init__(self, command: Sequence[str], status: int) -> None:
        shown = shlex.join(command)
        what = f"killed by signal {-status}" if status < 0 else f"exited with status {status}"
        super().__init__(f"'{shown}' {what}")
        self.command = tuple(command)
        self.status = status


class PhaseExecutor:
    """Runs commands in the build environment ``env`` (``os.environ`` by default)."""

    def __init__(self, *, jobs: int, env: Mapping[str, str] | None = None) -> None:
        self._jobs = max(1, jobs)
        self.env = dict(os.environ if env is None else env)

    @property
    def jobs(self) -> int:
        return self._jobs

    def log(self, message: str) -> None:
        """A line of our own in the build log (flushed so it stays in order)."""
        sys.stdout.write(f"==> {message}\n")
        sys.stdout.flush()

    def run(
        self,
        args: Sequence[str | Path],
        *,
        cwd: Path | str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        command = [str(arg) for arg in args]
        where = Path.cwd() if cwd is None else Path(cwd)
        self.log(f"{shlex.join(command)}    (in {where})")
        sys.stderr.flush()
        done = subprocess.run(
            command,
            cwd=where,
            env={**self.env, **(env or {})},
            stdin=subprocess.DEVNULL,
            check=False,
        )
        if done.returncode != 0:
            raise CommandFailedError(command, done.returncode)

    def make(
        self, targets: Sequence[str], *, jobs: int | None = None, cwd: Path | str | None = None
    ) -> None:
        count = self._jobs if jobs is None else max(1, jobs)
        self.run(["make", f"-j{count}", *targets], cwd=cwd)

    def filter_file(self, pattern: str, replacement: str, path: Path | str) -> int:
        target = Path(path)
        text = target.read_text(encoding="utf-8", errors="surrogateescape")
        new, count = re.subn(pattern, replacement, text, flags=re.MULTILINE)
        if count:
            target.write_text(new, encoding="utf-8", errors="surrogateescape")
        self.log(f"filter_file {pattern!r} -> {replacement!r} in {target}: {count} change(s)")
        return count

    @contextlib.contextmanager
    def working_dir(self, path: Path | str, *, create: bool = False) -> Iterator[Path]:
        target = Path(path).absolute()
        if create:
            target.mkdir(parents=True, exist_ok=True)
        previous = Path.cwd()
        os.chdir(target)
        try:
            yield target
        finally:
            os.chdir(previous)

    def which(self, name: str) -> Path | None:
        found = shutil.which(name, path=self.env.get("PATH", ""))
        return None if found is None else Path(found)
