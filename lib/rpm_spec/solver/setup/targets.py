"""Candidate platforms, operating systems and targets, ranked; the logic program chooses.

Python knows the microarchitectures (archspec): which targets a constraint allows,
which runs where, which are generic. It ranks the candidates: the best target is
the one a root requests (``target=zen3``; any known target, also one the host is not;
a ``^dep target=`` adds candidates but chooses nothing),
else the packages.yaml preference, else the host's; then its ancestors, so that
build-only tools may take the generic one of the same family (``x86_64_v3`` for
zen3) and be shared between stacks. A target range (``target=zen2:``) names the
newest allowed target the host can run. ``logic/targets.lp`` alone chooses each
node's target among the candidates, with these ranks as weights.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from rpm_spec.platform import targets as archs
from rpm_spec.solver.errors import SolverInputError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rpm_spec.solver.facts import FactBuilder
    from rpm_spec.solver.inputs import Problem


@dataclass(frozen=True)
class TargetCandidates:
    """The candidate targets with their weights (0 is best), oses and platforms."""

    family: str
    weights: dict[str, int]
    oses: dict[str, int] = field(default_factory=dict)
    platforms: tuple[str, ...] = ()

    @property
    def ranked(self) -> list[str]:
        """The candidate targets, best first."""
        return list(self.weights)

    def allowed(self, text: str) -> list[str]:
        """The candidates a target constraint text allows."""
        return [t for t in _expand(text) if t in self.weights]


@cache
def _expand(text: str) -> tuple[str, ...]:
    names: list[str] = []
    for item in text.split(","):
        names.extend(archs.targets_in_range(item))
    return tuple(names)


def _requested(problem: Problem) -> tuple[list[str], list[str]]:
    """The target texts the roots name, and those their ``^dependencies`` name."""
    roots = [root.target for root in problem.roots if root.target]
    deps = [
        spec.target
        for root in problem.roots
        for spec in root.traverse()
        if spec is not root and spec.target
    ]
    return roots, deps


def rank_targets(problem: Problem) -> TargetCandidates:
    """The candidate targets, oses and platforms for ``problem``, best first.

    Only a root's ``target=`` chooses the DAG's target; a dependency's applies to
    that node alone (it only adds candidates)."""
    host = problem.host
    roots, deps = _requested(problem)
    requested = roots + deps
    if roots:
        best = _best_of(roots[0], host.target)
    elif problem.preferences.all.targets:
        best = _best_of(problem.preferences.all.targets[0], host.target)
    else:
        best = archs.get_target(host.target).name
    chain = [best, *archs.ancestors(best)]
    for text in requested:
        for name in _expand(text):
            if name not in chain and archs.family(name) == archs.family(best):
                chain.append(name)
    chain.sort(key=lambda n: -archs.get_target(n).depth)
    if best in chain:
        chain.remove(best)
    chain.insert(0, best)
    oses = {host.os: 0}
    platforms = [host.platform]
    for root in problem.roots:
        for spec in root.traverse():
            if spec.os and spec.os not in oses:
                oses[spec.os] = 0
            if spec.platform and spec.platform not in platforms:
                platforms.append(spec.platform)
    return TargetCandidates(
        family=archs.family(best),
        weights={name: weight for weight, name in enumerate(chain)},
        oses=oses,
        platforms=tuple(platforms),
    )


def _best_of(text: str, host_target: str) -> str:
    """The newest target a constraint allows, preferring ones the host can run."""
    names = list(_expand(text))
    if not names:
        raise SolverInputError(f"target={text} selects no known target")
    runnable = [n for n in names if archs.can_run_on(n, host_target)]
    pool = runnable or names
    return max(pool, key=lambda n: (archs.get_target(n).depth, n))


def declare_targets(
    facts: FactBuilder, candidates: TargetCandidates, asked: Iterable[str]
) -> None:
    """The ``target*``, ``os`` and ``platform`` facts; ``asked`` holds the target
    constraint texts the conditions use (``target_satisfies`` is precomputed for them)."""
    for target, weight in candidates.weights.items():
        facts.add("target", target)
        facts.add("target_weight", target, weight)
        if archs.get_target(target).is_generic:
            facts.add("target_generic", target)
    for low in candidates.ranked:
        for high in candidates.ranked:
            if archs.can_run_on(low, high):
                facts.add("target_runs_on", low, high)
    for text in sorted(asked):
        allowed = set(candidates.allowed(text))
        for target in candidates.ranked:
            if target in allowed:
                facts.add("target_satisfies", text, target)
    for os_name, weight in candidates.oses.items():
        facts.add("os", os_name, weight)
    for platform in candidates.platforms:
        facts.add("platform", platform)
