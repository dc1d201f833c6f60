"""The recipe base class: declarations gathered per class, build-time helpers.

``PackageBase.__init_subclass__`` takes the records the directives staged in a
class body (:func:`rpm_spec.repo.directives.take_declarations`) and merges
them with its bases' declarations into the immutable ``declarations`` tuple.
Build-system classes (``build_systems/``) and mixins (``mixins/``) are
ordinary subclasses, so a recipe inherits their directives too.

At build time a recipe is instantiated with the concrete spec it builds; that
spec is typed as the small :class:`BuildSpec` protocol so that this layer does
not depend on the store or the installer. Likewise the helpers a custom phase
calls (``self.run``, ``self.make``, ``self.filter_file``, ...) go through a
:class:`BuildExecutor` that the build layer binds to the instance.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Protocol

from rpm_spec.repo.directives import take_declarations
from rpm_spec.repo.metadata import BOOL_VALUES, Declaration, VariantDecl, VersionDecl

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from contextlib import AbstractContextManager

    from rpm_spec.spec import Version


class BuiltDependency(Protocol):
    """A dependency of the spec being built, as a recipe sees it."""

    @property
    def prefix(self) -> Path: ...


class BuildSpec(Protocol):
    """The concrete spec a recipe instance builds (provided by the installer)."""

    @property
    def name(self) -> str: ...

    @property
    def version(self) -> Version: ...

    @property
    def variants(self) -> Mapping[str, tuple[str, ...]]:
        """Variant name → its values (booleans as ``("true",)`` / ``("false",)``)."""
        ...

    @property
    def prefix(self) -> Path: ...

    def satisfies(self, constraint: str) -> bool:
        """True if this concrete spec meets ``constraint`` (``"+mpi"``, ``"@1.14:"``)."""
        ...

    def __getitem__(self, name: str) -> BuiltDependency:
        """The dependency (or virtual's provider) named ``name``."""
        ...


class BuildExecutor(Protocol):
    """Runs what a recipe's phases ask for during a build (implemented by the build layer).

    Commands run in the build environment, with their output going to the build log;
    a command that fails raises, which fails the phase.
    """

    @property
    def jobs(self) -> int:
        """How many parallel jobs a build step may use."""
        ...

    def run(
        self,
        args: Sequence[str | Path],
        *,
        cwd: Path | str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        """Run a command (``env`` adds to the build environment); raise if it fails."""
        ...

    def make(
        self, targets: Sequence[str], *, jobs: int | None = None, cwd: Path | str | None = None
    ) -> None:
        """Run ``make -jN TARGETS...`` (``jobs=1`` for a serial make)."""
        ...

    def filter_file(self, pattern: str, replacement: str, path: Path | str) -> int:
        """Replace regex ``pattern`` (multi-line mode) in a file; return the count."""
        ...

    def working_dir(
        self, path: Path | str, *, create: bool = False
    ) -> AbstractContextManager[Path]:
        """Change into ``path`` for a ``with`` block (``create`` makes it first)."""
        ...

    def which(self, name: str) -> Path | None:
        """The program ``name`` on the build environment's PATH, or None."""
        ...


class PackageBase:
    """What every recipe is: class-level declarations plus build-time helpers."""

    homepage: ClassVar[str | None] = None
    url: ClassVar[str | None] = None
    git: ClassVar[str | None] = None
    build_system: ClassVar[str] = "generic"
    phases: ClassVar[tuple[str, ...]] = ("install",)
    #: Files and directories (relative to the prefix) a successful install must contain.
    sanity_check_is_file: ClassVar[Sequence[str]] = ()
    sanity_check_is_dir: ClassVar[Sequence[str]] = ()
    #: Every declaration of this class and its bases, bases first.
    declarations: ClassVar[tuple[Declaration, ...]] = ()
    #: The declarations made in this class's own body.
    own_declarations: ClassVar[tuple[Declaration, ...]] = ()

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.own_declarations = take_declarations(cls)
        cls.declarations = _merge(cls)

    def __init__(self, spec: BuildSpec) -> None:
        self.spec = spec
        self._executor: BuildExecutor | None = None

    @property
    def prefix(self) -> Path:
        """Where this package is being installed."""
        return Path(self.spec.prefix)

    def bind_executor(self, executor: BuildExecutor) -> None:
        """Give this instance the build layer's executor (done before the first phase)."""
        self._executor = executor

    @property
    def executor(self) -> BuildExecutor:
        if self._executor is None:
            raise RuntimeError(f"{type(self).__name__}: build helpers work only during a build")
        return self._executor

    @property
    def make_jobs(self) -> int:
        """The number of parallel jobs configured for builds."""
        return self.executor.jobs

    def run(
        self,
        args: Sequence[str | Path],
        *,
        cwd: Path | str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        """Run a command in the build environment; a failure fails the phase."""
        self.executor.run(args, cwd=cwd, env=env)

    def make(self, *targets: str, jobs: int | None = None, cwd: Path | str | None = None) -> None:
        """``make -jN TARGETS...`` (``jobs=1`` for packages that do not build in parallel)."""
        self.executor.make(targets, jobs=jobs, cwd=cwd)

    def filter_file(self, pattern: str, replacement: str, path: Path | str) -> int:
        """Edit a file in place with a regex substitution; returns the number made."""
        return self.executor.filter_file(pattern, replacement, path)

    def working_dir(
        self, path: Path | str, *, create: bool = False
    ) -> AbstractContextManager[Path]:
        """``with self.working_dir("build"):`` runs the block in that directory."""
        return self.executor.working_dir(path, create=create)

    def which(self, name: str) -> Path | None:
        """A program on the build environment's PATH, or None."""
        return self.executor.which(name)

    @classmethod
    def variant_declarations(cls, name: str) -> tuple[VariantDecl, ...]:
        return tuple(d for d in cls.declarations if isinstance(d, VariantDecl) and d.name == name)

    def variant_values(self, name: str) -> tuple[str, ...] | None:
        """The spec's values of variant ``name``; None if the variant is not active."""
        values = self.spec.variants.get(name)
        return None if values is None else tuple(values)

    def is_enabled(self, name: str) -> bool:
        """True if boolean variant ``name`` is on in the spec being built."""
        values = self.variant_values(name)
        return values is not None and is_true(values)

    def url_for_version(self, version: Version | str) -> str:
        """The download URL of ``version``: its own ``url=``, else the class ``url`` with the
        version substituted for the one it names. Override for irregular layouts."""
        text = str(version)
        declared = [d for d in self.declarations if isinstance(d, VersionDecl)]
        for decl in declared:
            if decl.version == text and decl.url:
                return decl.url
        if not self.url:
            raise ValueError(f"{type(self).__name__} has no url to derive {text}'s from")
        return substitute_version(self.url, text, [d.version for d in declared])


def is_true(values: Sequence[str]) -> bool:
    """Whether a boolean variant's value reads as on."""
    return len(values) == 1 and values[0].lower() == BOOL_VALUES[1].lower()


_VERSION_IN_URL = re.compile(r"\d+(?:\.\d+)+[A-Za-z0-9]*")


def substitute_version(url: str, new: str, known: Sequence[str] = ()) -> str:
    """``url`` with the version it contains replaced by ``new``.

    The version in the URL is the longest declared version found in it, else the
    last dotted number in its file name.
    """
    present = sorted((v for v in known if v in url), key=len, reverse=True)
    if present:
        return url.replace(present[0], new)
    matches = _VERSION_IN_URL.findall(url.rsplit("/", 1)[-1])
    if not matches:
        raise ValueError(f"no version found in url {url}")
    return url.replace(matches[-1], new)


def _merge(cls: type[PackageBase]) -> tuple[Declaration, ...]:
    """Declarations of all classes in ``cls``'s MRO, bases first; a variant or version
    declared again in a subclass replaces the base's declarations of that name."""
    merged: list[Declaration] = []
    for klass in reversed(cls.__mro__):
        own: tuple[Declaration, ...] = klass.__dict__.get("own_declarations", ())
        if not own:
            continue
        variants = {d.name for d in own if isinstance(d, VariantDecl)}
        versions = {d.version for d in own if isinstance(d, VersionDecl)}
        merged = [
            d
            for d in merged
            if not (isinstance(d, VariantDecl) and d.name in variants)
            and not (isinstance(d, VersionDecl) and d.version in versions)
        ]
        merged.extend(own)
    return tuple(merged)
