"""Files the tool writes follow the user's umask, so teammates can read a shared environment."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from rpm_spec.config import DirectoryScope
from rpm_spec.environment.concretize import concretize_environment
from rpm_spec.environment.environment import create_environment
from rpm_spec.platform import HostInfo
from rpm_spec.session import Session

MOCK = Path(__file__).resolve().parents[1] / "repos" / "mock"
ZEN3 = HostInfo(platform="linux", os="debian12", target="zen3")


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_manifest_lock_and_config_files_follow_the_umask(
    tmp_path: Path, mask: int, expected: int
) -> None:
    os.umask(mask)
    directory = tmp_path / "env"
    environment = create_environment(tmp_path, directory=directory)
    environment.add(["zlib"])
    session = Session.for_tests(tmp_path, repos=[MOCK], environment=directory)
    assert session.environment is not None
    concretize_environment(session.environment, session, ZEN3)
    session.environment.write_lock()
    written = DirectoryScope("user", tmp_path / "user").write("config", {"build_jobs": 2})
    for path in (directory / "rpm-spec.yaml", directory / "rpm-spec.lock", written):
        assert mode_of(path) == expected, path
