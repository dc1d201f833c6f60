"""The concrete spec as a recipe sees it while it builds (``self.spec``, ``spec``).

:class:`BuildNode` satisfies :class:`rpm_spec.repo.package.BuildSpec`: a recipe asks
for its name, version, variants and prefix, tests constraints (``spec.satisfies("+mpi")``,
``"^ncurses+termlib"``, ``"target=x86_64_v3:"``) against the whole DAG, and reaches a
dependency or a virtual's provider with ``spec["mpi"].prefix``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rpm_spec.spec import parse_spec

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rpm_spec.spec import Version
    from rpm_spec.spec.concrete import CompilerRef, ConcreteDag, ConcreteSpec


class BuildNode:
    """One node of a concrete DAG with the prefixes of it and its dependencies."""

    def __init__(self, node: ConcreteSpec, dag: ConcreteDag, prefixes: Mapping[str, Path]) -> None:
        self.node = node
        self.dag = dag
        self._prefixes = prefixes

    def __repr__(self) -> str:
        return f"BuildNode({self.node.format()!r})"

    def __str__(self) -> str:
        return self.node.format()

    @property
    def name(self) -> str:
        return self.node.name

    @property
    def version(self) -> Version:
        return self.node.version

    @property
    def variants(self) -> Mapping[str, tuple[str, ...]]:
        return self.node.variants

    @property
    def compiler(self) -> CompilerRef | None:
        return self.node.compiler

    @property
    def target(self) -> str:
        return self.node.target

    @property
    def hash(self) -> str:
        return self.node.hash

    @property
    def external(self) -> bool:
        return self.node.is_external

    @property
    def prefix(self) -> Path:
        found = self._prefixes.get(self.node.hash)
        if found is not None:
            return Path(found)
        if self.node.external_prefix is not None:
            return Path(self.node.external_prefix)
        raise KeyError(f"{self.node.name}/{self.node.short_hash} has no prefix")

    def satisfies(self, constraint: str) -> bool:
        """Whether this node (and its DAG, for ``^dep`` parts) meets ``constraint``."""
        spec = parse_spec(constraint)
        if spec.name is None:
            spec.name = self.node.name
        elif spec.name != self.node.name:
            return False
        return self.dag.satisfies(self.node.hash, spec)

    def _find(self, name: str) -> ConcreteSpec | None:
        for _, found, edge in self.dag.traverse(self.node.hash):
            if found is self.node:
                continue
            if found.name == name or (edge is not None and name in edge.virtuals):
                return found
        return None

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._find(name) is not None

    def __getitem__(self, name: str) -> BuildNode:
        """The dependency (anywhere below this node) named ``name`` or providing it."""
        found = self._find(name)
        if found is None:
            raise KeyError(f"{self.node.name} has no dependency or provider named '{name}'")
        return BuildNode(found, self.dag, self._prefixes)
