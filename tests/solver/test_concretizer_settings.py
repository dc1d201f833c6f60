"""The concretizer section's settings that change a solve: timeout_s and reuse."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import pytest

from rpm_spec.session import Session
from rpm_spec.solver import SolverTimeoutError, concretize
from rpm_spec.spec import parse_specs
from rpm_spec.spec.concrete import ConcreteSpec
from rpm_spec.util.paths import BUILTIN_REPO

if TYPE_CHECKING:
    from pathlib import Path


def _rebuilt(node: ConcreteSpec, **changes: object) -> ConcreteSpec:
    return ConcreteSpec(dataclasses.replace(node.content, **changes))


def test_timeout_s_reaches_the_problem(tmp_path: Path) -> None:
    session = Session.for_tests(tmp_path, config={"concretizer": {"timeout_s": 2.5}})
    assert session.problem(parse_specs("zlib")).timeout_s == 2.5
    unlimited = Session.for_tests(tmp_path / "b", config={"concretizer": {"timeout_s": 0}})
    assert unlimited.problem(parse_specs("zlib")).timeout_s is None


def test_a_solve_past_timeout_s_is_a_clear_error(tmp_path: Path) -> None:
    # A DAG of the builtin repository: its search takes far longer than no time at all.
    session = Session.for_tests(tmp_path, repos=[BUILTIN_REPO])
    problem = dataclasses.replace(session.problem(parse_specs("hdf5+mpi")), timeout_s=1e-9)
    with pytest.raises(SolverTimeoutError, match=r"gave up after 1e-09 s") as raised:
        concretize(problem, session.repos)
    assert "concretizer:timeout_s" in str(raised.value) + (raised.value.hint or "")


def test_a_solve_within_timeout_s_is_unchanged(session: Session) -> None:
    problem = session.problem(parse_specs("mpileaks"))
    limited = dataclasses.replace(problem, timeout_s=600.0)
    assert concretize(limited, session.repos).dag == concretize(problem, session.repos).dag


def test_reuse_dependencies_builds_roots_and_reuses_below_them(tmp_path: Path) -> None:
    session = Session.for_tests(tmp_path)
    fresh = session.concretize(parse_specs("hdf5")).dag
    hdf5, zlib = fresh.root_specs[0], fresh.by_name("zlib")
    assert zlib is not None
    old_zlib = _rebuilt(zlib, recipe_hash="an-older-recipe")
    deps = tuple(
        dataclasses.replace(dep, hash=old_zlib.hash) if dep.name == "zlib" else dep
        for dep in hdf5.dependencies
    )
    old_hdf5 = _rebuilt(hdf5, recipe_hash="an-older-recipe", dependencies=deps)
    installed = (old_zlib, old_hdf5)
    problem = dataclasses.replace(session.problem(parse_specs("hdf5")), installed=installed)
    assert concretize(problem, session.repos).dag.roots == (old_hdf5.hash,)
    only_deps = dataclasses.replace(problem, reuse_roots=False)
    dag = concretize(only_deps, session.repos).dag
    assert dag.root_specs[0].content.recipe_hash == hdf5.content.recipe_hash  # built
    assert dag.by_name("zlib") == old_zlib


def test_reuse_dependencies_reaches_the_problem(tmp_path: Path) -> None:
    config = {"concretizer": {"reuse": "dependencies"}}
    session = Session.for_tests(tmp_path, config=config)
    assert session.problem(parse_specs("zlib")).reuse_roots is False
    assert Session.for_tests(tmp_path / "b").problem(parse_specs("zlib")).reuse_roots is True
