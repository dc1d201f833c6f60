"""The request's roots and ^dependencies, and forced constraints."""

from __future__ import annotations

from setup_fakes import FakeRecipes, encoder, named, recipe

from rpm_spec.solver.setup.request import declare_forced, declare_root
from rpm_spec.spec import parse_spec

RECIPES = FakeRecipes(recipe("app"), recipe("zlib"), recipe("mpich", provides=["mpi"]))


def test_a_root_is_imposed_unconditionally_from_the_command_line() -> None:
    enc = encoder(RECIPES)
    extra = declare_root(
        enc.facts,
        enc,
        parse_spec("app@=1.0 ++shared ^zlib@=1.3 target=x86_64 ^mpi"),
        RECIPES.is_virtual,
    )
    assert extra == [("app", "1.0"), ("zlib", "1.3")]
    requests = [args[0] for args in named(enc.facts, "request")]
    assert len(requests) == 3
    assert str(enc.origins[requests[0]]).endswith("(command line)")
    imposed = named(enc.facts, "imposed")
    assert (requests[0], "root", "app") in imposed
    assert (requests[1], "required_node", "zlib") in imposed
    assert (requests[2], "required_virtual", "mpi") in imposed
    assert named(enc.facts, "variant_propagate") == [("app", "shared", "true")]
    assert named(enc.facts, "explicit_target") == [("zlib",)]


def test_forced_constraints_name_the_lock() -> None:
    enc = encoder(RECIPES)
    extra = declare_forced(
        enc.facts, enc, [("zlib", "@=1.2"), ("mpi", "mpich")], RECIPES.is_virtual
    )
    assert extra == [("zlib", "1.2")]
    zlib_id, mpi_id = (args[0] for args in named(enc.facts, "request"))
    assert str(enc.origins[zlib_id]) == "keeping @=1.2 from the reference (lock)"
    assert (mpi_id, "provider", "mpi", "mpich") in named(enc.facts, "imposed")
