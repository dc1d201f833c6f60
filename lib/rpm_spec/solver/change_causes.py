"""The deciding constraint of a group of changes, from the model that forced it back.

:mod:`rpm_spec.solver.retarget_explain` answers "what clashes with keeping this?" as
error atoms and their sentences. This module picks the one constraint that decides it
(the recipe directive or config line that the new site cannot meet) and where it is
written, relative to its repository or config scope (``builtin/packages/py-torch/
package.py:219``, ``siteB/compilers.yaml:3``); the other sentences become details.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from rpm_spec.errors import RpmSpecError
from rpm_spec.platform import targets as archs
from rpm_spec.solver.change_groups import Cause
from rpm_spec.spec import parse_spec
from rpm_spec.spec.version_constraint import parse_version_constraint

if TYPE_CHECKING:
    from rpm_spec.solver.change_groups import ChangeGroup
    from rpm_spec.solver.inputs import Origin, Problem, RecipeSource
    from rpm_spec.solver.retarget_explain import Answer
    from rpm_spec.solver.setup import Translation
    from rpm_spec.spec.concrete import ConcreteDag
    from rpm_spec.spec.dag_diff import Change

#: A path starts where a token does (absolute, or relative as a -C directory may be).
_START = r"(?<![^\s(\['\"])/?"
_RECIPE = re.compile(
    _START + r"(?:[^\s:()\[\]'\"/]+/)*([^\s:()\[\]'\"/]+/packages/[^\s:()\[\]'\"/]+/package\.py)"
)
_CONFIG = re.compile(
    _START + r"(?:[^\s:()\[\]'\"/]+/)*([^\s:()\[\]'\"/]+/[^\s:()\[\]'\"/]+\.yaml)"
)
_WHERE = re.compile(r"([\w.+-]+/[\w./+-]+\.(?:py|yaml)):(\d+)")


def short_paths(text: str) -> str:
    """Absolute recipe and config paths in ``text``, relative to their repo or scope."""
    return _CONFIG.sub(r"\1", _RECIPE.sub(r"\1", text))


def _split_where(where: str) -> tuple[str, int | None]:
    path, _, line = short_paths(where).rpartition(":")
    if path and line.isdigit():
        return path, int(line)
    return short_paths(where), None


def _is_forcing(origin: Origin) -> bool:
    return origin.where == "lock"


def cause_of(
    group: ChangeGroup, answer: Answer, translation: Translation, problem: Problem
) -> Cause | None:
    """The deciding constraint of ``answer`` (None when it has no clash to name)."""
    if not answer.reasons:
        return None
    details = tuple(short_paths(r) for r in answer.reasons)
    errors = sorted(
        (a[1], a[2]) for a in answer.atoms if a[0] == "error" and isinstance(a[2], tuple)
    )
    active = {a[1] for a in answer.atoms if a[0] == "impose"}
    for _, term in errors:
        kind, *args = term
        found: Cause | None = None
        if kind == "not_buildable":
            found = _not_buildable(group, str(args[0]), active, translation, problem)
        elif kind in ("imposed_compiler", "imposed_compiler_version"):
            found = _compiler_missing(group, translation, problem)
        elif kind == "variant_not_available":
            found = _variant_missing(str(args[0]), str(args[1]), answer, translation)
        if found is not None:
            return Cause(found.text, found.file, found.line, details)
    first = details[0]
    match = _WHERE.search(first)
    if match:
        return Cause(first, match.group(1), int(match.group(2)), details[1:])
    return Cause(first, details=details[1:])


def _not_buildable(
    group: ChangeGroup, package: str, active: set[int], translation: Translation, problem: Problem
) -> Cause:
    """A package the site does not build: the version constraint its externals miss (the
    lock's own version, for the package itself: then the site's config decides)."""
    externals = problem.preferences.of(package).externals
    if group.lead.node == package:
        file, line = _split_where(problem.preferences.of(package).buildable_origin)
        shown = ", ".join(e.spec for e in externals) or "none"
        return Cause(f"{package} is not buildable here (externals: {shown})", file, line)
    versions = []
    for entry in externals:
        try:
            versions.append(parse_spec(entry.spec).versions)
        except RpmSpecError:
            continue
    shown = ", ".join(f"external {e.spec}" for e in externals) or "no external"
    missed: list[tuple[str, Origin]] = []
    for term in translation.facts:
        if term.name != "imposed" or term.args[1] != "version_satisfies":
            continue
        cid, _, name, text = term.args[:4]
        if name != package or cid not in active:
            continue
        origin = translation.origins.get(int(str(cid)))
        if origin is None:
            continue
        wanted = parse_version_constraint(str(text))
        if not any(v.intersects(wanted) for v in versions):
            missed.append((str(text), origin))
    deciding = [m for m in missed if not _is_forcing(m[1])] or missed
    if deciding:
        text, origin = deciding[0]
        file, line = _split_where(origin.where)
        what = origin.text.split(": ", 1)[-1] if ": " in origin.text else origin.text
        if _is_forcing(origin):
            what = f"{package}@{text.lstrip('=')} of the lock"
        return Cause(f"{what} against the {shown}", file, line)
    file, line = _split_where(problem.preferences.of(package).buildable_origin)
    return Cause(f"{package} is not buildable here and its {shown} does not fit", file, line)


def _variant_missing(
    package: str, variant: str, answer: Answer, translation: Translation
) -> Cause | None:
    """A variant the new node cannot have: its ``when=`` and where it is declared."""
    meta = translation.recipes.get(package)
    decls = [v for v in meta.variants if v.name == variant and v.when] if meta else []
    if meta is None or not decls:
        return None
    target = next((str(a[1]) for a in answer.atoms if a[0] == "main_target"), "")
    conditions = " or ".join(f"'{d.when}'" for d in decls)
    file = short_paths(str(decls[0].origin or meta.path))
    text = f"variant '{variant}' of {package} exists only when {conditions}"
    return Cause(text + (f", not on {target}" if target else ""), file, decls[0].line)


def _compiler_missing(group: ChangeGroup, translation: Translation, problem: Problem) -> Cause:
    """The reference's compiler is not among those configured for the new platform."""
    found = compiler_not_configured(group, problem)
    if found is not None:
        return found
    usable = ", ".join(str(c) for c in translation.compilers.values()) or "none"
    return Cause(f"{group.lead.before} cannot be used here (usable: {usable})")


