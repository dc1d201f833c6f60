"""The repository layer: the recipe DSL, repositories of recipes, and their metadata index.

Recipes are Python classes written with the directives of :mod:`rpm_spec.repo.api`
(base classes in :mod:`rpm_spec.repo.package`, imported only when a recipe is);
:class:`RepoPath` finds them across repositories and serves their metadata from an
on-disk index, so that the solver reads plain data and never runs recipe code.
This layer may import ``util``, ``errors``, ``spec``, ``platform`` and ``config``;
never the solver, store, build, environment, session or cli.
"""

from __future__ import annotations

from rpm_spec.repo.errors import RecipeError, RepoError, UnknownPackageError
from rpm_spec.repo.metadata import (
    ConflictDecl,
    DependencyDecl,
    ExtendsDecl,
    LicenseDecl,
    PatchDecl,
    ProvidesDecl,
    RecipeMetadata,
    RequiresDecl,
    ResourceDecl,
    VariantDecl,
    VersionDecl,
)
from rpm_spec.repo.repository import RepoPath, Repository

__all__ = [
    "ConflictDecl",
    "DependencyDecl",
    "ExtendsDecl",
    "LicenseDecl",
    "PatchDecl",
    "ProvidesDecl",
    "RecipeError",
    "RecipeMetadata",
    "RepoError",
    "RepoPath",
    "Repository",
    "RequiresDecl",
    "ResourceDecl",
    "UnknownPackageError",
    "VariantDecl",
    "VersionDecl",
]
