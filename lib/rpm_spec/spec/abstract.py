"""Abstract specs: what a user, a recipe's ``when=`` or a config file asks for.

An :class:`AbstractSpec` is a set of constraints on one package node (name, versions,
variants, compiler, flags, platform/os/target, hash) plus constraints on dependencies
anywhere below it (``^dep``). It may be built up in place (the parser does), but the
algebra in :mod:`rpm_spec.spec.spec_algebra` (``satisfies``, ``intersects``,
``constrain``) never changes its inputs. Concrete specs are a separate type.

Dependencies are flat, as in the grammar: every ``^dep`` hangs off the root, and a
dependency's spec has no dependencies of its own (:meth:`AbstractSpec.add_dependency`
hoists them). So ``str()`` says everything there is, and ``parse_spec(str(s)) == s``.

Specs compare by value (``==``, order of variants and dependencies aside) and are not
hashable, since they may change; use ``str(spec)`` as a key.
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass, field
from typing import TYPE_CHECKING, Final, TypeAlias

from rpm_spec.spec import spec_algebra
from rpm_spec.spec.lexer import COMPILER_FLAG_KINDS, quote
from rpm_spec.spec.version_constraint import VersionConstraint

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from rpm_spec.spec.compiler_constraint import CompilerConstraint
    from rpm_spec.spec.variant import VariantValue

#: The kinds of dependency an edge may be (``^[deptypes=build,link] cmake``).
DEPENDENCY_TYPES: Final = ("build", "link", "run", "test")

#: Every version: the default of a spec that asks nothing about versions (immutable).
_ANY_VERSION: Final = VersionConstraint.any()

#: A value ``json.dumps`` can write.
JsonValue: TypeAlias = "bool | int | str | list[JsonValue] | dict[str, JsonValue] | None"


def _sorted_unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(values)))


@dataclass(frozen=True, slots=True)
class DependencyEdge:
    """A ``^dep`` constraint: the dependency's spec, the virtuals it must provide there
    (``^[virtuals=mpi] openmpi``) and the kinds of dependency it must be.

    ``virtuals`` and ``deptypes`` are sorted and free of duplicates. Raises ValueError
    for an anonymous or nested dependency spec or an unknown dependency type. Not
    hashable (the spec is not).
    """

    spec: AbstractSpec
    virtuals: tuple[str, ...] = ()
    deptypes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.spec.name is None:
            raise ValueError(f"a dependency needs a package name: '^{self.spec}'")
        if self.spec.dependencies:
            raise ValueError(f"a dependency's dependencies belong on the root: '^{self.spec}'")
        unknown = set(self.deptypes) - set(DEPENDENCY_TYPES)
        if unknown:
            raise ValueError(f"unknown dependency type(s): {', '.join(sorted(unknown))}")
        object.__setattr__(self, "virtuals", _sorted_unique(self.virtuals))
        object.__setattr__(self, "deptypes", _sorted_unique(self.deptypes))

    @property
    def name(self) -> str:
        """The dependency's package name."""
        assert self.spec.name is not None  # checked in __post_init__
        return self.spec.name

    def __str__(self) -> str:
        attributes = []
        if self.virtuals:
            attributes.append("virtuals=" + ",".join(self.virtuals))
        if self.deptypes:
            attributes.append("deptypes=" + ",".join(self.deptypes))
        edge = f"[{' '.join(attributes)}] " if attributes else ""
        return f"^{edge}{self.spec.root_text()}"


