"""Which build caches the configuration names: every mirror with ``binary`` set
(the default, as in Spack) whose ``build_cache/`` is on a file system we can read.

A remote (``https://``) mirror's build cache is not searched yet; it is left out
rather than downloaded from on every solve.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rpm_spec.binary.cache import BuildCache
from rpm_spec.build.mirrors import local_path, mirrors_from_config

if TYPE_CHECKING:
    from rpm_spec.build.mirrors import Mirror
    from rpm_spec.config import Configuration


def binary_caches(config: Configuration) -> list[BuildCache]:
    """The build caches to search, highest scope's mirrors first."""
    caches = []
    for mirror in mirrors_from_config(config):
        root = local_path(mirror.fetch_url) if mirror.binary else None
        if root is not None:
            caches.append(BuildCache.of_mirror(root, label=mirror.name))
    return caches


def push_target(config: Configuration, where: str) -> BuildCache:
    """The cache ``buildcache push``/``update-index``/``verify`` act on: a configured
    mirror's (its push URL when it has one) or ``<DIR>/build_cache`` of a directory."""
    mirror = _mirror_named(config, where)
    if mirror is None:
        return BuildCache.of_mirror(Path(where).absolute(), label=where)
    url = mirror.push_url or mirror.fetch_url
    root = local_path(url)
    if root is None:
        from rpm_spec.binary.cache_errors import CacheError

        raise CacheError(
            f"mirror '{mirror.name}' is at {url}: only directories and file:// URLs can "
            "hold a build cache for now",
            hint="give a directory, or a mirror whose push URL is one",
        )
    return BuildCache.of_mirror(root, label=mirror.name)


def _mirror_named(config: Configuration, name: str) -> Mirror | None:
    return next((m for m in mirrors_from_config(config) if m.name == name), None)
