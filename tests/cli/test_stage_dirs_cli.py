"""A stage root another local user made first is never written into (real second uid).

Runs as root in CI: a child process with uid 20002 creates the stage root the way an
attacker on a shared machine would (mode 0777 under a sticky, world-writable
directory standing in for /tmp, with a file planted in it). Then ``rpm-spec install``
of a one-file package runs as root with that root configured: it must refuse, naming
the path and its owner, or use the next configured private candidate; the attacker's
directory stays exactly as it was either way.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from rpm_spec.store import Database

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "build"))
from tiny_projects import make_tarball

if TYPE_CHECKING:
    from collections.abc import Iterator

LIB = Path(__file__).resolve().parents[2] / "lib"
BOOT = (
    "import sys; sys.path.insert(0, sys.argv.pop(1)); sys.argv[0] = 'rpm-spec'; "
    "from rpm_spec.cli.main import main; main()"
)
OTHER_UID = 20002
_FAMILIES = {"x86_64": "x86_64", "amd64": "x86_64", "aarch64": "aarch64", "arm64": "aarch64"}

_RECIPE = '''\
    import os

    from rpm_spec.repo.api import *


    class Tinyplain(Package):
        """Copies its one file into the prefix; nothing to compile."""

        url = "{url}"
        version("1.0", sha256="{sha256}")

        def install(self, spec, prefix):
            os.makedirs(os.path.join(prefix, "share"))
            with open(os.path.join(prefix, "share", "README"), "w") as out:
                out.write(open("README").read())
    '''

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0, reason="needs root to run a child process as a second uid"
)


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A directory like /tmp (root's, mode 1777) that uid 20002 can reach: tmp_path's
    parents are 0700, so it is made under the system temporary directory."""
    path = Path(tempfile.mkdtemp(prefix="rpm-spec-shared-"))
    path.chmod(0o1777)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def as_other_user(script: str, *args: str) -> None:
    done = subprocess.run(
        ["sh", "-c", script, "sh", *args],
        user=OTHER_UID,
        group=OTHER_UID,
        extra_groups=[],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def plant(root: Path) -> None:
    """What the other user does: make ``root`` (and missing parents) 0777, plant a file."""
    as_other_user('umask 0 && mkdir -p -m 0777 "$1" && echo "planted" > "$1/planted"', str(root))
    assert root.stat().st_uid == OTHER_UID


def snapshot(directory: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every entry under ``directory`` with its owner, mode and content (files)."""
    found: dict[str, tuple[int, int, bytes]] = {}
    for path in sorted(directory.rglob("*")):
        info = path.lstat()
        content = path.read_bytes() if path.is_file() else b""
        found[str(path.relative_to(directory))] = (info.st_uid, info.st_mode, content)
    return found


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A config scope with the tiny repository, gcc, and a store under ``tmp_path``."""
    family = _FAMILIES.get(platform.machine().lower())
    gcc, gxx = shutil.which("gcc"), shutil.which("g++")
    if family is None or gcc is None or gxx is None:
        pytest.skip("needs gcc, g++ and a known target family")
    version = subprocess.run(
        [gcc, "-dumpfullversion"], capture_output=True, text=True, check=True
    ).stdout.strip()
    source = make_tarball("tinyplain", "1.0", {"README": "tiny\n"}, tmp_path / "tarballs")
    repo = tmp_path / "repo"
    (repo / "packages" / "tinyplain").mkdir(parents=True)
    (repo / "repo.yaml").write_text("repo:\n  namespace: plain\n")
    (repo / "packages" / "tinyplain" / "package.py").write_text(
        textwrap.dedent(_RECIPE).format(url=source.url, sha256=source.sha256)
    )
    config = tmp_path / "config"
    config.mkdir()
    (config / "repos.yaml").write_text(f"repos:\n  - {repo}\n")
    (config / "config.yaml").write_text(
        f"config:\n  install_tree:\n    root: {tmp_path / 'store'}\n  build_jobs: 1\n"
    )
    (config / "packages.yaml").write_text(f"packages:\n  all:\n    target: [{family}]\n")
    (config / "compilers.yaml").write_text(
        textwrap.dedent(
            f"""\
            compilers:
              - compiler:
                  spec: gcc@{version}
                  paths: {{cc: {gcc}, cxx: {gxx}, f77: null, fc: null}}
            """
        )
    )
    return tmp_path


def rpm_spec(site: Path, *args: str, tmpdir: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RPM_SPEC_", "PYTHON"))}
    env.update(RPM_SPEC_USER_DIR=str(site / "user"), TMPDIR=str(tmpdir), USER="root")
    return subprocess.run(
        [sys.executable, "-c", BOOT, str(LIB), "-C", str(site / "config"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def installed(site: Path) -> list[str]:
    return [record.spec.name for record in Database(site / "store").records()]


@pytest.mark.parametrize(
    ("planted", "problem"),
    [
        # The case: the other user made /tmp/root/rpm-spec-stage, mode 0777.
        ("root/rpm-spec-stage", f"it is owned by uid {OTHER_UID}, mode drwxrwxrwx, not by you"),
        # Only /tmp/root: whatever we made inside it, they could swap for their own.
        (
            "root",
            f"a parent directory is owned by uid {OTHER_UID}, mode drwxrwxrwx "
            "(at {shared_tmp}/root)",
        ),
    ],
    ids=["stage-root", "parent"],
)
def test_install_refuses_a_stage_root_another_uid_made(
    site: Path, shared_tmp: Path, planted: str, problem: str
) -> None:
    plant(shared_tmp / planted)
    before = snapshot(shared_tmp)
    done = rpm_spec(
        site,
        *("-c", "config:build_stage::[$tempdir/$user/rpm-spec-stage]"),
        *("install", "tinyplain"),
        tmpdir=shared_tmp,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    stage = shared_tmp / "root" / "rpm-spec-stage"
    expected = f"no usable stage directory:\n  {stage}: " + problem.format(shared_tmp=shared_tmp)
    assert expected in done.stderr, done.stderr
    assert "hint: set config:build_stage to a directory of your own" in done.stderr
    assert snapshot(shared_tmp) == before  # not a file, lock or directory added
    assert installed(site) == []


def test_install_uses_the_next_private_candidate(site: Path, shared_tmp: Path) -> None:
    plant(shared_tmp / "stage")
    before = snapshot(shared_tmp)
    private = site / "private-stage"
    done = rpm_spec(
        site,
        "-c",
        f"config:build_stage::[$tempdir/stage, {private}]",
        "install",
        "tinyplain",
        tmpdir=shared_tmp,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    # The refused root is said, with its owner, not skipped in silence.
    warning = f"Warning: not using the stage root {shared_tmp / 'stage'}: it is owned by uid"
    assert warning in done.stderr
    assert installed(site) == ["tinyplain"]
    assert snapshot(shared_tmp) == before
    assert private.is_dir() and private.stat().st_mode & 0o777 == 0o700


def test_the_default_stage_root_is_private_and_in_the_users_cache(
    site: Path, shared_tmp: Path
) -> None:
    """Nothing in $tempdir: the other user's directories there do not matter."""
    plant(shared_tmp / "root" / "rpm-spec-stage")
    before = snapshot(shared_tmp)
    done = rpm_spec(site, "install", "--keep-stage", "tinyplain", tmpdir=shared_tmp)
    assert done.returncode == 0, done.stdout + done.stderr
    root = site / "user" / "cache" / "stage"
    assert root.stat().st_mode & 0o777 == 0o700
    stages = [path.name for path in root.iterdir() if path.is_dir()]
    assert len(stages) == 1 and stages[0].startswith("rpm-spec-stage-tinyplain-1.0-")
    assert snapshot(shared_tmp) == before
