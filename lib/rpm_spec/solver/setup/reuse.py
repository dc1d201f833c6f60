"""What need not be built: packages.yaml externals (and ``buildable: false``), and
installed specs that may be reused whole.

An external is one unconditional condition imposing its own version and variants;
installed specs alike in all but their dependencies' hashes share one such condition
imposing version, variants and arch, and each adds its dependencies by hash
(``installed_dep``); ``logic/externals_reuse.lp`` imposes them when a node takes it. A
reused node's compiler is a fact of its condition (``reuse_compiler*``), checked
against a ``%compiler`` like a built node's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from rpm_spec.errors import RpmSpecError
from rpm_spec.repo.metadata import parsed
from rpm_spec.solver.errors import SolverInputError
from rpm_spec.solver.inputs import ExternalEntry, Origin
from rpm_spec.solver.setup.targets import rank_targets
from rpm_spec.spec import InvalidVersionError, Version, parse_version_constraint

if TYPE_CHECKING:
    from collections.abc import Callable, Container, Iterable, Mapping

    from rpm_spec.solver.conditions import ConditionEncoder
    from rpm_spec.solver.facts import FactBuilder
    from rpm_spec.solver.inputs import PackagePreferences, Problem
    from rpm_spec.solver.setup.targets import TargetCandidates
    from rpm_spec.solver.setup.versions import ExtraVersions
    from rpm_spec.spec import AbstractSpec
    from rpm_spec.spec.concrete import ConcreteSpec


@dataclass
class Externals:
    """The externals declared so far, by entry id, and the versions they name."""

    entries: dict[int, tuple[str, ExternalEntry]] = field(default_factory=dict)
    versions: ExtraVersions = field(default_factory=list)


@dataclass
class Installed:
    """The installed specs that may be reused, by hash, and the versions they name."""

    specs: dict[str, ConcreteSpec] = field(default_factory=dict)
    #: Condition id → one of the alike specs that share it.
    conditions: dict[int, ConcreteSpec] = field(default_factory=dict)
    versions: ExtraVersions = field(default_factory=list)


def declare_externals(
    facts: FactBuilder, encoder: ConditionEncoder, name: str, own: PackagePreferences
) -> Externals:
    """``buildable: false`` and the ``externals:`` of one package."""
    found = Externals()
    if not own.buildable:
        facts.add("not_buildable", name)
    for entry in own.externals:
        spec = parsed(entry.spec)
        version = spec.versions.concrete or _single_version(spec)
        if version is None:
            raise SolverInputError(
                f"the external {entry.spec} ({entry.origin}) must name one version",
                hint=f"e.g. {name}@1.2.3, as 'rpm-spec external find {name}' writes it",
            )
        eid = facts.new_id()
        found.entries[eid] = (name, entry)
        origin = Origin(f"external {entry.spec} at {entry.prefix}", entry.origin)
        cid = encoder.unconditional(origin)
        facts.add("external_entry", eid, name)
        facts.add("external_condition", eid, cid)
        found.versions.append((name, str(version)))
        encoder.impose_exact_version(cid, name, str(version))
        for variant in spec.variants.values():
            for value in variant.values:
                facts.add("imposed", cid, "variant_value", name, variant.name, value)
    return found


def declare_installed(
    facts: FactBuilder,
    encoder: ConditionEncoder,
    installed: Iterable[ConcreteSpec],
    closure: Container[str],
    *,
    reuse_roots: bool = True,
    candidates: TargetCandidates | None = None,
) -> Installed:
    """The installed specs of packages in ``closure`` whose dependencies are there too;
    with ``reuse_roots`` false (``concretizer:reuse: dependencies``) only below the roots.
    Given the solve's ``candidates``, a spec whose target, os or platform no candidate
    meets is left out with its dependents: reusing it would be an error in any answer.

    Specs alike in everything but their dependencies' hashes (thousands of cache entries
    rebuilt from new recipes) share one condition, so each spec costs the solver a few
    facts (its hash, its condition, one per dependency) rather than one per attribute."""
    found = Installed()
    if not reuse_roots:
        facts.add("reuse_dependencies_only")
    usable = {
        spec.hash: spec
        for spec in installed
        if spec.name in closure and (candidates is None or fits(candidates, spec))
    }
    while missing := [
        h for h, s in usable.items() if any(d.hash not in usable for d in s.dependencies)
    ]:
        for spec_hash in missing:  # to a fixpoint: reusing one would need the other
            del usable[spec_hash]
    alike: dict[tuple[object, ...], list[ConcreteSpec]] = {}
    for spec in usable.values():
        found.specs[spec.hash] = spec
        alike.setdefault(_attributes(spec), []).append(spec)
    for specs in alike.values():
        cid = _declare_condition(facts, encoder, specs, found)
        for spec in specs:
            if not spec.is_external:
                # A registered external is never picked on its own (packages.yaml says
                # which externals exist), only reached by hash from a reused dependent.
                facts.add("installed", spec.hash, spec.name)
            facts.add("reuse_condition", spec.hash, cid)
            for dep in spec.dependencies:
                types = ",".join(sorted(dep.types))
                facts.add("installed_dep", spec.hash, dep.name, dep.hash, types)
                for deptype in dep.types:
                    facts.add("deptype_in", types, deptype)
    return found


def fits(candidates: TargetCandidates, spec: ConcreteSpec) -> bool:
    """Whether some candidate target, os and platform of the solve meet ``spec``'s."""
    return _fits_arch(candidates, spec.platform, spec.os, spec.target)


