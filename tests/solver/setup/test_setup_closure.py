"""The possible-dependency closure: dependencies, providers, test-only deps, unknown names."""

from __future__ import annotations

from setup_fakes import FakeRecipes, problem, recipe

from rpm_spec.repo.metadata import DependencyDecl
from rpm_spec.solver.setup.closure import possible_dependencies

RECIPES = FakeRecipes(
    recipe("app", depends=["lib", "mpi", DependencyDecl("checker", types=("test",))]),
    recipe("lib", depends=["nowhere"]),
    recipe("mpich", provides=["mpi"]),
    recipe("openmpi", provides=["mpi"]),
    recipe("checker"),
    recipe("unrelated"),
)


def test_follows_dependencies_and_every_provider_of_a_virtual() -> None:
    closure = possible_dependencies(problem("app"), RECIPES)
    assert closure.names == ["app", "lib", "mpich", "openmpi"]
    assert closure.virtuals() == ["mpi"]


def test_names_no_repository_defines_are_kept_apart() -> None:
    assert possible_dependencies(problem("app"), RECIPES).unknown == {"nowhere"}


def test_test_only_dependencies_only_with_tests() -> None:
    closure = possible_dependencies(problem("app", tests=True), RECIPES)
    assert "checker" in closure.names


def test_packages_named_by_the_request_are_in_it() -> None:
    assert "unrelated" in possible_dependencies(problem("lib ^unrelated"), RECIPES).names
