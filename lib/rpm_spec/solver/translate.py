"""Problem → facts: recipes of the possible-dependency closure, request, policy, host.

Only the closure of the request is loaded. Everything the logic program must not
compute (version, compiler and target satisfaction, virtual version ranges) is
precomputed here from the constraint texts the encoder logged.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from rpm_spec.platform import targets as archs
from rpm_spec.platform.flags import compiler_supports_target
from rpm_spec.repo.metadata import parsed
from rpm_spec.solver.conditions import ConditionEncoder
from rpm_spec.solver.criteria import priorities
from rpm_spec.solver.errors import SolverInputError
from rpm_spec.solver.facts import FactBuilder
from rpm_spec.solver.flags import add_flag_facts
from rpm_spec.solver.inputs import CompilerEntry, ExternalEntry, Origin, Problem, RecipeSource
from rpm_spec.solver.order import version_preferences
from rpm_spec.solver.targets import TargetPlan, plan_targets
from rpm_spec.solver.virtual_versions import add_virtual_condition_facts
from rpm_spec.spec import InvalidVersionError, Version, parse_version_constraint

if TYPE_CHECKING:
    from rpm_spec.repo.metadata import RecipeMetadata
    from rpm_spec.spec import AbstractSpec
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
    targets: TargetPlan | None = None
    notes: list[str] = field(default_factory=list)


def translate(problem: Problem, recipes: RecipeSource) -> Translation:
    """Build every fact of ``problem``."""
    return _Translator(problem, recipes).run()


class _Translator:
    def __init__(self, problem: Problem, recipes: RecipeSource) -> None:
        self.problem = problem
        self.recipes = recipes
        self.facts = FactBuilder()
        self.encoder = ConditionEncoder(self.facts, recipes.is_virtual)
        self.out = Translation(self.facts, self.encoder.origins)
        self.extra_versions: dict[str, set[str]] = defaultdict(set)
        self.open_variants: dict[tuple[str, str], int] = {}
        self.provided: dict[int, tuple[str, AbstractSpec]] = {}
        #: Names recipes depend on that no repository defines: such a dependency
        #: becomes a conflict, so it only matters when its condition would hold.
        self.unknown: set[str] = set()

    def run(self) -> Translation:
        closure = self._closure()
        self.out.targets = plan_targets(self.problem)
        for name in sorted(closure):
            self._package(self.recipes.get(name))
        for virtual in sorted(self._virtuals(closure)):
            self.facts.add("virtual", virtual)
            self._provider_weights(virtual)
        for root in self.problem.roots:
            self._request(root)
        self._policy(closure)
        self._installed(closure)
        self._reference(closure)
        self._forced()
        self._compilers()
        self._arch()
        self._satisfaction()
        add_virtual_condition_facts(self.facts, self.provided, self.encoder.log)
        flag_groups = self.encoder.log.flag_groups
        add_flag_facts(
            self.facts, self.problem, self.out.compilers, self.out.installed, flag_groups
        )
        for name, priority in priorities().items():
            self.facts.add("criterion", name, priority)
        return self.out

    # -- closure ----------------------------------------------------------------------

    def _closure(self) -> set[str]:
        """Every package the request could possibly need (providers of virtuals included)."""
        todo = [root.name for root in self.problem.roots if root.name]
        for root in self.problem.roots:
            todo.extend(dep.name for dep in root.traverse() if dep.name)
        seen: set[str] = set()
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            if self.recipes.is_virtual(name):
                seen.add(name)
                todo.extend(self.recipes.providers_for(name))
                continue
            if not self.recipes.exists(name):
                self.unknown.add(name)
                continue
            seen.add(name)
            meta = self.recipes.get(name)
            self.out.recipes[name] = meta
            for dep in meta.dependencies:
                if "test" in dep.types and len(dep.types) == 1 and not self.problem.tests:
                    continue
                todo.append(dep.name)
        return {name for name in seen if name in self.out.recipes}

    def _virtuals(self, closure: set[str]) -> set[str]:
        return {
            provided.virtual for name in closure for provided in self.out.recipes[name].provides
        }

    # -- one recipe -------------------------------------------------------------------

    def _where(self, meta: RecipeMetadata, line: int, origin: str | None) -> str:
        return f"{origin or meta.path}:{line}"

    def _package(self, meta: RecipeMetadata) -> None:
        name = meta.name
        self.facts.add("pkg", name)
        for version, weight, deprecated in version_preferences(
            meta, self.problem.policy.of(name).versions
        ):
            self.facts.add("version_declared", name, version, weight)
            if deprecated:
                self.facts.add("version_deprecated", name, version)
        for variant in meta.variants:
            origin = Origin(
                f"variant('{variant.name}')", self._where(meta, variant.line, variant.origin)
            )
            cid = self.encoder.condition(
                name, parsed(variant.when) if variant.when else None, origin
            )
            self.facts.add("variant_def", cid, name, variant.name)
            if not variant.multi:
                self.facts.add("variant_def_single", cid)
            if variant.sticky:
                self.facts.add("variant_def_sticky", cid)
            for value in variant.default:
                self.facts.add("variant_def_default", cid, value)
                self.facts.add("variant_def_value", cid, value)
            if variant.values is None:
                self.open_variants[(name, variant.name)] = cid
            else:
                for value in variant.values:
                    self.facts.add("variant_def_value", cid, value)
        for dep in meta.dependencies:
            if "test" in dep.types and len(dep.types) == 1 and not self.problem.tests:
                continue
            text = f"depends_on('{dep.spec}'" + (f", when='{dep.when}')" if dep.when else ")")
            origin = Origin(f"{name}: {text}", self._where(meta, dep.line, dep.origin))
            cid = self.encoder.condition(name, parsed(dep.when) if dep.when else None, origin)
            if dep.name in self.unknown:
                # Matters only where the dependency would be built: externals take none.
                self.out.conflicts[cid] = f"{origin}: no repository has a recipe for {dep.name}"
                self.facts.add("missing_dependency", cid, name)
                continue
            dep_spec = parsed(dep.spec)
            self.facts.add("dependency_condition", cid, name, dep.name)
            for deptype in dep.types:
                if deptype != "test" or self.problem.tests:
                    self.facts.add("dependency_type", cid, deptype)
            self.encoder.impose(cid, dep.name, dep_spec)
        for conflict in meta.conflicts:
            when = f" when '{conflict.when}'" if conflict.when else ""
            text = f"{name}: conflicts('{conflict.spec}'{when})"
            origin = Origin(text, self._where(meta, conflict.line, conflict.origin))
            cid = self.encoder.condition(name, _on_package(parsed(conflict.spec), name), origin)
            if conflict.when:
                self.encoder.require(cid, name, parsed(conflict.when))
            message = f"{origin}" + (f": {conflict.msg}" if conflict.msg else "")
            self.out.conflicts[cid] = message
            self.facts.add("conflict", cid, cid)
        for requirement in meta.requires:
            origin = Origin(
                f"{name}: requires({', '.join(repr(s) for s in requirement.specs)}, "
                f"policy='{requirement.policy}')",
                self._where(meta, requirement.line, requirement.origin),
            )
            message = str(origin) + (f": {requirement.msg}" if requirement.msg else "")
            self._requirement_group(
                name, requirement.specs, requirement.policy, requirement.when, origin, message
            )
        for provided in meta.provides:
            origin = Origin(
                f"{name}: provides('{provided.virtual_spec}')",
                self._where(meta, provided.line, provided.origin),
            )
            cid = self.encoder.condition(
                name, parsed(provided.when) if provided.when else None, origin
            )
            self.facts.add("provides_condition", cid, name, provided.virtual)
            self.provided[cid] = (provided.virtual, parsed(provided.virtual_spec))

    def _requirement_group(
        self,
        package: str,
        specs: tuple[str, ...],
        policy: str,
        when: str | None,
        origin: Origin,
        message: str,
    ) -> None:
        group = self.facts.new_id()
        self.facts.add("requirement_group", group, package, policy)
        when_id = self.encoder.condition(package, parsed(when) if when else None, origin)
        self.facts.add("requirement_when", group, when_id)
        for text in specs:
            member = self.encoder.condition(package, _on_package(parsed(text), package), origin)
            self.facts.add("requirement_member", group, member)
        self.out.requirements[group] = message

    def _provider_weights(self, virtual: str) -> None:
        order = self.problem.policy.provider_order(virtual)
        for provider in self.recipes.providers_for(virtual):
            weight = order.index(provider) if provider in order else len(order) + 10
            self.facts.add("provider_weight", virtual, provider, weight)

    # -- request ----------------------------------------------------------------------

    def _request(self, root: AbstractSpec) -> None:
        assert root.name is not None
        origin = Origin(f"the request '{root}'", "command line")
        cid = self.facts.new_id()
        self.facts.add("condition", cid)
        self.out.origins[cid] = origin
        self.facts.add("request", cid)
        self.facts.add("imposed", cid, "root", root.name)
        self.encoder.impose(cid, root.name, _without_deps(root))
        for exact in _exact_versions(root):
            self.extra_versions[root.name].add(exact)
        for variant in root.variants.values():
            if variant.propagate:
                for value in variant.values:
                    self.facts.add("variant_propagate", root.name, variant.name, value)
        for edge in root.dependencies:
            dep = edge.spec
            if dep.name is None:
                continue
            dep_origin = Origin(f"^{dep} in the request '{root}'", "command line")
            dep_id = self.facts.new_id()
            self.facts.add("condition", dep_id)
            self.out.origins[dep_id] = dep_origin
            self.facts.add("request", dep_id)
            if self.recipes.is_virtual(dep.name):
                self.facts.add("imposed", dep_id, "required_virtual", dep.name)
            else:
                self.facts.add("imposed", dep_id, "required_node", dep.name)
                for exact in _exact_versions(dep):
                    self.extra_versions[dep.name].add(exact)
            for virtual in edge.virtuals:
                self.facts.add("imposed", dep_id, "provider", virtual, dep.name)
            for deptype in edge.deptypes:
                self.facts.add("imposed", dep_id, "edge_type", dep.name, deptype)
            self.encoder.impose(dep_id, dep.name, dep, node=False)
            if dep.target is not None and not self.recipes.is_virtual(dep.name):
                self.facts.add("explicit_target", dep.name)

    # -- packages.yaml ----------------------------------------------------------------

    def _policy(self, closure: set[str]) -> None:
        policy = self.problem.policy
        for name in sorted(closure):
            own = policy.of(name)
            for entries in (policy.all.require, own.require):
                for rule in entries:
                    origin = Origin(f"packages:{name}:require", rule.origin)
                    message = str(origin) + (f": {rule.message}" if rule.message else "")
                    self._requirement_group(
                        name, rule.specs, rule.policy, rule.when, origin, message
                    )
            for rule in own.prefer + policy.all.prefer:
                for text in rule.specs:
                    origin = Origin(f"packages:{name}:prefer", rule.origin)
                    group = self.facts.new_id()
                    when_id = self.encoder.condition(
                        name, parsed(rule.when) if rule.when else None, origin
                    )
                    self.facts.add("preference_when", group, when_id)
                    member = self.encoder.condition(name, _on_package(parsed(text), name), origin)
                    self.facts.add("preference", group, member)
            for rule in own.conflict + policy.all.conflict:
                for text in rule.specs:
                    origin = Origin(f"packages:{name}:conflict '{text}'", rule.origin)
                    spec = _on_package(parsed(text), name)
                    cid = self.encoder.condition(name, spec, origin)
                    if rule.when:
                        self.encoder.require(cid, name, parsed(rule.when))
                    self.out.conflicts[cid] = str(origin) + (
                        f": {rule.message}" if rule.message else ""
                    )
                    self.facts.add("conflict", cid, cid)
            for text in own.variants or policy.all.variants:
                for variant in _on_package(parsed(text), name).variants.values():
                    if any(v.name == variant.name for v in self.out.recipes[name].variants):
                        for value in variant.values:
                            self.facts.add("variant_default_override", name, variant.name, value)
            if self.problem.default_cuda_arch and any(
                v.name == "cuda_arch" for v in self.out.recipes[name].variants
            ):
                for value in self.problem.default_cuda_arch:
                    self.facts.add("variant_default_override", name, "cuda_arch", value)
            if not own.buildable:
                self.facts.add("not_buildable", name)
            for entry in own.externals:
                self._external(name, entry)

    def _external(self, name: str, entry: ExternalEntry) -> None:
        spec = parsed(entry.spec)
        version = spec.versions.concrete or _single_version(spec)
        if version is None:
            raise SolverInputError(
                f"the external {entry.spec} ({entry.origin}) must name one version",
                hint=f"e.g. {name}@1.2.3, as 'rpm-spec external find {name}' writes it",
            )
        eid = self.facts.new_id()
        self.out.externals[eid] = (name, entry)
        origin = Origin(f"external {entry.spec} at {entry.prefix}", entry.origin)
        cid = self.facts.new_id()
        self.facts.add("condition", cid)
        self.out.origins[cid] = origin
        self.facts.add("external_entry", eid, name)
        self.facts.add("external_condition", eid, cid)
        exact = f"={version}"
        self.extra_versions[name].add(str(version))
        self.encoder.log.versions[name].add(exact)
        self.facts.add("imposed", cid, "version_satisfies", name, exact)
        for variant in spec.variants.values():
            for value in variant.values:
                self.facts.add("imposed", cid, "variant_value", name, variant.name, value)

    # -- installed specs (reuse) ------------------------------------------------------

    def _installed(self, closure: set[str]) -> None:
        if not self.problem.reuse_roots:
            self.facts.add("reuse_dependencies_only")
        usable = {spec.hash: spec for spec in self.problem.installed if spec.name in closure}
        for spec in usable.values():
            if not all(dep.hash in usable for dep in spec.dependencies):
                continue
            self.out.installed[spec.hash] = spec
            cid = self.facts.new_id()
            self.facts.add("condition", cid)
            self.out.origins[cid] = Origin(f"installed {spec.format()} /{spec.short_hash}")
            if not spec.is_external:
                # A registered external is never picked on its own (packages.yaml says
                # which externals exist), only reached by hash from a reused dependent.
                self.facts.add("installed", spec.hash, spec.name)
            self.facts.add("reuse_condition", spec.hash, cid)
            exact = f"={spec.version}"
            self.extra_versions[spec.name].add(str(spec.version))
            self.encoder.log.versions[spec.name].add(exact)
            self.facts.add("imposed", cid, "version_satisfies", spec.name, exact)
            for variant, values in spec.variants.items():
                for value in values:
                    self.facts.add("imposed", cid, "variant_value", spec.name, variant, value)
            self.encoder.log.targets.add(spec.target)
            self.facts.add("imposed", cid, "node_target_satisfies", spec.name, spec.target)
            self.facts.add("imposed", cid, "node_os", spec.name, spec.os)
            self.facts.add("imposed", cid, "node_platform", spec.name, spec.platform)
            for dep in spec.dependencies:
                self.facts.add("imposed", cid, "node", dep.name)
                self.facts.add("imposed", cid, "hash", dep.name, dep.hash)
                for deptype in dep.types:
                    self.facts.add("imposed", cid, "depends_on", spec.name, dep.name, deptype)

    # -- retargeting: the reference DAG and forced attributes -------------------------

    def _reference(self, closure: set[str]) -> None:
        reference = self.problem.reference
        if reference is None:
            return
        for node in reference.nodes.values():
            if node.name not in closure:
                continue
            self.facts.add("reference_node", node.name)
            self.facts.add("reference_version", node.name, str(node.version))
            self.extra_versions[node.name].add(str(node.version))
            for variant, values in node.variants.items():
                for value in values:
                    self.facts.add("reference_variant", node.name, variant, value)
            if node.compiler is not None and not node.is_external:
                self.facts.add(
                    "reference_compiler", node.name, node.compiler.name, node.compiler.version
                )
            for dep in node.dependencies:
                for virtual in dep.virtuals:
                    self.facts.add("reference_provider", virtual, dep.name)

    def _forced(self) -> None:
        """Constraints that must hold, imposed like a request on a node if it is there."""
        for package, text in self.problem.forced:
            cid = self.facts.new_id()
            self.facts.add("condition", cid)
            self.out.origins[cid] = Origin(f"keeping {text} from the reference", "lock")
            self.facts.add("request", cid)
            if self.recipes.is_virtual(package):
                self.facts.add("imposed", cid, "provider", package, text)
                self.facts.add("imposed", cid, "required_virtual", package)
                continue
            spec = parsed(text)
            self.facts.add("imposed", cid, "required_node", package)
            self.encoder.impose(cid, package, _on_package(spec, package), node=False)
            for exact in _exact_versions(spec):
                self.extra_versions[package].add(exact)

    # -- compilers, targets, os -------------------------------------------------------

    def _compilers(self) -> None:
        plan = self.out.targets
        assert plan is not None
        entries = list(self.problem.compilers)
        usable = [c for c in entries if c.family in (None, plan.family)]
        if not usable and entries:
            # Cross-concretizing for a family no compiler is configured for: assume the
            # host's compilers exist there too, and say so.
            usable = [replace(c, os=None, family=plan.family, assumed=True) for c in entries]
            names = ", ".join(sorted({str(c) for c in usable}))
            self.out.notes.append(
                f"no compiler is configured for {plan.family}; assuming {names} exist there"
            )
        preferred = self.problem.policy.all.compilers
        ranked = sorted(
            usable,
            key=lambda c: (
                preferred.index(c.name) if c.name in preferred else len(preferred),
                c.name,
                [-part for part in _numeric_key(c.version)],
            ),
        )
        per_package = {
            name: self.problem.policy.of(name).compilers
            for name in self.out.recipes
            if self.problem.policy.of(name).compilers
        }
        for weight, compiler in enumerate(ranked):
            cid = self.facts.new_id()
            for package, order in per_package.items():
                rank = order.index(compiler.name) if compiler.name in order else len(order)
                self.facts.add("package_compiler_weight", package, cid, rank * 100 + weight)
            self.out.compilers[cid] = compiler
            self.facts.add("compiler", cid)
            self.facts.add("compiler_name", cid, compiler.name)
            self.facts.add("compiler_version", cid, compiler.version)
            self.facts.add("compiler_weight", cid, weight)
            if compiler.os:
                self.facts.add("compiler_os", cid, compiler.os)
            for target in plan.candidates:
                if compiler_supports_target(target, compiler.name, compiler.version):
                    self.facts.add("compiler_supports_target", cid, target)
            compiler_version = Version(compiler.version)
            for text in self.encoder.log.compilers.get(compiler.name, ()):
                if parse_version_constraint(text).contains(compiler_version):
                    self.facts.add("compiler_satisfies", cid, compiler.name, text)

    def _arch(self) -> None:
        plan = self.out.targets
        assert plan is not None
        for target, weight in plan.weights.items():
            self.facts.add("target", target)
            self.facts.add("target_weight", target, weight)
            if archs.get_target(target).is_generic:
                self.facts.add("target_generic", target)
        for low in plan.candidates:
            for high in plan.candidates:
                if archs.can_run_on(low, high):
                    self.facts.add("target_runs_on", low, high)
        for text in self.encoder.log.targets:
            allowed = set(plan.allowed(text))
            for target in plan.candidates:
                if target in allowed:
                    self.facts.add("target_satisfies", text, target)
        for os_name, weight in plan.oses.items():
            self.facts.add("os", os_name, weight)
        for platform in plan.platforms:
            self.facts.add("platform", platform)

    # -- precomputed satisfaction -----------------------------------------------------

    def _satisfaction(self) -> None:
        for name, extra in self.extra_versions.items():
            declared = {v for v, _, _ in version_preferences(self.out.recipes[name], ())}
            bottom = len(declared) + 100
            for added in sorted(extra - declared):
                self.facts.add("version_declared", name, added, bottom)
        for name, texts in self.encoder.log.versions.items():
            if name not in self.out.recipes:
                continue
            versions = [Version(v) for v, _, _ in version_preferences(self.out.recipes[name], ())]
            versions += [Version(v) for v in self.extra_versions.get(name, ())]
            for text in texts:
                constraint = parse_version_constraint(text)
                for candidate in versions:
                    if constraint.contains(candidate):
                        self.facts.add("version_satisfies", name, text, str(candidate))
        for cid, (virtual, spec) in self.provided.items():
            for text in self.encoder.log.virtuals.get(virtual, ()):
                if spec.versions.intersects(parse_version_constraint(text)):
                    self.facts.add("provides_satisfies", cid, text)
        for (package, variant), cid in self.open_variants.items():
            for value in self.encoder.log.variant_values.get((package, variant), ()):
                self.facts.add("variant_def_value", cid, value)


def _on_package(spec: AbstractSpec, package: str) -> AbstractSpec:
    """A packages.yaml/requires spec is about the package itself, named or not."""
    if spec.name is not None and spec.name != package:
        return spec
    copy = spec.copy()
    copy.name = None
    return copy


def _without_deps(spec: AbstractSpec) -> AbstractSpec:
    """The root's own constraints; propagated variants flow through variant_propagate."""
    copy = spec.copy()
    copy.dependencies = []
    copy.variants = {k: v for k, v in copy.variants.items() if not v.propagate}
    return copy


def _exact_versions(spec: AbstractSpec) -> list[str]:
    concrete = spec.versions.concrete
    return [str(concrete)] if concrete is not None else []


def _single_version(spec: AbstractSpec) -> Version | None:
    text = str(spec.versions)
    try:
        return Version(text)
    except InvalidVersionError:  # a range: not one version
        return None


def _numeric_key(version: str) -> list[int]:
    return [int(part) for part in version.split(".") if part.isdigit()]
