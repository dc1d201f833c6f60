"""Retargeting a DAG made for zen3 to neoverse_v2 (aarch64), as close as possible."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from rpm_spec.platform import HostInfo
from rpm_spec.session import Session
from rpm_spec.solver import Problem, concretize
from rpm_spec.solver.retarget import retarget
from rpm_spec.spec import parse_specs
from rpm_spec.spec.dag_diff import diff_dags

if TYPE_CHECKING:
    from rpm_spec.spec.concrete import ConcreteDag

MOCK = Path(__file__).resolve().parents[1] / "repos" / "mock"
PROVIDERS = {"all": {"providers": {"blas": ["x86-blas", "openblas"]}}}


def _session(tmp_path: Path, packages: dict[str, Any]) -> Session:
    host = HostInfo(platform="linux", os="debian12", target="zen3")
    return Session.for_tests(tmp_path, repos=[MOCK], config={"packages": packages}, host=host)


def _problem(session: Session, text: str, reference: ConcreteDag | None = None) -> Problem:
    from rpm_spec.solver.preferences import preferences_from_config

    return Problem(
        roots=tuple(parse_specs(text)),
        host=session.host,
        compilers=tuple(session.compilers),
        preferences=preferences_from_config(session.config),
        reference=reference,
    )


@pytest.fixture
def zen3_lock(tmp_path: Path) -> ConcreteDag:
    """The reference: solved on zen3 at a site that pins polyglot to 1.0."""
    session = _session(tmp_path / "a", {**PROVIDERS, "polyglot": {"version": ["1.0"]}})
    return concretize(_problem(session, "retarget-app target=zen3"), session.repos).dag


def test_only_what_the_platform_forbids_changes(tmp_path: Path, zen3_lock: ConcreteDag) -> None:
    session = _session(tmp_path / "b", PROVIDERS)
    problem = _problem(session, "retarget-app target=neoverse_v2", zen3_lock)
    report = retarget(problem, session.repos)
    changed = {(c.change.kind, c.change.node) for c in report.changes}
    assert changed == {("provider", "blas"), ("variant", "simd-kernels")}
    by_kind = {c.change.kind: c for c in report.changes}
    assert str(by_kind["provider"].change) == "x86-blas → openblas (provider of blas)"
    provider_why = " ".join(by_kind["provider"].reasons)
    assert "x86-blas ships x86-64 kernels only" in provider_why
    assert "x86-blas/package.py" in provider_why
    assert "target=x86_64:" in " ".join(by_kind["variant"].reasons)
    assert all(n.target == "neoverse_v2" for n in report.result.dag.nodes.values())


def test_a_plain_resolve_may_change_more(tmp_path: Path, zen3_lock: ConcreteDag) -> None:
    session = _session(tmp_path / "b", PROVIDERS)
    plain = concretize(_problem(session, "retarget-app target=neoverse_v2"), session.repos).dag
    close = retarget(
        _problem(session, "retarget-app target=neoverse_v2", zen3_lock), session.repos
    ).result.dag
    plain_changes = diff_dags(zen3_lock, plain)
    close_changes = diff_dags(zen3_lock, close)
    assert len(close_changes) < len(plain_changes)
    assert any(c.node == "polyglot" and c.kind == "version" for c in plain_changes)


def test_retargeting_to_the_same_target_changes_nothing(
    tmp_path: Path, zen3_lock: ConcreteDag
) -> None:
    session = _session(tmp_path / "b", PROVIDERS)
    report = retarget(_problem(session, "retarget-app target=zen3", zen3_lock), session.repos)
    assert report.changes == []
    assert set(report.result.dag.nodes) == set(zen3_lock.nodes)


def test_changes_are_grouped_before_asking_why(
    tmp_path: Path, zen3_lock: ConcreteDag, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A site whose only compiler differs: every node changes compiler, one group, and the
    solver is asked at most once per group (never once per change)."""
    from rpm_spec.session import fake_compiler
    from rpm_spec.solver.retarget_explain import CauseFinder

    arm_gcc = fake_compiler("gcc@11.4.1")
    arm_gcc["compiler"] |= {"target": "aarch64", "operating_system": "rhel9"}
    host = HostInfo(platform="linux", os="rhel9", target="neoverse_v2")
    session = Session.for_tests(
        tmp_path / "c",
        repos=[MOCK],
        config={"packages": PROVIDERS, "compilers": [arm_gcc]},
        host=host,
    )
    asked: list[int] = []
    ask = CauseFinder.ask
    monkeypatch.setattr(CauseFinder, "ask", lambda self, i: asked.append(i) or ask(self, i))
    report = retarget(_problem(session, "retarget-app", zen3_lock), session.repos)
    compilers = [g for g in report.groups if g.kind == "compiler"]
    assert len(compilers) == 1
    kept = {n.name for n in zen3_lock.nodes.values()} & {
        n.name for n in report.result.dag.nodes.values()
    }
    assert compilers[0].nodes == sorted(kept)
    assert compilers[0].cause is not None
    assert compilers[0].cause.text == (
        "gcc@12.2.0 is not configured for rhel9 aarch64 (configured: gcc@11.4.1)"
    )
    assert len(report.changes) > len(report.groups) >= len(asked)
    assert report.headline.startswith(f"{len(report.result.dag.nodes)} nodes: ")
    assert report.headline.endswith(
        f"compiler changed on {len(compilers[0].nodes)}, everything else kept"
    )
    provider = next(g for g in report.groups if g.kind == "provider")
    assert provider.cause is not None and provider.cause.where.startswith("mock/packages/")
