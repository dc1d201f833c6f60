"""Which platforms, operating systems and targets a solve may use, and their weights.

The main target is the one requested (``target=zen3``; any known target, also one
the host is not), else the packages.yaml preference, else the host's. Candidates
are the main target and its ancestors: build-only tools may take the generic one
of the same family (``x86_64_v3`` for zen3) so they can be shared between stacks.
A target range (``target=zen2:``) keeps the candidates the host can run, newest first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from rpm_spec.platform import targets as archs
from rpm_spec.solver.errors import SolverInputError

if TYPE_CHECKING:
    from rpm_spec.solver.inputs import Problem


@dataclass(frozen=True)
class TargetPlan:
    """The candidate targets (best first with their weight), oses and platforms."""

    main: str
    family: str
    weights: dict[str, int]
    oses: dict[str, int] = field(default_factory=dict)
    platforms: tuple[str, ...] = ()

    @property
    def candidates(self) -> list[str]:
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


def _requested(problem: Problem) -> list[str]:
    return [spec.target for root in problem.roots for spec in root.traverse() if spec.target]


def plan_targets(problem: Problem) -> TargetPlan:
    """Decide the candidate targets, oses and platforms for ``problem``."""
    host = problem.host
    requested = _requested(problem)
    if requested:
        main = _best_of(requested[0], host.target)
    elif problem.policy.all.targets:
        main = _best_of(problem.policy.all.targets[0], host.target)
    else:
        main = archs.get_target(host.target).name
    chain = [main, *archs.ancestors(main)]
    for text in requested[1:]:
        for name in _expand(text):
            if name not in chain and archs.family(name) == archs.family(main):
                chain.append(name)
    chain.sort(key=lambda n: -archs.get_target(n).depth)
    if main in chain:
        chain.remove(main)
    chain.insert(0, main)
    oses = {host.os: 0}
    platforms = [host.platform]
    for root in problem.roots:
        for spec in root.traverse():
            if spec.os and spec.os not in oses:
                oses[spec.os] = 0
            if spec.platform and spec.platform not in platforms:
                platforms.append(spec.platform)
    return TargetPlan(
        main=main,
        family=archs.family(main),
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