def evident_cause(
    group: ChangeGroup, problem: Problem, recipes: RecipeSource, result: ConcreteDag
) -> Cause | None:
    """A cause the recipes and config state outright, so no solve is needed: a compiler
    the new site does not have, a package it does not build (its external is used), a
    variant that does not exist on the new node."""
    lead = group.lead
    if lead.kind == "compiler":
        return compiler_not_configured(group, problem)
    if lead.kind == "version":
        policy = problem.preferences.of(lead.node)
        node = result.by_name(lead.node)
        if not policy.buildable and node is not None and node.is_external:
            file, line = _split_where(policy.buildable_origin)
            shown = ", ".join(e.spec for e in policy.externals) or "none"
            return Cause(f"{lead.node} is not buildable here (externals: {shown})", file, line)
    if lead.kind == "variant" and lead.after.endswith("(absent)") and recipes.exists(lead.node):
        meta = recipes.get(lead.node)
        node = result.by_name(lead.node)
        decls = [v for v in meta.variants if v.name == lead.detail]
        if node is None or not decls or any(not d.when for d in decls):
            return None
        if any(node.satisfies(parse_spec(str(d.when))) for d in decls if d.when):
            return None
        conditions = " or ".join(f"'{d.when}'" for d in decls)
        file = short_paths(str(decls[0].origin or meta.path))
        text = f"variant '{lead.detail}' of {lead.node} exists only when {conditions}"
        return Cause(f"{text}, not on {node.target}", file, decls[0].line)
    return None


def compiler_not_configured(group: ChangeGroup, problem: Problem) -> Cause | None:
    """'gcc@12.2.0 is not configured for rhel9 aarch64 (configured: gcc@11.4.1)' when
    the config says so outright (no solve needed), pointing at the first usable entry."""
    family = archs.family(problem.host.target) if archs.is_known(problem.host.target) else ""
    usable = [
        c
        for c in problem.compilers
        if c.family in (None, family) and c.os in (None, problem.host.os)
    ]
    if not usable or group.lead.before in {str(c) for c in usable}:
        return None
    listed = ", ".join(str(c) for c in usable)
    file, line = _split_where(usable[0].origin)
    before = group.lead.before
    text = f"{before} is not configured for {problem.host.os} {family} (configured: {listed})"
    return Cause(text, file, line)


def unkept_attributes(reference: ConcreteDag, changes: list[Change]) -> set[tuple[str, str]]:
    """The reference attributes ``changes`` lose, as ``reference_unkept`` names them."""
    nodes = {node.name: node for node in reference.nodes.values()}
    lost: set[tuple[str, str]] = set()
    for change in changes:
        node = nodes.get(change.node)
        if change.kind == "version":
            lost.add((change.node, f"version {change.before}"))
        elif change.kind == "removed":
            lost.add((change.node, "present"))
        elif change.kind == "variant" and node is not None:
            for value in node.variants.get(change.detail, ()):
                lost.add((change.node, f"variant {change.detail} {value}"))
        elif change.kind == "compiler" and node is not None and node.compiler is not None:
            lost.add((change.node, f"compiler {node.compiler.name} {node.compiler.version}"))
    return lost


def trade_off(kept: str, forced_unkept: frozenset[tuple[str, str]], chosen: set[Any]) -> str:
    """'keeping +cudnn is possible but loses cudnn version 9.17.0.29-13 instead': what
    keeping the attribute would have cost beyond what the chosen DAG loses."""
    extra = sorted(forced_unkept - chosen)
    lost = ", ".join(f"{node} {key}" for node, key in extra) or "other attributes"
    return f"keeping {kept} is possible but loses {lost} instead"
