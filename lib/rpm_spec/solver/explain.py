"""Unsatisfiable requests → sentences that name the clashing constraints.

In explain mode the solver minimizes ``error(Priority, Kind)`` atoms instead of
forbidding them, so its best model names what cannot hold. Each kind's sentence is
declared in the ``.lp`` file beside the rule that raises it, as an
``error_message(kind, Template)`` fact; this module fills the template's
placeholders with the user's words for the atom's arguments (origins of conditions:
recipe file and directive, config file and line, the command line): never a raw atom.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from rpm_spec.platform.flags import min_compiler_version
from rpm_spec.solver.flags import FLAG_FILLERS

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from rpm_spec.solver.setup import Translation


class _Context:
    """The model's atoms and the translation, indexed for the sentence builders."""

    def __init__(self, atoms: list[tuple[Any, ...]], translation: Translation) -> None:
        self.translation = translation
        self.active = {atom[1] for atom in atoms if atom[0] == "impose"}
        self.attrs: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        for atom in atoms:
            if atom[0] == "attr":
                self.attrs[atom[1]].append(atom[2:])
        self.main_target = next((str(a[1]) for a in atoms if a[0] == "main_target"), "")
        self.imposed: dict[tuple[str, str], list[tuple[int, tuple[Any, ...]]]] = defaultdict(list)
        for term in translation.facts:
            if term.name == "imposed":
                cid, kind, package, *rest = term.args
                assert isinstance(cid, int) and isinstance(kind, str)
                self.imposed[(kind, str(package))].append((cid, tuple(rest)))

    def origin(self, cid: int) -> str:
        found = self.translation.origins.get(cid)
        return str(found) if found else f"condition {cid}"

    def value(self, kind: str, package: str) -> str | None:
        for args in self.attrs.get(kind, ()):
            if args[0] == package:
                return str(args[1])
        return None

    def pairs(self, kind: str, package: str) -> list[tuple[str, str]]:
        """(constraint, origin) of each active condition imposing ``kind`` on ``package``."""
        return [
            (_constraint_text(kind, package, rest), self.origin(cid))
            for cid, rest in self.imposed.get((kind, package), ())
            if cid in self.active
        ]

    def sources(self, kind: str, package: str) -> list[str]:
        """'constraint from origin' for each active condition imposing ``kind`` on ``package``."""
        return _grouped(self.pairs(kind, package))


def _grouped(pairs: list[tuple[str, str]]) -> list[str]:
    """'a and b from X' for constraints sharing an origin; the compiler name alone is
    dropped where a versioned constraint on the same compiler says more."""
    by_origin: dict[str, list[str]] = {}
    for constraint, origin in pairs:
        items = by_origin.setdefault(origin, [])
        if constraint not in items:
            items.append(constraint)
    lines = []
    for origin, items in by_origin.items():
        kept = [i for i in items if not any(o != i and o.startswith(i + "@") for o in items)]
        lines.append(f"{' and '.join(kept)} from {origin}")
    return lines


def _constraint_text(kind: str, package: str, rest: tuple[Any, ...]) -> str:
    if kind == "version_satisfies":
        return f"{package}@{rest[0]}"
    if kind == "variant_value":
        return f"{package} {rest[0]}={rest[1]}"
    if kind == "node_compiler":
        return f"{package} %{rest[0]}"
    if kind == "node_compiler_version_satisfies":
        return f"{package} %{rest[0]}@{rest[1]}"
    if kind == "node_target_satisfies":
        return f"{package} target={rest[0]}"
    if kind in ("node_os", "node_platform"):
        return f"{package} {kind[5:]}={rest[0]}"
    return f"{package} {kind} {' '.join(map(str, rest))}"


def _listing(items: list[str]) -> str:
    return "; ".join(items) if items else "nothing else asks for it"


# -- fillers: the named placeholders a message template may use --------------------------
#
# A template's ``{N}`` is the error term's N-th argument as is; ``{name:N,M}`` calls
# the filler ``name`` with arguments N and M; ``{name}`` calls it with none. Each
# filler turns ids into the user's words (origins, compilers, config lines).


def _origin(ctx: _Context, cid: int) -> str:
    return ctx.origin(cid)


def _compilers(ctx: _Context) -> str:
    return ", ".join(sorted({str(c) for c in ctx.translation.compilers.values()}))


def _compiler(ctx: _Context, cid: int) -> str:
    return str(ctx.translation.compilers[cid])


def _other_versions(ctx: _Context, cid: int, package: str) -> str:
    """The other active constraints on ``package``'s version than condition ``cid``'s."""
    others = [p for p in ctx.pairs("version_satisfies", package) if p[1] != ctx.origin(cid)]
    return _listing(_grouped(others))


def _best_version(ctx: _Context, package: str) -> str:
    chosen = ctx.value("version", package)
    return f" (best candidate: {package}@{chosen})" if chosen else ""


def _node_value(kind: str) -> Callable[[_Context, str], str]:
    def fill(ctx: _Context, package: str) -> str:
        return str(ctx.value(kind, package))

    return fill


def _compiler_minimum(ctx: _Context, cid: int, target: str) -> str:
    compiler = ctx.translation.compilers[cid]
    minimum = min_compiler_version(target, compiler.name)
    return f" (archspec: {target} needs {compiler.name}@{minimum} or newer)" if minimum else ""


def _compiler_askers(ctx: _Context, package: str) -> str:
    asked = _grouped(
        ctx.pairs("node_compiler", package)
        + ctx.pairs("node_compiler_version_satisfies", package)
        + ctx.pairs("node_target_satisfies", package)
    )
    return _listing(asked)


