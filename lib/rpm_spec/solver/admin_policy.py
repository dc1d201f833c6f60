"""Checking a concrete DAG against the site admin's policy, before anything is fetched.

A lock made by someone else (a colleague, another site, a registry's published version)
was solved under their policy, not ours: installing or publishing it first checks every
node against every rule here, in Python, without solving. The solve itself never needs
this: ``logic/policy.lp`` keeps a new DAG within policy.

``check_policy(policy, dag, *, namespace=None, recipes=None, where="the lock")`` is the
entry point (the registry calls it at publish and install); ``dag`` a ConcreteDag, a lock
section or a whole lock (every section); ``policy`` is an
:class:`~rpm_spec.config.policy.AdminPolicy` (``Session.admin_policy``) or a
Configuration to read it from; ``namespace`` a registry namespace directory whose
``policy.yaml`` tightens it; ``recipes`` lets license rules be checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from rpm_spec.config.configuration import Configuration
from rpm_spec.config.policy import admin_policy, namespace_policy
from rpm_spec.platform.targets import targets_in_range
from rpm_spec.repo.metadata import parsed
from rpm_spec.solver.errors import PolicyError
from rpm_spec.solver.setup.admin_policy import license_denied
from rpm_spec.spec.concrete import ConcreteDag

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping
    from pathlib import Path

    from rpm_spec.config.policy import AdminPolicy, PolicyRequirement
    from rpm_spec.solver.inputs import RecipeSource
    from rpm_spec.spec import AbstractSpec
    from rpm_spec.spec.concrete import ConcreteSpec


class LockSection(Protocol):
    """One platform's section of a lock (``environment.lockfile.PlatformSection``)."""

    @property
    def dag(self) -> ConcreteDag: ...


class Lock(Protocol):
    """A lock with one section per platform (``environment.lockfile.Lockfile``)."""

    @property
    def platforms(self) -> Mapping[str, LockSection]: ...


def check_policy(
    policy: AdminPolicy | Configuration,
    dag: ConcreteDag | LockSection | Lock,
    *,
    namespace: Path | None = None,
    recipes: RecipeSource | None = None,
    where: str = "the lock",
) -> None:
    """Raise :class:`PolicyError` naming each node that breaks a rule, the rule and its
    ``policy.yaml:LINE``; return quietly when every DAG of ``dag`` is within policy.

    ``dag`` is a ConcreteDag, a lock section, or a whole lock (every section is checked);
    ``where`` names it in the message (``env publish chem/md``).
    """
    if isinstance(policy, Configuration):
        policy = admin_policy(policy, namespace)
    elif namespace is not None:
        policy = policy.tightened(namespace_policy(namespace))
    found: list[tuple[str, str]] = []
    for label, each in _dags(dag):
        found += [
            (f"{label}{sentence}", rule) for sentence, rule in violations(policy, each, recipes)
        ]
    if found:
        raise PolicyError(
            where, [sentence for sentence, _ in found], sorted({rule for _, rule in found})
        )


def _dags(dag: ConcreteDag | LockSection | Lock) -> list[tuple[str, ConcreteDag]]:
    """(label, DAG) of each section (a label only where a lock has several)."""
    if isinstance(dag, ConcreteDag):
        return [("", dag)]
    platforms = getattr(dag, "platforms", None)
    if platforms is None:
        return [("", dag.dag)]  # type: ignore[union-attr]
    several = len(platforms) > 1
    return [(f"[{key}] " if several else "", section.dag) for key, section in platforms.items()]


def violations(
    policy: AdminPolicy, dag: ConcreteDag, recipes: RecipeSource | None = None
) -> Iterator[tuple[str, str]]:
    """(sentence, rule) for each broken rule, node by node."""
    nodes = sorted(dag.nodes.values(), key=lambda node: node.name)
    for rule in policy.deny:
        spec = parsed(rule.text)
        for node in _providers(dag, spec.name) if spec.name else []:
            if _virtual_matches(spec):
                yield (
                    f"{node.format(arch=False)} provides {spec.name}, denied by {rule}",
                    str(rule),
                )
        for node in nodes:
            if spec.name in (None, node.name) and dag.satisfies(node.hash, _named(spec, node)):
                yield f"{node.format(arch=False)} is denied by {rule}", str(rule)
    for requirement in policy.require:
        yield from _requirement(dag, nodes, requirement)
    for allowed in policy.targets:
        inside = {target for text in allowed.items for target in targets_in_range(text)}
        for node in nodes:
            if node.target not in inside:
                text = f"policy {allowed.key}: {', '.join(allowed.items)} ({allowed.where})"
                yield f"{node.name} target={node.target} is outside {text}", text
    denied = policy.denied_licenses()
    if denied and recipes is not None:
        for node in nodes:
            yield from _licenses(node, denied, recipes)


def _named(spec: AbstractSpec, node: ConcreteSpec) -> AbstractSpec:
    copy = spec.copy()
    copy.name = node.name
    return copy


def _providers(dag: ConcreteDag, virtual: str) -> list[ConcreteSpec]:
    """The nodes that provide ``virtual`` to some dependent in ``dag``."""
    hashes = {d.hash for n in dag.nodes.values() for d in n.dependencies if virtual in d.virtuals}
    return [dag.nodes[h] for h in sorted(hashes)]


def _virtual_matches(spec: AbstractSpec) -> bool:
    """A deny of a whole virtual (``mpi``); one with constraints (``mpi@:2``) needs the
    provider's recipe, which the solver checks, not this."""
    return spec.versions.is_any and not spec.variants


def _requirement(
    dag: ConcreteDag, nodes: list[ConcreteSpec], rule: PolicyRequirement
) -> Iterator[tuple[str, str]]:
    providers = _providers(dag, rule.package)
    if providers:  # a requirement on a virtual: its members name providers
        for node in providers:
            if not any(_member_holds(dag, node, parsed(text)) for text in rule.specs):
                yield f"{node.format(arch=False)} as {rule.package} breaks {rule}", str(rule)
        return
    for node in nodes:
        if rule.package not in ("all", node.name):
            continue
        specs = [parsed(text) for text in rule.specs]
        if rule.package == "all":
            specs = [s for s in specs if all(v in node.variants for v in s.variants)]
        if not specs:
            continue
        when = parsed(rule.when) if rule.when else None
        if when is not None and not dag.satisfies(node.hash, _named(when, node)):
            continue
        met = sum(_member_holds(dag, node, spec) for spec in specs)
        if met == 0 or (rule.policy == "one_of" and met > 1):
            yield f"{node.format(arch=False)} breaks {rule}", str(rule)


def _member_holds(dag: ConcreteDag, node: ConcreteSpec, spec: AbstractSpec) -> bool:
    if spec.name not in (None, node.name):
        return False
    spec = _named(spec, node)
    if node.is_external and spec.compiler is not None:
        spec.compiler = None  # an external was not compiled here
    return dag.satisfies(node.hash, spec)


def _licenses(
    node: ConcreteSpec, denied: Mapping[str, object], recipes: RecipeSource
) -> Iterator[tuple[str, str]]:
    if not recipes.exists(node.name):
        return
    for declaration in recipes.get(node.name).licenses:
        if declaration.when and not node.satisfies(_named(parsed(declaration.when), node)):
            continue
        for word in license_denied(declaration.license, denied):
            rule = str(denied[word])
            yield (
                f"{node.format(arch=False)} is distributed under '{declaration.license}', "
                f"denied by {rule}",
                rule,
            )
