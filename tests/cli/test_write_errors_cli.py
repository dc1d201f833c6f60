"""No space, no permission, a read-only file system: the error names the path, exit 1.

Full and read-only file systems are tmpfs mounts in a private mount namespace
(``unshare --mount``, root only), so nothing outside the test sees them. "Permission
denied" needs a user the kernel checks: as root, the command runs as uid 20002 on a
world-readable copy of rpm-spec and its runtime dependencies (the private venv under
/root cannot be read by that uid).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import second_user
from rpm_spec.errors import ExitCode
from rpm_spec.util.paths import PREFIX

if TYPE_CHECKING:
    from collections.abc import Iterator

BOOT = (
    "import sys; sys.path[:0] = [sys.argv.pop(1), sys.argv.pop(1)]; sys.argv[0] = 'rpm-spec'; "
    "from rpm_spec.cli.main import main; main()"
)
OTHER_UID = 20002
TIMEOUT_S = 300
#: ``shift`` past the mount options and directory, then run the command.
MOUNT_SCRIPT = 'mount -t tmpfs -o "$1" rpm-spec-test "$2" || exit 99; shift 2; exec "$@"'
#: Run MOUNT_SCRIPT in a private mount namespace: OPTIONS DIRECTORY COMMAND... follow.
IN_NAMESPACE = ["unshare", "--mount", "--propagation", "private", "sh", "-c", MOUNT_SCRIPT, "sh"]

needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="needs root (mounts, a second uid)")


def _can_mount() -> bool:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    with tempfile.TemporaryDirectory() as directory:
        probe = subprocess.run(
            [*IN_NAMESPACE, "size=64k", directory, "true"],
            capture_output=True,
            check=False,
        )
    return probe.returncode == 0


needs_mounts = pytest.mark.skipif(
    not _can_mount(), reason="needs root and unshare --mount to mount a private tmpfs"
)


def rpm_spec_on_tmpfs(
    options: str, directory: Path, *args: str, user_dir: Path
) -> subprocess.CompletedProcess[str]:
    """``rpm-spec ARGS`` with a tmpfs mounted (``-o options``) on ``directory``."""
    command = [sys.executable, "-c", BOOT, str(PREFIX / "lib"), str(PREFIX / "lib"), *args]
    return subprocess.run(
        [*IN_NAMESPACE, options, str(directory), *command],
        capture_output=True,
        text=True,
        env=dict(os.environ, RPM_SPEC_USER_DIR=str(user_dir)),
        timeout=TIMEOUT_S,
        check=False,
    )


def assert_names_the_path(done: subprocess.CompletedProcess[str], directory: Path) -> None:
    assert done.returncode == ExitCode.USER_ERROR, done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    first = done.stderr.splitlines()[0]
    assert first.startswith("Error: ") and f"{directory}/" in first, done.stderr


@needs_mounts
def test_a_read_only_file_system(tmp_path: Path) -> None:
    user = tmp_path / "user"
    user.mkdir()
    done = rpm_spec_on_tmpfs(
        "ro", user, "config", "add", "packages:all:target:[x86_64_v3]", user_dir=user
    )
    assert_names_the_path(done, user)
    assert "Read-only file system" in done.stderr
    stack = tmp_path / "stack"
    stack.mkdir()
    done = rpm_spec_on_tmpfs("ro", stack, "env", "create", "-d", str(stack), user_dir=user)
    assert_names_the_path(done, stack)


@needs_mounts
def test_no_inode_left(tmp_path: Path) -> None:
    user = tmp_path / "user"
    user.mkdir()
    done = rpm_spec_on_tmpfs(
        "nr_inodes=1", user, "config", "add", "packages:all:target:[x86_64_v3]", user_dir=user
    )
    assert_names_the_path(done, user)
    assert "No space left on device" in done.stderr


@needs_mounts
def test_no_space_left_for_the_data(tmp_path: Path) -> None:
    user = tmp_path / "user"
    user.mkdir()
    stage = "/" + "x" * 8192
    done = rpm_spec_on_tmpfs(
        "size=4k", user, "config", "add", f"config:build_stage:[{stage}]", user_dir=user
    )
    assert_names_the_path(done, user)
    assert "No space left on device" in done.stderr


# -- permission denied, as a user the kernel checks --------------------------------------


@pytest.fixture
def readable_copy() -> Iterator[Path]:
    """rpm-spec (launcher, bootstrap, lib) and its runtime dependencies, readable by all."""
    root = Path(tempfile.mkdtemp(prefix="rpm-spec-readable-"))
    try:
        root.chmod(0o755)
        for part in ("bin", "requirements", "share/rpm-spec", "lib"):
            shutil.copytree(
                PREFIX / part, root / part, ignore=shutil.ignore_patterns("__pycache__")
            )
        for source, relative in second_user.runtime_files():
            target = root / "site" / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
        second_user.make_world_readable(root)
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def as_other_user(command: list[str], environ: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        user=OTHER_UID,
        group=OTHER_UID,
        extra_groups=[],
        capture_output=True,
        text=True,
        env=environ,
        cwd="/",
        timeout=TIMEOUT_S,
        check=False,
    )


def interpreter_for_other_user() -> str:
    """A Python of this version that uid 20002 can run; the test is skipped if none."""
    python = second_user.python_for_others()
    if python is None:
        pytest.skip(second_user.why_not_available() or "no Python for another uid")
    return str(python)


@needs_root
def test_permission_denied_names_the_path(readable_copy: Path) -> None:
    python = interpreter_for_other_user()
    home = readable_copy / "home"
    home.mkdir(mode=0o777)
    home.chmod(0o777)
    user = readable_copy / "root-owned"  # 0755, root's: uid 20002 cannot write in it
    user.mkdir(mode=0o755)
    paths = [str(readable_copy / "lib"), str(readable_copy / "site")]
    done = as_other_user(
        [python, "-I", "-c", BOOT, *paths, "config", "add", "packages:all:target:[x86_64_v3]"],
        {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(home),
            "RPM_SPEC_USER_DIR": str(user),
        },
    )
    assert_names_the_path(done, user)
    assert "Permission denied" in done.stderr


@needs_root
def test_a_bootstrap_directory_without_permission(readable_copy: Path) -> None:
    if shutil.which("python3") is None:
        pytest.skip("the launcher needs a python3 on PATH")
    blocked = readable_copy / "root-owned"
    blocked.mkdir(mode=0o755)
    done = as_other_user(
        ["sh", str(readable_copy / "bin" / "rpm-spec"), "--help"],
        {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(blocked),
            "RPM_SPEC_BOOTSTRAP": str(blocked / "boot"),
        },
    )
    assert done.returncode == ExitCode.USER_ERROR, done.stderr
    assert "Traceback" not in done.stderr
    assert f"Error: cannot write {blocked / 'boot'}: Permission denied" in done.stderr
    assert "set RPM_SPEC_BOOTSTRAP to a directory you can write" in done.stderr
