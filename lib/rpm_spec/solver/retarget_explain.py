"""Why reference attributes were not kept: one grounded program, many questions.

Each group of changes (see :mod:`rpm_spec.solver.change_groups`) has one forcing: the
constraint that would have kept its reference attribute. All forcings go into ONE
translation as forced conditions whose ``request`` is an external
(``logic/retarget_explain.lp``); the program is grounded once in explain mode, and
each question turns one external on and solves again. The error atoms of that model
name the clash; with none, the ``reference_unkept`` atoms say what keeping the
attribute would have cost instead (a trade-off, named).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rpm_spec.solver.driver import Timers, new_control, solve_control
from rpm_spec.solver.explain import explain
from rpm_spec.solver.program import logic_text
from rpm_spec.solver.setup import translate

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rpm_spec.solver.inputs import Problem, RecipeSource
    from rpm_spec.solver.setup import Translation

#: The origin ``setup/request.py`` gives a forced condition.
_FORCED_WHERE = "lock"


@dataclass(frozen=True)
class Answer:
    """What keeping one attribute runs into."""

    #: Sentences of the clash, most specific first (empty: keeping it is possible).
    reasons: tuple[str, ...]
    #: The model's atoms (error atoms and the context the sentences were made from).
    atoms: tuple[tuple[Any, ...], ...]
    #: (node, key) of each reference attribute the forced model does not keep.
    unkept: frozenset[tuple[str, str]]


class CauseFinder:
    """One explain-mode Control over the problem plus every forcing, each switchable."""

    def __init__(
        self,
        problem: Problem,
        recipes: RecipeSource,
        forcings: Sequence[tuple[str, str]],
        timers: Timers | None = None,
    ) -> None:
        import clingo  # lazy: startup

        self.timers = timers or Timers()
        with self.timers.phase("explain setup"):
            forced = dataclasses.replace(problem, forced=tuple(forcings))
            self.translation: Translation = translate(forced, recipes)
        ids = sorted(
            cid
            for cid, origin in self.translation.origins.items()
            if origin.where == _FORCED_WHERE and origin.text.startswith("keeping ")
        )
        assert len(ids) == len(forcings), "one forced condition per forcing"
        facts = self.translation.facts
        for cid in ids:
            facts.discard("request", cid)
            facts.add("forced_candidate", cid)
        self._externals = [clingo.Function("forced_choice", [clingo.Number(c)]) for c in ids]
        self._control = new_control(
            facts, explain=True, timers=self.timers, extra=[logic_text("retarget_explain.lp")]
        )
        self.timeout_s = problem.timeout_s

    def ask(self, index: int) -> Answer:
        """Solve with forcing ``index`` on (and every other off)."""
        external = self._externals[index]
        self._control.assign_external(external, True)
        try:
            return self._solve()
        finally:
            self._control.assign_external(external, False)

    def _solve(self) -> Answer:
        found = solve_control(self._control, timers=self.timers, timeout_s=self.timeout_s)
        atoms = found.atoms
        reasons = explain(atoms, self.translation) if found.satisfiable else []
        unkept = frozenset(
            (str(a[1]), _key_text(a[2])) for a in atoms if a[0] == "reference_unkept"
        )
        return Answer(tuple(reasons), tuple(atoms), unkept)


def _key_text(key: Any) -> str:
    """``version("1.2")`` → ``version 1.2``: a reference_unkept key in plain words."""
    if isinstance(key, tuple):
        return " ".join(str(part) for part in key)
    return str(key)
