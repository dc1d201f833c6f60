"""provides conditions, provider weights and the virtual ranges each provides."""

from __future__ import annotations

from setup_fakes import encoder, named, recipe

from rpm_spec.repo.metadata import ProvidesDecl
from rpm_spec.solver.setup.virtuals import (
    declare_provides,
    declare_virtual,
    provides_satisfaction,
    provides_top_satisfaction,
)

MPICH = recipe("mpich", ["3.0", "4.0"], provides=[ProvidesDecl("mpi@:3", when="@3")])


def test_provides_is_a_condition_and_remembers_the_virtual_spec() -> None:
    enc = encoder()
    provided = declare_provides(enc.facts, enc, MPICH)
    ((cid, package, virtual),) = named(enc.facts, "provides_condition")
    assert (package, virtual) == ("mpich", "mpi")
    assert provided[cid][0] == "mpi"
    assert str(provided[cid][1].versions) == ":3"


def test_preferred_providers_weigh_less() -> None:
    enc = encoder()
    declare_virtual(enc.facts, "mpi", ["mpich", "openmpi", "zmpi"], ("openmpi",))
    assert named(enc.facts, "virtual") == [("mpi",)]
    assert named(enc.facts, "provider_weight") == [
        ("mpi", "mpich", 11),
        ("mpi", "openmpi", 0),
        ("mpi", "zmpi", 11),
    ]


def test_a_provided_range_satisfies_the_ranges_it_meets() -> None:
    enc = encoder()
    provided = declare_provides(enc.facts, enc, MPICH)
    provides_satisfaction(enc.facts, provided, {"mpi": {"3:", "4:"}})
    assert [args[1] for args in named(enc.facts, "provides_satisfies")] == ["3:"]


def test_a_condition_on_a_virtual_version_looks_at_the_top_of_the_range() -> None:
    enc = encoder()
    provided = declare_provides(enc.facts, enc, MPICH)
    provides_top_satisfaction(enc.facts, provided, {"mpi": {":2", "3:", "2:"}})
    assert sorted(args[1] for args in named(enc.facts, "provides_top_satisfies")) == ["2:", "3:"]
