"""Microarchitecture targets: a thin typed view of archspec's tree.

archspec's JSON is the one source of truth (never copied here). This module reads
it once into frozen :class:`Target` values and answers the questions the solver
and the CLI ask: which family, which ancestors, does a binary for A run on B,
which targets fall in a range like ``x86_64_v3:zen4``.

"A is an ancestor of B" means every instruction A may use, B has: a binary built
for A runs on B. Orders used throughout: ``ancestors`` is nearest first; lists of
targets (``known_targets``, ``targets_in_range``) are generic first, each target
after all of its ancestors.

archspec is imported on first use, not at import time, to keep ``--help`` fast.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rpm_spec.platform.errors import TargetRangeError, UnknownTargetError
from rpm_spec.util.suggest import did_you_mean

if TYPE_CHECKING:
    from collections.abc import Mapping


@dataclass(frozen=True, slots=True)
class Target:
    """One microarchitecture as archspec describes it.

    ``family`` is the root of its tree (``x86_64``, ``aarch64``); ``generic`` the
    most specific vendor-neutral ancestor (``x86_64_v3`` for zen3, itself for a
    generic target); ``ancestors`` nearest first; ``depth`` the number of ancestors.
    """

    name: str
    family: str
    vendor: str
    generic: str
    ancestors: tuple[str, ...]

    @property
    def depth(self) -> int:
        return len(self.ancestors)

    @property
    def is_generic(self) -> bool:
        return self.vendor == "generic"


def microarchitecture(name: str) -> Any:
    """archspec's own object for ``name`` (for flags.py); raises UnknownTargetError."""
    get_target(name)
    return _archspec_targets()[name]


def _archspec_targets() -> Any:
    import archspec.cpu  # lazy: startup

    return archspec.cpu.TARGETS


@functools.cache
def _tree() -> Mapping[str, Target]:
    """Every target archspec knows, read once (archspec's data does not change at runtime)."""
    raw = _archspec_targets()
    depth = {name: len(arch.ancestors) for name, arch in raw.items()}
    tree: dict[str, Target] = {}
    for name, arch in raw.items():
        names = sorted((a.name for a in arch.ancestors), key=lambda n: (-depth[n], n))
        tree[name] = Target(
            name=name,
            family=arch.family.name,
            vendor=arch.vendor,
            generic=arch.generic.name,
            ancestors=tuple(names),
        )
    return tree


def _ordered(names: list[str]) -> list[str]:
    """Generic first: fewer ancestors first, then by name, so ancestors precede descendants."""
    tree = _tree()
    return sorted(names, key=lambda n: (tree[n].depth, n))


def is_known(name: str) -> bool:
    """Whether archspec knows ``name``."""
    return name in _tree()


def get_target(name: str) -> Target:
    """The target called ``name``; UnknownTargetError (with did-you-mean) when unknown."""
    tree = _tree()
    try:
        return tree[name]
    except KeyError:
        raise UnknownTargetError(name, hint=did_you_mean(name, tree)) from None


@functools.cache
def _families() -> Mapping[str, tuple[str, ...]]:
    tree = _tree()
    grouped: dict[str, list[str]] = {}
    for target in tree.values():
        grouped.setdefault(target.family, []).append(target.name)
    return {family: tuple(_ordered(grouped[family])) for family in sorted(grouped)}


def known_targets() -> dict[str, list[str]]:
    """Every known target by family (families sorted by name, targets generic first)."""
    return {family: list(names) for family, names in _families().items()}


def family(name: str) -> str:
    """The family (root of the tree) of ``name``: ``zen3`` → ``x86_64``."""
    return get_target(name).family


def ancestors(name: str) -> tuple[str, ...]:
    """Every target a ``name`` machine can also run binaries for, nearest first."""
    return get_target(name).ancestors


def can_run_on(binary_target: str, host_target: str) -> bool:
    """Whether a binary built for ``binary_target`` runs on a ``host_target`` machine.

    True when they are equal or the binary's target is an ancestor of the host's:
    zen3 code runs on zen4, not on skylake (no common descendant chain) and never
    across families.
    """
    get_target(binary_target)
    host = get_target(host_target)
    return binary_target == host_target or binary_target in host.ancestors


def generic_target(name: str) -> str:
    """The most specific vendor-neutral target of the same family: zen3 → x86_64_v3.

    Build-only tools (cmake, ninja, autotools) are built for it so that they also
    run on other machines of the same generation, such as a build host that is not
    the deployment target, while still using the common vector extensions. The
    most specific generic ancestor is archspec's own notion of ``generic``.
    """
    return get_target(name).generic


def targets_in_range(text: str) -> list[str]:
    """The targets a range selects, generic first; inclusive on both ends.

    ``zen2:`` is zen2 and everything that descends from it, ``:zen4`` is zen4 and
    its ancestors, ``x86_64_v3:zen4`` the targets that are both. A bare name
    selects itself. An empty selection (``zen4:zen2``, two families) is ``[]``.
    """
    text = text.strip()
    if ":" not in text:
        return [get_target(text).name] if text else []
    low, _, high = text.partition(":")
    if ":" in high:
        raise TargetRangeError(text, "more than one ':'", hint="write LOW:HIGH, LOW: or :HIGH")
    if not low and not high:
        raise TargetRangeError(text, "no bound on either side", hint="name at least one target")
    tree = _tree()
    for bound in (low, high):
        if bound and bound not in tree:
            hint = did_you_mean(bound, tree)
            raise TargetRangeError(text, f"unknown target '{bound}'", hint=hint)
    chosen = [
        target.name
        for target in tree.values()
        if (not low or low == target.name or low in target.ancestors)
        and (not high or high == target.name or target.name in tree[high].ancestors)
    ]
    return _ordered(chosen)
