"""Recipe metadata as plain, frozen data: what the solver and ``info`` consume.

Directives create the declaration records below while a recipe class is being
defined; the loader gathers them into one :class:`RecipeMetadata` per recipe,
and the index stores that as JSON so that later runs never import the recipe.
Spec texts stay strings here (canonical, already validated by parsing when the
directive ran); :func:`parsed` turns one into an ``AbstractSpec`` on demand.

Every declaration carries the ``line`` of its directive and its ``origin``:
``None`` for the recipe's own ``package.py``, else the file of the base class
that declared it (``rpm_spec/repo/build_systems/cmake.py``), so that an error
can always name the file and directive it comes from.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from rpm_spec.spec import AbstractSpec

#: The dependency types a ``depends_on`` may name, in display order.
DEPENDENCY_TYPES = ("build", "link", "run", "test")
#: ``depends_on`` without ``type=``.
DEFAULT_DEPENDENCY_TYPES = ("build", "link")
#: The values a boolean variant can take, as spec strings spell them.
BOOL_VALUES = ("false", "true")
#: ``requires`` policies.
REQUIRE_POLICIES = ("one_of", "any_of")

_LEADING_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")


def spec_name(text: str) -> str | None:
    """The package name a (canonical) spec text starts with (without a ``namespace.``),
    or None if the spec is anonymous."""
    match = _LEADING_NAME.match(text)
    return match.group(0).rpartition(".")[2] if match else None


def parsed(text: str) -> AbstractSpec:
    """The ``AbstractSpec`` of a spec text from metadata: a fresh copy of a cached parse
    (``AbstractSpec`` is mutable, and copying is ~30x cheaper than parsing)."""
    return _parse_cached(text).copy()


@lru_cache(maxsize=8192)
def _parse_cached(text: str) -> AbstractSpec:
    from rpm_spec.spec import parse_spec  # lazy: startup (listing never parses)

    return parse_spec(text)


@dataclass(frozen=True, slots=True)
class VersionDecl:
    """``version(...)``: one release (sha256) or one VCS reference (branch/tag/commit)."""

    version: str
    sha256: str | None = None
    url: str | None = None
    deprecated: bool = False
    preferred: bool = False
    branch: str | None = None
    tag: str | None = None
    commit: str | None = None
    git: str | None = None
    line: int = 0
    origin: str | None = None

    @property
    def is_vcs(self) -> bool:
        return bool(self.branch or self.tag or self.commit)


@dataclass(frozen=True, slots=True)
class VariantDecl:
    """``variant(...)``; ``values`` None means any value is accepted."""

    name: str
    default: tuple[str, ...]
    values: tuple[str, ...] | None
    multi: bool = False
    sticky: bool = False
    boolean: bool = False
    description: str = ""
    when: str | None = None
    line: int = 0
    origin: str | None = None


@dataclass(frozen=True, slots=True)
class DependencyDecl:
    """``depends_on(spec, type=..., when=...)``; ``spec`` names a package or a virtual."""

    spec: str
    types: tuple[str, ...] = DEFAULT_DEPENDENCY_TYPES
    when: str | None = None
    line: int = 0
    origin: str | None = None

    @property
    def name(self) -> str:
        return spec_name(self.spec) or self.spec


@dataclass(frozen=True, slots=True)
class ConflictDecl:
    """``conflicts(spec, when=..., msg=...)``: the package may not satisfy both."""

    spec: str
    when: str | None = None
    msg: str | None = None
    line: int = 0
    origin: str | None = None


@dataclass(frozen=True, slots=True)
class RequiresDecl:
    """``requires(*specs, policy=..., when=..., msg=...)``."""

    specs: tuple[str, ...]
    policy: str = "one_of"
    when: str | None = None
    msg: str | None = None
    line: int = 0
    origin: str | None = None


@dataclass(frozen=True, slots=True)
class ProvidesDecl:
    """``provides(virtual_spec, when=...)``: this package can stand in for a virtual."""

    virtual_spec: str
    when: str | None = None
    line: int = 0
    origin: str | None = None

    @property
    def virtual(self) -> str:
        return spec_name(self.virtual_spec) or self.virtual_spec


@dataclass(frozen=True, slots=True)
class PatchDecl:
    """``patch(source, ...)``: a file beside ``package.py`` or a URL with its sha256."""

    source: str
    sha256: str | None = None
    level: int = 1
    working_dir: str = "."
    when: str | None = None
    line: int = 0
    origin: str | None = None

    @property
    def is_url(self) -> bool:
        return "://" in self.source


@dataclass(frozen=True, slots=True)
class ResourceDecl:
    """``resource(...)``: an extra archive or checkout staged inside the source tree."""

    name: str
    url: str | None = None
    sha256: str | None = None
    git: str | None = None
    branch: str | None = None
    tag: str | None = None
    commit: str | None = None
    destination: str = ""
    when: str | None = None
    line: int = 0
    origin: str | None = None


@dataclass(frozen=True, slots=True)
class ExtendsDecl:
    """``extends(spec)``: installs into the extendee's layout (python packages)."""

    spec: str
    when: str | None = None
    line: int = 0
    origin: str | None = None


