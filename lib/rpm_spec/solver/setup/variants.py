"""Variants: their definitions (each under its condition), default overrides, open values.

A recipe may declare one variant name several times under different ``when=``
conditions; each declaration is a definition with its own condition id
(``logic/variants.lp`` gives them their meaning). A variant declared without a
list of values (``cuda_arch``-like open variants) may take any value something
asks for: those values are only known once every condition has been encoded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rpm_spec.repo.metadata import parsed
from rpm_spec.solver.inputs import Origin
from rpm_spec.solver.setup.declarations import declared_at, on_package

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from rpm_spec.repo.metadata import RecipeMetadata
    from rpm_spec.solver.conditions import ConditionEncoder
    from rpm_spec.solver.facts import FactBuilder

#: (package, variant) → the condition id of an open variant's definition.
OpenVariants = dict[tuple[str, str], int]


def declare_variants(
    facts: FactBuilder, encoder: ConditionEncoder, meta: RecipeMetadata
) -> OpenVariants:
    """The ``variant_def*`` facts of a recipe; returns its open (any-value) variants."""
    name = meta.name
    open_variants: OpenVariants = {}
    for variant in meta.variants:
        origin = Origin(
            f"variant('{variant.name}')", declared_at(meta, variant.line, variant.origin)
        )
        cid = encoder.condition(name, parsed(variant.when) if variant.when else None, origin)
        facts.add("variant_def", cid, name, variant.name)
        if not variant.multi:
            facts.add("variant_def_single", cid)
        if variant.sticky:
            facts.add("variant_def_sticky", cid)
        for value in variant.default:
            facts.add("variant_def_default", cid, value)
            facts.add("variant_def_value", cid, value)
        if variant.values is None:
            open_variants[(name, variant.name)] = cid
        else:
            for value in variant.values:
                facts.add("variant_def_value", cid, value)
    return open_variants


def default_overrides(
    facts: FactBuilder,
    meta: RecipeMetadata,
    texts: Sequence[str],
    cuda_arch: Sequence[str],
) -> None:
    """packages.yaml ``variants:`` (``texts``) and the host GPUs' ``cuda_arch`` replace
    the defaults of the variants the recipe defines."""
    name = meta.name
    defined = {v.name for v in meta.variants}
    for text in texts:
        for variant in on_package(parsed(text), name).variants.values():
            if variant.name in defined:
                for value in variant.values:
                    facts.add("variant_default_override", name, variant.name, value)
    if cuda_arch and "cuda_arch" in defined:
        for value in cuda_arch:
            facts.add("variant_default_override", name, "cuda_arch", value)


def open_variant_values(
    facts: FactBuilder,
    open_variants: Mapping[tuple[str, str], int],
    asked: Mapping[tuple[str, str], set[str]],
) -> None:
    """Each value something asks of an open variant (``asked``) becomes a possible one."""
    for (package, variant), cid in open_variants.items():
        for value in sorted(asked.get((package, variant), ())):
            facts.add("variant_def_value", cid, value)
