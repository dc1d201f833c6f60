"""Re-solving a reference DAG for another platform, as close to it as possible.

The reference goes into the solve as soft goals (``logic/reference.lp``) at a
priority above variant defaults and version age. The differences between the
reference and the new DAG are grouped by the cause they must share
(:mod:`rpm_spec.solver.change_groups`: a compiler missing at the new site is one
group however many nodes it changes), and each group's *why* comes from one
grounded program asked once per group (:mod:`rpm_spec.solver.retarget_explain`):
the clash the solver reports when the attribute is kept is the reason, in the same
words as any unsatisfiable request. Never one full re-solve per change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rpm_spec.solver.change_causes import (
    cause_of,
    evident_cause,
    short_paths,
    trade_off,
    unkept_attributes,
)
from rpm_spec.solver.change_groups import Cause, ChangeGroup, group_changes, headline
from rpm_spec.solver.concretize import Concretization, concretize
from rpm_spec.solver.driver import Timers
from rpm_spec.solver.retarget_explain import CauseFinder
from rpm_spec.spec.dag_diff import diff_dags

if TYPE_CHECKING:
    from rpm_spec.repo.metadata import RecipeMetadata
    from rpm_spec.solver.inputs import Problem, RecipeSource
    from rpm_spec.spec.concrete import ConcreteDag
    from rpm_spec.spec.dag_diff import Change


@dataclass
class ExplainedChange:
    """A change and the constraints that forced it (those of its group)."""

    change: Change
    reasons: list[str] = field(default_factory=list)
    cause: Cause | None = None


@dataclass
class Retargeting:
    """The new DAG, every change from the reference, and the changes grouped by cause."""

    result: Concretization
    changes: list[ExplainedChange]
    groups: list[ChangeGroup] = field(default_factory=list)
    headline: str = ""
    timers: Timers = field(default_factory=Timers)


def retarget(problem: Problem, recipes: RecipeSource, *, explain: bool = True) -> Retargeting:
    """Solve ``problem`` close to ``problem.reference``; explain what had to change."""
    assert problem.reference is not None
    result = concretize(problem, recipes)
    changes = diff_dags(problem.reference, result.dag)
    groups = group_changes(problem.reference, result.dag, changes)
    timers = Timers()
    if explain and groups:
        _explain_groups(problem, recipes, result.dag, groups, timers)
    explained = []
    for group in groups:
        reasons = [group.cause.text, *group.cause.details] if group.cause else []
        explained += [ExplainedChange(c, reasons, group.cause) for c in group.changes]
    order = {id(c): i for i, c in enumerate(changes)}
    explained.sort(key=lambda item: order[id(item.change)])
    summary = headline(len(result.dag.nodes), changes)
    return Retargeting(result, explained, groups, summary, timers)


def _explain_groups(
    problem: Problem,
    recipes: RecipeSource,
    result: ConcreteDag,
    groups: list[ChangeGroup],
    timers: Timers,
) -> None:
    """Give every group its cause: what the config says outright first (a compiler the
    site does not have), then one grounded program asked once per remaining group (a
    group's second forcing only when its first names no clash)."""
    for group in groups:
        group.cause = evident_cause(group, problem, recipes, result)
    asking = [group for group in groups if group.cause is None and group.forcings]
    forcings = [f for group in asking for f in group.forcings]
    finder = CauseFinder(problem, recipes, forcings, timers) if forcings else None
    index = 0
    chosen: set[tuple[str, str]] | None = None
    for group in asking:
        assert finder is not None and problem.reference is not None
        trade_offs: list[str] = []
        for offset, forcing in enumerate(group.forcings):
            if group.cause is not None:
                break
            answer = finder.ask(index + offset)
            group.cause = cause_of(group, answer, finder.translation, problem)
            if group.cause is None:
                if chosen is None:
                    every = [change for each in groups for change in each.changes]
                    chosen = unkept_attributes(problem.reference, every)
                trade_offs.append(trade_off(forcing[1] or forcing[0], answer.unkept, chosen))
        index += len(group.forcings)
        if group.cause is None:
            group.cause = _without_solving(group, problem, recipes, result, trade_offs)
        elif trade_offs:
            cause = group.cause
            group.cause = Cause(cause.text, cause.file, cause.line, (*trade_offs, *cause.details))
    for group in groups:
        if group.cause is None:
            group.cause = _without_solving(group, problem, recipes, result, [])


def _without_solving(
    group: ChangeGroup,
    problem: Problem,
    recipes: RecipeSource,
    result: ConcreteDag,
    trade_offs: list[str],
) -> Cause:
    """Causes the recipes and config say outright: a variant that only exists on the new
    target, a node that is an external now, or the trade-off the solver made."""
    lead = group.lead
    if lead.kind == "variant" and lead.before.endswith("(absent)"):
        meta = _recipe(recipes, lead.node)
        decls = [v for v in meta.variants if v.name == lead.detail] if meta else []
        if meta is not None and decls:
            decl = decls[0]
            file = short_paths(str(decl.origin or meta.path))
            when = f" only when '{decl.when}'" if decl.when else ""
            default = ",".join(decl.default)
            text = f"variant '{decl.name}' exists{when} and defaults to {default}"
            return Cause(text, file, decl.line)
    if lead.kind == "compiler" and lead.after == "None":
        externals = problem.preferences.of(lead.node).externals
        if externals:
            file, _, line = short_paths(externals[0].origin).rpartition(":")
            text = f"{lead.node} is the external {externals[0].spec} here (not built)"
            return Cause(text, file, int(line) if line.isdigit() else None)
    if trade_offs:
        return Cause(trade_offs[0], details=tuple(trade_offs[1:]))
    dag = problem.reference if lead.kind == "removed" else result
    parents = sorted(
        node.name
        for node in (dag.nodes.values() if dag is not None else ())
        if any(dep.name == lead.node for dep in node.dependencies)
    )
    if lead.kind == "added":
        return Cause(f"{lead.node} is a new dependency of {', '.join(parents) or 'a root'}")
    return Cause(f"{lead.node} is no longer a dependency of {', '.join(parents) or 'a root'}")


def _recipe(recipes: RecipeSource, name: str) -> RecipeMetadata | None:
    return recipes.get(name) if recipes.exists(name) else None
