"""Run clingo on a translation: ground, solve, return the optimal model's atoms.

Facts go in through clingo's backend as symbols (no text is parsed for them). A
reporter's ``phase`` hooks time each step, which ``rpm-spec solve --timers`` shows.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rpm_spec.solver.program import program

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rpm_spec.solver.facts import Arg, FactBuilder


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


class _Symbols:
    """Builds clingo symbols, making each distinct string or number only once."""

    def __init__(self) -> None:
        import clingo  # lazy: startup

        self._clingo = clingo
        self._cache: dict[str | int, Any] = {}

    def __call__(self, arg: Arg) -> Any:
        if isinstance(arg, (str, int)):
            found = self._cache.get(arg)
            if found is None:
                if isinstance(arg, str):
                    found = self._clingo.String(arg)
                else:
                    found = self._clingo.Number(arg)
                self._cache[arg] = found
            return found
        return self._clingo.Function(arg.name, [self(a) for a in arg.args])


def _python(symbol: Any) -> Any:
    import clingo  # lazy: startup

    kind = symbol.type
    if kind == clingo.SymbolType.String:
        return symbol.string
    if kind == clingo.SymbolType.Number:
        return symbol.number
    if symbol.name == "":
        return tuple(_python(a) for a in symbol.arguments)
    return (symbol.name, *(_python(a) for a in symbol.arguments))


def _quiet(code: Any, message: str) -> None:
    """clingo's informational messages (e.g. empty #show signatures) are not for users."""


def run_clingo(facts: FactBuilder, *, explain: bool, timers: Timers) -> Answer:
    """Ground and solve; in explain mode errors are soft and minimized."""
    import clingo  # lazy: startup

    control = clingo.Control(
        ["--opt-strategy=usc,one", "--configuration=tweety", "-t", "1"], logger=_quiet
    )
    with timers.phase("load"):
        for _name, text in program(explain=explain):
            control.add("base", [], text)
    symbol = _Symbols()
    function = clingo.Function
    with timers.phase("facts"), control.backend() as backend:
        for term in facts:
            atom = backend.add_atom(function(term.name, [symbol(a) for a in term.args]))
            backend.add_rule([atom])
    with timers.phase("ground"):
        control.ground([("base", [])])
    best: list[Any] = []
    cost: list[int] = []

    def on_model(model: Any) -> None:
        nonlocal best, cost
        best = model.symbols(shown=True)
        cost = list(model.cost)

    with timers.phase("solve"):
        result = control.solve(on_model=on_model)
    return Answer(bool(result.satisfiable), [_python(s) for s in best], cost)
