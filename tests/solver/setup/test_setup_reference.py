"""The reference DAG's attributes become soft goals; its versions become candidates."""

from __future__ import annotations

from setup_fakes import installed, named

from rpm_spec.solver.facts import FactBuilder
from rpm_spec.solver.setup.reference import declare_reference
from rpm_spec.spec.concrete import ConcreteDag

ZLIB = installed("zlib", "1.3", variants={"shared": ("true",)})
MPICH = installed("mpich", "4.1")
APP = installed("app", "2.0", deps=[ZLIB, MPICH], virtuals={"mpich": ("mpi",)})
DAG = ConcreteDag((APP.hash,), {spec.hash: spec for spec in (APP, ZLIB, MPICH)})


def test_no_reference_no_facts() -> None:
    facts = FactBuilder()
    assert declare_reference(facts, None, {"zlib"}) == []
    assert len(facts) == 0


def test_nodes_of_the_closure_become_goals() -> None:
    facts = FactBuilder()
    extra = declare_reference(facts, DAG, {"app", "zlib"})
    assert sorted(extra) == [("app", "2.0"), ("zlib", "1.3")]
    assert sorted(named(facts, "reference_node")) == [("app",), ("zlib",)]
    assert named(facts, "reference_variant") == [("zlib", "shared", "true")]
    assert ("app", "gcc", "12.2.0") in named(facts, "reference_compiler")
    assert named(facts, "reference_provider") == [("mpi", "mpich")]
