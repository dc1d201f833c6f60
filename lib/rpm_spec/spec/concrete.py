"""Concrete specs: immutable, fully resolved DAG nodes with a stable DAG hash.

A :class:`ConcreteSpec` is one node: every attribute set, dependencies named by
hash. A :class:`ConcreteDag` holds the nodes of one or more roots keyed by hash.
The DAG hash is sha256 over a canonical JSON of the node's own attributes plus its
dependencies' hashes, edge types and virtuals, base32-encoded (32 characters,
shown as 7). It never depends on dict order, ``PYTHONHASHSEED``, the machine or
the Python version: keys are sorted and every collection is a sorted tuple.

Compiler flags (``cflags=-O3``) are part of a node and of its hash: two builds that
differ only in their flags get two prefixes. A node without flags has no
``compiler_flags`` key in its document, so its hash is what it was before flags
were recorded.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rpm_spec.spec.errors import SpecError
from rpm_spec.spec.lexer import COMPILER_FLAG_KINDS, quote
from rpm_spec.spec.target_range import target_satisfies
from rpm_spec.spec.version import Version

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

    from rpm_spec.spec.abstract import AbstractSpec

HASH_LENGTH = 32
SHORT_HASH_LENGTH = 7


class ConcreteSpecError(SpecError):
    """A concrete spec or DAG document is malformed."""


@dataclass(frozen=True, slots=True)
class CompilerRef:
    """The compiler a node was built with.

    ``assumed`` marks a compiler that was not configured for the node's platform
    but assumed to exist there (cross-concretization); it is recorded in the node's
    JSON but not hashed, since the build would be the same with a real one.
    """

    name: str
    version: str
    assumed: bool = False

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
    #: (kind, flags) per flag kind that has flags, kinds in :data:`COMPILER_FLAG_KINDS`
    #: order; the flags of a kind in the order the compiler gets them.
    compiler_flags: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def __post_init__(self) -> None:
        kinds = [kind for kind, _ in self.compiler_flags]
        unknown = set(kinds) - set(COMPILER_FLAG_KINDS)
        if unknown:
            raise ConcreteSpecError(f"unknown compiler flag kind(s): {', '.join(sorted(unknown))}")
        if any(not flags for _, flags in self.compiler_flags) or len(set(kinds)) != len(kinds):
            raise ConcreteSpecError(f"{self.name}: one entry per flag kind, each with flags")
        ordered = tuple(sorted(self.compiler_flags, key=lambda item: _FLAG_ORDER[item[0]]))
        object.__setattr__(self, "compiler_flags", ordered)

    def hash_document(self) -> dict[str, Any]:
        """The canonical dict hashed into the DAG hash."""
        document = _node_document(self)
        if document["compiler"] is not None:
            document["compiler"].pop("assumed", None)
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
    def compiler_flags(self) -> dict[str, tuple[str, ...]]:
        """Flags by kind (``{"cflags": ("-O3",)}``); kinds without flags are absent."""
        return dict(self.content.compiler_flags)

    @property
    def short_hash(self) -> str:
        return self.hash[:SHORT_HASH_LENGTH]

    @property
    def label(self) -> str:
        """``name@version /hash7``: how messages and progress lines name a node."""
        return f"{self.name}@{self.version} /{self.short_hash}"

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

    def format_flags(self) -> str:
        """Compiler flags as a spec string fragment: `` cflags="-O3 -g" ldflags=-s``."""
        return "".join(
            f" {kind}={quote(' '.join(flags))}" for kind, flags in self.content.compiler_flags
        )

    def format(self, *, arch: bool = True) -> str:
        """``name@version+variants cflags=... %compiler arch=platform-os-target``, as users
        read it."""
        text = f"{self.name}@{self.version}{self.format_variants()}{self.format_flags()}"
        if self.compiler is not None:
            text += f" %{self.compiler}"
        if arch:
            text += f" arch={self.platform}-{self.os}-{self.target}"
        return text

    def satisfies(self, spec: AbstractSpec) -> bool:
        """Whether this node meets ``spec``'s own constraints (its ``^deps`` are not checked:
        that needs the DAG, see :meth:`ConcreteDag.satisfies`)."""
        if spec.name is not None and spec.name != self.name:
            return False
        if spec.namespace is not None and spec.namespace != self.namespace:
            return False
        if not attributes_satisfy(
            spec,
            version=self.version,
            variants=self.variants,
            compiler=self.compiler,
            target=self.target,
            os=self.os,
            platform=self.platform,
            compiler_flags=self.compiler_flags,
        ):
            return False
        return spec.abstract_hash is None or self.hash.startswith(spec.abstract_hash)

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
                compiler=(
                    CompilerRef(
                        compiler["name"], compiler["version"], compiler.get("assumed", False)
                    )
                    if compiler
                    else None
                ),
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
                compiler_flags=tuple(
                    (kind, tuple(flags)) for kind, flags in data.get("compiler_flags", {}).items()
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


def attributes_satisfy(
    spec: AbstractSpec,
    *,
    version: Version,
    variants: Mapping[str, tuple[str, ...]],
    compiler: CompilerRef | None,
    target: str,
    os: str,
    platform: str,
    compiler_flags: Mapping[str, Sequence[str]] | None = None,
) -> bool:
    """Whether a node with these attributes meets ``spec``'s own constraints.

    Shared by :meth:`ConcreteSpec.satisfies` and the solver's model reader, which
    checks patch conditions before a node is hashed. A propagated variant the node
    does not have is ignored: it was meant for dependencies. An exact variant
    (``x:=a,b``) needs exactly its values; the flags of a kind must appear in the
    node's flags of that kind, in order.
    """
    if not spec.versions.is_any and not spec.versions.contains(version):
        return False
    for variant in spec.variants.values():
        if variant.propagate and variant.name not in variants:
            continue
        have = set(variants.get(variant.name, ()))
        if not set(variant.values) <= have or (variant.exact and have != set(variant.values)):
            return False
    flags = compiler_flags or {}
    for kind, wanted in spec.compiler_flags.items():
        if not _is_subsequence(wanted, flags.get(kind, ())):
            return False
    if spec.compiler is not None:
        if compiler is None or compiler.name != spec.compiler.name:
            return False
        if not spec.compiler.versions.contains(Version(compiler.version)):
            return False
    if spec.target is not None and not target_satisfies(target, spec.target):
        return False
    if spec.os is not None and spec.os != os:
        return False
    return spec.platform is None or spec.platform == platform


def _is_subsequence(needle: Sequence[str], haystack: Sequence[str]) -> bool:
    remaining = iter(haystack)
    return all(item in remaining for item in needle)


_FLAG_ORDER = {kind: index for index, kind in enumerate(COMPILER_FLAG_KINDS)}


def _node_document(content: NodeContent) -> dict[str, Any]:
    flags = (
        {"compiler_flags": {kind: list(flags) for kind, flags in content.compiler_flags}}
        if content.compiler_flags
        else {}
    )
    return flags | {
        "name": content.name,
        "namespace": content.namespace,
        "version": str(content.version),
        "variants": {name: list(values) for name, values in content.variants},
        "compiler": (
            None
            if content.compiler is None
            else {"name": content.compiler.name, "version": content.compiler.version}
            | ({"assumed": True} if content.compiler.assumed else {})
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

    def by_name(self, name: str) -> ConcreteSpec | None:
        """The node called ``name`` (a DAG holds at most one node per package)."""
        return next((node for node in self.nodes.values() if node.name == name), None)

    def satisfies(self, root: str, spec: AbstractSpec) -> bool:
        """Whether the DAG under ``root`` meets ``spec``, its ``^dependencies`` included
        (``^[deptypes=build] cmake``: some node under ``root`` needs cmake to build)."""
        node = self.nodes[root]
        if not node.satisfies(spec):
            return False
        below = {n.name: n for _, n, _ in self.traverse(root) if n.hash != root}
        for edge in spec.dependencies:
            dep = edge.spec
            if dep.name is None:
                continue
            found = below.get(dep.name)
            if found is None:
                providers = [
                    self.nodes[d.hash]
                    for _, n, _ in self.traverse(root)
                    for d in n.dependencies
                    if dep.name in d.virtuals
                ]
                found = providers[0] if providers else None
            if found is None or not self.satisfies(found.hash, _named(dep, found.name)):
                return False
            if edge.deptypes and not set(edge.deptypes) <= self._edge_types(root, found.hash):
                return False
        return True

    def _edge_types(self, root: str, node_hash: str) -> set[str]:
        """The types of the edges into ``node_hash`` from nodes under ``root``."""
        return {
            deptype
            for _, node, _ in self.traverse(root)
            for dep in node.dependencies
            if dep.hash == node_hash
            for deptype in dep.types
        }

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


def _named(spec: AbstractSpec, name: str) -> AbstractSpec:
    """``spec`` about the package ``name`` (a virtual's constraints apply to its provider)."""
    copy = spec.copy()
    copy.name = name
    copy.versions = copy.versions if spec.name == name else type(copy.versions).any()
    return copy
