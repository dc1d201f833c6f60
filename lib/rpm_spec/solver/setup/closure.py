"""The possible-dependency closure of a request: the only recipes one solve loads.

Starting from the roots and every package the request names, each recipe's
dependencies (test-only ones only when tests are wanted) and every provider of a
virtual are followed. Names that no repository defines are kept apart: a recipe
depending on one gets a conflict (see ``dependencies.py``), so the name matters
only where that dependency would be built.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rpm_spec.solver.setup.declarations import wanted_dependency

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rpm_spec.repo.metadata import RecipeMetadata
    from rpm_spec.solver.inputs import Problem, RecipeSource


@dataclass(frozen=True)
class Closure:
    """The recipes a solve may use (in discovery order) and the names no repository has."""

    recipes: Mapping[str, RecipeMetadata]
    unknown: frozenset[str]

    @property
    def names(self) -> list[str]:
        """The packages of the closure, sorted (the order their facts are emitted in)."""
        return sorted(self.recipes)

    def virtuals(self) -> list[str]:
        """Every virtual some package of the closure provides, sorted."""
        return sorted(
            {provided.virtual for meta in self.recipes.values() for provided in meta.provides}
        )


def possible_dependencies(problem: Problem, recipes: RecipeSource) -> Closure:
    """Every package the request could possibly need (providers of virtuals included)."""
    todo = [root.name for root in problem.roots if root.name]
    for root in problem.roots:
        todo.extend(dep.name for dep in root.traverse() if dep.name)
    seen: set[str] = set()
    found: dict[str, RecipeMetadata] = {}
    unknown: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        if recipes.is_virtual(name):
            seen.add(name)
            todo.extend(recipes.providers_for(name))
            continue
        if not recipes.exists(name):
            unknown.add(name)
            continue
        seen.add(name)
        meta = recipes.get(name)
        found[name] = meta
        todo.extend(
            dep.name for dep in meta.dependencies if wanted_dependency(dep.types, problem.tests)
        )
    return Closure(found, frozenset(unknown))
