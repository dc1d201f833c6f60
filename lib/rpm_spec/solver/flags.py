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
when its flags are exactly the groups asked of it (its compiler's among them). The
facts come from ``setup/flags.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from rpm_spec.solver.explain import _Context
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


# -- fillers of the flags.lp error messages (see explain.py) ------------------------


def _propagators(ctx: _Context, kind: str) -> str:
    """The ``==`` groups of ``kind`` the request propagates, with their sources."""
    return "; ".join(
        sorted(
            f"{term.args[0]} {kind}=={term.args[2]}"
            for term in ctx.translation.facts
            if term.name == "flag_propagate" and term.args[1] == kind
        )
    )


def _askers(ctx: _Context, package: str, kind: str, text: str) -> str:
    asked = [
        ctx.origin(cid)
        for cid, rest in ctx.imposed.get(("node_flags", package), ())
        if cid in ctx.active and tuple(rest) == (kind, text)
    ]
    return "; ".join(asked) or "the request"


def _reused_spec(ctx: _Context, package: str) -> ConcreteSpec | None:
    node_hash = ctx.value("hash", package)
    return ctx.translation.installed.get(node_hash) if node_hash else None


def _reused_label(ctx: _Context, package: str) -> str:
    spec = _reused_spec(ctx, package)
    return f"{package} /{spec.short_hash}" if spec is not None else package


def _reused_flags(ctx: _Context, package: str, kind: str) -> str:
    spec = _reused_spec(ctx, package)
    return repr(" ".join(spec.compiler_flags.get(kind, ())) if spec is not None else "")


#: Fillers for the messages of ``logic/flags.lp``, by placeholder name.
FLAG_FILLERS: dict[str, Callable[..., str]] = {
    "flag_propagators": _propagators,
    "flag_askers": _askers,
    "reused_label": _reused_label,
    "reused_flags": _reused_flags,
}
