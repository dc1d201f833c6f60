"""Re-solving a reference DAG for another platform, as close to it as possible.

The reference goes into the solve as soft goals (``logic/reference.lp``) at a
priority above variant defaults and version age. Each difference between the
reference and the new DAG is then explained by solving again with that one
attribute forced: the clash the solver reports (a conflict, a requirement, a
target rule) is the reason, in the same words as any unsatisfiable request.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rpm_spec.solver.concretize import Concretization, concretize
from rpm_spec.solver.errors import UnsatisfiableError
from rpm_spec.spec.dag_diff import Change, diff_dags

if TYPE_CHECKING:
    from rpm_spec.solver.inputs import Problem, RecipeSource


@dataclass
class ExplainedChange:
    """A change and the constraints that forced it."""

    change: Change
    reasons: list[str] = field(default_factory=list)


@dataclass
class Retargeting:
    """The new DAG and every change from the reference, explained."""

    result: Concretization
    changes: list[ExplainedChange]


def _forcing(change: Change) -> tuple[str, str] | None:
    """The (package, constraint) that would have kept the reference's attribute."""
    if change.kind == "version":
        return change.node, f"@={change.before}"
    if change.kind == "variant":
        before = change.before
        if before.endswith("(absent)"):
            return None
        return change.node, before
    if change.kind == "provider":
        return change.detail, change.before
    if change.kind == "compiler":
        return change.node, f"%{change.before.replace('@', '@=', 1)}"
    if change.kind == "removed":
        return change.node, ""
    return None


def retarget(problem: Problem, recipes: RecipeSource, *, explain: bool = True) -> Retargeting:
    """Solve ``problem`` close to ``problem.reference``; explain what had to change."""
    assert problem.reference is not None
    result = concretize(problem, recipes)
    changes = [ExplainedChange(c) for c in diff_dags(problem.reference, result.dag)]
    if explain:
        for item in changes:
            item.reasons = _why(problem, recipes, item.change)
    return Retargeting(result, changes)


def _why(problem: Problem, recipes: RecipeSource, change: Change) -> list[str]:
    forcing = _forcing(change)
    if forcing is None:
        return ["follows from the other changes"]
    forced = dataclasses.replace(problem, forced=(forcing,))
    try:
        concretize(forced, recipes)
    except UnsatisfiableError as error:
        own = f"keeping {forcing[1]}"
        reasons = [r for r in error.reasons if own not in r or len(error.reasons) == 1]
        return reasons or error.reasons
    return ["kept fewer other attributes of the reference when changed (a trade-off)"]
