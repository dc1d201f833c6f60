"""A recipe's ``depends_on`` directives: a condition per dependency, and its types.

A dependency on a name no repository defines becomes a conflict
(``missing_dependency``): it only matters where the dependency would be built
(externals and reused nodes take none), and it is explained in the recipe's words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rpm_spec.repo.metadata import parsed
from rpm_spec.solver.inputs import Origin
from rpm_spec.solver.setup.declarations import declared_at, wanted_dependency

if TYPE_CHECKING:
    from collections.abc import Set

    from rpm_spec.repo.metadata import RecipeMetadata
    from rpm_spec.solver.conditions import ConditionEncoder
    from rpm_spec.solver.facts import FactBuilder


def declare_dependencies(
    facts: FactBuilder,
    encoder: ConditionEncoder,
    meta: RecipeMetadata,
    *,
    unknown: Set[str],
    tests: bool,
) -> dict[int, str]:
    """The dependency facts of a recipe; returns the messages of its missing dependencies
    by condition id (they are explained as conflicts)."""
    name = meta.name
    missing: dict[int, str] = {}
    for dep in meta.dependencies:
        if not wanted_dependency(dep.types, tests):
            continue
        text = f"depends_on('{dep.spec}'" + (f", when='{dep.when}')" if dep.when else ")")
        origin = Origin(f"{name}: {text}", declared_at(meta, dep.line, dep.origin))
        cid = encoder.condition(name, parsed(dep.when) if dep.when else None, origin)
        if dep.name in unknown:
            missing[cid] = f"{origin}: no repository has a recipe for {dep.name}"
            facts.add("missing_dependency", cid, name)
            continue
        facts.add("dependency_condition", cid, name, dep.name)
        for deptype in dep.types:
            if deptype != "test" or tests:
                facts.add("dependency_type", cid, deptype)
        encoder.impose(cid, dep.name, parsed(dep.spec))
    return missing
