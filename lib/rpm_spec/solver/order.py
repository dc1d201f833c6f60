"""The preference order of a package's versions: what "newest first" means here.

Order, most preferred first: versions matching packages.yaml ``version:`` entries
(in the order listed), then ``preferred=True`` ones, then released versions newest
first, then branch versions (``develop``, ``main``: newest by number but not what
anyone wants by default), and deprecated versions last of all.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from rpm_spec.spec import Version, parse_version_constraint

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rpm_spec.repo.metadata import RecipeMetadata


def version_preferences(
    meta: RecipeMetadata, preferred: Sequence[str]
) -> list[tuple[str, int, bool]]:
    """(version, weight, deprecated) for every declared version; weight 0 is best."""
    return list(_preferences(meta.versions, tuple(preferred)))


@lru_cache(maxsize=2048)
def _preferences(
    declared: tuple[object, ...], preferred: tuple[str, ...]
) -> tuple[tuple[str, int, bool], ...]:
    entries: dict[str, tuple[bool, bool, bool]] = {}
    for decl in declared:
        version = str(decl.version)  # type: ignore[attr-defined]
        entries[version] = (
            bool(decl.deprecated),  # type: ignore[attr-defined]
            bool(decl.preferred),  # type: ignore[attr-defined]
            bool(decl.is_vcs) or Version(version).segments[0] in _BRANCHES,  # type: ignore[attr-defined]
        )
    ranked = sorted(entries, key=Version, reverse=True)
    ordered: list[str] = []
    for text in preferred:
        constraint = parse_version_constraint(text)
        ordered += [v for v in ranked if v not in ordered and constraint.contains(Version(v))]
    ordered += [v for v in ranked if v not in ordered and entries[v][1] and not entries[v][0]]
    ordered += [v for v in ranked if v not in ordered and not entries[v][0] and not entries[v][2]]
    ordered += [v for v in ranked if v not in ordered and not entries[v][0]]
    ordered += [v for v in ranked if v not in ordered]
    return tuple((v, weight, entries[v][0]) for weight, v in enumerate(ordered))


_BRANCHES = frozenset({"develop", "main", "master", "head", "trunk", "stable"})
