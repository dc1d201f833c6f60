"""Tiny in-memory recipes and problems for the tests of ``rpm_spec.solver.setup``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rpm_spec.platform import HostInfo
from rpm_spec.repo.metadata import (
    ConflictDecl,
    DependencyDecl,
    ProvidesDecl,
    RecipeMetadata,
    RequiresDecl,
    VariantDecl,
    VersionDecl,
)
from rpm_spec.solver.conditions import ConditionEncoder
from rpm_spec.solver.facts import FactBuilder
from rpm_spec.solver.inputs import CompilerEntry, Problem
from rpm_spec.spec import Version, parse_spec
from rpm_spec.spec.concrete import CompilerRef, ConcreteSpec, DependencyRef, NodeContent

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rpm_spec.solver.facts import Arg

HOST = HostInfo(platform="linux", os="debian12", target="zen3")
GCC = CompilerEntry("gcc", "12.2.0", "debian12")


def recipe(
    name: str,
    versions: Iterable[str | VersionDecl] = ("1.0",),
    *,
    variants: Iterable[VariantDecl] = (),
    depends: Iterable[str | DependencyDecl] = (),
    conflicts: Iterable[ConflictDecl] = (),
    requires: Iterable[RequiresDecl] = (),
    provides: Iterable[str | ProvidesDecl] = (),
) -> RecipeMetadata:
    """A recipe's metadata with just what a test names; the rest is empty."""
    return RecipeMetadata(
        name=name,
        namespace="fake",
        class_name=name.title(),
        description="",
        homepage=None,
        url=None,
        git=None,
        build_system="generic",
        phases=("install",),
        versions=tuple(VersionDecl(v) if isinstance(v, str) else v for v in versions),
        variants=tuple(variants),
        dependencies=tuple(DependencyDecl(d) if isinstance(d, str) else d for d in depends),
        conflicts=tuple(conflicts),
        requires=tuple(requires),
        provides=tuple(ProvidesDecl(p) if isinstance(p, str) else p for p in provides),
        patches=(),
        resources=(),
        extends=(),
        licenses=(),
        maintainers=(),
        sanity_files=(),
        sanity_dirs=(),
        recipe_hash="0" * 64,
        path=f"fake/{name}/package.py",
    )


class FakeRecipes:
    """A RecipeSource over a few recipes; virtuals are what some recipe provides."""

    def __init__(self, *recipes: RecipeMetadata) -> None:
        self.recipes = {meta.name: meta for meta in recipes}

    def get(self, name: str) -> RecipeMetadata:
        return self.recipes[name]

    def exists(self, name: str) -> bool:
        return name in self.recipes

    def is_virtual(self, name: str) -> bool:
        return name not in self.recipes and bool(self.providers_for(name))

    def providers_for(self, virtual: str) -> list[str]:
        return sorted(n for n, m in self.recipes.items() if virtual in m.virtuals())

    def all_names(self) -> list[str]:
        return sorted(self.recipes)


def problem(*roots: str, **changes: Any) -> Problem:
    """A problem for ``roots`` on the fixed host with one gcc."""
    settings: dict[str, Any] = {"host": HOST, "compilers": (GCC,), **changes}
    return Problem(roots=tuple(parse_spec(text) for text in roots), **settings)


def encoder(recipes: FakeRecipes | None = None) -> ConditionEncoder:
    """A condition encoder over fresh facts."""
    source = recipes or FakeRecipes()
    return ConditionEncoder(FactBuilder(), source.is_virtual)


def named(facts: FactBuilder, name: str) -> list[tuple[Arg, ...]]:
    """The arguments of every fact called ``name``, in order."""
    return [term.args for term in facts if term.name == name]


def installed(
    name: str,
    version: str = "1.0",
    *,
    variants: dict[str, tuple[str, ...]] | None = None,
    deps: Iterable[ConcreteSpec] = (),
    virtuals: dict[str, tuple[str, ...]] | None = None,
    external_prefix: str | None = None,
) -> ConcreteSpec:
    """A concrete node built with gcc for the fixed host (deps linked by hash)."""
    return ConcreteSpec(
        NodeContent(
            name=name,
            namespace="fake",
            version=Version(version),
            variants=tuple(sorted((variants or {}).items())),
            compiler=None if external_prefix else CompilerRef(GCC.name, GCC.version),
            platform=HOST.platform,
            os=HOST.os,
            target=HOST.target,
            external_prefix=external_prefix,
            dependencies=tuple(
                DependencyRef(d.name, d.hash, ("build", "link"), (virtuals or {}).get(d.name, ()))
                for d in deps
            ),
        )
    )
