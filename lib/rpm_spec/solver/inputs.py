"""What the solver takes: the request, the recipes (through a Protocol), packages.yaml
preferences and the site admin's policy.

The solver never imports the store or the session: installed specs come in as
``ConcreteSpec`` values, recipes through :class:`RecipeSource` (``repo.RepoPath``
satisfies it; tests may pass a fake), and configuration as the typed values below.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from rpm_spec.config.policy import AdminPolicy
    from rpm_spec.platform import HostInfo
    from rpm_spec.repo.metadata import RecipeMetadata
    from rpm_spec.spec import AbstractSpec
    from rpm_spec.spec.concrete import ConcreteDag, ConcreteSpec


class RecipeSource(Protocol):
    """Recipe metadata by package name."""

    def get(self, name: str) -> RecipeMetadata:
        """The metadata of a package; raises UnknownPackageError (with a hint) if unknown."""

    def exists(self, name: str) -> bool:
        """True for a package (not a virtual) that some repository defines."""

    def is_virtual(self, name: str) -> bool:
        """True for a name that packages provide and no recipe defines."""

    def providers_for(self, virtual: str) -> list[str]:
        """Packages that may provide ``virtual`` under some condition."""

    def all_names(self) -> list[str]:
        """Every package name, for did-you-mean hints."""


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a constraint comes from, in the user's words: shown in every unsat message."""

    text: str
    where: str = ""

    def __str__(self) -> str:
        return f"{self.text} ({self.where})" if self.where else self.text


@dataclass(frozen=True, slots=True)
class CompilerEntry:
    """A compiler the solver may assign to nodes (configured, detected or assumed)."""

    name: str
    version: str
    os: str | None = None
    family: str | None = None
    assumed: bool = False
    origin: str = ""
    #: compilers.yaml ``flags:`` as (kind, flags text) pairs: every node built with this
    #: compiler gets them, before any other flags of their kind.
    flags: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        return f"{self.name}@{self.version}"


@dataclass(frozen=True, slots=True)
class ExternalEntry:
    """A packages.yaml external: a spec the site already has, at a prefix."""

    spec: str
    prefix: str
    origin: str = ""


@dataclass(frozen=True, slots=True)
class RuleEntry:
    """One packages.yaml ``require:``/``prefer:``/``conflict:`` item."""

    specs: tuple[str, ...]
    policy: str = "one_of"
    when: str | None = None
    message: str | None = None
    origin: str = ""


@dataclass(frozen=True)
class PackagePreferences:
    """packages.yaml settings of one package (or of ``all``)."""

    versions: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    providers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    targets: tuple[str, ...] = ()
    compilers: tuple[str, ...] = ()
    require: tuple[RuleEntry, ...] = ()
    prefer: tuple[RuleEntry, ...] = ()
    conflict: tuple[RuleEntry, ...] = ()
    buildable: bool = True
    buildable_origin: str = ""
    #: Whether ``buildable:`` is written for this package (a virtual's ``buildable: false``
    #: applies to the providers that do not say otherwise).
    buildable_set: bool = False
    externals: tuple[ExternalEntry, ...] = ()


@dataclass(frozen=True)
class Preferences:
    """packages.yaml of every package; ``of`` gives one, ``all`` the default."""

    packages: Mapping[str, PackagePreferences] = field(default_factory=dict)

    def of(self, name: str) -> PackagePreferences:
        return self.packages.get(name, _EMPTY)

    @property
    def all(self) -> PackagePreferences:
        return self.packages.get("all", _EMPTY)

    def provider_order(self, virtual: str) -> tuple[str, ...]:
        own = self.of(virtual).providers.get(virtual) or ()
        return tuple(own) + tuple(p for p in self.all.providers.get(virtual, ()) if p not in own)


_EMPTY = PackagePreferences()


@dataclass(frozen=True)
class Problem:
    """Everything one solve needs."""

    roots: tuple[AbstractSpec, ...]
    host: HostInfo
    compilers: tuple[CompilerEntry, ...]
    #: packages.yaml (versions, variants, providers, require/prefer/conflict, externals).
    preferences: Preferences = field(default_factory=Preferences)
    installed: tuple[ConcreteSpec, ...] = ()
    #: cuda_arch values to use for ``+cuda`` when the request sets none (from the host's GPUs).
    default_cuda_arch: tuple[str, ...] = ()
    #: The request as typed, to point at in messages.
    request_text: str = ""
    tests: bool = False
    #: A DAG to stay as close to as the platform allows (retargeting a lock).
    reference: ConcreteDag | None = None
    #: Extra constraints forced on the solution ((package, spec text) pairs); used to
    #: ask the solver why a reference attribute could not be kept.
    forced: tuple[tuple[str, str], ...] = ()
    #: ``concretizer:reuse: dependencies`` makes this False: roots are built, not reused
    #: (unless named by their hash).
    reuse_roots: bool = True
    #: ``concretizer:timeout_s``: give up solving after this long (None: no limit).
    timeout_s: float | None = None
    #: The site admin's rules (policy.yaml), solved within; None: no policy.
    admin_policy: AdminPolicy | None = None

    def with_installed(self, specs: Iterable[ConcreteSpec]) -> Problem:
        return dataclasses.replace(self, installed=tuple(specs))
