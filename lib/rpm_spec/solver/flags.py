"""Compiler flags in a solve: which flags each node is built with, and in what order.

Flags travel in *groups*: the flags of one kind that one source asks for, kept as one
string in their order (``"-O3 -g"``), because a flag can mean something only next to
its neighbour (``-Xlinker -rpath``). ``logic/flags.lp`` decides which groups a node
gets; a group's *rank* says where it goes on the compiler's command line, so that the
flags asked most specifically come last (for gcc and clang the last ``-O`` wins):

0. ``flags:`` of the node's compiler in compilers.yaml;
1. a ``==`` group (``cflags==-g``) of an ancestor built with the same compiler,
   reached through link and run edges (Spack's propagation: never through build-only
   dependencies, never onto a node built by another compiler, and not onto or past a
   node the request gives flags of that kind itself);
2. a group something else imposes (``depends_on("zlib cflags=-fPIC")``);
3. the request's own flags on the node (``zlib cflags=-O3``, ``^zlib cflags=-O3``).

Groups of one rank go in the order of their text. An installed spec is reused only
when its flags are exactly the groups asked of it (its compiler's among them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from rpm_spec.solver.explain import _Context
    from rpm_spec.solver.facts import FactBuilder
    from rpm_spec.solver.inputs import CompilerEntry, Problem
    from rpm_spec.spec import AbstractSpec
    from rpm_spec.spec.concrete import ConcreteSpec

#: A group as the solver sees it: (kind, the flags joined by single spaces).
FlagGroup = tuple[str, str]


def group_text(flags: Iterable[str]) -> str:
    """The text that names a group of flags in the logic program."""
    return " ".join(flags)


def flag_attributes(
    package: str, spec: AbstractSpec, groups: set[FlagGroup], *, required: bool
) -> list[tuple[str, ...]]:
    """The flag attributes ``spec`` states about ``package``, and the groups seen.

    Imposed (``required=False``): one ``node_flags`` group per kind. Required (a
    ``when=``, a conflict, a requirement): one ``node_flag`` per flag, since a
    condition asks whether the node has the flag, from whichever group.
    """
    found: list[tuple[str, ...]] = []
    for kind, flags in sorted(spec.compiler_flags.items()):
        text = group_text(flags)
        groups.add((kind, text))
        if required:
            found.extend(("node_flag", package, kind, flag) for flag in dict.fromkeys(flags))
        else:
            found.append(("node_flags", package, kind, text))
    return found


def add_flag_facts(
    facts: FactBuilder,
    problem: Problem,
    compilers: Mapping[int, CompilerEntry],
    installed: Mapping[str, ConcreteSpec],
    groups: set[FlagGroup],
) -> None:
    """Propagated groups of the request, compilers' groups, installed specs' flags,
    and the flags of every group seen (so conditions can look inside groups)."""
    _propagated(facts, problem.roots, groups)
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
            facts.add("installed_compiler", node_hash, cid)
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


def ordered_flags(
    ranked: Mapping[str, Mapping[str, int]],
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A node's flags per kind from its groups (kind → {group text: rank}), in the order
    the compiler gets them: by rank, then by text."""
    result = []
    for kind, texts in ranked.items():
        order = sorted(texts, key=lambda text: (texts[text], text))
        flags = tuple(flag for text in order for flag in text.split())
        if flags:
            result.append((kind, flags))
    return tuple(result)


# -- explanations (see explain.py) ----------------------------------------------------


def _propagation_clash(ctx: _Context, package: str, kind: str) -> str:
    sources = sorted(
        f"{term.args[0]} {kind}=={term.args[2]}"
        for term in ctx.translation.facts
        if term.name == "flag_propagate" and term.args[1] == kind
    )
    return (
        f"{package} would get {kind} propagated from more than one place "
        f"({'; '.join(sources)}); propagate {kind} with '==' from one node only"
    )


def _external_flags(ctx: _Context, package: str, kind: str, text: str) -> str:
    asked = [
        ctx.origin(cid)
        for cid, rest in ctx.imposed.get(("node_flags", package), ())
        if cid in ctx.active and tuple(rest) == (kind, text)
    ]
    return (
        f"{package} is an external, so it cannot be built with {kind}={text!r}, "
        f"asked by {'; '.join(asked) or 'the request'}"
    )


def _reused_flags(ctx: _Context, package: str, kind: str) -> str:
    node_hash = ctx.value("hash", package)
    spec = ctx.translation.installed.get(node_hash) if node_hash else None
    have = " ".join(spec.compiler_flags.get(kind, ())) if spec is not None else ""
    label = f"{package} /{spec.short_hash}" if spec is not None else package
    return (
        f"the installed {label} was built with {kind}={have!r}, "
        f"not with the {kind} this request asks of it"
    )


#: Sentences for the error atoms of ``logic/flags.lp``, by kind.
FLAG_MESSAGES: dict[str, Callable[..., str]] = {
    "flag_propagation_clash": _propagation_clash,
    "external_flags": _external_flags,
    "reused_flags": _reused_flags,
}
