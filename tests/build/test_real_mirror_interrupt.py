"""Slow, opt-in (``-m slow``): interrupting and killing a real ``install xz@5.4.1``.

Set up as ``test_real_mirror`` (sources from ``../shared/mirror``, private store and
stage). Ctrl-C (SIGINT to the installer's process group) while xz is being configured
must stop it at once with status 130, leave no prefix and nothing registered, and keep
the stage; ``kill -9`` of a second installer mid-build, then a new ``install``, must
give a complete, registered xz.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from test_real_mirror import BOOT, ROOT, _configure, _rpm_spec
from test_real_mirror import pytestmark as real_mirror_marks

from rpm_spec.store.database import Database

pytestmark = real_mirror_marks
#: Far below the minutes a build that was waited for would take.
EXIT_TIMEOUT_S = 20


def _start(root: Path, output: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RPM_SPEC_", "PYTHON"))}
    env["RPM_SPEC_USER_DIR"] = str(root / "user")
    command = [sys.executable, "-c", BOOT, str(ROOT / "lib"), "-C", str(root / "config")]
    with output.open("wb") as stream:
        return subprocess.Popen(
            [*command, "install", "xz@5.4.1"],
            env=env,
            stdout=stream,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _wait_for_phase(root: Path, installer: subprocess.Popen[bytes], phase: str) -> None:
    """Wait (by polling the build log) until the xz build has begun ``phase``."""
    marker = f"==> rpm-spec phase: {phase}"
    for _ in range(6000):
        logs = list((root / "stage").glob("rpm-spec-stage-xz-*/rpm-spec-build.log"))
        if logs and marker in logs[0].read_text(errors="replace"):
            return
        if installer.poll() is not None:
            pytest.fail(f"the install ended before the {phase} phase")
        with contextlib.suppress(subprocess.TimeoutExpired):
            installer.wait(timeout=0.1)
    pytest.fail(f"the xz build never reached its {phase} phase")


def _stop(installer: subprocess.Popen[bytes], signum: int) -> int:
    try:
        os.killpg(installer.pid, signum)
        return installer.wait(timeout=EXIT_TIMEOUT_S)
    finally:
        if installer.poll() is None:
            os.killpg(installer.pid, signal.SIGKILL)
            installer.wait()


def test_ctrl_c_and_kill_9_during_a_real_install(tmp_path: Path) -> None:
    _configure(tmp_path)
    output = tmp_path / "interrupted.out"
    installer = _start(tmp_path, output)
    _wait_for_phase(tmp_path, installer, "configure")
    assert _stop(installer, signal.SIGINT) == 130, output.read_text()
    text = output.read_text()
    assert "interrupted by SIGINT" in text, text
    stage = Path(text.split("stage kept: ")[1].split()[0])
    log = Path(text.split("build log: ")[1].split()[0])
    assert stage.is_dir() and log.is_file()
    assert "build stopped by signal" in log.read_text(errors="replace")
    found = _rpm_spec(tmp_path, "find", "xz", timeout=120)
    assert "xz@" not in found.stdout, found.stdout
    assert list(Database(tmp_path / "store").records()) == []
    assert not list((tmp_path / "store").rglob("xz-5.4.1-*"))

    installer = _start(tmp_path, tmp_path / "killed.out")
    _wait_for_phase(tmp_path, installer, "build")
    assert _stop(installer, signal.SIGKILL) == -signal.SIGKILL
    assert list(Database(tmp_path / "store").records()) == []
    done = _rpm_spec(tmp_path, "install", "xz@5.4.1", timeout=3600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "built xz@5.4.1" in done.stdout
    (record,) = Database(tmp_path / "store").records()
    prefix = Path(record.prefix)
    assert (prefix / ".rpm-spec" / "install-complete").is_file()
    ran = subprocess.run(
        [str(prefix / "bin" / "xz"), "--version"],
        env={"LD_LIBRARY_PATH": "", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert ran.returncode == 0 and "5.4.1" in ran.stdout
