"""What a solve loads and reads back: optional program files and the atoms' values."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

import clingo
import pytest

from rpm_spec.solver import concretize
from rpm_spec.solver.driver import Timers, run_clingo
from rpm_spec.solver.program import OPTIONAL_FILES, PROGRAM_FILES, program
from rpm_spec.solver.setup import translate
from rpm_spec.solver.symbols import by_accessors, from_text, to_python
from rpm_spec.spec import parse_specs

if TYPE_CHECKING:
    from rpm_spec.session import Session
    from rpm_spec.solver.driver import Answer
    from rpm_spec.solver.setup.translation import Translation

SYMBOLS = r"""
a(1). a(-3). a(0). a("x"). a(""). a("q\"uo\\te\nnl"). a("\\"). a("a\\nb"). a("ä ü,() \" x").
a(f). a(_z). a(x_y'). a(f(1,"a",g(h,"b"))). a((1,2)). a((1,)). a(()). a(f(("x",3),(4,))).
a("node", "zlib", "1.2.13"). a(error(30, imposed_version(1, "zlib", ":1.2"))).
"""


def _symbols(text: str) -> list[Any]:
    control = clingo.Control()
    control.add("base", [], text)
    control.ground([("base", [])])
    found: list[Any] = []
    control.solve(on_model=lambda model: found.extend(model.symbols(atoms=True)))
    return found


def test_symbols_read_from_text_equal_clingos_accessors() -> None:
    symbols = _symbols(SYMBOLS)
    assert len(symbols) == 19
    for symbol in symbols:
        assert from_text(str(symbol)) == by_accessors(symbol), str(symbol)
    assert from_text('a("q\\"uo\\\\te\\nnl")') == ("a", 'q"uo\\te\nnl')


def test_symbols_the_text_reader_does_not_know_go_through_the_accessors() -> None:
    for symbol in _symbols("a(#inf). a(#sup). a(-f(1)).")[:3]:
        with pytest.raises(ValueError, match="cannot read"):
            from_text(str(symbol))
        assert to_python(symbol) == by_accessors(symbol)


def _translation(session: Session, text: str) -> Translation:
    return translate(session.problem(parse_specs(text), request_text=text), session.repos)


def _answer(translation: Translation, logic: frozenset[str]) -> Answer:
    return run_clingo(translation.facts, explain=False, timers=Timers(), logic=logic)


def test_the_default_program_is_every_file() -> None:
    assert [name for name, _ in program(explain=False)] == [*PROGRAM_FILES, "errors_hard.lp"]
    names = [name for name, _ in program(explain=True, optional=())]
    assert OPTIONAL_FILES.isdisjoint(names)
    assert names[-1] == "errors_soft.lp"


@pytest.mark.parametrize(
    ("request_text", "needed"),
    [
        ("mpileaks", set()),
        ("hdf5+mpi ^mpich", set()),
        ("zlib cflags=-O3", {"flags.lp"}),
        ("mpileaks cflags==-g", {"flags.lp"}),
        ("mpileaks ^callpath cflags=-fPIC", {"flags.lp"}),
    ],
)
def test_optional_files_left_out_would_have_derived_nothing(
    session: Session, request_text: str, needed: set[str]
) -> None:
    """A solve loads only the optional files its facts need, and gets the same model
    (atoms and cost) as the whole program would give."""
    translation = _translation(session, request_text)
    assert translation.logic == needed
    chosen, whole = _answer(translation, translation.logic), _answer(translation, OPTIONAL_FILES)
    assert chosen.satisfiable and whole.satisfiable
    assert sorted(map(repr, chosen.atoms)) == sorted(map(repr, whole.atoms))
    assert chosen.cost == whole.cost


def test_installed_flags_and_a_reference_load_their_files(session: Session) -> None:
    flagged = concretize(session.problem(parse_specs("zlib cflags=-O2")), session.repos).dag
    reusing = session.problem(parse_specs("zlib"))
    reusing = dataclasses.replace(reusing, installed=tuple(flagged.nodes.values()))
    assert translate(reusing, session.repos).logic == {"flags.lp"}
    # flags.lp is what refuses an install built with flags the request does not ask for.
    assert concretize(reusing, session.repos).dag.root_specs[0].hash != flagged.root_specs[0].hash
    retargeting = session.problem(parse_specs("zlib"), reference=flagged)
    assert translate(retargeting, session.repos).logic == {"reference.lp"}
