"""Every error atom a rule can raise has its sentence declared in the .lp files, and
every placeholder of that sentence is one explain.py can fill."""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

from rpm_spec.solver.explain import FILLERS, PLACEHOLDER, explain
from rpm_spec.solver.facts import FactBuilder
from rpm_spec.solver.inputs import Origin
from rpm_spec.solver.program import PROGRAM_FILES
from rpm_spec.solver.setup import Translation

#: ``error(30, imposed_version(C, P, V))`` in a rule head: the kind and its arguments.
ERROR_HEAD = re.compile(r"^error\(\s*\d+\s*,\s*(\w+)\(([^()]*)\)\)", re.MULTILINE)
MESSAGE = re.compile(r'^error_message\((\w+),\s*"((?:[^"\\]|\\.)*)"\)\.', re.MULTILINE)


def _program() -> dict[str, str]:
    logic = resources.files("rpm_spec.solver") / "logic"
    return {name: (logic / name).read_text(encoding="utf-8") for name in PROGRAM_FILES}


def _kinds() -> dict[str, int]:
    """Each error kind raised by some rule → its number of arguments."""
    kinds: dict[str, int] = {}
    for text in _program().values():
        for kind, args in ERROR_HEAD.findall(text):
            arity = len([a for a in args.split(",") if a.strip()])
            assert kinds.setdefault(kind, arity) == arity, f"{kind} raised with two arities"
    return kinds


def _messages() -> dict[str, tuple[str, str]]:
    """Each declared message: kind → (template, file declaring it)."""
    found: dict[str, tuple[str, str]] = {}
    for name, text in _program().items():
        for kind, template in MESSAGE.findall(text):
            assert kind not in found, f"{kind} has two messages ({found[kind][1]}, {name})"
            found[kind] = (template, name)
    return found


def test_the_patterns_see_the_rules() -> None:
    assert _kinds()["imposed_version"] == 3
    assert "conflict" in _messages()


def test_every_error_kind_has_a_message() -> None:
    kinds, messages = _kinds(), _messages()
    assert sorted(set(kinds) - set(messages)) == []
    assert sorted(set(messages) - set(kinds)) == []


def test_a_message_is_declared_in_the_file_that_raises_it() -> None:
    program = _program()
    for kind, (_, name) in _messages().items():
        assert re.search(rf"^error\(\s*\d+\s*,\s*{kind}\(", program[name], re.MULTILINE), (
            f"{kind}'s message is in {name}, its rule elsewhere"
        )


def test_every_placeholder_can_be_filled() -> None:
    kinds = _kinds()
    for kind, (template, _) in _messages().items():
        for name, indices in PLACEHOLDER.findall(template):
            used = [name] if name.isdigit() else indices.split(",") if indices else []
            assert name.isdigit() or name in FILLERS, f"{kind}: unknown filler {name}"
            for index in used:
                assert int(index) < kinds[kind], f"{kind}: argument {index} out of range"


def test_a_template_is_filled_from_the_atom_and_the_translation() -> None:
    facts = FactBuilder()
    facts.add("imposed", 7, "variant_value", "zlib", "shared", "true")
    translation = Translation(facts, {7: Origin("the request 'zlib+shared'", "command line")})
    template = _messages()["reused_variant"][0]
    atoms: list[tuple[Any, ...]] = [
        ("impose", 7),
        ("error", 25, ("reused_variant", "zlib", "shared", "true")),
        ("error_message", ("reused_variant",), template),
    ]
    assert explain(atoms, translation) == [
        "the installed zlib was built without shared=true, which is asked for: "
        "zlib shared=true from the request 'zlib+shared' (command line)"
    ]


def test_target_messages_read_the_targets_from_the_model() -> None:
    # The target errors carry node names only (a term per pair of candidate targets
    # grounds too much); the sentences still name the targets the model chose.
    translation = Translation(FactBuilder(), {})
    messages = _messages()
    atoms: list[tuple[Any, ...]] = [
        ("attr", "node_target", "hdf5", "x86_64_v3"),
        ("attr", "node_target", "zlib", "zen3"),
        ("attr", "node_target", "cmake", "zen3"),
        ("main_target", "x86_64_v3"),
        ("error", 28, ("target_mismatch", "zlib")),
        ("error", 28, ("target_incompatible", "hdf5", "x86_64_v3", "zlib")),
        ("error", 28, ("build_target", "cmake")),
    ]
    for kind in ("target_mismatch", "target_incompatible", "build_target"):
        atoms.append(("error_message", (kind,), messages[kind][0]))
    assert explain(atoms, translation) == [
        "build tool cmake would need target zen3, which does not run on x86_64_v3",
        "zlib target=zen3 would not run where hdf5 runs (x86_64_v3)",
        "zlib would need target zen3 but the DAG's target is x86_64_v3",
    ]
