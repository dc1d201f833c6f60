"""The recipe directives: ``version``, ``variant``, ``depends_on``, ``when`` and friends.

A directive only records: called in a class body, it validates its arguments,
builds one frozen declaration record (:mod:`rpm_spec.repo.metadata`) and appends
it to a list in the namespace of the class being defined, which it finds through
the calling frame. ``PackageBase.__init_subclass__`` takes that list off the new
class and merges it with the base classes' declarations. ``with when(...)``
pushes a condition on a stack kept in the same namespace, so every directive in
the block gets it, combined with its own ``when=``. Nothing here does I/O.

A bad argument raises :class:`RecipeError` naming the file and line of the call.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from typing import TYPE_CHECKING, Any

from rpm_spec.repo.errors import RecipeError
from rpm_spec.repo.metadata import (
    BOOL_VALUES,
    DEFAULT_DEPENDENCY_TYPES,
    DEPENDENCY_TYPES,
    REQUIRE_POLICIES,
    ConflictDecl,
    Declaration,
    DependencyDecl,
    ExtendsDecl,
    LicenseDecl,
    MaintainersDecl,
    PatchDecl,
    ProvidesDecl,
    RequiresDecl,
    ResourceDecl,
    VariantDecl,
    VersionDecl,
)
from rpm_spec.spec import AbstractSpec, SpecError, Version, parse_spec

if TYPE_CHECKING:
    from collections.abc import Iterable, MutableMapping, Sequence
    from types import TracebackType

__all__ = [
    "conflicts",
    "depends_on",
    "extends",
    "license",
    "maintainers",
    "patch",
    "provides",
    "requires",
    "resource",
    "take_declarations",
    "variant",
    "version",
    "when",
]

#: Names in a class namespace where directives stage their records and ``when`` stack.
_STAGED = "_rpm_spec_staged_declarations"
_WHEN_STACK = "_rpm_spec_when_stack"

_SHA256 = re.compile(r"[0-9a-f]{64}")
_VARIANT_NAME = re.compile(r"[A-Za-z_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?")
_RESERVED_VARIANTS = frozenset(
    {"name", "namespace", "version", "compiler", "platform", "os", "target", "arch", "patches"}
)


class _Site:
    """Where a directive was called: the class namespace, file and line."""

    __slots__ = ("directive", "file", "line", "namespace")

    def __init__(self, directive: str, depth: int = 2) -> None:
        frame = sys._getframe(depth)
        self.directive = directive
        self.file = frame.f_code.co_filename
        self.line = frame.f_lineno
        self.namespace: MutableMapping[str, Any] = frame.f_locals
        if "__module__" not in self.namespace or "__qualname__" not in self.namespace:
            raise self.error("directives can only be used in the body of a recipe class")

    def error(self, message: str) -> RecipeError:
        return RecipeError(f"{self.directive}(): {message}", path=self.file, line=self.line)

    def spec(self, text: object, what: str, *, named: bool | None = None) -> str:
        """``text`` parsed and printed canonically; ``named`` requires/forbids a name."""
        if not isinstance(text, str) or not text.strip():
            raise self.error(f"{what} must be a non-empty spec string, not {text!r}")
        try:
            parsed = parse_spec(text)
        except SpecError as error:
            raise self.error(f"invalid {what} '{text}': {error}") from None
        if named and not parsed.name:
            raise self.error(f"{what} '{text}' must start with a package name")
        if named is False and parsed.name:
            raise self.error(f"{what} '{text}' must not name a package")
        return str(parsed)

    def condition(self, when: object) -> str | None:
        """The directive's own ``when=`` combined with every enclosing ``with when(...)``."""
        stack: list[str] = self.namespace.get(_WHEN_STACK, [])
        own = None if when is None else self.spec(when, "when= condition")
        try:
            return conjoin([*stack, *([own] if own else [])])
        except SpecError as error:
            raise self.error(f"conditions cannot all hold: {error}") from None

    def record(self, *declarations: Declaration) -> None:
        staged = self.namespace.setdefault(_STAGED, [])
        staged.extend(dataclasses.replace(decl, origin=self.file) for decl in declarations)


def conjoin(conditions: Sequence[str]) -> str | None:
    """One canonical spec text that holds exactly when all ``conditions`` hold."""
    if not conditions:
        return None
    if len(conditions) == 1:
        return conditions[0]
    combined: AbstractSpec = parse_spec(conditions[0])
    for text in conditions[1:]:
        combined = combined.constrain(parse_spec(text))
    return str(combined)


def take_declarations(cls: type) -> tuple[Declaration, ...]:
    """Remove and return the records the directives staged in ``cls``'s own body."""
    staged: list[Declaration] = cls.__dict__.get(_STAGED, [])
    for name in (_STAGED, _WHEN_STACK):
        if name in cls.__dict__:
            delattr(cls, name)
    return tuple(staged)


