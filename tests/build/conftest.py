"""Fixtures for real builds: tiny projects, their repository, the machine's gcc, and
a helper that builds hand-made concrete DAGs through the real build layer
(``build_helpers.TinyBuilds``; ``build_helpers.concrete_node`` makes the nodes).

The installer's tests use ``tiny_repo`` (tarballs with file:// URLs and real sha256 in
a ``tiny`` repository) and ``gcc_compiler``/``build_target`` to configure a Session.
"""

from __future__ import annotations

import platform
import shutil
import subprocess
from pathlib import Path

import pytest
from build_helpers import TinyBuilds
from tiny_projects import TinyRepo, make_tiny_repo

from rpm_spec.build.wrappers import CompilerPaths

#: Target families whose generic target every gcc can build for (never the host's CPU).
_FAMILIES = {"x86_64": "x86_64", "amd64": "x86_64", "aarch64": "aarch64", "arm64": "aarch64"}


@pytest.fixture
def tiny_repo(tmp_path: Path) -> TinyRepo:
    """The ``tiny`` repository and its tarballs, generated under ``tmp_path/tiny``."""
    return make_tiny_repo(tmp_path / "tiny")


@pytest.fixture(scope="session")
def build_target() -> str:
    """The generic target of this machine's family (x86_64, aarch64), for real builds."""
    family = _FAMILIES.get(platform.machine().lower())
    if family is None:
        pytest.skip(f"no generic target known for {platform.machine()}")
    return family


@pytest.fixture(scope="session")
def gcc_compiler() -> CompilerPaths:
    """The machine's gcc/g++ (real builds are skipped without them)."""
    cc, cxx = shutil.which("gcc"), shutil.which("g++")
    if cc is None or cxx is None:
        pytest.skip("real builds need gcc and g++")
    version = subprocess.run(
        [cc, "-dumpfullversion"], capture_output=True, text=True, check=True
    ).stdout.strip()
    return CompilerPaths(name="gcc", version=version, cc=Path(cc), cxx=Path(cxx))


@pytest.fixture
def tiny_builds(
    tmp_path: Path, tiny_repo: TinyRepo, gcc_compiler: CompilerPaths, build_target: str
) -> TinyBuilds:
    return TinyBuilds(tmp_path, tiny_repo, gcc_compiler, build_target)
