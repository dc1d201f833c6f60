"""The request: its roots and their ``^dependencies``, and constraints forced on top.

Each root and each named dependency is a condition imposed unconditionally
(``request/1``), with the command line as its origin. Forced constraints
(``Problem.forced``: asking why a reference attribute could not be kept) are
imposed the same way, with the lock as their origin.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rpm_spec.repo.metadata import parsed
from rpm_spec.solver.inputs import Origin
from rpm_spec.solver.setup.declarations import on_package
from rpm_spec.solver.setup.versions import exact_versions

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from rpm_spec.solver.conditions import ConditionEncoder
    from rpm_spec.solver.facts import FactBuilder
    from rpm_spec.solver.setup.versions import ExtraVersions
    from rpm_spec.spec import AbstractSpec


def declare_root(
    facts: FactBuilder,
    encoder: ConditionEncoder,
    root: AbstractSpec,
    is_virtual: Callable[[str], bool],
) -> ExtraVersions:
    """One root of the request; returns the exact versions it names."""
    assert root.name is not None
    extra: ExtraVersions = []
    cid = encoder.unconditional(Origin(f"the request '{root}'", "command line"))
    facts.add("request", cid)
    facts.add("imposed", cid, "root", root.name)
    encoder.impose(cid, root.name, _without_deps(root))
    extra += [(root.name, exact) for exact in exact_versions(root)]
    for variant in root.variants.values():
        if variant.propagate:
            for value in variant.values:
                facts.add("variant_propagate", root.name, variant.name, value)
    for edge in root.dependencies:
        dep = edge.spec
        if dep.name is None:
            continue
        dep_id = encoder.unconditional(Origin(f"^{dep} in the request '{root}'", "command line"))
        facts.add("request", dep_id)
        if is_virtual(dep.name):
            facts.add("imposed", dep_id, "required_virtual", dep.name)
        else:
            facts.add("imposed", dep_id, "required_node", dep.name)
            extra += [(dep.name, exact) for exact in exact_versions(dep)]
        for virtual in edge.virtuals:
            facts.add("imposed", dep_id, "provider", virtual, dep.name)
        for deptype in edge.deptypes:
            facts.add("imposed", dep_id, "edge_type", dep.name, deptype)
        encoder.impose(dep_id, dep.name, dep, node=False)
        if dep.target is not None and not is_virtual(dep.name):
            facts.add("explicit_target", dep.name)
    return extra


def declare_forced(
    facts: FactBuilder,
    encoder: ConditionEncoder,
    forced: Iterable[tuple[str, str]],
    is_virtual: Callable[[str], bool],
) -> ExtraVersions:
    """Constraints that must hold, imposed like a request on a node if it is there;
    returns the exact versions they name."""
    extra: ExtraVersions = []
    for package, text in forced:
        cid = encoder.unconditional(Origin(f"keeping {text} from the reference", "lock"))
        facts.add("request", cid)
        if is_virtual(package):
            facts.add("imposed", cid, "provider", package, text)
            facts.add("imposed", cid, "required_virtual", package)
            continue
        spec = parsed(text)
        facts.add("imposed", cid, "required_node", package)
        encoder.impose(cid, package, on_package(spec, package), node=False)
        extra += [(package, exact) for exact in exact_versions(spec)]
    return extra


def _without_deps(spec: AbstractSpec) -> AbstractSpec:
    """The root's own constraints; propagated variants flow through variant_propagate."""
    copy = spec.copy()
    copy.dependencies = []
    copy.variants = {k: v for k, v in copy.variants.items() if not v.propagate}
    return copy
