"""Run clingo on a translation: ground, solve, return the optimal model's atoms.

Facts go in as the text the typed FactBuilder serializes (clingo parses it in C++). A
reporter's ``phase`` hooks time each step, which ``rpm-spec solve --timers`` shows.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rpm_spec.solver.errors import SolverTimeoutError
from rpm_spec.solver.program import OPTIONAL_FILES, program
from rpm_spec.solver.symbols import to_python

if TYPE_CHECKING:
    from collections.abc import Collection, Iterator

    from rpm_spec.solver.facts import FactBuilder


@dataclass
class Timers:
    """Seconds spent per phase, in the order they ran."""

    phases: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.phases[name] = self.phases.get(name, 0.0) + time.perf_counter() - start


@dataclass
class Answer:
    """The optimal model's shown atoms, as plain Python tuples, and its cost vector."""

    satisfiable: bool
    atoms: list[tuple[Any, ...]]
    cost: list[int]


def _quiet(code: Any, message: str) -> None:
    """clingo's informational messages (e.g. empty #show signatures) are not for users."""


def run_clingo(
    facts: FactBuilder,
    *,
    explain: bool,
    timers: Timers,
    timeout_s: float | None = None,
    logic: Collection[str] = OPTIONAL_FILES,
) -> Answer:
    """Ground and solve; in explain mode errors are soft and minimized. ``logic`` names
    the optional program files the facts need (``program.OPTIONAL_FILES``). A search
    that has not proved its answer optimal after ``timeout_s`` raises SolverTimeoutError."""
    import clingo  # lazy: startup

    control = clingo.Control(
        ["--opt-strategy=usc,one", "--configuration=tweety", "-t", "1"], logger=_quiet
    )
    with timers.phase("load"):
        control.add("base", [], "\n".join(t for _, t in program(explain=explain, optional=logic)))
    with timers.phase("facts"):
        # The typed builder serializes its terms (strings escaped there, once); clingo's
        # own parser takes the text far faster than one backend call per fact via cffi.
        control.add("base", [], facts.text())
    with timers.phase("ground"):
        control.ground([("base", [])])
    best: list[Any] = []
    cost: list[int] = []

    def on_model(model: Any) -> None:
        nonlocal best, cost
        best = model.symbols(shown=True)
        cost = list(model.cost)

    with timers.phase("solve"):
        if timeout_s is None:
            result = control.solve(on_model=on_model)
        else:
            with control.solve(on_model=on_model, async_=True) as handle:
                if not handle.wait(timeout_s):
                    handle.cancel()
                    raise SolverTimeoutError(timeout_s)
                result = handle.get()
    return Answer(bool(result.satisfiable), [to_python(s) for s in best], cost)
