"""Versions: which a node may take, in which order of preference, and which satisfy what.

The preference order, most preferred first: versions matching packages.yaml
``version:`` entries (in the order listed), then ``preferred=True`` ones, then
released versions newest first, then branch versions (``develop``, ``main``: newest
by number but not what anyone wants by default), and deprecated versions last.

Besides a recipe's own versions, a node may take an exact version that the
request, an external, an installed spec or a reference DAG names; those come last.
The logic program never compares versions: ``version_satisfies`` facts say, for
every constraint text the conditions use, which candidates meet it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from rpm_spec.spec import Version, parse_version_constraint

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from rpm_spec.repo.metadata import RecipeMetadata
    from rpm_spec.solver.facts import FactBuilder
    from rpm_spec.spec import AbstractSpec

#: (package, version) pairs that a node may take beyond its recipe's versions.
ExtraVersions = list[tuple[str, str]]


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


def declare_versions(facts: FactBuilder, meta: RecipeMetadata, preferred: Sequence[str]) -> None:
    """``version_declared``/``version_deprecated`` of a recipe, ``preferred`` (packages.yaml)
    first."""
    for version, weight, deprecated in version_preferences(meta, preferred):
        facts.add("version_declared", meta.name, version, weight)
        if deprecated:
            facts.add("version_deprecated", meta.name, version)


def exact_versions(spec: AbstractSpec) -> list[str]:
    """The exact version a spec names (``@=1.2`` or ``@1.2``), if it names one."""
    concrete = spec.versions.concrete
    return [str(concrete)] if concrete is not None else []


def collect_extra(*sources: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """The extra versions of each package, packages in the order they were first named."""
    extra: dict[str, set[str]] = {}
    for pairs in sources:
        for package, version in pairs:
            extra.setdefault(package, set()).add(version)
    return extra


def version_satisfaction(
    facts: FactBuilder,
    recipes: Mapping[str, RecipeMetadata],
    extra: Mapping[str, set[str]],
    constraints: Mapping[str, set[str]],
) -> None:
    """Declare the extra versions (after every recipe version), then ``version_satisfies``
    for each version constraint text the conditions used (``constraints``, by package)."""
    for name, added_versions in extra.items():
        declared = {v for v, _, _ in version_preferences(recipes[name], ())}
        bottom = len(declared) + 100
        for added in sorted(added_versions - declared):
            facts.add("version_declared", name, added, bottom)
    for name, texts in constraints.items():
        if name not in recipes:
            continue
        versions = [Version(v) for v, _, _ in version_preferences(recipes[name], ())]
        versions += [Version(v) for v in sorted(extra.get(name, ()))]
        candidates = [(version, str(version)) for version in versions]
        # Sorted: the same facts in the same order in every process (a set's order
        # follows the string hash seed), so a solve does the same search every time.
        for text in sorted(texts):
            constraint = parse_version_constraint(text)
            for candidate, candidate_text in candidates:
                if constraint.contains(candidate):
                    facts.add("version_satisfies", name, text, candidate_text)
