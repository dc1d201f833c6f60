"""What need not be built: packages.yaml externals (and ``buildable: false``), and
installed specs that may be reused whole.

An external or an installed spec is one unconditional condition imposing its own
version, variants (and, for an installed spec, its arch and its dependencies by
hash); ``logic/externals_reuse.lp`` imposes it when the node takes it. A reused
node's compiler is a fact of its own (``installed_compiler*``), checked against a
``%compiler`` like a built node's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rpm_spec.repo.metadata import parsed
from rpm_spec.solver.errors import SolverInputError
from rpm_spec.solver.inputs import ExternalEntry, Origin
from rpm_spec.spec import InvalidVersionError, Version, parse_version_constraint

if TYPE_CHECKING:
    from collections.abc import Container, Iterable, Mapping

    from rpm_spec.solver.conditions import ConditionEncoder
    from rpm_spec.solver.facts import FactBuilder
    from rpm_spec.solver.inputs import PackagePreferences
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
) -> Installed:
    """The installed specs of packages in ``closure`` whose dependencies are there too;
    with ``reuse_roots`` false (``concretizer:reuse: dependencies``) only below the roots."""
    found = Installed()
    if not reuse_roots:
        facts.add("reuse_dependencies_only")
    usable = {spec.hash: spec for spec in installed if spec.name in closure}
    for spec in usable.values():
        if not all(dep.hash in usable for dep in spec.dependencies):
            continue
        found.specs[spec.hash] = spec
        cid = encoder.unconditional(Origin(f"installed {spec.format()} /{spec.short_hash}"))
        if not spec.is_external:
            # A registered external is never picked on its own (packages.yaml says
            # which externals exist), only reached by hash from a reused dependent.
            facts.add("installed", spec.hash, spec.name)
        facts.add("reuse_condition", spec.hash, cid)
        found.versions.append((spec.name, str(spec.version)))
        encoder.impose_exact_version(cid, spec.name, str(spec.version))
        for variant, values in spec.variants.items():
            for value in values:
                facts.add("imposed", cid, "variant_value", spec.name, variant, value)
        if spec.compiler is not None:
            facts.add("installed_compiler", spec.hash, spec.compiler.name)
        encoder.log.targets.add(spec.target)
        facts.add("imposed", cid, "node_target_satisfies", spec.name, spec.target)
        facts.add("imposed", cid, "node_os", spec.name, spec.os)
        facts.add("imposed", cid, "node_platform", spec.name, spec.platform)
        for dep in spec.dependencies:
            facts.add("imposed", cid, "node", dep.name)
            facts.add("imposed", cid, "hash", dep.name, dep.hash)
            for deptype in dep.types:
                facts.add("imposed", cid, "depends_on", spec.name, dep.name, deptype)
    return found


def installed_compiler_satisfaction(
    facts: FactBuilder, installed: Mapping[str, ConcreteSpec], asked: Mapping[str, set[str]]
) -> None:
    """Which compiler constraints (``%gcc@12:``) each installed spec's compiler meets, so
    that a reused node satisfies a ``%compiler`` exactly as a built one must."""
    for spec in installed.values():
        compiler = spec.compiler
        if compiler is None:
            continue
        version = Version(compiler.version)
        for text in sorted(asked.get(compiler.name, ())):
            if parse_version_constraint(text).contains(version):
                facts.add("installed_compiler_satisfies", spec.hash, compiler.name, text)


def _single_version(spec: AbstractSpec) -> Version | None:
    text = str(spec.versions)
    try:
        return Version(text)
    except InvalidVersionError:  # a range: not one version
        return None
