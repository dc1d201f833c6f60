"""Running rpm-spec as a second local user, from tests that run as root.

File modes do not bind root, so a test of "another user cannot write here" runs
the CLI in a child process with a numeric uid and gid (no passwd entry needed).
That child cannot read what lives under ``/root`` (mode 0700): not the test's
Python, not its virtual environment, maybe not this checkout. So
:func:`prepare` copies what the CLI needs (``lib``, ``etc``, ``share``, ``repos`` and the
runtime packages with their dependencies) into a world-readable directory, and
finds a Python of the same version that the uid can run.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from rpm_spec.util.paths import PREFIX

if TYPE_CHECKING:
    from collections.abc import Iterator

UID = 20002
GID = 20002
#: A third user, and a group both share, for tests of one store shared by a group.
OTHER_UID = 20003
#: A user in neither group (the registry's permission matrix needs three).
THIRD_UID = 20004
SHARED_GID = 20010
#: What bin/rpm-spec runs: the copied packages and lib first on the path.
BOOT = (
    "import sys; sys.path[:0] = [sys.argv.pop(1), sys.argv.pop(1)]; sys.argv[0] = 'rpm-spec'; "
    "from rpm_spec.cli.main import main; main()"
)


def why_not_available() -> str | None:
    """Why second-user tests cannot run here (None: they can)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "needs root, to run a child as another uid"
    if python_for_others() is None:
        version = f"{sys.version_info.major}.{sys.version_info.minor}"
        return f"no python{version} outside /root that uid {UID} can run"
    return None


@dataclass(frozen=True)
class SecondUser:
    """A world-readable copy of rpm-spec and its runtime, and a Python to run it with."""

    python: Path
    packages: Path
    prefix: Path

    def command(self, *args: str) -> list[str]:
        lib = str(self.prefix / "lib")
        return [str(self.python), "-I", "-S", "-c", BOOT, str(self.packages), lib, *args]

    def run(
        self,
        *args: str,
        home: Path,
        timeout: float = 300,
        uid: int = UID,
        gid: int = GID,
        extra_groups: tuple[int, ...] = (),
        umask: int = -1,
    ) -> subprocess.CompletedProcess[str]:
        """Run the CLI as uid/gid 20002 (or ``uid``/``gid`` with ``extra_groups``) with
        ``home`` as its home and user directory."""
        env = {
            "HOME": str(home),
            "RPM_SPEC_USER_DIR": str(home / ".rpm-spec"),
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
        }
        return subprocess.run(
            self.command(*args),
            env=env,
            cwd=home,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            user=uid,
            group=gid,
            extra_groups=list(extra_groups),
            umask=umask,
        )


def prepare(directory: Path) -> SecondUser:
    """Copy rpm-spec and its runtime packages under ``directory`` (made world-readable)."""
    python = python_for_others()
    assert python is not None, why_not_available()
    prefix = directory / "rpm-spec"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in ("lib", "etc", "share", "repos"):
        shutil.copytree(PREFIX / part, prefix / part, ignore=ignore, symlinks=True)
    packages = directory / "site-packages"
    for source, relative in runtime_files():
        target = packages / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    make_world_readable(directory)
    return SecondUser(python, packages, prefix)


def runtime_files() -> Iterator[tuple[Path, Path]]:
    """(installed file, path relative to site-packages) of every runtime package."""
    for distribution in _runtime_closure():
        for file in distribution.files or ():
            if ".." in file.parts or "__pycache__" in file.parts:
                continue
            source = Path(str(distribution.locate_file(file)))
            if source.is_file():
                yield source, Path(str(file))


def make_world_readable(directory: Path) -> None:
    """``chmod -R a+rX``: others may read every file and enter every directory."""
    for root, dirs, files in os.walk(directory):
        Path(root).chmod(Path(root).stat().st_mode | 0o755)
        for name in dirs + files:
            path = Path(root) / name
            if path.is_symlink():
                continue
            extra = 0o755 if path.is_dir() or path.stat().st_mode & 0o100 else 0o644
            path.chmod(path.stat().st_mode | extra)


def _runtime_closure() -> list[importlib.metadata.Distribution]:
    """The distributions of requirements/runtime.txt and everything they require."""
    wanted = [
        Requirement(line.split("#")[0].strip())
        for line in (PREFIX / "requirements" / "runtime.txt").read_text().splitlines()
        if line.split("#")[0].strip()
    ]
    found: dict[str, importlib.metadata.Distribution] = {}
    while wanted:
        requirement = wanted.pop()
        name = canonicalize_name(requirement.name)
        if name in found:
            continue
        distribution = importlib.metadata.distribution(requirement.name)
        found[name] = distribution
        for text in distribution.requires or ():
            nested = Requirement(text)
            if nested.marker is None or nested.marker.evaluate({"extra": ""}):
                wanted.append(nested)
    return list(found.values())


def python_for_others() -> Path | None:
    """A Python of this version that is not below /root (whose mode is 0700)."""
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for directory in ("/usr/bin", "/usr/local/bin", "/opt/python/bin"):
        candidate = Path(directory) / version
        if candidate.is_file() and os.access(candidate, os.X_OK):
            resolved = candidate.resolve()
            if not resolved.is_relative_to("/root") and resolved.stat().st_mode & 0o001:
                return candidate
    return None


#: One entry of :func:`tree_snapshot`: (path, mode, uid, gid, size, sha256, mtime_ns).
TreeEntry = tuple[str, int, int, int, int, str, int]


def tree_snapshot(root: Path) -> dict[str, TreeEntry]:
    """Relative path -> (path, mode, uid, gid, size, sha256, mtime_ns) of ``root`` and
    everything below: "nothing changed under X" is two equal snapshots (a symlink's
    target stands in for its sha256)."""
    found = {}
    for path in [root, *root.rglob("*")]:
        info = path.lstat()
        digest = ""
        if stat.S_ISREG(info.st_mode):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        elif stat.S_ISLNK(info.st_mode):
            digest = os.readlink(path)
        relative = str(path.relative_to(root))
        found[relative] = (
            relative,
            info.st_mode,
            info.st_uid,
            info.st_gid,
            info.st_size,
            digest,
            info.st_mtime_ns,
        )
    return found