class when:
    """A block whose directives all apply only when the package satisfies ``condition``."""

    def __init__(self, condition: str) -> None:
        site = _Site("when")
        self._condition = site.spec(condition, "condition")
        self._stack: list[str] = site.namespace.setdefault(_WHEN_STACK, [])

    def __enter__(self) -> None:
        self._stack.append(self._condition)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stack.pop()


def version(
    ver: str,
    sha256: str | None = None,
    *,
    url: str | None = None,
    deprecated: bool = False,
    preferred: bool = False,
    branch: str | None = None,
    tag: str | None = None,
    commit: str | None = None,
    git: str | None = None,
) -> None:
    """Declare a release (with its sha256) or a VCS version (branch, tag or commit)."""
    site = _Site("version")
    text = str(ver)
    try:
        Version(text)
    except (SpecError, ValueError) as error:
        raise site.error(f"invalid version '{text}': {error}") from None
    if sha256 is not None and not _SHA256.fullmatch(sha256):
        raise site.error(f"sha256 of {text} must be 64 lowercase hex digits, not {sha256!r}")
    if sha256 and (branch or tag or commit):
        raise site.error(f"version {text} has both a sha256 and a VCS reference")
    if branch and (tag or commit):
        raise site.error(f"version {text}: branch= cannot be combined with tag= or commit=")
    staged: list[Declaration] = site.namespace.get(_STAGED, [])
    if any(isinstance(d, VersionDecl) and d.version == text for d in staged):
        raise site.error(f"version {text} is declared twice")
    site.record(
        VersionDecl(
            version=text,
            sha256=sha256,
            url=url,
            deprecated=bool(deprecated),
            preferred=bool(preferred),
            branch=branch,
            tag=tag,
            commit=commit,
            git=git,
            line=site.line,
        )
    )


def variant(
    name: str,
    default: bool | str | Sequence[str] = False,
    description: str = "",
    *,
    values: Iterable[object] | None = None,
    multi: bool = False,
    sticky: bool = False,
    when: str | None = None,
) -> None:
    """Declare a boolean, single-valued or (``multi=True``) multi-valued variant."""
    site = _Site("variant")
    if not isinstance(name, str) or not _VARIANT_NAME.fullmatch(name):
        raise site.error(f"invalid variant name {name!r}")
    if name in _RESERVED_VARIANTS:
        raise site.error(f"'{name}' is reserved and cannot be a variant name")
    allowed = None if values is None else tuple(str(value) for value in values)
    boolean = isinstance(default, bool) and allowed is None
    if boolean:
        if multi:
            raise site.error(f"variant '{name}': a boolean variant cannot be multi-valued")
        defaults: tuple[str, ...] = (BOOL_VALUES[1] if default else BOOL_VALUES[0],)
        allowed = BOOL_VALUES
    elif isinstance(default, str):
        defaults = tuple(part.strip() for part in default.split(",")) if multi else (default,)
    elif isinstance(default, bool):
        raise site.error(f"variant '{name}': default={default} needs values=None (boolean)")
    else:
        defaults = tuple(str(item) for item in default)
    if not multi and (len(defaults) != 1 or "," in defaults[0]):
        raise site.error(f"variant '{name}' is single-valued but has default {defaults}")
    if allowed is not None:
        if not allowed:
            raise site.error(f"variant '{name}' has an empty values=")
        if len(set(allowed)) != len(allowed):
            raise site.error(f"variant '{name}' lists a value twice in values=")
        unknown = [value for value in defaults if value not in allowed]
        if unknown:
            raise site.error(
                f"variant '{name}': default {', '.join(unknown)} is not one of "
                f"{', '.join(allowed)}"
            )
    condition = site.condition(when)
    staged: list[Declaration] = site.namespace.get(_STAGED, [])
    if any(isinstance(d, VariantDecl) and (d.name, d.when) == (name, condition) for d in staged):
        raise site.error(f"variant '{name}' is declared twice under the same condition")
    site.record(
        VariantDecl(
            name=name,
            default=defaults,
            values=allowed,
            multi=bool(multi),
            sticky=bool(sticky),
            boolean=boolean,
            description=str(description),
            when=condition,
            line=site.line,
        )
    )


def depends_on(
    spec: str, when: str | None = None, type: str | Sequence[str] = DEFAULT_DEPENDENCY_TYPES
) -> None:
    """Declare a dependency on a package or virtual; ``type`` ⊆ build, link, run, test."""
    site = _Site("depends_on")
    text = site.spec(spec, "dependency", named=True)
    types = _dependency_types(site, type)
    site.record(DependencyDecl(spec=text, types=types, when=site.condition(when), line=site.line))


def conflicts(spec: str, when: str | None = None, msg: str | None = None) -> None:
    """Declare that the package can never be built satisfying ``spec`` (under ``when``)."""
    site = _Site("conflicts")
    text = site.spec(spec, "conflict")
    site.record(ConflictDecl(spec=text, when=site.condition(when), msg=msg, line=site.line))


