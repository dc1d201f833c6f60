"""``/hash`` in a request selects an installed spec, by the start of its hash."""

from __future__ import annotations

import dataclasses
import pickle
from typing import TYPE_CHECKING

import pytest

from rpm_spec.session import Session
from rpm_spec.solver import concretize
from rpm_spec.solver.hashes import AmbiguousHashError, UnknownHashError, resolve_hashes
from rpm_spec.spec import parse_spec, parse_specs
from rpm_spec.spec.concrete import ConcreteDag, ConcreteSpec

if TYPE_CHECKING:
    from pathlib import Path


def _dag(session: Session, text: str) -> ConcreteDag:
    return session.concretize(parse_specs(text)).dag


def _rebuilt(node: ConcreteSpec, **changes: object) -> ConcreteSpec:
    return ConcreteSpec(dataclasses.replace(node.content, **changes))


def _register(session: Session, dag: ConcreteDag) -> None:
    """Record every node of ``dag`` as installed (dependencies first)."""
    done: set[str] = set()
    for _, node, _ in reversed(list(dag.traverse())):
        if node.hash not in done:
            prefix = session.store.root / node.hash
            prefix.mkdir(parents=True)
            session.store.database.add(node, prefix, explicit=node.hash in dag.roots)
            done.add(node.hash)


def test_a_prefix_names_one_install_and_fills_in_the_name(session: Session) -> None:
    dag = _dag(session, "mpileaks")
    callpath = dag.by_name("callpath")
    assert callpath is not None
    (root,), chosen = resolve_hashes([parse_spec(f"/{callpath.hash[:6]}")], dag.nodes.values())
    assert (root.name, root.abstract_hash) == ("callpath", callpath.hash)
    below = {n.hash for _, n, _ in dag.traverse(callpath.hash)}
    assert {spec.hash for spec in chosen} == below
    assert parse_spec(f"/{callpath.hash[:6]}").name is None  # the input is left alone


def test_unknown_and_ambiguous_prefixes_are_errors(session: Session) -> None:
    zlib = _dag(session, "zlib").root_specs[0]
    with pytest.raises(UnknownHashError, match=r"no installed spec matches /zzzz") as raised:
        resolve_hashes([parse_spec("/zzzz")], [zlib])
    assert "rpm-spec find -l" in (raised.value.hint or "")
    with pytest.raises(UnknownHashError, match=r"no installed spec matches hdf5 /"):
        resolve_hashes([parse_spec(f"hdf5/{zlib.hash[:5]}")], [zlib])
    with pytest.raises(UnknownHashError, match=r"zlib@1.2"):
        resolve_hashes([parse_spec(f"zlib@1.2/{zlib.hash[:5]}")], [zlib])
    # Another zlib whose hash starts like this one's (one in 32 recipe hashes does).
    other = next(
        candidate
        for candidate in (_rebuilt(zlib, recipe_hash=f"recipe-{i}") for i in range(1000))
        if candidate.hash[0] == zlib.hash[0]
    )
    with pytest.raises(AmbiguousHashError, match="matches 2 installed specs") as ambiguous:
        resolve_hashes([parse_spec(f"zlib/{zlib.hash[0]}")], [zlib, other])
    assert zlib.hash[:12] in str(ambiguous.value) and other.hash[:12] in str(ambiguous.value)
    copy = pickle.loads(pickle.dumps(ambiguous.value))
    assert str(copy) == str(ambiguous.value)


def test_the_session_reuses_the_named_install_even_without_reuse(tmp_path: Path) -> None:
    config = {"concretizer": {"reuse": False}}
    session = Session.for_tests(tmp_path, config=config)
    fresh = _dag(session, "hdf5")
    zlib = fresh.by_name("zlib")
    assert zlib is not None
    old_zlib = _rebuilt(zlib, recipe_hash="an-older-recipe")
    _register(session, ConcreteDag((old_zlib.hash,), {old_zlib.hash: old_zlib}))
    assert _dag(session, "hdf5").by_name("zlib") == zlib  # reuse: false
    dag = _dag(session, f"hdf5 ^zlib/{old_zlib.hash[:7]}")
    assert dag.by_name("zlib") == old_zlib
    alone = _dag(session, f"/{old_zlib.hash[:7]}")
    assert alone.roots == (old_zlib.hash,)


def test_a_named_install_is_solved_against_by_the_solver(session: Session) -> None:
    """The full hash in a request imposes that install on the node."""
    zlib = _dag(session, "zlib").root_specs[0]
    old = _rebuilt(zlib, recipe_hash="an-older-recipe")
    problem = session.problem(parse_specs("hdf5"))
    roots, chosen = resolve_hashes(parse_specs(f"hdf5 ^zlib/{old.hash[:8]}"), [old, zlib])
    problem = dataclasses.replace(problem, roots=tuple(roots), installed=chosen)
    assert concretize(problem, session.repos).dag.by_name("zlib") == old
