"""The two things the CLI asks of this layer: refresh a tree, find a spec's module."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rpm_spec.modules.plan import ModuleFile, plan_modules
from rpm_spec.modules.writer import RefreshReport, module_names, refresh

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from pathlib import Path

    from rpm_spec.modules.settings import ModuleSettings
    from rpm_spec.store.records import Snapshot


def _plan(
    settings: ModuleSettings,
    snapshot: Snapshot,
    upstream_roots: Sequence[Path],
    recipe_virtuals: Mapping[str, Iterable[str]] | None,
) -> list[ModuleFile]:
    upstream: dict[str, str] = {}
    for root in reversed(upstream_roots):  # the first root listed wins
        upstream.update(module_names(root))
    return plan_modules(
        settings,
        snapshot.installs.values(),
        snapshot.dag,
        upstream_names=upstream,
        recipe_virtuals=recipe_virtuals,
    )


def refresh_modules(
    settings: ModuleSettings,
    snapshot: Snapshot,
    *,
    upstream_roots: Sequence[Path] = (),
    recipe_virtuals: Mapping[str, Iterable[str]] | None = None,
    delete_tree: bool = False,
) -> RefreshReport:
    """Regenerate the module tree of ``settings`` for every install in ``snapshot``.

    ``upstream_roots`` are module trees of upstream stores (same kind): dependencies
    installed there are autoloaded by the names those trees gave them.
    """
    files = _plan(settings, snapshot, upstream_roots, recipe_virtuals)
    return refresh(settings.root, files, delete_tree=delete_tree)


def find_modules(
    settings: ModuleSettings,
    snapshot: Snapshot,
    hashes: Sequence[str],
    *,
    upstream_roots: Sequence[Path] = (),
    recipe_virtuals: Mapping[str, Iterable[str]] | None = None,
) -> list[ModuleFile]:
    """The module files of the installs ``hashes`` (as a refresh would write them)."""
    wanted = set(hashes)
    files = _plan(settings, snapshot, upstream_roots, recipe_virtuals)
    return [f for f in files if wanted & set(f.hashes)]
