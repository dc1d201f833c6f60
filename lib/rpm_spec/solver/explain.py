"""Unsatisfiable requests → sentences that name the clashing constraints.

In explain mode the solver minimizes ``error(Priority, Kind)`` atoms instead of
forbidding them, so its best model names what cannot hold. Each kind is turned
into a sentence here, using the origins of conditions (recipe file and directive,
config file and line, the command line): never a raw atom.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from rpm_spec.platform.flags import min_compiler_version
from rpm_spec.solver.flags import FLAG_MESSAGES

if TYPE_CHECKING:
    from collections.abc import Callable

    from rpm_spec.solver.translate import Translation


class _Context:
    """The model's atoms and the translation, indexed for the sentence builders."""

    def __init__(self, atoms: list[tuple[Any, ...]], translation: Translation) -> None:
        self.translation = translation
        self.active = {atom[1] for atom in atoms if atom[0] == "impose"}
        self.attrs: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        for atom in atoms:
            if atom[0] == "attr":
                self.attrs[atom[1]].append(atom[2:])
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


def _compilers(ctx: _Context) -> str:
    return ", ".join(sorted({str(c) for c in ctx.translation.compilers.values()}))


def _version(ctx: _Context, cid: int, package: str, constraint: str) -> str:
    chosen = ctx.value("version", package)
    others = _grouped(
        [pair for pair in ctx.pairs("version_satisfies", package) if pair[1] != ctx.origin(cid)]
    )
    return (
        f"{package}@{constraint}, required by {ctx.origin(cid)}, cannot hold together with "
        f"the other constraints on {package}'s version: {_listing(others)}"
        + (f" (best candidate: {package}@{chosen})" if chosen else "")
    )


def _compiler_target(ctx: _Context, package: str, cid: int, target: str) -> str:
    compiler = ctx.translation.compilers[cid]
    minimum = min_compiler_version(target, compiler.name)
    need = f" (archspec: {target} needs {compiler.name}@{minimum} or newer)" if minimum else ""
    asked = _grouped(
        ctx.pairs("node_compiler", package)
        + ctx.pairs("node_compiler_version_satisfies", package)
        + ctx.pairs("node_target_satisfies", package)
    )
    return f"{compiler} cannot build {package} for target {target}{need}; asked: {_listing(asked)}"


def _variant_clash(ctx: _Context, package: str, variant: str) -> str:
    values = sorted(str(a[2]) for a in ctx.attrs["variant_value"] if a[:2] == (package, variant))
    why = [s for s in ctx.sources("variant_value", package) if f" {variant}=" in s]
    return (
        f"variant '{variant}' of {package} takes one value but is asked to be "
        f"{' and '.join(values)}: {_listing(why)}"
    )


def _variant_missing(ctx: _Context, package: str, variant: str) -> str:
    meta = ctx.translation.recipes.get(package)
    decls = [v for v in meta.variants if v.name == variant] if meta else []
    conditions = " or ".join(f"'{d.when}'" for d in decls if d.when) or "some condition"
    where = f" ({decls[0].origin or meta.path}:{decls[0].line})" if meta and decls else ""
    target = ctx.value("node_target", package)
    version = ctx.value("version", package)
    asked = _listing([s for s in ctx.sources("variant_value", package) if f" {variant}=" in s])
    return (
        f"variant '{variant}' of {package} exists only when {conditions}{where}, and "
        f"{package}@{version} target={target} does not meet that; asked by: {asked}"
    )


def _not_buildable(ctx: _Context, package: str) -> str:
    externals = [
        f"{entry.spec} at {entry.prefix}"
        for name, entry in ctx.translation.externals.values()
        if name == package
    ]
    wanted = ctx.sources("version_satisfies", package) + ctx.sources("variant_value", package)
    return (
        f"{package} is not buildable (packages.yaml buildable: false) and no external "
        f"matches what is needed: {_listing(wanted)}; externals: "
        + (", ".join(externals) if externals else "none configured")
    )


