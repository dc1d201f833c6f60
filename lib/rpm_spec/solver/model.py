"""Read the optimal model back into a hashed, concrete DAG.

Only ``attr(...)`` atoms are read (see logic/README.md). Reused nodes are taken
whole from the installed spec they name by hash; every other node is assembled
from its attributes and hashed bottom-up.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from rpm_spec.repo.metadata import parsed
from rpm_spec.solver.flags import ordered_flags
from rpm_spec.spec import Version
from rpm_spec.spec.concrete import (
    CompilerRef,
    ConcreteDag,
    ConcreteSpec,
    DependencyRef,
    NodeContent,
    attributes_satisfy,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rpm_spec.solver.setup import Translation
    from rpm_spec.spec import AbstractSpec


class _Node:
    """Attributes of one node as read from the model."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.version = ""
        self.variants: dict[str, list[str]] = defaultdict(list)
        self.compiler: CompilerRef | None = None
        self.platform = ""
        self.os = ""
        self.target = ""
        self.external_prefix: str | None = None
        self.reused_hash: str | None = None
        self.edges: dict[str, set[str]] = defaultdict(set)
        self.virtuals: dict[str, set[str]] = defaultdict(set)
        #: Flag groups by kind, with the rank that orders them (see solver/flags.py).
        self.flag_groups: dict[str, dict[str, int]] = defaultdict(dict)

    @property
    def compiler_flags(self) -> dict[str, tuple[str, ...]]:
        return dict(ordered_flags(self.flag_groups))


def read_nodes(
    atoms: list[tuple[Any, ...]], translation: Translation
) -> tuple[dict[str, _Node], list[str]]:
    """Nodes by package name and the roots, in request order."""
    nodes: dict[str, _Node] = {}
    roots: list[str] = []

    def node(name: str) -> _Node:
        if name not in nodes:
            nodes[name] = _Node(name)
        return nodes[name]

    for atom in atoms:
        if atom[0] == "node_flags_rank":
            groups = node(atom[1]).flag_groups[atom[2]]
            groups[atom[3]] = max(atom[4], groups.get(atom[3], atom[4]))
        if atom[0] != "attr":
            continue
        kind, args = atom[1], atom[2:]
        if kind == "node":
            node(args[0])
        elif kind == "root":
            roots.append(args[0])
        elif kind == "version":
            node(args[0]).version = args[1]
        elif kind == "variant_value":
            node(args[0]).variants[args[1]].append(args[2])
        elif kind == "node_compiler_id":
            entry = translation.compilers[args[1]]
            node(args[0]).compiler = CompilerRef(entry.name, entry.version, entry.assumed)
        elif kind == "node_platform":
            node(args[0]).platform = args[1]
        elif kind == "node_os":
            node(args[0]).os = args[1]
        elif kind == "node_target":
            node(args[0]).target = args[1]
        elif kind == "depends_on":
            node(args[0]).edges[args[1]].add(args[2])
        elif kind == "virtual_on_edge":
            node(args[0]).virtuals[args[1]].add(args[2])
        elif kind == "external":
            node(args[0]).external_prefix = translation.externals[args[1]][1].prefix
        elif kind == "hash":
            node(args[0]).reused_hash = args[1]
    return nodes, sorted(set(roots))


def build_dag(
    atoms: list[tuple[Any, ...]], translation: Translation, request_order: list[str]
) -> ConcreteDag:
    """The concrete DAG of the model."""
    nodes, roots = read_nodes(atoms, translation)
    roots.sort(key=lambda n: request_order.index(n) if n in request_order else len(request_order))
    done: dict[str, ConcreteSpec] = {}

    def finish(name: str) -> ConcreteSpec:
        if name in done:
            return done[name]
        item = nodes[name]
        if item.reused_hash is not None:
            spec = translation.installed[item.reused_hash]
            done[name] = spec
            return spec
        deps = tuple(
            DependencyRef(
                dep,
                finish(dep).hash,
                tuple(sorted(types)),
                tuple(sorted(item.virtuals.get(dep, ()))),
            )
            for dep, types in sorted(item.edges.items())
        )
        meta = translation.recipes[name]
        content = NodeContent(
            name=name,
            namespace=meta.namespace,
            version=Version(item.version),
            variants=tuple(sorted((k, tuple(sorted(v))) for k, v in item.variants.items())),
            compiler=None if item.external_prefix else item.compiler,
            platform=item.platform,
            os=item.os,
            target=item.target,
            external_prefix=item.external_prefix,
            recipe_hash=meta.recipe_hash,
            patches=_patches(meta, item, nodes),
            dependencies=tuple(sorted(deps, key=lambda d: (d.name, d.hash))),
            compiler_flags=ordered_flags(item.flag_groups),
        )
        spec = ConcreteSpec(content)
        done[name] = spec
        return spec

    for name in nodes:
        finish(name)
    by_hash = {spec.hash: spec for spec in done.values()}
    for spec in list(by_hash.values()):
        _add_reused_deps(spec, translation.installed, by_hash)
    return ConcreteDag(tuple(done[name].hash for name in roots), by_hash)


def _add_reused_deps(
    spec: ConcreteSpec, installed: Mapping[str, ConcreteSpec], into: dict[str, ConcreteSpec]
) -> None:
    for dep in spec.dependencies:
        if dep.hash not in into and dep.hash in installed:
            into[dep.hash] = installed[dep.hash]
            _add_reused_deps(installed[dep.hash], installed, into)


def _patches(meta: Any, item: _Node, nodes: Mapping[str, _Node]) -> tuple[str, ...]:
    """Sources of the recipe's patches whose ``when`` this node meets."""
    if item.external_prefix is not None:
        return ()
    applied = [
        patch.sha256 or patch.source
        for patch in meta.patches
        if patch.when is None or node_satisfies(item, parsed(patch.when), nodes)
    ]
    return tuple(applied)


def node_satisfies(item: _Node, spec: AbstractSpec, nodes: Mapping[str, _Node]) -> bool:
    """Whether a solved node meets an (anonymous) spec; deps are looked up by name."""
    variants = {name: tuple(values) for name, values in item.variants.items()}
    if not attributes_satisfy(
        spec,
        version=Version(item.version),
        variants=variants,
        compiler=item.compiler,
        target=item.target,
        os=item.os,
        platform=item.platform,
        compiler_flags=item.compiler_flags,
    ):
        return False
    for edge in spec.dependencies:
        dep = edge.spec
        if dep.name is None:
            continue
        if dep.name not in nodes or not node_satisfies(nodes[dep.name], dep, nodes):
            return False
    return True
