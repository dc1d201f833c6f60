"""Compilers: which the solver may assign, in which order, and what each can build for.

Compilers are ranked by packages.yaml ``all: compiler:`` order, then name, then
newest version first; a package's own ``compiler:`` order overrides that for its
nodes. When no configured compiler is for the candidates' target family (cross
concretizing), the host's are assumed to exist there too, and a note says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from rpm_spec.platform.flags import compiler_supports_target
from rpm_spec.spec import Version, parse_version_constraint

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from rpm_spec.solver.facts import FactBuilder
    from rpm_spec.solver.inputs import CompilerEntry, Preferences
    from rpm_spec.solver.setup.targets import TargetCandidates


@dataclass
class Compilers:
    """The compilers given to the solver by id, and what had to be assumed."""

    by_id: dict[int, CompilerEntry] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def declare_compilers(
    facts: FactBuilder,
    configured: Sequence[CompilerEntry],
    preferences: Preferences,
    packages: Iterable[str],
    targets: TargetCandidates,
    asked: Mapping[str, set[str]],
) -> Compilers:
    """The ``compiler*`` facts; ``asked`` holds the version ranges asked of each compiler
    name (``%gcc@12:``), ``packages`` the packages whose ``compiler:`` order counts."""
    found = Compilers()
    usable = [c for c in configured if c.family in (None, targets.family)]
    if not usable and configured:
        # Cross-concretizing for a family no compiler is configured for: assume the
        # host's compilers exist there too, and say so.
        usable = [replace(c, os=None, family=targets.family, assumed=True) for c in configured]
        names = ", ".join(sorted({str(c) for c in usable}))
        found.notes.append(
            f"no compiler is configured for {targets.family}; assuming {names} exist there"
        )
    preferred = preferences.all.compilers
    ranked = sorted(
        usable,
        key=lambda c: (
            _rank(preferred, c),
            c.name,
            [-part for part in _numeric_key(c.version)],
        ),
    )
    per_package = {
        name: preferences.of(name).compilers for name in packages if preferences.of(name).compilers
    }
    for weight, compiler in enumerate(ranked):
        cid = facts.new_id()
        for package, order in per_package.items():
            rank = _rank(order, compiler)
            facts.add("package_compiler_weight", package, cid, rank * 100 + weight)
        found.by_id[cid] = compiler
        facts.add("compiler", cid)
        facts.add("compiler_name", cid, compiler.name)
        facts.add("compiler_version", cid, compiler.version)
        facts.add("compiler_weight", cid, weight)
        if compiler.os:
            facts.add("compiler_os", cid, compiler.os)
        for target in targets.ranked:
            if compiler_supports_target(target, compiler.name, compiler.version):
                facts.add("compiler_supports_target", cid, target)
        compiler_version = Version(compiler.version)
        for text in sorted(asked.get(compiler.name, ())):
            if parse_version_constraint(text).contains(compiler_version):
                facts.add("compiler_satisfies", cid, compiler.name, text)
    return found


def _rank(order: Sequence[str], compiler: CompilerEntry) -> int:
    """The index of the first entry of a packages.yaml ``compiler:`` list that
    ``compiler`` matches (``gcc``, ``gcc@12.2.0``, ``clang@12:``); past the end if none."""
    for index, entry in enumerate(order):
        name, _, versions = entry.partition("@")
        if name == compiler.name and (
            not versions or parse_version_constraint(versions).contains(Version(compiler.version))
        ):
            return index
    return len(order)


def _numeric_key(version: str) -> list[int]:
    return [int(part) for part in version.split(".") if part.isdigit()]
