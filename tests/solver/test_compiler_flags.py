"""Compiler flags through the solver: kept, hashed, ordered, and reused only when equal."""

from __future__ import annotations

import dataclasses
import json
from typing import TYPE_CHECKING

import pytest

from rpm_spec.errors import RpmSpecError
from rpm_spec.session import Session, fake_compiler
from rpm_spec.solver import Problem, concretize
from rpm_spec.solver.flags import ordered_flags
from rpm_spec.spec import parse_specs
from rpm_spec.spec.concrete import ConcreteDag, ConcreteSpec

if TYPE_CHECKING:
    from pathlib import Path


def _solve(session: Session, text: str, installed: tuple[ConcreteSpec, ...] = ()) -> ConcreteDag:
    problem = dataclasses.replace(session.problem(parse_specs(text)), installed=installed)
    return concretize(problem, session.repos).dag


def _rebuilt(node: ConcreteSpec, **changes: object) -> ConcreteSpec:
    return ConcreteSpec(dataclasses.replace(node.content, **changes))


def test_flags_are_in_the_concrete_spec_and_its_hash(session: Session) -> None:
    plain = _solve(session, "zlib").root_specs[0]
    flagged = _solve(session, "zlib cflags=-O3").root_specs[0]
    assert flagged.compiler_flags == {"cflags": ("-O3",)}
    assert flagged.hash != plain.hash
    assert " cflags=-O3 %gcc" in flagged.format()
    assert "compiler_flags" not in plain.to_dict()
    document = json.loads(json.dumps(flagged.to_dict()))
    assert document["compiler_flags"] == {"cflags": ["-O3"]}
    assert ConcreteSpec.from_dict(document) == flagged


def test_a_flagless_node_hashes_as_before_flags_were_recorded(session: Session) -> None:
    """Adding flags to the model must not move every existing install's hash."""
    node = _solve(session, "zlib").root_specs[0]
    document = node.content.hash_document()
    assert "compiler_flags" not in document
    assert _rebuilt(node, compiler_flags=()).hash == node.hash


def test_flag_kinds_are_stored_in_grammar_order(session: Session) -> None:
    node = _solve(session, "zlib ldflags=-s cflags=-O3 cppflags=-DX").root_specs[0]
    assert list(node.compiler_flags) == ["cppflags", "cflags", "ldflags"]
    assert node.format_flags() == " cppflags=-DX cflags=-O3 ldflags=-s"


def test_compiler_flags_of_compilers_yaml_come_first(tmp_path: Path) -> None:
    gcc = fake_compiler("gcc@12.2.0")
    gcc["compiler"]["flags"] = {"cflags": "-O2  -pipe", "fflags": "-O1"}
    session = Session.for_tests(tmp_path, config={"compilers": [gcc]})
    node = _solve(session, "zlib cflags=-O3").root_specs[0]
    assert node.compiler_flags == {"cflags": ("-O2", "-pipe", "-O3"), "fflags": ("-O1",)}


def test_groups_are_ordered_by_rank_then_text() -> None:
    ranked = {"cflags": {"-O3": 3, "-g": 1, "-pipe -O2": 0, "-fPIC": 2, "-a": 1}}
    assert ordered_flags(ranked) == (("cflags", ("-pipe", "-O2", "-a", "-g", "-fPIC", "-O3")),)


def test_an_install_is_reused_only_with_exactly_the_asked_flags(session: Session) -> None:
    fresh_plain = _solve(session, "zlib").root_specs[0]
    fresh_flagged = _solve(session, "zlib cflags=-O3").root_specs[0]
    plain = _rebuilt(fresh_plain, recipe_hash="an-older-recipe")
    flagged = _rebuilt(fresh_flagged, recipe_hash="an-older-recipe")
    both = (plain, flagged)
    assert _solve(session, "zlib", both).roots == (plain.hash,)
    assert _solve(session, "zlib cflags=-O3", both).roots == (flagged.hash,)
    assert _solve(session, "zlib", (flagged,)).roots == (fresh_plain.hash,)
    assert _solve(session, "zlib cflags=-O3", (plain,)).roots == (fresh_flagged.hash,)
    assert _solve(session, "zlib cflags=-O1", (flagged,)).root_specs[0].hash != flagged.hash


def test_an_install_with_its_compilers_flags_is_reused(tmp_path: Path) -> None:
    gcc = fake_compiler("gcc@12.2.0")
    gcc["compiler"]["flags"] = {"cflags": "-pipe"}
    session = Session.for_tests(tmp_path, config={"compilers": [gcc]})
    fresh = _solve(session, "zlib").root_specs[0]
    assert fresh.compiler_flags == {"cflags": ("-pipe",)}
    old = _rebuilt(fresh, recipe_hash="an-older-recipe")
    assert _solve(session, "zlib", (old,)).roots == (old.hash,)


def test_propagated_flags_decide_reuse_too(session: Session) -> None:
    dag = _solve(session, "hdf5 cflags==-g %gcc ^zlib%gcc")
    zlib = dag.by_name("zlib")
    assert zlib is not None and zlib.compiler_flags == {"cflags": ("-g",)}
    old = _rebuilt(zlib, recipe_hash="an-older-recipe")
    again = _solve(session, "hdf5 cflags==-g %gcc ^zlib%gcc", (old,))
    assert old.hash in again.nodes
    assert old.hash not in _solve(session, "hdf5 %gcc ^zlib%gcc", (old,)).nodes


def test_a_named_install_with_other_flags_is_explained(session: Session) -> None:
    """The solver's own check (the session refuses such a request before solving)."""
    installed = _solve(session, "zlib").root_specs[0]
    problem = Problem(
        roots=tuple(parse_specs(f"zlib/{installed.hash} cflags=-O3")),
        host=session.host,
        compilers=tuple(session.compilers),
        installed=(installed,),
    )
    with pytest.raises(RpmSpecError, match=r"was built with cflags='', not with the cflags"):
        concretize(problem, session.repos)
