"""CPU features of microarchitectures, from archspec's data: what a build needs.

Used to refuse a build the host cannot run with the features it lacks named (never a
SIGILL), and to write the feature test a generated module runs at load time. The
features and their aliases are archspec's (``microarchitectures.json``), never copied.
"""

from __future__ import annotations

import functools
from typing import Any

from rpm_spec.platform.targets import _archspec_targets, _tree, get_target


def target_features(name: str) -> frozenset[str]:
    """Every CPU feature a ``name`` build may use (archspec lists them cumulatively)."""
    get_target(name)
    return frozenset(_archspec_targets()[name].features)


def missing_features(build_target: str, host_target: str) -> list[str]:
    """The features a ``build_target`` build uses that a ``host_target`` CPU lacks, sorted."""
    return sorted(target_features(build_target) - target_features(host_target))


def hosts_that_run(build_target: str) -> tuple[str, ...]:
    """Every target whose CPUs run a ``build_target`` build: itself and its descendants."""
    get_target(build_target)
    return tuple(
        sorted(
            name
            for name, target in _tree().items()
            if name == build_target or build_target in target.ancestors
        )
    )


def feature_requirements(name: str) -> tuple[tuple[str, ...], ...]:
    """What ``/proc/cpuinfo`` must list to run a ``name`` build: one tuple per feature,
    any of whose spellings will do (archspec's ``any_of`` aliases: ``sse3`` is implied by
    ``ssse3``); features archspec implies for the whole family are left out."""
    aliases = _aliases()
    family = get_target(name).family
    found: list[tuple[str, ...]] = []
    for feature in sorted(target_features(name)):
        alias = aliases.get(feature, {})
        if family in alias.get("families", ()):
            continue
        found.append((feature, *alias.get("any_of", ())))
    return tuple(found)


@functools.cache
def _aliases() -> dict[str, Any]:
    import archspec.cpu.schema  # lazy: startup

    return dict(archspec.cpu.schema.TARGETS_JSON["feature_aliases"])