def arch_filter(problem: Problem) -> Callable[[str, str, str], bool] | None:
    """:func:`fits` for (platform, os, target) texts, before any spec is parsed; None
    where the request's targets are bad (the solve itself then says why)."""
    try:
        candidates = rank_targets(problem)
    except RpmSpecError:
        return None
    return partial(_fits_arch, candidates)


def _fits_arch(candidates: TargetCandidates, platform: str, os: str, target: str) -> bool:
    return (
        platform in candidates.platforms
        and os in candidates.oses
        and bool(candidates.allowed(target))
    )


def _attributes(spec: ConcreteSpec) -> tuple[object, ...]:
    """What a reused node imposes besides its dependencies: specs equal here share one
    condition."""
    variants = tuple(sorted((name, tuple(values)) for name, values in spec.variants.items()))
    compiler = spec.compiler
    built_with = (compiler.name, compiler.version) if compiler is not None else None
    return (
        spec.name,
        str(spec.version),
        variants,
        spec.target,
        spec.os,
        spec.platform,
        built_with,
    )


def _declare_condition(
    facts: FactBuilder, encoder: ConditionEncoder, specs: list[ConcreteSpec], found: Installed
) -> int:
    """The one condition of ``specs`` (alike, see :func:`_attributes`)."""
    spec = specs[0]
    which = f"/{spec.short_hash}" if len(specs) == 1 else f"(one of {len(specs)} alike)"
    cid = encoder.unconditional(Origin(f"installed {spec.format()} {which}"))
    found.conditions[cid] = spec
    found.versions.append((spec.name, str(spec.version)))
    encoder.impose_exact_version(cid, spec.name, str(spec.version))
    for variant, values in spec.variants.items():
        for value in values:
            facts.add("imposed", cid, "variant_value", spec.name, variant, value)
    if spec.compiler is not None:
        facts.add("reuse_compiler", cid, spec.compiler.name)
    encoder.log.targets.add(spec.target)
    facts.add("imposed", cid, "node_target_satisfies", spec.name, spec.target)
    facts.add("imposed", cid, "node_os", spec.name, spec.os)
    facts.add("imposed", cid, "node_platform", spec.name, spec.platform)
    return cid


def installed_compiler_satisfaction(
    facts: FactBuilder, installed: Installed, asked: Mapping[str, set[str]]
) -> None:
    """Which compiler constraints (``%gcc@12:``) each installed spec's compiler meets, so
    that a reused node satisfies a ``%compiler`` exactly as a built one must."""
    met: dict[tuple[str, str], list[str]] = {}  # thousands of specs, a few compilers
    for cid, spec in installed.conditions.items():
        compiler = spec.compiler
        if compiler is None:
            continue
        key = (compiler.name, compiler.version)
        if key not in met:
            version = Version(compiler.version)
            met[key] = [
                text
                for text in sorted(asked.get(compiler.name, ()))
                if parse_version_constraint(text).contains(version)
            ]
        for text in met[key]:
            facts.add("reuse_compiler_satisfies", cid, compiler.name, text)


def _single_version(spec: AbstractSpec) -> Version | None:
    text = str(spec.versions)
    try:
        return Version(text)
    except InvalidVersionError:  # a range: not one version
        return None
