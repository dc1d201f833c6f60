"""Concrete specs: immutable, fully resolved DAG nodes with a stable DAG hash.

A :class:`ConcreteSpec` is one node: every attribute set, dependencies named by
hash. A :class:`ConcreteDag` holds the nodes of one or more roots keyed by hash.
The DAG hash is sha256 over a canonical JSON of the node's own attributes plus its
dependencies' hashes, edge types and virtuals, base32-encoded (32 characters,
shown as 7). It never depends on dict order, ``PYTHONHASHSEED``, the machine or
the Python version: keys are sorted and every collection is a sorted tuple.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rpm_spec.spec.errors import SpecError
from rpm_spec.spec.version import Version

HASH_LENGTH = 32
SHORT_HASH_LENGTH = 7


class ConcreteSpecError(SpecError):
    """A concrete spec or DAG document is malformed."""


@dataclass(frozen=True, slots=True)
class CompilerRef:
    """The compiler a node was built with."""

    name: str
    version: str

    def __str__(self) -> str:
        return f"{self.name}@{self.version}"


@dataclass(frozen=True, slots=True)
class DependencyRef:
    """An edge to a dependency, by hash, with its edge types and the virtuals it provides."""

    name: str
    hash: str
    types: tuple[str, ...]
    virtuals: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NodeContent:
    """Everything about a node except its hash; the hash is computed from this."""

    name: str
    namespace: str
    version: Version
    variants: tuple[tuple[str, tuple[str, ...]], ...]
    compiler: CompilerRef | None
    platform: str
    os: str
    target: str
    external_prefix: str | None = None
    recipe_hash: str = ""
    patches: tuple[str, ...] = ()
    dependencies: tuple[DependencyRef, ...] = ()

    def hash_document(self) -> dict[str, Any]:
        """The canonical dict hashed into the DAG hash."""
        document = _node_document(self)
        document.pop("hash", None)
        return document

    def dag_hash(self) -> str:
        text = json.dumps(self.hash_document(), sort_keys=True, separators=(",", ":"))
        digest = hashlib.sha256(text.encode("utf-8")).digest()
        return base64.b32encode(digest).decode("ascii").lower()[:HASH_LENGTH]


@dataclass(frozen=True, slots=True)
class ConcreteSpec:
    """A concrete node: its content and the DAG hash derived from it (computed once)."""

    content: NodeContent
    hash: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "hash", self.content.dag_hash())

    # Convenience accessors: the content's fields read as the node's own.
    @property
    def name(self) -> str:
        return self.content.name

    @property
    def namespace(self) -> str:
        return self.content.namespace

    @property
    def version(self) -> Version:
        return self.content.version

    @property
    def variants(self) -> dict[str, tuple[str, ...]]:
        return dict(self.content.variants)

    @property
    def compiler(self) -> CompilerRef | None:
        return self.content.compiler

    @property
    def platform(self) -> str:
        return self.content.platform

    @property
    def os(self) -> str:
        return self.content.os

    @property
    def target(self) -> str:
        return self.content.target

    @property
    def external_prefix(self) -> str | None:
        return self.content.external_prefix

    @property
    def is_external(self) -> bool:
        return self.content.external_prefix is not None

    @property
    def dependencies(self) -> tuple[DependencyRef, ...]:
        return self.content.dependencies

    @property
    def short_hash(self) -> str:
        return self.hash[:SHORT_HASH_LENGTH]

    def format_variants(self) -> str:
        """Variants as a spec string fragment: ``+mpi~cxx api=v114``."""
        bools: list[str] = []
        others: list[str] = []
        for name, values in self.content.variants:
            if values == ("true",):
                bools.append(f"+{name}")
            elif values == ("false",):
                bools.append(f"~{name}")
            else:
                others.append(f"{name}={','.join(values)}")
        return "".join(bools) + "".join(f" {item}" for item in others)

    def format(self, *, arch: bool = True) -> str:
        """``name@version+variants %compiler arch=platform-os-target``, as users read it."""
        text = f"{self.name}@{self.version}{self.format_variants()}"
        if self.compiler is not None:
            text += f" %{self.compiler}"
        if arch:
            text += f" arch={self.platform}-{self.os}-{self.target}"
        return text

    def to_dict(self) -> dict[str, Any]:
        return _node_document(self.content) | {"hash": self.hash}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ConcreteSpec:
        """Rebuild a node; the stored hash must match the recomputed one."""
        try:
            compiler = data.get("compiler")
            arch = data["arch"]
            external = data.get("external")
            content = NodeContent(
                name=data["name"],
                namespace=data["namespace"],
                version=Version(data["version"]),
                variants=tuple(
                    sorted((name, tuple(values)) for name, values in data["variants"].items())
                ),
                compiler=CompilerRef(compiler["name"], compiler["version"]) if compiler else None,
                platform=arch["platform"],
                os=arch["os"],
                target=arch["target"],
                external_prefix=external["prefix"] if external else None,
                recipe_hash=data.get("recipe_hash", ""),
                patches=tuple(data.get("patches", ())),
                dependencies=tuple(
                    DependencyRef(
                        dep["name"],
                        dep["hash"],
                        tuple(dep["types"]),
                        tuple(dep.get("virtuals", ())),
                    )
                    for dep in data.get("dependencies", ())
                ),
            )
        except (KeyError, TypeError, AttributeError) as error:
            raise ConcreteSpecError(f"malformed concrete spec: missing or bad {error}") from None
        node = cls(content)
        stored = data.get("hash")
        if stored is not None and stored != node.hash:
            raise ConcreteSpecError(
                f"hash mismatch for {node.name}: stored {stored}, computed {node.hash}",
                hint="the document was edited or written by an incompatible version",
            )
        return node


def _node_document(content: NodeContent) -> dict[str, Any]:
    return {
        "name": content.name,
        "namespace": content.namespace,
        "version": str(content.version),
        "variants": {name: list(values) for name, values in content.variants},
        "compiler": (
            None
            if content.compiler is None
            else {"name": content.compiler.name, "version": content.compiler.version}
        ),
        "arch": {"platform": content.platform, "os": content.os, "target": content.target},
        "external": (
            None if content.external_prefix is None else {"prefix": content.external_prefix}
        ),
        "recipe_hash": content.recipe_hash,
        "patches": list(content.patches),
        "dependencies": [
            {
                "name": dep.name,
                "hash": dep.hash,
                "types": list(dep.types),
                "virtuals": list(dep.virtuals),
            }
            for dep in sorted(content.dependencies, key=lambda d: (d.name, d.hash))
        ],
    }


@dataclass(frozen=True)
class ConcreteDag:
    """Concrete nodes of one or more roots, keyed by hash; roots in request order."""

    roots: tuple[str, ...]
    nodes: Mapping[str, ConcreteSpec]

    def __post_init__(self) -> None:
        for node in self.nodes.values():
            for dep in node.dependencies:
                if dep.hash not in self.nodes:
                    raise ConcreteSpecError(
                        f"{node.name} depends on {dep.name}/{dep.hash[:7]}, which is missing"
                    )
        for root in self.roots:
            if root not in self.nodes:
                raise ConcreteSpecError(f"root {root[:7]} is not among the nodes")

    @property
    def root_specs(self) -> list[ConcreteSpec]:
        return [self.nodes[h] for h in self.roots]

    def traverse(
        self, root: str | None = None, *, deptypes: Sequence[str] | None = None
    ) -> Iterator[tuple[int, ConcreteSpec, DependencyRef | None]]:
        """(depth, node, edge) depth-first from each root (or ``root``), each node once."""
        seen: set[str] = set()

        def walk(
            node_hash: str, depth: int, edge: DependencyRef | None
        ) -> Iterator[tuple[int, ConcreteSpec, DependencyRef | None]]:
            if node_hash in seen:
                return
            seen.add(node_hash)
            node = self.nodes[node_hash]
            yield depth, node, edge
            for dep in sorted(node.dependencies, key=lambda d: d.name):
                if deptypes is None or set(dep.types) & set(deptypes):
                    yield from walk(dep.hash, depth + 1, dep)

        for start in [root] if root else self.roots:
            yield from walk(start, 0, None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "roots": list(self.roots),
            "nodes": {h: self.nodes[h].to_dict() for h in sorted(self.nodes)},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ConcreteDag:
        try:
            nodes = {h: ConcreteSpec.from_dict(n) for h, n in data["nodes"].items()}
            roots = tuple(data["roots"])
        except (KeyError, TypeError, AttributeError) as error:
            raise ConcreteSpecError(f"malformed DAG document: missing or bad {error}") from None
        for key, node in nodes.items():
            if key != node.hash:
                raise ConcreteSpecError(
                    f"node {node.name} is keyed {key} but hashes to {node.hash}"
                )
        return cls(roots, nodes)


def build_nodes(
    contents: Mapping[str, NodeContent],
    edges: Mapping[str, Sequence[tuple[str, tuple[str, ...], tuple[str, ...]]]],
) -> dict[str, ConcreteSpec]:
    """Hash a DAG bottom-up.

    ``contents`` maps a node key (e.g. the package name) to its content without
    dependencies; ``edges`` maps a node key to (dependency key, types, virtuals).
    Returns node key → ConcreteSpec, with dependency hashes filled in.
    """
    done: dict[str, ConcreteSpec] = {}
    visiting: set[str] = set()

    def finish(key: str) -> ConcreteSpec:
        if key in done:
            return done[key]
        if key in visiting:
            raise ConcreteSpecError(f"dependency cycle through {key}")
        visiting.add(key)
        deps = tuple(
            DependencyRef(
                contents[dep].name, finish(dep).hash, tuple(sorted(types)), tuple(sorted(virtuals))
            )
            for dep, types, virtuals in edges.get(key, ())
        )
        visiting.discard(key)
        node = ConcreteSpec(_with_deps(contents[key], deps))
        done[key] = node
        return node

    for key in contents:
        finish(key)
    return done


def _with_deps(content: NodeContent, deps: tuple[DependencyRef, ...]) -> NodeContent:
    return NodeContent(
        name=content.name,
        namespace=content.namespace,
        version=content.version,
        variants=content.variants,
        compiler=content.compiler,
        platform=content.platform,
        os=content.os,
        target=content.target,
        external_prefix=content.external_prefix,
        recipe_hash=content.recipe_hash,
        patches=content.patches,
        dependencies=tuple(sorted(deps, key=lambda d: (d.name, d.hash))),
    )
