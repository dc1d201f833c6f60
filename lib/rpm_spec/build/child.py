"""The build child process: ``python -m rpm_spec.build.child REQUEST_FILE [PARENT_PID]``.

It runs in its own process group with the build log as stdout and stderr. It takes
the build environment as its own (so that recipes' own ``subprocess`` calls inherit
it), works in the source directory, imports the recipe, and runs the phases one by
one, marking each in the log. How it ended goes to the request's result file as JSON
(``{"ok": true}`` or the failed phase and a one-line reason); a traceback, if any,
goes to the log. If the installer that started it dies, even by ``kill -9``, the
kernel tells the child (Linux ``PR_SET_PDEATHSIG``), which then kills its whole
process group: no orphaned build keeps writing into a prefix the installer's lock
no longer guards.
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import subprocess
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from rpm_spec.build.build_spec import BuildNode
from rpm_spec.build.builders import BuildContext, builder_for
from rpm_spec.build.executor import PHASE_MARKER, CommandFailedError, PhaseExecutor
from rpm_spec.build.request import BuildRequest
from rpm_spec.errors import RpmSpecError
from rpm_spec.repo.loader import import_recipe_class
from rpm_spec.util.fs import atomic_write

if TYPE_CHECKING:
    from types import FrameType

_PR_SET_PDEATHSIG = 1


def main(argv: list[str]) -> int:
    request_file = Path(argv[0])
    parent = int(argv[1]) if len(argv) > 1 else None
    _die_with_parent(parent)
    request = BuildRequest.read(request_file)
    phase = "setup"
    env = dict(request.env)
    if "RPM_SPEC_WRAPPER_LOG" in env:  # the wrappers write into this build's log
        env["RPM_SPEC_WRAPPER_LOG"] = str(request.log_path)
    try:
        os.environ.clear()
        os.environ.update(env)
        request.prefix.mkdir(parents=True, exist_ok=True)
        os.chdir(request.source_path)
        node = request.node
        recipe = import_recipe_class(request.recipe_file, request.namespace, node.name)
        package = recipe(
            BuildNode(node, request.dag, {**request.prefixes, node.hash: request.prefix})
        )
        executor = PhaseExecutor(jobs=request.jobs, env=env)
        package.bind_executor(executor)
        context = BuildContext(
            source_path=request.source_path,
            build_dir=request.build_dir,
            prefix=request.prefix,
            jobs=request.jobs,
        )
        builder = builder_for(package, context, executor)
        executor.log(f"building {node.format()} ({package.build_system}) into {request.prefix}")
        for phase in builder.phases:
            sys.stdout.write(f"{PHASE_MARKER}{phase}\n")
            sys.stdout.flush()
            os.chdir(request.source_path)
            builder.run_phase(phase)
    except BaseException as error:
        _report(request, phase, error)
        return 1
    _write_result(request.result_file, {"ok": True})
    return 0


def _report(request: BuildRequest, phase: str, error: BaseException) -> None:
    if isinstance(error, CommandFailedError | subprocess.CalledProcessError):
        reason = (
            str(error)
            if isinstance(error, CommandFailedError)
            else f"'{_command_text(error.cmd)}' exited with status {error.returncode}"
        )
    elif isinstance(error, RpmSpecError):
        reason = str(error).splitlines()[0]
        sys.stderr.write(f"==> error: {error}\n")
    elif isinstance(error, KeyboardInterrupt | SystemExit):
        reason = f"interrupted ({type(error).__name__})"
    else:
        reason = f"{type(error).__name__}: {error}"
        traceback.print_exception(error, file=sys.stderr)
    sys.stderr.write(f"==> rpm-spec: the {phase} phase failed: {reason}\n")
    sys.stderr.flush()
    _write_result(request.result_file, {"ok": False, "phase": phase, "reason": reason})


def _command_text(command: object) -> str:
    if isinstance(command, list | tuple):
        return " ".join(str(part) for part in command)
    return str(command)


def _write_result(path: Path, data: dict[str, object]) -> None:
    atomic_write(path, json.dumps(data) + "\n")


def _die_with_parent(parent: int | None) -> None:
    """Kill the process group when the parent goes away (Linux only; best effort)."""
    if parent is None or not sys.platform.startswith("linux"):
        return
    signal.signal(signal.SIGTERM, _kill_group)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        _kill_group(signal.SIGTERM, None)


def _kill_group(signum: int, frame: FrameType | None) -> None:
    sys.stderr.write(f"==> rpm-spec: build stopped by signal {signum}\n")
    sys.stderr.flush()
    os.killpg(os.getpgrp(), signal.SIGKILL)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
