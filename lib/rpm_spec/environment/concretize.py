"""Solving an environment into one platform section of its lock.

``concretize`` refreshes the section of one platform (the host's, or the one
``--platform/--os/--target`` name), leaving the others untouched. With a
reference section (``--closest-to``) it retargets: the new section keeps every
version, variant, provider and compiler of the reference the platform allows,
and each change comes with the constraint that forced it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from rpm_spec.environment.errors import EnvironmentError_
from rpm_spec.environment.lock_inputs import solve_inputs
from rpm_spec.environment.lockfile import PlatformSection, retarget_record
from rpm_spec.environment.pinned_recipes import (
    drop_unused,
    pin,
    pinned_entry,
    recipe_entry,
)
from rpm_spec.platform import targets as archs
from rpm_spec.solver.change_groups import headline as headline_of
from rpm_spec.solver.errors import UnsatisfiableError
from rpm_spec.spec import parse_spec
from rpm_spec.spec.concrete import ConcreteDag
from rpm_spec.store.provenance import repo_info

if TYPE_CHECKING:
    from pathlib import Path

    from rpm_spec.config import Configuration
    from rpm_spec.environment.environment import Environment
    from rpm_spec.environment.lockfile import Lockfile
    from rpm_spec.platform import HostInfo
    from rpm_spec.repo.metadata import RecipeMetadata
    from rpm_spec.solver.change_groups import ChangeGroup
    from rpm_spec.solver.concretize import Concretization
    from rpm_spec.solver.retarget import ExplainedChange, Retargeting
    from rpm_spec.spec import AbstractSpec
    from rpm_spec.spec.concrete import ConcreteSpec


class EnvironmentSolver(Protocol):
    """What concretizing an environment needs from the session."""

    def solve(
        self, roots: list[AbstractSpec], host: HostInfo, reference: ConcreteDag | None
    ) -> tuple[Concretization, Retargeting | None]:
        """Concretize ``roots`` together for ``host``; close to ``reference`` if given,
        with the changes from it grouped and explained."""

    def recipe(self, name: str) -> RecipeMetadata:
        """The recipe a node was solved with."""

    def repo_root(self, namespace: str) -> Path:
        """The repository directory of a namespace."""

    @property
    def config(self) -> Configuration:
        """The configuration the solve reads (its digests go into the section)."""


@dataclass
class SectionOutcome:
    """What ``concretize`` did to one section of the lock."""

    section: PlatformSection
    changed: bool
    changes: list[ExplainedChange] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: The changes from the reference grouped by cause, and the headline of the report.
    groups: list[ChangeGroup] = field(default_factory=list)
    headline: str = ""


def section_for_host(lock: Lockfile, host: HostInfo) -> PlatformSection | None:
    """The section this host uses: its own, else the most specific one it can run."""
    exact = lock.platforms.get(f"{host.platform}-{host.os}-{host.target}")
    if exact is not None:
        return exact
    runnable = [
        s
        for s in lock.platforms.values()
        if s.platform == host.platform
        and s.os == host.os
        and archs.is_known(s.target)
        and archs.can_run_on(s.target, host.target)
    ]
    runnable.sort(key=lambda s: -archs.get_target(s.target).depth)
    return runnable[0] if runnable else None


def concretize_environment(
    env: Environment,
    solver: EnvironmentSolver,
    host: HostInfo,
    *,
    closest_to: str | None = None,
    force: bool = False,
    explicit_target: bool = False,
    target_named: bool = False,
    site: dict[str, Any] | None = None,
) -> SectionOutcome:
    """Solve the manifest's roots for ``host`` into the lock (not written here).

    ``target_named``: ``host.target`` was asked for (``--target``); a root that pins
    another target is then an error, not silently solved for its own target. ``site``:
    the site description (``--site``) ``solver`` reads, recorded in the section."""
    current = (
        env.lock.platforms.get(f"{host.platform}-{host.os}-{host.target}")
        if explicit_target
        else section_for_host(env.lock, host)
    )
    if current is not None and env.is_current(current) and not force and closest_to is None:
        return SectionOutcome(current, changed=False)
    texts = list(env.manifest.specs)
    if not texts:
        raise EnvironmentError_(f"{env.label} has no specs", hint="add some with 'rpm-spec add'")
    reference = None
    first: list[str] = []
    reference_key = ""
    if closest_to is not None:
        found = env.lock.section(closest_to)
        if found is None:
            found = _solve_reference(env, solver, host, closest_to)
            first.append(f"the lock had no section '{closest_to}': solved {found.key} first")
        reference = found.dag
        reference_key = found.key
    roots = [parse_spec(text) for text in texts]
    if target_named:
        _check_roots_allow(env, roots, host.target)
    result, reports, notes = _solve(env, solver, roots, host, reference)
    changes = [item for report in reports for item in report.changes]
    groups = [group for report in reports for group in report.groups]
    headline = headline_of(len(result.dag.nodes), [c.change for c in changes]) if reports else ""
    hashes = _root_hashes(result.dag, roots)
    section = PlatformSection(
        platform=host.platform,
        os=host.os,
        target=result.target or host.target,
        roots=list(zip(texts, hashes, strict=True)),
        dag=result.dag,
        notes=notes,
        inputs=solve_inputs(env.manifest, solver.config),
        retarget=retarget_record(reference_key, headline, groups) if reference_key else {},
        site=dict(site or {}),
    )
    env.lock.platforms[section.key] = section
    _pin_recipes(env.lock, section.dag, solver)
    return SectionOutcome(
        section,
        changed=True,
        changes=changes,
        notes=[*first, *notes],
        groups=groups,
        headline=headline,
    )


def _solve_reference(
    env: Environment, solver: EnvironmentSolver, host: HostInfo, name: str
) -> PlatformSection:
    """The section ``--closest-to NAME`` names, solved now because the lock lacks it.

    NAME is a target (solved for the host's platform and OS) or ``platform-os-target``;
    anything else is an error listing the sections there are.
    """
    platform, os_name, target = host.platform, host.os, name
    if name.count("-") >= 2:
        platform, rest = name.split("-", 1)
        os_name, target = rest.rsplit("-", 1)
    if not archs.is_known(target):
        have = ", ".join(sorted(env.lock.platforms)) or "none"
        raise EnvironmentError_(
            f"the lock of {env.label} has no section '{name}' (sections: {have})",
            hint=f"'{target}' is not a known target either",
        )
    try:
        reference_host = dataclasses.replace(host, platform=platform, os=os_name, target=target)
    except ValueError as error:
        raise EnvironmentError_(f"--closest-to {name}: {error}") from None
    return concretize_environment(
        env, solver, reference_host, explicit_target=True, target_named=True
    ).section


def _check_roots_allow(env: Environment, roots: list[AbstractSpec], target: str) -> None:
    """Raise if a root pins a target other than ``target``."""
    for root in roots:
        allowed = [
            t for text in (root.target or "").split(",") for t in archs.targets_in_range(text)
        ]
        if root.target and target not in allowed:
            raise EnvironmentError_(
                f"the root '{root}' of {env.label} pins target={root.target}, "
                f"so it cannot be solved for target {target}",
                hint="drop --target, or change that root's target= in the manifest",
            )


def _solve(
    env: Environment,
    solver: EnvironmentSolver,
    roots: list[AbstractSpec],
    host: HostInfo,
    reference: ConcreteDag | None,
) -> tuple[Concretization, list[Retargeting], list[str]]:
    unify = env.manifest.unify
    if unify is True or unify == "when_possible":
        try:
            result, report = solver.solve(roots, host, reference)
            return result, [report] if report else [], list(result.notes)
        except UnsatisfiableError:
            if unify is True:
                raise
    # unify: false (or a unified solve was impossible): each root on its own, one DAG.
    nodes: dict[str, ConcreteSpec] = {}
    root_hashes: list[str] = []
    reports: list[Retargeting] = []
    notes: list[str] = []
    last: Concretization | None = None
    target = ""
    for root in roots:
        last, report = solver.solve([root], host, reference)
        target = target or last.target
        nodes.update(last.dag.nodes)
        root_hashes.extend(last.dag.roots)
        reports += [report] if report else []
        notes.extend(n for n in last.notes if n not in notes)
    assert last is not None
    merged = ConcreteDag(tuple(root_hashes), nodes)
    return dataclasses.replace(last, dag=merged, target=target), reports, notes


def _root_hashes(dag: ConcreteDag, roots: list[AbstractSpec]) -> list[str]:
    """Each root's node: the DAG's roots are in request order (one per root when each
    root was solved on its own, so two roots of one package keep their own nodes)."""
    positional = len(dag.roots) == len(roots)
    hashes = []
    for index, root in enumerate(roots):
        if positional and dag.nodes[dag.roots[index]].name == root.name:
            hashes.append(dag.roots[index])
            continue
        match = [h for h in dag.roots if dag.nodes[h].name == root.name]
        if not match:
            raise EnvironmentError_(f"the solution has no node for the root {root}")
        hashes.append(match[0])
    return hashes


def _pin_recipes(lock: Lockfile, dag: ConcreteDag, solver: EnvironmentSolver) -> None:
    """Store each node's recipe (sources and hash) and each repository's commit."""
    for node in dag.nodes.values():
        wanted = node.content.recipe_hash
        if node.is_external or pinned_entry(lock, node.namespace, node.name, wanted):
            continue
        meta = solver.recipe(node.name)
        if meta.recipe_hash != wanted:
            continue  # a reused install from an older recipe: its prefix keeps that recipe
        pin(lock, node.namespace, node.name, recipe_entry(meta))
        if node.namespace not in lock.repos:
            info = repo_info(solver.repo_root(node.namespace), node.namespace)
            lock.repos[node.namespace] = {k: str(v) for k, v in info.items()}
    drop_unused(lock)
