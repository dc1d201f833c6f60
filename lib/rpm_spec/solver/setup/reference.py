"""A reference DAG to stay close to (a lock being retargeted): soft goals per attribute.

``logic/reference.lp`` counts each attribute of the reference the new DAG does
not keep; the reference's versions become candidates of their packages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Container

    from rpm_spec.solver.facts import FactBuilder
    from rpm_spec.solver.setup.versions import ExtraVersions
    from rpm_spec.spec.concrete import ConcreteDag


def declare_reference(
    facts: FactBuilder, reference: ConcreteDag | None, closure: Container[str]
) -> ExtraVersions:
    """The ``reference_*`` facts of the nodes in ``closure``; returns their versions."""
    extra: ExtraVersions = []
    if reference is None:
        return extra
    for node in reference.nodes.values():
        if node.name not in closure:
            continue
        facts.add("reference_node", node.name)
        facts.add("reference_version", node.name, str(node.version))
        extra.append((node.name, str(node.version)))
        for variant, values in node.variants.items():
            for value in values:
                facts.add("reference_variant", node.name, variant, value)
        if node.compiler is not None and not node.is_external:
            facts.add("reference_compiler", node.name, node.compiler.name, node.compiler.version)
        for dep in node.dependencies:
            for virtual in dep.virtuals:
                facts.add("reference_provider", virtual, dep.name)
    return extra
