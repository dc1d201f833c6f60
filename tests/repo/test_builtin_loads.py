"""Every recipe shipped in repos/builtin and in the mock repository loads without error."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from rpm_spec.repo import RepoPath, Repository
from rpm_spec.util.paths import BUILTIN_REPO, PREFIX

if TYPE_CHECKING:
    from pathlib import Path

REPOSITORIES = [BUILTIN_REPO, PREFIX / "tests" / "repos" / "mock"]


@pytest.mark.parametrize("root", REPOSITORIES, ids=lambda root: root.name)
def test_every_recipe_loads(root: Path, tmp_path: Path) -> None:
    repo = Repository(root, cache_dir=tmp_path / "cache")
    errors = repo.errors()
    assert not errors, "\n".join(str(error) for error in errors.values())
    for metadata in repo.all_metadata():
        assert metadata.versions, f"{metadata.name} declares no version"
        assert metadata.description, f"{metadata.name} has no docstring"
        for decl in metadata.dependencies:
            assert decl.types, f"{metadata.name}: {decl.spec} without types"


@pytest.mark.parametrize(
    ("root", "strict"),
    [(BUILTIN_REPO, False), (PREFIX / "tests" / "repos" / "mock", True)],
    ids=["builtin", "mock"],
)
def test_dependencies_resolve_to_packages_or_virtuals(
    root: Path, strict: bool, tmp_path: Path
) -> None:
    """The mock repository is closed; the growing builtin one only for unconditional deps
    (a conditional one on a recipe not written yet just cannot be enabled)."""
    repos = RepoPath.from_paths([root], cache_dir=tmp_path / "cache")
    missing = {
        f"{metadata.name} -> {decl.name}"
        for metadata in repos.all_metadata()
        for decl in metadata.dependencies
        if (strict or decl.when is None)
        and not repos.exists(decl.name)
        and not repos.is_virtual(decl.name)
    }
    assert not missing, f"dependencies on unknown packages: {sorted(missing)}"