def _values(ctx: _Context, package: str, variant: str) -> str:
    values = sorted(str(a[2]) for a in ctx.attrs["variant_value"] if a[:2] == (package, variant))
    return " and ".join(values)


def _variant_askers(ctx: _Context, package: str, variant: str) -> str:
    return _listing([s for s in ctx.sources("variant_value", package) if f" {variant}=" in s])


def _variant_conditions(ctx: _Context, package: str, variant: str) -> str:
    """The ``when=`` of each declaration of the variant, and where the first is written."""
    meta = ctx.translation.recipes.get(package)
    decls = [v for v in meta.variants if v.name == variant] if meta else []
    conditions = " or ".join(f"'{d.when}'" for d in decls if d.when) or "some condition"
    where = f" ({decls[0].origin or meta.path}:{decls[0].line})" if meta and decls else ""
    return conditions + where


def _needed(ctx: _Context, package: str) -> str:
    wanted = ctx.sources("version_satisfies", package) + ctx.sources("variant_value", package)
    return _listing(wanted)


def _askers(ctx: _Context, package: str) -> str:
    """What asks for ``package`` as it is: every active constraint on it, with its origin
    (for a policy rule it breaks); the DAG's need of it when nothing else does."""
    kinds = (
        "version_satisfies",
        "variant_value",
        "node_compiler",
        "node_compiler_version_satisfies",
        "node_target_satisfies",
    )
    asked = _grouped([pair for kind in kinds for pair in ctx.pairs(kind, package)])
    return "; ".join(asked) if asked else "what was requested depends on it"


def _externals(ctx: _Context, package: str) -> str:
    externals = [
        f"{entry.spec} at {entry.prefix}"
        for name, entry in ctx.translation.externals.values()
        if name == package
    ]
    return ", ".join(externals) if externals else "none configured"


def _cycle(ctx: _Context, package: str) -> str:
    """The dependency cycle through ``package`` in the model, as ``a → b (build) → a``,
    starting from its first name in sorted order (so each node's error reads alike)."""
    edges: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for parent, child, deptype in ctx.attrs["depends_on"]:
        edges[str(parent)][str(child)].add(str(deptype))
    # Breadth-first from the package's dependencies back to the package: the shortest cycle.
    previous: dict[str, str] = {}
    frontier = [package]
    while frontier and package not in previous:
        following = []
        for node in frontier:
            for child in sorted(edges[node]):
                if child not in previous:
                    previous[child] = node
                    following.append(child)
        frontier = following
    if package not in previous:
        return package
    cycle = [package]
    while (node := previous[cycle[-1]]) != package:
        cycle.append(node)
    cycle.reverse()  # package's successor ... package's predecessor, then package
    cycle = [cycle[-1], *cycle[:-1]]
    start = cycle.index(min(cycle))
    cycle = cycle[start:] + cycle[:start]
    steps = [cycle[0]]
    for parent, child in zip(cycle, [*cycle[1:], cycle[0]], strict=True):
        types = sorted(edges[parent][child])
        steps.append(child + ("" if "link" in types else f" ({', '.join(types)})"))
    return " → ".join(steps)


FILLERS: dict[str, Callable[..., str]] = {
    "cycle": _cycle,
    "origin": _origin,
    "compilers": _compilers,
    "compiler": _compiler,
    "other_versions": _other_versions,
    "best_version": _best_version,
    "node_version": _node_value("version"),
    "node_target": _node_value("node_target"),
    "main_target": lambda ctx: ctx.main_target,
    "compiler_minimum": _compiler_minimum,
    "compiler_askers": _compiler_askers,
    "values": _values,
    "variant_askers": _variant_askers,
    "variant_conditions": _variant_conditions,
    "needed": _needed,
    "externals": _externals,
    "askers": _askers,
    "conflict": lambda ctx, cid: ctx.translation.conflicts.get(cid, ctx.origin(cid)),
    "requirement": lambda ctx, group: ctx.translation.requirements.get(group, str(group)),
    "short_hash": lambda ctx, node_hash: str(node_hash)[:7],
    "quoted": lambda ctx, text: repr(str(text)),
    **FLAG_FILLERS,
}

#: ``{N}``, ``{name}`` or ``{name:N,M}`` in a message template.
PLACEHOLDER = re.compile(r"\{(\w+)(?::(\d+(?:,\d+)*))?\}")


def render(ctx: _Context, template: str, args: Sequence[Any]) -> str:
    """A message template with its placeholders filled from an error term's ``args``."""

    def fill(match: re.Match[str]) -> str:
        name, indices = match.group(1), match.group(2)
        if name.isdigit():
            return str(args[int(name)])
        chosen = [args[int(i)] for i in indices.split(",")] if indices else []
        return FILLERS[name](ctx, *chosen)

    return PLACEHOLDER.sub(fill, template)


def explain(atoms: list[tuple[Any, ...]], translation: Translation) -> list[str]:
    """One sentence per error atom of the best model, most specific first.

    Each error kind's template comes from its ``error_message`` fact, declared in the
    ``.lp`` file beside the rule that raises it.
    """
    ctx = _Context(atoms, translation)
    # A kind is a constant in the .lp file: it reads back as a 1-tuple (its name).
    templates = {a[1][0]: str(a[2]) for a in atoms if a[0] == "error_message"}
    errors = sorted(
        (atom[1], atom[2]) for atom in atoms if atom[0] == "error" and isinstance(atom[2], tuple)
    )
    reasons: list[str] = []
    for _, term in errors:
        kind, *args = term
        template = templates.get(kind)
        text = render(ctx, template, args) if template else f"{kind}: {', '.join(map(str, args))}"
        if text not in reasons:
            reasons.append(text)
    return reasons