@dataclass(eq=False, repr=False, slots=True)
class AbstractSpec:
    """Constraints on a package node and its dependencies; every attribute is optional.

    ``name`` is None for an anonymous spec (``+mpi``, ``@1.2:``, ``^mpi``), as recipes
    use in ``when=``. ``variants`` maps a name to its :class:`VariantValue`;
    ``compiler_flags`` maps a kind from :data:`COMPILER_FLAG_KINDS` to the flags a build
    must include, in order; ``propagated_flags`` holds the kinds whose flags go to the
    dependencies too (``cflags==-g``).
    """

    name: str | None = None
    _: KW_ONLY
    namespace: str | None = None
    versions: VersionConstraint = _ANY_VERSION
    variants: dict[str, VariantValue] = field(default_factory=dict)
    compiler: CompilerConstraint | None = None
    platform: str | None = None
    os: str | None = None
    target: str | None = None
    compiler_flags: dict[str, tuple[str, ...]] = field(default_factory=dict)
    propagated_flags: frozenset[str] = frozenset()
    abstract_hash: str | None = None
    dependencies: list[DependencyEdge] = field(default_factory=list)

    @property
    def is_anonymous(self) -> bool:
        """Whether the spec names no package (it constrains whatever it is applied to)."""
        return self.name is None

    @property
    def fullname(self) -> str | None:
        """``namespace.name`` when a namespace is given, else the name."""
        if self.name is None or self.namespace is None:
            return self.name
        return f"{self.namespace}.{self.name}"

    def dependency(self, name: str) -> AbstractSpec | None:
        """The ``^dep`` spec named ``name``, else the one an edge says provides the virtual
        ``name`` (``^[virtuals=mpi] openmpi`` for ``mpi``), else None."""
        for edge in self.dependencies:
            if edge.name == name:
                return edge.spec
        for edge in self.dependencies:
            if name in edge.virtuals:
                return edge.spec
        return None

    def add_dependency(
        self,
        spec: AbstractSpec,
        *,
        virtuals: Iterable[str] = (),
        deptypes: Iterable[str] = (),
    ) -> None:
        """Add ``^spec`` in place, merged into an existing ``^dep`` of the same name.

        ``spec``'s own dependencies are added to this spec too, since ``^`` means
        anywhere below the root. Raises :class:`UnsatisfiableSpecError` when the merge
        is impossible and ValueError for an anonymous ``spec``.
        """
        node = spec.copy()
        nested, node.dependencies = node.dependencies, []
        spec_algebra.merge_edge(self, DependencyEdge(node, tuple(virtuals), tuple(deptypes)))
        for edge in nested:
            self.add_dependency(edge.spec, virtuals=edge.virtuals, deptypes=edge.deptypes)

    def traverse(self) -> Iterator[AbstractSpec]:
        """This spec, then each dependency's spec depth first (sorted by name), each once."""
        seen: set[int] = set()

        def visit(spec: AbstractSpec) -> Iterator[AbstractSpec]:
            if id(spec) in seen:
                return
            seen.add(id(spec))
            yield spec
            for edge in sorted(spec.dependencies, key=lambda edge: edge.name):
                yield from visit(edge.spec)

        return visit(self)

    def copy(self) -> AbstractSpec:
        """A copy that shares nothing mutable with this spec."""
        return AbstractSpec(
            self.name,
            namespace=self.namespace,
            versions=self.versions,
            variants=dict(self.variants),
            compiler=self.compiler,
            platform=self.platform,
            os=self.os,
            target=self.target,
            compiler_flags=dict(self.compiler_flags),
            propagated_flags=self.propagated_flags,
            abstract_hash=self.abstract_hash,
            dependencies=[
                DependencyEdge(edge.spec.copy(), edge.virtuals, edge.deptypes)
                for edge in self.dependencies
            ],
        )

    def satisfies(self, other: AbstractSpec) -> bool:
        """Whether every concrete spec matching this one also matches ``other``."""
        return spec_algebra.satisfies(self, other)

    def intersects(self, other: AbstractSpec) -> bool:
        """Whether some concrete spec could match both this spec and ``other``."""
        return spec_algebra.intersects(self, other)

    def constrain(self, other: AbstractSpec) -> AbstractSpec:
        """A new spec with the constraints of both; raises :class:`UnsatisfiableSpecError`
        naming the clashing attribute when they cannot both hold."""
        return spec_algebra.constrain(self, other)

    def root_text(self) -> str:
        """This node's own constraints as spec text, without the ``^`` dependencies."""
        head = self.fullname or ""
        if not self.versions.is_any:
            head += f"@{self.versions}"
        ordered = [self.variants[name] for name in sorted(self.variants)]
        head += "".join(str(variant) for variant in ordered if variant.is_bool)
        words = [head] if head else []
        words.extend(str(variant) for variant in ordered if not variant.is_bool)
        if self.compiler is not None:
            words.append(str(self.compiler))
        for kind in sorted(self.compiler_flags, key=_flag_order):
            operator = "==" if kind in self.propagated_flags else "="
            words.append(f"{kind}{operator}{quote(' '.join(self.compiler_flags[kind]))}")
        for key, value in (("platform", self.platform), ("os", self.os), ("target", self.target)):
            if value is not None:
                words.append(f"{key}={quote(value)}")
        if self.abstract_hash is not None:
            words.append(f"/{self.abstract_hash}")
        return " ".join(words)

    def to_dict(self) -> dict[str, JsonValue]:
        """A JSON-ready description: every attribute, unset ones as null or empty."""
        return {
            "text": str(self),
            "name": self.name,
            "namespace": self.namespace,
            "versions": str(self.versions),
            "variants": {
                name: {
                    "values": list(variant.values),
                    "propagate": variant.propagate,
                    "exact": variant.exact,
                }
                for name, variant in sorted(self.variants.items())
            },
            "compiler": None
            if self.compiler is None
            else {"name": self.compiler.name, "versions": str(self.compiler.versions)},
            "platform": self.platform,
            "os": self.os,
            "target": self.target,
            "compiler_flags": {
                kind: list(self.compiler_flags[kind])
                for kind in sorted(self.compiler_flags, key=_flag_order)
            },
            "propagated_flags": [kind for kind in sorted(self.propagated_flags, key=_flag_order)],
            "hash": self.abstract_hash,
            "dependencies": [
                {
                    "virtuals": list(edge.virtuals),
                    "deptypes": list(edge.deptypes),
                    "spec": edge.spec.to_dict(),
                }
                for edge in self.sorted_dependencies()
            ],
        }

    def sorted_dependencies(self) -> list[DependencyEdge]:
        """The dependency edges sorted by package name, as they are printed."""
        return sorted(self.dependencies, key=lambda edge: edge.name)

    def __str__(self) -> str:
        words = [self.root_text()] if self.root_text() else []
        words.extend(str(edge) for edge in self.sorted_dependencies())
        return " ".join(words)

    def __repr__(self) -> str:
        return f"AbstractSpec({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, AbstractSpec):
            return NotImplemented
        return (
            self.name == other.name
            and self.namespace == other.namespace
            and self.versions == other.versions
            and self.variants == other.variants
            and self.compiler == other.compiler
            and (self.platform, self.os, self.target) == (other.platform, other.os, other.target)
            and self.compiler_flags == other.compiler_flags
            and self.propagated_flags == other.propagated_flags
            and self.abstract_hash == other.abstract_hash
            and self.sorted_dependencies() == other.sorted_dependencies()
        )

    __hash__ = None  # type: ignore[assignment]  # mutable: compare by value, key by str()


def _flag_order(kind: str) -> tuple[int, str]:
    known = kind in COMPILER_FLAG_KINDS
    return (COMPILER_FLAG_KINDS.index(kind) if known else len(COMPILER_FLAG_KINDS), kind)
