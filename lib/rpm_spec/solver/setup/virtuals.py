"""Virtuals: which package provides what under which condition, and provider preferences.

``provides('mpi@3:', when='@2:')`` is a condition; the virtual version ranges it
covers are compared here, in Python, once all conditions are encoded. Two questions
use that range differently:

- a dependency ``depends_on("mpi@3:")`` needs a provider that *can serve* some version
  in ``3:``: the ranges intersect (``provides_satisfies``);
- a condition ``when="^mpi@:2"`` (or ``conflicts("^mpi@:2")``) asks what the virtual
  *is* in this DAG: the newest version the provider implements, the top of its range
  (mpich@3.4 ``provides("mpi@:3.1")``: ``^mpi@:2`` does not hold, ``^mpi@3:`` does).
  A range open above is newer than any bound (``provides_top_satisfies``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rpm_spec.repo.metadata import parsed
from rpm_spec.solver.inputs import Origin
from rpm_spec.solver.setup.declarations import declared_at
from rpm_spec.spec import AbstractSpec, parse_version_constraint

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from rpm_spec.repo.metadata import RecipeMetadata
    from rpm_spec.solver.conditions import ConditionEncoder
    from rpm_spec.solver.facts import FactBuilder
    from rpm_spec.solver.inputs import Preferences
    from rpm_spec.spec import VersionConstraint

#: Condition id of a ``provides`` → (virtual, the virtual spec it provides).
Provided = dict[int, tuple[str, AbstractSpec]]


def declare_provides(
    facts: FactBuilder, encoder: ConditionEncoder, meta: RecipeMetadata
) -> Provided:
    """The ``provides_condition`` facts of a recipe; returns what each condition provides."""
    name = meta.name
    provided: Provided = {}
    for provides in meta.provides:
        origin = Origin(
            f"{name}: provides('{provides.virtual_spec}')",
            declared_at(meta, provides.line, provides.origin),
        )
        cid = encoder.condition(name, parsed(provides.when) if provides.when else None, origin)
        facts.add("provides_condition", cid, name, provides.virtual)
        provided[cid] = (provides.virtual, parsed(provides.virtual_spec))
    return provided


def declare_virtual(
    facts: FactBuilder,
    virtual: str,
    providers: Sequence[str],
    preferred: Sequence[str],
) -> None:
    """A virtual and the weight of each of its ``providers`` (packages.yaml ``providers:``
    order ``preferred`` first; any other provider after them)."""
    facts.add("virtual", virtual)
    for provider in providers:
        weight = preferred.index(provider) if provider in preferred else len(preferred) + 10
        facts.add("provider_weight", virtual, provider, weight)


def virtual_not_buildable(
    facts: FactBuilder, virtual: str, providers: Sequence[str], preferences: Preferences
) -> None:
    """A virtual's ``buildable: false``: its providers are not built either, except those
    whose own entry says ``buildable:`` (as in Spack)."""
    if preferences.of(virtual).buildable:
        return
    for provider in providers:
        if not preferences.of(provider).buildable_set:
            facts.add("not_buildable", provider)


def provides_satisfaction(
    facts: FactBuilder,
    provided: Mapping[int, tuple[str, AbstractSpec]],
    asked: Mapping[str, set[str]],
) -> None:
    """``provides_satisfies(C, Range)`` for each range asked of a virtual (``asked``) that
    the versions provided under condition ``C`` intersect."""
    for cid, (virtual, spec) in provided.items():
        for text in sorted(asked.get(virtual, ())):
            if spec.versions.intersects(parse_version_constraint(text)):
                facts.add("provides_satisfies", cid, text)


def top_satisfies(provided: VersionConstraint, wanted: VersionConstraint) -> bool:
    """Whether the newest version of ``provided`` lies in ``wanted``."""
    top = provided.highest()
    if top is None:
        return wanted.highest() is None and not wanted.is_empty
    return wanted.contains(top)


def provides_top_satisfaction(
    facts: FactBuilder,
    provided: Mapping[int, tuple[str, AbstractSpec]],
    asked: Mapping[str, set[str]],
) -> None:
    """``provides_top_satisfies(C, Range)`` for each range a condition asks of a virtual
    (``asked``) that holds the top of what condition ``C`` provides."""
    for cid, (virtual, spec) in provided.items():
        for text in sorted(asked.get(virtual, ())):
            if top_satisfies(spec.versions, parse_version_constraint(text)):
                facts.add("provides_top_satisfies", cid, text)
