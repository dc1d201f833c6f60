"""The solver's entry point: abstract request → concrete DAG, or the reasons why not."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rpm_spec.solver.driver import Timers, run_clingo
from rpm_spec.solver.errors import UnsatisfiableError
from rpm_spec.solver.explain import explain
from rpm_spec.solver.model import build_dag
from rpm_spec.solver.setup import translate
from rpm_spec.solver.validate import validate

if TYPE_CHECKING:
    from rpm_spec.solver.inputs import Problem, RecipeSource
    from rpm_spec.spec.concrete import ConcreteDag


@dataclass
class Concretization:
    """A solved DAG, the DAG's target, what the solver had to assume, and how long each
    phase took."""

    dag: ConcreteDag
    notes: list[str] = field(default_factory=list)
    timers: Timers = field(default_factory=Timers)
    cost: list[int] = field(default_factory=list)
    #: The target the DAG was solved for (a reused node may have an older one).
    target: str = ""


def concretize(problem: Problem, recipes: RecipeSource) -> Concretization:
    """Solve ``problem``; raise UnsatisfiableError naming the clash when it has no DAG."""
    timers = Timers()
    with timers.phase("validate"):
        validate(problem, recipes)
    with timers.phase("setup"):
        translation = translate(problem, recipes)
    limit, logic = problem.timeout_s, translation.logic
    answer = run_clingo(
        translation.facts, explain=False, timers=timers, timeout_s=limit, logic=logic
    )
    if not answer.satisfiable:
        answer = run_clingo(
            translation.facts, explain=True, timers=timers, timeout_s=limit, logic=logic
        )
        reasons = explain(answer.atoms, translation) if answer.satisfiable else []
        request = problem.request_text or " ".join(str(r) for r in problem.roots)
        raise UnsatisfiableError(
            request, reasons or ["the constraints cannot all hold (no explanation found)"]
        )
    with timers.phase("build DAG"):
        order = [root.name for root in problem.roots if root.name]
        dag = build_dag(answer.atoms, translation, order)
    target = next((str(a[1]) for a in answer.atoms if a[0] == "main_target"), "")
    return Concretization(dag, translation.notes, timers, answer.cost, target)
