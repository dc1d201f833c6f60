"""env activate with a lock holding sections for several targets: which one, and why."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from rpm_spec.environment.environment import Environment, create_environment
from rpm_spec.environment.lockfile import Lockfile, PlatformSection
from rpm_spec.environment.target_choice import activation_note
from rpm_spec.platform import HostInfo
from rpm_spec.spec.concrete import ConcreteDag
from rpm_spec.store.best_build import NoRunnableBuildError
from synthetic_installs import node

if TYPE_CHECKING:
    from pathlib import Path


def _env(
    tmp_path: Path, targets: tuple[str, ...] = ("x86_64", "x86_64_v3", "zen3")
) -> Environment:
    created = create_environment(tmp_path, directory=tmp_path / "env")
    sections = {}
    for target in targets:
        root = node("solver", target=target)
        section = PlatformSection(
            "linux",
            "debian12",
            target,
            [("solver", root.hash)],
            ConcreteDag((root.hash,), {root.hash: root}),
        )
        sections[section.key] = section
    Lockfile(roots=["solver"], platforms=sections).write(created.lock_path)
    return Environment(created.path)


def _host(target: str) -> HostInfo:
    return HostInfo(platform="linux", os="debian12", target=target)


def test_activation_says_which_section_this_cpu_gets(tmp_path: Path) -> None:
    env = _env(tmp_path)
    label = env.label
    assert activation_note(env, _host("zen4"), {}) == f"{label}: best available for zen4: zen3"
    assert (
        activation_note(env, _host("zen2"), {}) == f"{label}: best available for zen2: x86_64_v3"
    )
    assert activation_note(env, _host("zen3"), {}) == f"{label}: the zen3 build matches zen3"


def test_activation_refuses_a_cpu_that_runs_no_section(tmp_path: Path) -> None:
    env = _env(tmp_path)
    with pytest.raises(NoRunnableBuildError, match=r"builds exist for x86_64 \(x86_64\)"):
        activation_note(env, _host("neoverse_v2"), {})
    with pytest.raises(NoRunnableBuildError, match="it lacks pku, vaes, vpclmulqdq"):
        activation_note(env, _host("zen2"), {"RPM_SPEC_TARGET": "zen3"})
    only_zen3 = _env(tmp_path / "other", ("zen3",))
    with pytest.raises(NoRunnableBuildError, match="zen3 needs"):
        activation_note(only_zen3, _host("haswell"), {"RPM_SPEC_TARGET": "haswell"})


def test_one_section_for_this_host_needs_no_note(tmp_path: Path) -> None:
    assert activation_note(_env(tmp_path, ("zen3",)), _host("zen3"), {}) is None
    empty = create_environment(tmp_path, directory=tmp_path / "empty")
    assert activation_note(Environment(empty.path), _host("zen3"), {}) is None
