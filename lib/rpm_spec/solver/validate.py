"""Checks of the request before any solving: clear errors for plain mistakes.

Unknown packages, variants and values, versions that no release matches and
compilers that are not configured are caught here, with did-you-mean hints, so
that the solver only ever explains real clashes between constraints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rpm_spec.solver.errors import SolverInputError
from rpm_spec.solver.setup.versions import version_preferences
from rpm_spec.spec import Version
from rpm_spec.util.suggest import did_you_mean

if TYPE_CHECKING:
    from rpm_spec.solver.inputs import Problem, RecipeSource
    from rpm_spec.spec import AbstractSpec


def validate(problem: Problem, recipes: RecipeSource) -> None:
    """Raise a SolverInputError (or UnknownPackageError) for the first plain mistake."""
    for root in problem.roots:
        if root.name is None:
            raise SolverInputError(
                f"'{root}' names no package", hint="start a spec with a package name"
            )
        if recipes.is_virtual(root.name):
            providers = ", ".join(sorted(recipes.providers_for(root.name)))
            raise SolverInputError(
                f"{root.name} is a virtual package; ask for one of its providers: {providers}"
            )
        for spec in root.traverse():
            _check_node(spec, recipes)
            _check_compiler(spec, problem)


def _check_node(spec: AbstractSpec, recipes: RecipeSource) -> None:
    if spec.name is not None and recipes.is_virtual(spec.name):
        _check_virtual(spec)
    if spec.name is None or recipes.is_virtual(spec.name):
        return
    meta = recipes.get(spec.name)  # raises UnknownPackageError with a hint
    declared = {v.name: v for v in meta.variants}
    for variant in spec.variants.values():
        decl = declared.get(variant.name)
        if decl is None and variant.propagate:
            continue  # a propagated variant needs only to exist on some dependency
        if decl is None:
            raise SolverInputError(
                f"{spec.name} has no variant '{variant.name}'",
                hint=did_you_mean(variant.name, declared)
                or f"its variants: {', '.join(sorted(declared)) or 'none'}",
            )
        allowed = {"true", "false"} if decl.boolean else None
        if decl.values is not None and not decl.boolean:
            allowed = set(decl.values) | set(decl.default)
        if allowed is not None:
            for value in variant.values:
                if value not in allowed:
                    raise SolverInputError(
                        f"'{value}' is not a value of variant '{variant.name}' of {spec.name}",
                        hint=f"valid values: {', '.join(sorted(allowed))}",
                    )
        if len(variant.values) > 1 and not decl.multi:
            raise SolverInputError(
                f"variant '{variant.name}' of {spec.name} takes a single value, "
                f"not {','.join(variant.values)}"
            )
    if spec.versions.is_any or spec.versions.concrete is not None:
        return
    known = [Version(v) for v, _, _ in version_preferences(meta, ())]
    if not any(spec.versions.contains(v) for v in known):
        newest = ", ".join(str(v) for v in sorted(known, reverse=True)[:8])
        raise SolverInputError(
            f"no version of {spec.name} matches @{spec.versions}",
            hint=f"known versions: {newest}" + (" ..." if len(known) > 8 else ""),
        )


def _check_virtual(spec: AbstractSpec) -> None:
    """What a virtual cannot carry: it is not built, and its provider is a choice."""
    asked = [*sorted(spec.compiler_flags), *(str(v) for v in spec.variants.values() if v.exact)]
    if asked:
        raise SolverInputError(
            f"{', '.join(asked)} cannot apply to the virtual package {spec.name}",
            hint=f"ask it of the provider instead: ^[virtuals={spec.name}] PROVIDER ...",
        )


def _check_compiler(spec: AbstractSpec, problem: Problem) -> None:
    if spec.compiler is None:
        return
    configured = [c for c in problem.compilers if c.name == spec.compiler.name]
    if not any(spec.compiler.versions.contains(Version(c.version)) for c in configured):
        have = ", ".join(sorted(str(c) for c in problem.compilers)) or "none"
        raise SolverInputError(
            f"no configured compiler matches {spec.compiler} (configured: {have})",
            hint="run 'rpm-spec compiler find', or add one to compilers.yaml",
        )
