"""Two writers of one environment never lose each other's change.

Each test plays two processes by two ``Environment`` objects on one directory,
both read before either writes: the interleaving that loses a write when a
writer stores what it read at start instead of reading again under the lock.
"""

from __future__ import annotations

import json
from pathlib import Path

from rpm_spec.environment.concretize import concretize_environment
from rpm_spec.environment.environment import Environment, create_environment
from rpm_spec.platform import HostInfo
from rpm_spec.session import Session
from rpm_spec.util.fs import lock_path_for

MOCK = Path(__file__).resolve().parents[1] / "repos" / "mock"
ZEN3 = HostInfo(platform="linux", os="debian12", target="zen3")
SKYLAKE = HostInfo(platform="linux", os="debian12", target="skylake")


def _session(tmp_path: Path, name: str, directory: Path) -> Session:
    return Session.for_tests(tmp_path / name, repos=[MOCK], environment=directory)


def test_two_concretizes_keep_both_sections(tmp_path: Path) -> None:
    directory = tmp_path / "env"
    create_environment(tmp_path, directory=directory).add(["mpileaks", "zlib"])
    first = _session(tmp_path, "a", directory)
    second = _session(tmp_path, "b", directory)
    assert first.environment is not None and second.environment is not None
    # Both solve from the same (empty) lock, then write one after the other.
    concretize_environment(first.environment, first, ZEN3, explicit_target=True)
    concretize_environment(second.environment, second, SKYLAKE, explicit_target=True)
    first.environment.write_lock()
    second.environment.write_lock()
    lock = Environment(directory).lock
    assert set(lock.platforms) == {"linux-debian12-zen3", "linux-debian12-skylake"}
    assert "mock.mpileaks" in lock.recipes
    # The writer's own view is the merged file, not just what it solved.
    assert set(second.environment.lock.platforms) == set(lock.platforms)
    assert lock_path_for(directory / "rpm-spec.lock").exists()


def test_a_section_solved_again_replaces_only_itself(tmp_path: Path) -> None:
    directory = tmp_path / "env"
    create_environment(tmp_path, directory=directory).add(["zlib"])
    setup = _session(tmp_path, "setup", directory)
    assert setup.environment is not None
    concretize_environment(setup.environment, setup, ZEN3, explicit_target=True)
    setup.environment.write_lock()
    # A reads the lock (zen3 only); B adds skylake; A re-solves zen3 and writes.
    first = _session(tmp_path, "a", directory)
    second = _session(tmp_path, "b", directory)
    assert first.environment is not None and second.environment is not None
    concretize_environment(second.environment, second, SKYLAKE, explicit_target=True)
    second.environment.write_lock()
    concretize_environment(first.environment, first, ZEN3, explicit_target=True, force=True)
    first.environment.write_lock()
    document = json.loads((directory / "rpm-spec.lock").read_text())
    assert set(document["platforms"]) == {"linux-debian12-zen3", "linux-debian12-skylake"}


def test_two_adds_keep_both_specs(tmp_path: Path) -> None:
    directory = tmp_path / "env"
    create_environment(tmp_path, directory=directory).add(["zlib"])
    first, second = Environment(directory), Environment(directory)
    assert first.add(["mpileaks"]) == ["mpileaks"]
    assert second.add(["hdf5"]) == ["hdf5"]
    assert second.add(["mpileaks"]) == []  # there already, added by the other one
    assert Environment(directory).manifest.specs == ["zlib", "mpileaks", "hdf5"]


def test_a_remove_keeps_a_concurrent_add(tmp_path: Path) -> None:
    directory = tmp_path / "env"
    create_environment(tmp_path, directory=directory).add(["zlib", "hdf5"])
    first, second = Environment(directory), Environment(directory)
    first.add(["mpileaks"])
    second.remove(["hdf5"])
    assert Environment(directory).manifest.specs == ["zlib", "mpileaks"]


def test_add_keeps_comments(tmp_path: Path) -> None:
    directory = tmp_path / "env"
    create_environment(tmp_path, directory=directory)
    manifest = directory / "rpm-spec.yaml"
    manifest.write_text("# our stack\nrpm-spec:\n  specs: [zlib]  # base\n  view: true\n")
    Environment(directory).add(["hdf5"])
    text = manifest.read_text()
    assert "# our stack" in text
    assert Environment(directory).manifest.specs == ["zlib", "hdf5"]
