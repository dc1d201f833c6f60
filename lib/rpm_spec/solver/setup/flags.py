"""Compiler flags: the facts ``logic/flags.lp`` needs (see ``solver/flags.py`` for
what a flag group and its rank are).

The request's ``==`` groups (``flag_propagate``), the compilers.yaml ``flags:`` of each
compiler given to the solver, what each installed spec was built with (for exact
reuse: its compiler by id, its flags, and which groups appear in them, in order), and
the flags of every group seen, so conditions can look inside groups.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rpm_spec.solver.flags import group_text

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from rpm_spec.solver.facts import FactBuilder
    from rpm_spec.solver.flags import FlagGroup
    from rpm_spec.solver.inputs import CompilerEntry
    from rpm_spec.spec import AbstractSpec
    from rpm_spec.spec.concrete import ConcreteSpec


def declare_flags(
    facts: FactBuilder,
    roots: Iterable[AbstractSpec],
    compilers: Mapping[int, CompilerEntry],
    installed: Mapping[str, ConcreteSpec],
    groups: set[FlagGroup],
) -> bool:
    """Propagated groups of the request, compilers' groups, installed specs' flags,
    and the flags of every group seen (so conditions can look inside groups).

    Whether flags are in play at all: a group seen or an installed spec built with
    flags; if not, ``logic/flags.lp`` has nothing to work on and is not loaded."""
    _propagated(facts, roots, groups)
    by_compiler: dict[tuple[str, str], int] = {}
    for cid, compiler in compilers.items():
        by_compiler[(compiler.name, compiler.version)] = cid
        for kind, text in compiler.flags:
            groups.add((kind, text))
            facts.add("compiler_flags", cid, kind, text)
    for node_hash, installed_spec in installed.items():
        _installed(facts, node_hash, installed_spec, by_compiler, groups)
    for _, text in sorted(groups):
        for flag in dict.fromkeys(text.split()):
            facts.add("flag_group_token", text, flag)
    return bool(groups) or any(spec.compiler_flags for spec in installed.values())


def _propagated(facts: FactBuilder, roots: Iterable[AbstractSpec], groups: set[FlagGroup]) -> None:
    for root in roots:
        for spec in root.traverse():
            if spec.name is None:
                continue
            for kind in sorted(spec.propagated_flags & set(spec.compiler_flags)):
                text = group_text(spec.compiler_flags[kind])
                groups.add((kind, text))
                facts.add("flag_propagate", spec.name, kind, text)


def _installed(
    facts: FactBuilder,
    node_hash: str,
    spec: ConcreteSpec,
    by_compiler: Mapping[tuple[str, str], int],
    groups: set[FlagGroup],
) -> None:
    """What ``spec`` was built with: its compiler (if configured), flags and groups."""
    if spec.compiler is not None:
        cid = by_compiler.get((spec.compiler.name, spec.compiler.version))
        if cid is not None:
            facts.add("installed_compiler_id", node_hash, cid)
    for kind, flags in spec.compiler_flags.items():
        for flag in dict.fromkeys(flags):
            facts.add("installed_flag_token", node_hash, kind, flag)
        for group_kind, text in sorted(groups):
            if group_kind == kind and _contains_run(flags, tuple(text.split())):
                facts.add("installed_flag_group", node_hash, kind, text)


def _contains_run(flags: tuple[str, ...], run: tuple[str, ...]) -> bool:
    """Whether ``run`` appears in ``flags`` as consecutive items."""
    width = len(run)
    return any(flags[i : i + width] == run for i in range(len(flags) - width + 1))
