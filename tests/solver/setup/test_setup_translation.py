"""The steps together: phase 2 sees every constraint text phase 1 encoded."""

from __future__ import annotations

from setup_fakes import FakeRecipes, named, problem, recipe

from rpm_spec.solver.criteria import priorities
from rpm_spec.solver.setup import translate

RECIPES = FakeRecipes(
    recipe("app", ["1.0", "2.0"], depends=["zlib@1.3:", "mpi@3:"]),
    recipe("zlib", ["1.2", "1.3"]),
    recipe("mpich", ["4.0"], provides=["mpi@:4"]),
)


def test_constraints_from_every_step_are_precomputed() -> None:
    translation = translate(problem("app ^zlib@=1.3.1 %gcc@12:"), RECIPES)
    facts = translation.facts
    satisfies = named(facts, "version_satisfies")
    assert ("zlib", "1.3:", "1.3.1") in satisfies  # an extra version from the request
    assert ("zlib", "1.3.1", 102) in named(facts, "version_declared")
    assert [a[1] for a in named(facts, "provides_satisfies")] == ["3:"]
    assert [a[1:] for a in named(facts, "compiler_satisfies")] == [("gcc", "12:")]
    assert dict(named(facts, "criterion")) == priorities()
    assert set(translation.recipes) == {"app", "zlib", "mpich"}


def test_tables_to_read_the_model_back() -> None:
    translation = translate(problem("app"), RECIPES)
    assert [str(c) for c in translation.compilers.values()] == ["gcc@12.2.0"]
    assert translation.targets is not None and translation.targets.ranked[0] == "zen3"
    assert all(cid in translation.origins for (cid,) in named(translation.facts, "condition"))