_BUILDERS: dict[str, Callable[..., str]] = {
    "conflict": lambda ctx, cid: ctx.translation.conflicts.get(cid, ctx.origin(cid)),
    "requirement": lambda ctx, group: (
        "requirement not met: " + ctx.translation.requirements.get(group, str(group))
    ),
    "imposed_version": _version,
    "imposed_compiler": lambda ctx, cid, package, name: (
        f"{package} %{name}, required by {ctx.origin(cid)}, cannot be met"
        f" (configured compilers: {_compilers(ctx)})"
    ),
    "imposed_compiler_version": lambda ctx, cid, package, name, versions: (
        f"{package} %{name}@{versions}, required by {ctx.origin(cid)}, cannot be met"
        f" (configured compilers: {_compilers(ctx)})"
    ),
    "imposed_target": lambda ctx, cid, package, target: (
        f"{package} target={target}, required by {ctx.origin(cid)}, cannot hold "
        f"(the DAG's target is {ctx.value('node_target', package)})"
    ),
    "imposed_os": lambda ctx, cid, package, os: (
        f"{package} os={os} from {ctx.origin(cid)} cannot hold"
    ),
    "imposed_platform": lambda ctx, cid, package, platform: (
        f"{package} platform={platform} from {ctx.origin(cid)} cannot hold"
    ),
    "imposed_provider": lambda ctx, cid, virtual, package: (
        f"{package} as the provider of {virtual}, asked by {ctx.origin(cid)}, is not possible here"
    ),
    "imposed_virtual_version": lambda ctx, cid, virtual, versions: (
        f"no provider of {virtual} supports {virtual}@{versions}, required by {ctx.origin(cid)}"
    ),
    "required_node": lambda ctx, cid, package: (
        f"{package}, named by {ctx.origin(cid)}, is not a dependency of what was requested"
    ),
    "required_virtual": lambda ctx, cid, virtual: (
        f"{virtual}, named by {ctx.origin(cid)}, is not needed by what was requested"
    ),
    "no_provider": lambda ctx, virtual: f"no package can provide {virtual} here",
    "provider_not_providing": lambda ctx, virtual, package: (
        f"{package} cannot provide {virtual} in this configuration"
    ),
    "variant_clash": _variant_clash,
    "variant_not_available": lambda ctx, package, variant: _variant_missing(ctx, package, variant),
    "variant_bad_value": lambda ctx, package, variant, value: (
        f"'{value}' is not a valid value of variant '{variant}' of {package}"
    ),
    "variant_sticky": lambda ctx, package, variant, value: (
        f"variant '{variant}' of {package} is sticky: it keeps its default unless asked"
    ),
    "compiler_target": _compiler_target,
    "compiler_os": lambda ctx, package, cid, os: (
        f"{ctx.translation.compilers[cid]} is not configured for os {os} (needed by {package})"
    ),
    "target_mismatch": lambda ctx, package, target, main: (
        f"{package} would need target {target} but the DAG's target is {main}"
    ),
    "build_target": lambda ctx, package, target, main: (
        f"build tool {package} would need target {target}, which does not run on {main}"
    ),
    "not_buildable": _not_buildable,
    "reuse_clash": lambda ctx, package: f"two installed specs of {package} would be reused",
    "imposed_variant_only": lambda ctx, cid, package, variant, values: (
        f"{package} {variant}:={values}, required by {ctx.origin(cid)}, cannot hold: "
        f"{_listing([s for s in ctx.sources('variant_value', package) if f' {variant}=' in s])}"
    ),
    "imposed_edge_type": lambda ctx, cid, package, deptype: (
        f"{package} must be a {deptype} dependency, as {ctx.origin(cid)} asks, "
        f"but nothing depends on it that way"
    ),
    "unusable_install": lambda ctx, package, node_hash: (
        f"the installed {package} /{node_hash[:7]} cannot be reused here: not all of its "
        "dependencies are installed, or this request's recipes no longer lead to them"
    ),
    **FLAG_MESSAGES,
}


def explain(atoms: list[tuple[Any, ...]], translation: Translation) -> list[str]:
    """One sentence per error atom of the best model, most specific first."""
    ctx = _Context(atoms, translation)
    errors = sorted(
        (atom[1], atom[2]) for atom in atoms if atom[0] == "error" and isinstance(atom[2], tuple)
    )
    reasons: list[str] = []
    for _, term in errors:
        kind, *args = term
        builder = _BUILDERS.get(kind)
        text = builder(ctx, *args) if builder else f"{kind}: {', '.join(map(str, args))}"
        if text not in reasons:
            reasons.append(text)
    return reasons
