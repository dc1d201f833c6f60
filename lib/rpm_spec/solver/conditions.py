"""Turn abstract specs into condition and imposition facts.

A condition is a set of required node attributes (``condition_req``), an
imposition a set of attributes asserted when a condition is imposed
(``imposed``); ``logic/conditions.lp`` gives both their one meaning. This module
also records every version, compiler, target and virtual constraint text it
emits, so that the translator can precompute which concrete values satisfy them
(the logic program never does version arithmetic).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rpm_spec.solver.flags import flag_attributes

if TYPE_CHECKING:
    from collections.abc import Callable

    from rpm_spec.solver.facts import FactBuilder
    from rpm_spec.solver.inputs import Origin
    from rpm_spec.spec import AbstractSpec, VariantValue


@dataclass
class ConstraintLog:
    """Constraint texts seen while encoding, to precompute what satisfies them."""

    versions: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    compilers: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    targets: set[str] = field(default_factory=set)
    virtuals: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    variant_values: dict[tuple[str, str], set[str]] = field(
        default_factory=lambda: defaultdict(set)
    )
    #: Virtual version ranges in conditions (``when="^mpi@3:"``), by virtual.
    virtual_conditions: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    #: Compiler flag groups, as (kind, flags text).
    flag_groups: set[tuple[str, str]] = field(default_factory=set)


class ConditionEncoder:
    """Emits ``condition``/``condition_req``/``imposed`` facts and remembers origins."""

    def __init__(self, facts: FactBuilder, is_virtual: Callable[[str], bool]) -> None:
        self.facts = facts
        self.is_virtual = is_virtual
        self.log = ConstraintLog()
        self.origins: dict[int, Origin] = {}

    # -- conditions (what must hold) ------------------------------------------------------

    def unconditional(self, origin: Origin) -> int:
        """A new condition with no requirement (a request, an external, an installed spec):
        it holds whenever something imposes it."""
        cid = self.facts.new_id()
        self.facts.add("condition", cid)
        self.origins[cid] = origin
        return cid

    def impose_exact_version(self, cid: int, package: str, version: str) -> None:
        """Impose ``package@=version`` (an external's or installed spec's own version)."""
        exact = f"={version}"
        self.log.versions[package].add(exact)
        self.facts.add("imposed", cid, "version_satisfies", package, exact)

    def condition(self, package: str, when: AbstractSpec | None, origin: Origin) -> int:
        """A new condition: ``package`` is a node and meets ``when`` (which may name deps)."""
        cid = self.facts.new_id()
        self.facts.add("condition", cid)
        self.origins[cid] = origin
        self.facts.add("condition_req", cid, "node", package)
        if when is not None:
            self.require(cid, package, when)
        return cid

    def require(self, cid: int, package: str, spec: AbstractSpec) -> None:
        """Add ``spec``'s attributes (and its deps') to condition ``cid``'s requirements."""
        for name, *args in self._attributes(package, spec, required=True):
            self.facts.add("condition_req", cid, name, *args)
        for edge in spec.dependencies:
            dep = edge.spec
            if dep.name is None:
                continue
            if self.is_virtual(dep.name):
                self.facts.add("condition_req", cid, "virtual_node", dep.name)
                self._require_virtual(cid, dep.name, dep)
                continue
            self.facts.add("condition_req", cid, "node", dep.name)
            for virtual in edge.virtuals:
                self.facts.add("condition_req", cid, "provider", virtual, dep.name)
            for deptype in edge.deptypes:
                self.facts.add("condition_req", cid, "edge_type", dep.name, deptype)
            self.require(cid, dep.name, dep)

    def _require_virtual(self, cid: int, virtual: str, spec: AbstractSpec) -> None:
        """``^mpi@3:+x`` in a condition: the provider's version of the virtual (the top of
        the range it provides) and its variants."""
        if not spec.versions.is_any:
            text = str(spec.versions)
            self.log.virtual_conditions[virtual].add(text)
            self.facts.add("condition_req", cid, "virtual_version", virtual, text)
        for variant in spec.variants.values():
            for value in variant.values:
                self.facts.add(
                    "condition_req", cid, "virtual_variant_value", virtual, variant.name, value
                )

    # -- impositions (what is asserted) ---------------------------------------------------

    def impose(self, cid: int, package: str, spec: AbstractSpec, *, node: bool = True) -> None:
        """Impose ``spec``'s constraints on ``package``; ``node`` also makes it a node."""
        if self.is_virtual(package):
            self._impose_virtual(cid, package, spec, node=node)
            return
        if node:
            self.facts.add("imposed", cid, "node", package)
        for name, *args in self._attributes(package, spec, required=False):
            self.facts.add("imposed", cid, name, *args)
        for edge in spec.dependencies:
            dep = edge.spec
            if dep.name is None:
                continue
            for virtual in edge.virtuals:
                self.facts.add("imposed", cid, "provider", virtual, dep.name)
            self.impose(cid, dep.name, dep, node=False)

    def _impose_virtual(self, cid: int, virtual: str, spec: AbstractSpec, *, node: bool) -> None:
        if node:
            self.facts.add("imposed", cid, "virtual_node", virtual)
        if not spec.versions.is_any:
            text = str(spec.versions)
            self.log.virtuals[virtual].add(text)
            self.facts.add("imposed", cid, "virtual_version_satisfies", virtual, text)
        for variant in spec.variants.values():
            for value in variant.values:
                self.facts.add(
                    "imposed", cid, "virtual_variant_value", virtual, variant.name, value
                )

    def _attributes(
        self, package: str, spec: AbstractSpec, *, required: bool
    ) -> list[tuple[str, ...]]:
        """The node attributes ``spec`` states about ``package`` (its own, not its deps')."""
        found: list[tuple[str, ...]] = []
        if not spec.versions.is_any:
            text = str(spec.versions)
            self.log.versions[package].add(text)
            found.append(("version_satisfies", package, text))
        for variant in spec.variants.values():
            for value in variant.values:
                self.log.variant_values[(package, variant.name)].add(value)
                found.append(("variant_value", package, variant.name, value))
            if variant.exact:
                found.append(("variant_only", package, variant.name, self._exact_set(variant)))
        found.extend(flag_attributes(package, spec, self.log.flag_groups, required=required))
        if spec.abstract_hash is not None:
            found.append(("hash", package, spec.abstract_hash))
        if spec.compiler is not None:
            found.append(("node_compiler", package, spec.compiler.name))
            if not spec.compiler.versions.is_any:
                text = str(spec.compiler.versions)
                self.log.compilers[spec.compiler.name].add(text)
                found.append(
                    ("node_compiler_version_satisfies", package, spec.compiler.name, text)
                )
        if spec.target is not None:
            self.log.targets.add(spec.target)
            found.append(("node_target_satisfies", package, spec.target))
        if spec.os is not None:
            found.append(("node_os", package, spec.os))
        if spec.platform is not None:
            found.append(("node_platform", package, spec.platform))
        return found

    def _exact_set(self, variant: VariantValue) -> str:
        """The id of an exact value set (``x:=a,b``): its values joined, with their facts."""
        text = ",".join(variant.values)
        for value in variant.values:
            self.facts.add("exact_set_value", text, value)
        return text
