"""Reuse is exact, targets are per node: an installed spec is reused only when it
satisfies everything asked, and an older compatible target may be reused in a newer DAG.

The test host is zen3; x86_64_v3 code runs there, zen3 code does not run on x86_64_v3.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rpm_spec.solver import Problem, concretize
from rpm_spec.spec import parse_specs

if TYPE_CHECKING:
    from rpm_spec.session import Session
    from rpm_spec.spec.concrete import ConcreteDag, ConcreteSpec


def _problem(session: Session, text: str, installed: tuple[ConcreteSpec, ...] = ()) -> Problem:
    return Problem(
        roots=tuple(parse_specs(text)),
        host=session.host,
        compilers=tuple(session.compilers),
        installed=installed,
    )


def _solve(session: Session, text: str, installed: tuple[ConcreteSpec, ...] = ()) -> ConcreteDag:
    return concretize(_problem(session, text, installed), session.repos).dag


def _node(dag: ConcreteDag, name: str) -> ConcreteSpec:
    node = dag.by_name(name)
    assert node is not None, f"{name} is not in the DAG"
    return node


def _installed(session: Session, text: str) -> ConcreteSpec:
    return _solve(session, text).root_specs[0]


def test_an_older_target_install_is_reused_in_a_newer_dag(session: Session) -> None:
    zlib_v3 = _installed(session, "zlib target=x86_64_v3")
    dag = _solve(session, "hdf5", (zlib_v3,))
    assert _node(dag, "hdf5").target == "zen3"
    assert _node(dag, "zlib").hash == zlib_v3.hash


def test_a_newer_target_install_is_not_linked_into_an_older_dag(session: Session) -> None:
    zlib_zen3 = _installed(session, "zlib")
    assert zlib_zen3.target == "zen3"
    dag = _solve(session, "hdf5 target=x86_64_v3", (zlib_zen3,))
    zlib = _node(dag, "zlib")
    assert zlib.hash != zlib_zen3.hash
    assert zlib.target == "x86_64_v3"


def test_an_install_on_the_dags_target_is_preferred(session: Session) -> None:
    zlib_v3 = _installed(session, "zlib target=x86_64_v3")
    zlib_zen3 = _installed(session, "zlib")
    for installed in ((zlib_v3, zlib_zen3), (zlib_zen3, zlib_v3)):
        assert _node(_solve(session, "hdf5", installed), "zlib").hash == zlib_zen3.hash


def test_a_reused_install_must_meet_the_compiler_asked(session: Session) -> None:
    zlib_gcc = _installed(session, "zlib %gcc")
    assert _node(_solve(session, "zlib", (zlib_gcc,)), "zlib").hash == zlib_gcc.hash
    for text in ("zlib %clang", "hdf5 ^zlib %clang"):
        zlib = _node(_solve(session, text, (zlib_gcc,)), "zlib")
        assert zlib.hash != zlib_gcc.hash, text
        assert zlib.compiler is not None
        assert zlib.compiler.name == "clang", text
    assert _node(_solve(session, "zlib %gcc@12:", (zlib_gcc,)), "zlib").hash == zlib_gcc.hash
