"""Flag facts: propagated groups, compilers' groups, installed specs' flags, group tokens."""

from __future__ import annotations

from dataclasses import replace

from setup_fakes import GCC, installed, named

from rpm_spec.solver.facts import FactBuilder
from rpm_spec.solver.flags import FlagGroup
from rpm_spec.solver.setup.flags import declare_flags
from rpm_spec.spec import parse_spec
from rpm_spec.spec.concrete import ConcreteSpec

FLAGGED_GCC = replace(GCC, flags=(("cflags", "-O2 -g"),))


def test_a_propagated_group_and_a_compiler_group_become_facts_with_their_tokens() -> None:
    facts, groups = FactBuilder(), set[FlagGroup]()
    declare_flags(facts, [parse_spec("app cflags==-O3")], {1: FLAGGED_GCC}, {}, groups)
    assert named(facts, "flag_propagate") == [("app", "cflags", "-O3")]
    assert named(facts, "compiler_flags") == [(1, "cflags", "-O2 -g")]
    assert sorted(named(facts, "flag_group_token")) == [
        ("-O2 -g", "-O2"),
        ("-O2 -g", "-g"),
        ("-O3", "-O3"),
    ]


def test_an_install_names_its_compiler_by_id_and_the_groups_found_in_its_flags() -> None:
    plain = installed("zlib")
    spec = ConcreteSpec(
        replace(plain.content, compiler_flags=(("cflags", ("-O2", "-g", "-fPIC")),))
    )
    facts, groups = FactBuilder(), {("cflags", "-g -fPIC"), ("cflags", "-fPIC -g")}
    declare_flags(facts, [], {4: FLAGGED_GCC}, {spec.hash: spec}, groups)
    assert named(facts, "installed_compiler_id") == [(spec.hash, 4)]
    assert sorted(named(facts, "installed_flag_group")) == [
        (spec.hash, "cflags", "-O2 -g"),
        (spec.hash, "cflags", "-g -fPIC"),
    ]
    assert {args[2] for args in named(facts, "installed_flag_token")} == {"-O2", "-g", "-fPIC"}
