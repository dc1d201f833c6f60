"""Problem → facts: the one place where the setup steps run, and in which order.

Each concern has its module (closure, versions, variants, dependencies,
virtuals, requirements, request, reuse, reference, compilers, targets, flags); a step
that needs what another found takes it as an argument here, so the order below
is the whole story. Two phases:

1. Encode: every recipe, the request, packages.yaml, installed specs, the
   reference and forced constraints become conditions. The condition encoder logs
   every constraint text (versions, compilers, targets, virtual ranges, variant
   values) they use.
2. Precompute: with that log complete, say which compilers, targets, versions,
   provided virtual ranges (and their tops, for conditions on a virtual's version),
   open variant values and flag groups satisfy those texts (the logic program never
   does version or target arithmetic).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rpm_spec.solver.conditions import ConditionEncoder
from rpm_spec.solver.criteria import priorities
from rpm_spec.solver.facts import FactBuilder
from rpm_spec.solver.program import OPTIONAL_FILES
from rpm_spec.solver.setup import (
    admin_policy,
    compilers,
    dependencies,
    flags,
    reference,
    request,
    requirements,
    reuse,
    targets,
    variants,
    versions,
    virtuals,
)
from rpm_spec.solver.setup.closure import possible_dependencies

if TYPE_CHECKING:
    from rpm_spec.repo.metadata import RecipeMetadata
    from rpm_spec.solver.inputs import CompilerEntry, ExternalEntry, Origin, Problem, RecipeSource
    from rpm_spec.spec.concrete import ConcreteSpec


@dataclass
class Translation:
    """The facts of one problem and the tables needed to read its model back."""

    facts: FactBuilder
    origins: dict[int, Origin]
    conflicts: dict[int, str] = field(default_factory=dict)
    requirements: dict[int, str] = field(default_factory=dict)
    compilers: dict[int, CompilerEntry] = field(default_factory=dict)
    externals: dict[int, tuple[str, ExternalEntry]] = field(default_factory=dict)
    installed: dict[str, ConcreteSpec] = field(default_factory=dict)
    recipes: dict[str, RecipeMetadata] = field(default_factory=dict)
    targets: targets.TargetCandidates | None = None
    notes: list[str] = field(default_factory=list)
    #: The optional files of the logic program (``program.OPTIONAL_FILES``) these
    #: facts need: the others would derive nothing from them.
    logic: frozenset[str] = OPTIONAL_FILES


def translate(problem: Problem, recipes: RecipeSource) -> Translation:
    """Build every fact of ``problem``."""
    facts = FactBuilder()
    encoder = ConditionEncoder(facts, recipes.is_virtual)
    closure = possible_dependencies(problem, recipes)
    candidates = targets.rank_targets(problem)
    out = Translation(facts, encoder.origins, recipes=dict(closure.recipes), targets=candidates)
    preferences = problem.preferences

    # Phase 1: encode.
    open_variants: variants.OpenVariants = {}
    provided: virtuals.Provided = {}
    for name in closure.names:
        meta = closure.recipes[name]
        facts.add("pkg", name)
        versions.declare_versions(facts, meta, preferences.of(name).versions)
        open_variants.update(variants.declare_variants(facts, encoder, meta))
        out.conflicts.update(
            dependencies.declare_dependencies(
                facts, encoder, meta, unknown=closure.unknown, tests=problem.tests
            )
        )
        out.conflicts.update(requirements.recipe_conflicts(facts, encoder, meta))
        out.requirements.update(requirements.recipe_requirements(facts, encoder, meta))
        provided.update(virtuals.declare_provides(facts, encoder, meta))
    for virtual in closure.virtuals():
        virtuals.declare_virtual(
            facts, virtual, recipes.providers_for(virtual), preferences.provider_order(virtual)
        )
        out.requirements.update(
            requirements.virtual_requirements(facts, encoder, virtual, preferences.of(virtual))
        )
        virtuals.virtual_not_buildable(facts, virtual, recipes.providers_for(virtual), preferences)
    requested: versions.ExtraVersions = []
    for root in problem.roots:
        requested += request.declare_root(facts, encoder, root, recipes.is_virtual)
    external_versions: versions.ExtraVersions = []
    for name in closure.names:
        own, everyone, meta = preferences.of(name), preferences.all, closure.recipes[name]
        out.requirements.update(
            requirements.config_requirements(facts, encoder, meta, own, everyone)
        )
        requirements.config_preferences(facts, encoder, meta, own, everyone)
        out.conflicts.update(requirements.config_conflicts(facts, encoder, meta, own, everyone))
        variants.default_overrides(
            facts,
            closure.recipes[name],
            own.variants or everyone.variants,
            problem.default_cuda_arch,
        )
        found = reuse.declare_externals(facts, encoder, name, own)
        out.externals.update(found.entries)
        external_versions += found.versions
    rules = None
    if problem.admin_policy is not None and not problem.admin_policy.empty:
        rules = admin_policy.declare_policy(
            facts,
            encoder,
            problem.admin_policy,
            closure.recipes,
            closure.virtuals(),
            candidates,
            recipes,
        )
        out.conflicts.update(rules.conflicts)
        out.requirements.update(rules.requirements)
    installed = reuse.declare_installed(
        facts,
        encoder,
        problem.installed,
        closure.recipes,
        reuse_roots=problem.reuse_roots,
        candidates=candidates,
    )
    out.installed = installed.specs
    referenced = reference.declare_reference(facts, problem.reference, closure.recipes)
    forced = request.declare_forced(facts, encoder, problem.forced, recipes.is_virtual)

    # Phase 2: precompute what satisfies the constraint texts logged in phase 1.
    log = encoder.log
    chosen = compilers.declare_compilers(
        facts, problem.compilers, preferences, closure.recipes, candidates, log.compilers
    )
    out.compilers, out.notes = chosen.by_id, chosen.notes
    reuse.installed_compiler_satisfaction(facts, installed, log.compilers)
    targets.declare_targets(facts, candidates, log.targets)
    extra = versions.collect_extra(
        requested, external_versions, installed.versions, referenced, forced
    )
    versions.version_satisfaction(facts, closure.recipes, extra, log.versions)
    virtuals.provides_satisfaction(facts, provided, log.virtuals)
    virtuals.provides_top_satisfaction(facts, provided, log.virtual_conditions)
    flagged = flags.declare_flags(
        facts, problem.roots, out.compilers, installed.specs, log.flag_groups
    )
    variants.open_variant_values(facts, open_variants, log.variant_values)
    for criterion, priority in priorities().items():
        facts.add("criterion", criterion, priority)
    needs = {
        "flags.lp": flagged,
        "reference.lp": problem.reference is not None,
        "policy.lp": rules is not None,
    }
    out.logic = frozenset(name for name, needed in needs.items() if needed)
    return out
