"""``rpm-spec load`` of a package built for several targets: the best one for this CPU."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from store_cli import invoke

from rpm_spec.cli.env import env
from rpm_spec.cli.load import load
from rpm_spec.environment.environment import create_environment
from rpm_spec.environment.lockfile import Lockfile, PlatformSection
from rpm_spec.platform import HostInfo
from rpm_spec.session import Session
from rpm_spec.spec.concrete import ConcreteDag
from rpm_spec.store.best_build import NoRunnableBuildError
from synthetic_installs import node, register

if TYPE_CHECKING:
    from pathlib import Path


def _session(tmp_path: Path, target: str) -> Session:
    session = Session.for_tests(
        tmp_path, host=HostInfo(platform="linux", os="debian12", target=target)
    )
    register(session.store, [node("solver", target=t) for t in ("x86_64", "x86_64_v3", "zen3")])
    return session


@pytest.fixture(autouse=True)
def _nothing_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    for name in ("RPM_SPEC_LOADED", "RPM_SPEC_LOADED_ROOTS", "RPM_SPEC_TARGET"):
        monkeypatch.delenv(name, raising=False)


def test_load_picks_the_best_build_and_says_why(tmp_path: Path) -> None:
    session = _session(tmp_path, "zen4")
    result = invoke(load, ["--sh", "solver"], session)
    assert result.exit_code == 0, result.output
    assert "==> solver: best available for zen4: zen3" in result.stderr
    zen3 = next(r for r in session.store.select() if r.spec.target == "zen3")
    assert f"{zen3.prefix}/bin:/usr/bin:/bin" in result.stdout


def test_load_refuses_what_rpm_spec_target_selects_when_the_cpu_cannot_run_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = _session(tmp_path, "zen2")
    monkeypatch.setenv("RPM_SPEC_TARGET", "zen3")
    result = invoke(load, ["--sh", "solver"], session)
    assert isinstance(result.exception, NoRunnableBuildError)
    assert "it lacks pku, vaes, vpclmulqdq" in str(result.exception)
    assert result.stdout == ""


def test_env_activate_says_which_lock_section_this_cpu_gets(tmp_path: Path) -> None:
    created = create_environment(tmp_path, directory=tmp_path / "env")
    sections = {}
    for target in ("x86_64", "zen3"):
        root = node("solver", target=target)
        dag = ConcreteDag((root.hash,), {root.hash: root})
        section = PlatformSection("linux", "debian12", target, [("solver", root.hash)], dag)
        sections[section.key] = section
    Lockfile(roots=["solver"], platforms=sections).write(created.lock_path)
    result = invoke(env, ["activate", "--sh", str(created.path)], _session(tmp_path, "zen4"))
    assert result.exit_code == 0, result.output
    assert f"==> {created.label}: best available for zen4: zen3" in result.stderr
    assert "export RPM_SPEC_ENV=" in result.stdout