def requires(
    *specs: str, policy: str = "one_of", when: str | None = None, msg: str | None = None
) -> None:
    """Declare that the package must satisfy one (``one_of``) or some (``any_of``) of specs."""
    site = _Site("requires")
    if not specs:
        raise site.error("needs at least one spec")
    if policy not in REQUIRE_POLICIES:
        raise site.error(f"policy must be one of {', '.join(REQUIRE_POLICIES)}, not {policy!r}")
    texts = tuple(site.spec(spec, "requirement") for spec in specs)
    site.record(
        RequiresDecl(
            specs=texts, policy=policy, when=site.condition(when), msg=msg, line=site.line
        )
    )


def provides(*specs: str, when: str | None = None) -> None:
    """Declare virtuals (``mpi@:3.1``, ``blas``) this package can provide."""
    site = _Site("provides")
    if not specs:
        raise site.error("needs at least one virtual")
    condition = site.condition(when)
    site.record(
        *(
            ProvidesDecl(
                virtual_spec=site.spec(spec, "virtual", named=True),
                when=condition,
                line=site.line,
            )
            for spec in specs
        )
    )


def patch(
    source: str,
    sha256: str | None = None,
    *,
    level: int = 1,
    working_dir: str = ".",
    when: str | None = None,
) -> None:
    """Declare a patch: a file beside ``package.py`` or a URL (which needs its sha256)."""
    site = _Site("patch")
    if not isinstance(source, str) or not source:
        raise site.error(f"needs a file name or URL, not {source!r}")
    if "://" in source and not sha256:
        raise site.error(f"patch URL {source} needs sha256=")
    if sha256 is not None and not _SHA256.fullmatch(sha256):
        raise site.error(f"sha256 must be 64 lowercase hex digits, not {sha256!r}")
    if not isinstance(level, int) or level < 0:
        raise site.error(f"level must be a non-negative integer, not {level!r}")
    site.record(
        PatchDecl(
            source=source,
            sha256=sha256,
            level=level,
            working_dir=working_dir,
            when=site.condition(when),
            line=site.line,
        )
    )


def resource(
    *,
    name: str,
    url: str | None = None,
    sha256: str | None = None,
    git: str | None = None,
    branch: str | None = None,
    tag: str | None = None,
    commit: str | None = None,
    destination: str = "",
    when: str | None = None,
) -> None:
    """Declare an extra source (archive with sha256, or git checkout) staged with the package."""
    site = _Site("resource")
    if bool(url) == bool(git):
        raise site.error(f"resource '{name}' needs exactly one of url= and git=")
    if url and not (sha256 and _SHA256.fullmatch(sha256)):
        raise site.error(f"resource '{name}' needs a sha256= of 64 lowercase hex digits")
    if git and not (branch or tag or commit):
        raise site.error(f"resource '{name}' needs branch=, tag= or commit= with git=")
    site.record(
        ResourceDecl(
            name=name,
            url=url,
            sha256=sha256,
            git=git,
            branch=branch,
            tag=tag,
            commit=commit,
            destination=destination,
            when=site.condition(when),
            line=site.line,
        )
    )


def extends(spec: str, when: str | None = None) -> None:
    """Declare that this package installs into ``spec``'s layout; implies a build+run dep."""
    site = _Site("extends")
    text = site.spec(spec, "extendee", named=True)
    condition = site.condition(when)
    site.record(
        ExtendsDecl(spec=text, when=condition, line=site.line),
        DependencyDecl(spec=text, types=("build", "run"), when=condition, line=site.line),
    )


def license(spdx: str, when: str | None = None) -> None:
    """Declare the license (an SPDX expression) the package is distributed under."""
    site = _Site("license")
    if not isinstance(spdx, str) or not spdx.strip():
        raise site.error(f"needs an SPDX license expression, not {spdx!r}")
    site.record(LicenseDecl(license=spdx, when=site.condition(when), line=site.line))


def maintainers(*names: str) -> None:
    """Declare who maintains the recipe."""
    site = _Site("maintainers")
    if not names or not all(isinstance(name, str) and name for name in names):
        raise site.error("needs one or more non-empty names")
    site.record(MaintainersDecl(names=tuple(names), line=site.line))


def _dependency_types(site: _Site, value: str | Sequence[str]) -> tuple[str, ...]:
    requested = (value,) if isinstance(value, str) else tuple(value)
    unknown = [item for item in requested if item not in DEPENDENCY_TYPES]
    if unknown or not requested:
        raise site.error(
            f"unknown dependency type {', '.join(map(repr, unknown)) or '()'}; "
            f"use {', '.join(DEPENDENCY_TYPES)}"
        )
    return tuple(kind for kind in DEPENDENCY_TYPES if kind in requested)