@dataclass(frozen=True, slots=True)
class LicenseDecl:
    """``license(spdx, when=...)``."""

    license: str
    when: str | None = None
    line: int = 0
    origin: str | None = None


@dataclass(frozen=True, slots=True)
class MaintainersDecl:
    """``maintainers(*names)``."""

    names: tuple[str, ...]
    line: int = 0
    origin: str | None = None


#: Every record a directive can produce.
Declaration = (
    VersionDecl
    | VariantDecl
    | DependencyDecl
    | ConflictDecl
    | RequiresDecl
    | ProvidesDecl
    | PatchDecl
    | ResourceDecl
    | ExtendsDecl
    | LicenseDecl
    | MaintainersDecl
)


@dataclass(frozen=True, slots=True)
class RecipeMetadata:
    """Everything a recipe declares, as plain data; no recipe code is needed to read it."""

    name: str
    namespace: str
    class_name: str
    description: str
    homepage: str | None
    url: str | None
    git: str | None
    build_system: str
    phases: tuple[str, ...]
    versions: tuple[VersionDecl, ...]
    variants: tuple[VariantDecl, ...]
    dependencies: tuple[DependencyDecl, ...]
    conflicts: tuple[ConflictDecl, ...]
    requires: tuple[RequiresDecl, ...]
    provides: tuple[ProvidesDecl, ...]
    patches: tuple[PatchDecl, ...]
    resources: tuple[ResourceDecl, ...]
    extends: tuple[ExtendsDecl, ...]
    licenses: tuple[LicenseDecl, ...]
    maintainers: tuple[str, ...]
    sanity_files: tuple[str, ...]
    sanity_dirs: tuple[str, ...]
    recipe_hash: str
    path: str

    @property
    def fullname(self) -> str:
        return f"{self.namespace}.{self.name}"

    def virtuals(self) -> frozenset[str]:
        """The names of the virtuals this recipe can provide (under some condition)."""
        return frozenset(decl.virtual for decl in self.provides)

    def dependency_names(self) -> frozenset[str]:
        """Every package or virtual named by a ``depends_on``, conditional ones included."""
        return frozenset(decl.name for decl in self.dependencies)

    def variant_names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(decl.name for decl in self.variants))

    def variants_named(self, name: str) -> tuple[VariantDecl, ...]:
        """The declarations of one variant (several when declared under different ``when``)."""
        return tuple(decl for decl in self.variants if decl.name == name)

    def versions_newest_first(self) -> tuple[VersionDecl, ...]:
        """Versions ordered as a user reads them: newest first, by version comparison."""
        from rpm_spec.spec import Version  # lazy: startup

        return tuple(sorted(self.versions, key=lambda decl: Version(decl.version), reverse=True))

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict; :meth:`from_json` reverses it exactly."""
        return {field.name: _to_json(getattr(self, field.name)) for field in _FIELDS[type(self)]}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RecipeMetadata:
        values: dict[str, Any] = {}
        for field in _FIELDS[cls]:
            raw = data[field.name]
            record = _RECORD_FIELDS.get(field.name)
            if record is not None:
                values[field.name] = tuple(_record_from_json(record, item) for item in raw)
            elif isinstance(raw, list):
                values[field.name] = tuple(raw)
            else:
                values[field.name] = raw
        return cls(**values)


_RecordT = TypeVar("_RecordT")

_RECORD_FIELDS: dict[str, Any] = {
    "versions": VersionDecl,
    "variants": VariantDecl,
    "dependencies": DependencyDecl,
    "conflicts": ConflictDecl,
    "requires": RequiresDecl,
    "provides": ProvidesDecl,
    "patches": PatchDecl,
    "resources": ResourceDecl,
    "extends": ExtendsDecl,
    "licenses": LicenseDecl,
}

_FIELDS: dict[type[Any], tuple[dataclasses.Field[Any], ...]] = {
    cls: dataclasses.fields(cls) for cls in (RecipeMetadata, *_RECORD_FIELDS.values())
}

#: Record fields that hold tuples (JSON gives lists back).
_TUPLE_FIELDS: dict[type[Any], frozenset[str]] = {
    cls: frozenset(f.name for f in fields if str(f.type).startswith("tuple"))
    for cls, fields in _FIELDS.items()
}


def _to_json(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_to_json(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # Defaults are left out: the index holds thousands of records.
        return {
            field.name: _to_json(item)
            for field in _FIELDS[type(value)]
            if (item := getattr(value, field.name)) != field.default
        }
    return value


def _record_from_json(cls: type[_RecordT], data: Mapping[str, Any]) -> _RecordT:
    tuples = _TUPLE_FIELDS[cls]
    return cls(
        **{
            key: tuple(value) if key in tuples and value is not None else value
            for key, value in data.items()
        }
    )


def iter_declarations(metadata: RecipeMetadata) -> Iterator[Declaration]:
    """Every declaration of a recipe, in field order (versions, variants, ...)."""
    for name in _RECORD_FIELDS:
        yield from getattr(metadata, name)
