"""What differs between two concrete DAGs, node by node, in words users read.

Used by retargeting reports and ``env diff``: a version change reads
``openblas@0.3.28 → 0.3.27``, a provider change ``intel-oneapi-mkl → openblas
(provider of blas)``, a variant change ``+avx512 → ~avx512``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rpm_spec.spec.concrete import ConcreteDag, ConcreteSpec


@dataclass(frozen=True, slots=True)
class Change:
    """One attribute of one node (or a virtual's provider) that differs."""

    node: str
    kind: str  # version | variant | provider | compiler | target | os | removed | added
    before: str
    after: str
    detail: str = ""  # the variant name, or the virtual

    def __str__(self) -> str:
        if self.kind == "version":
            return f"{self.node}@{self.before} → {self.after}"
        if self.kind == "variant":
            return f"{self.node}: {self.before} → {self.after}"
        if self.kind == "provider":
            return f"{self.before} → {self.after} (provider of {self.detail})"
        if self.kind == "removed":
            return f"{self.node}: no longer in the DAG (was {self.before})"
        if self.kind == "added":
            return f"{self.node}: new in the DAG ({self.after})"
        return f"{self.node}: {self.kind} {self.before} → {self.after}"


def _variant_text(name: str, values: tuple[str, ...] | None) -> str:
    if values is None:
        return f"{name} (absent)"
    if values == ("true",):
        return f"+{name}"
    if values == ("false",):
        return f"~{name}"
    return f"{name}={','.join(values)}"


def _providers(dag: ConcreteDag) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in dag.nodes.values():
        for dep in node.dependencies:
            for virtual in dep.virtuals:
                found.setdefault(virtual, dep.name)
    return found


def diff_dags(before: ConcreteDag, after: ConcreteDag, *, arch: bool = False) -> list[Change]:
    """Changes from ``before`` to ``after``; ``arch`` also lists target/os changes."""
    old = {node.name: node for node in before.nodes.values()}
    new = {node.name: node for node in after.nodes.values()}
    changes: list[Change] = []
    providers_old, providers_new = _providers(before), _providers(after)
    replaced = set()
    for virtual in sorted(set(providers_old) & set(providers_new)):
        if providers_old[virtual] != providers_new[virtual]:
            changes.append(
                Change(
                    virtual, "provider", providers_old[virtual], providers_new[virtual], virtual
                )
            )
            replaced |= {providers_old[virtual], providers_new[virtual]}
    for name in sorted(set(old) | set(new)):
        a, b = old.get(name), new.get(name)
        if a is None and b is not None:
            if name not in replaced:
                changes.append(Change(name, "added", "", b.format(arch=False)))
            continue
        if b is None and a is not None:
            if name not in replaced:
                changes.append(Change(name, "removed", a.format(arch=False), ""))
            continue
        assert a is not None and b is not None
        changes.extend(_node_changes(a, b, arch=arch))
    return changes


def _node_changes(a: ConcreteSpec, b: ConcreteSpec, *, arch: bool) -> list[Change]:
    changes = []
    if a.version != b.version:
        changes.append(Change(a.name, "version", str(a.version), str(b.version)))
    va, vb = a.variants, b.variants
    for variant in sorted(set(va) | set(vb)):
        if va.get(variant) != vb.get(variant):
            changes.append(
                Change(
                    a.name,
                    "variant",
                    _variant_text(variant, va.get(variant)),
                    _variant_text(variant, vb.get(variant)),
                    variant,
                )
            )
    if (a.compiler and (a.compiler.name, a.compiler.version)) != (
        b.compiler and (b.compiler.name, b.compiler.version)
    ):
        changes.append(Change(a.name, "compiler", str(a.compiler), str(b.compiler)))
    if arch and a.target != b.target:
        changes.append(Change(a.name, "target", a.target, b.target))
    if arch and a.os != b.os:
        changes.append(Change(a.name, "os", a.os, b.os))
    return changes
