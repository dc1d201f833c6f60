"""Variant definitions under conditions, default overrides and open variants' values."""

from __future__ import annotations

from setup_fakes import encoder, named, recipe

from rpm_spec.repo.metadata import VariantDecl
from rpm_spec.solver.setup.variants import (
    declare_variants,
    default_overrides,
    open_variant_values,
)

RECIPE = recipe(
    "demo",
    variants=[
        VariantDecl("shared", ("true",), ("true", "false"), boolean=True),
        VariantDecl("gpu", ("false",), ("true", "false"), sticky=True, when="@2:"),
        VariantDecl("cuda_arch", (), None, multi=True),
    ],
)


def test_each_declaration_is_a_definition_under_its_condition() -> None:
    enc = encoder()
    open_variants = declare_variants(enc.facts, enc, RECIPE)
    definitions = named(enc.facts, "variant_def")
    assert [args[1:] for args in definitions] == [
        ("demo", "shared"),
        ("demo", "gpu"),
        ("demo", "cuda_arch"),
    ]
    shared, gpu, cuda_arch = (args[0] for args in definitions)
    assert (shared,) in named(enc.facts, "variant_def_single")
    assert named(enc.facts, "variant_def_sticky") == [(gpu,)]
    assert (shared, "true") in named(enc.facts, "variant_def_default")
    assert ("version_satisfies", "demo", "2:") in [
        a[1:] for a in named(enc.facts, "condition_req") if a[0] == gpu
    ]
    assert open_variants == {("demo", "cuda_arch"): cuda_arch}


def test_overrides_apply_only_to_variants_the_recipe_defines() -> None:
    enc = encoder()
    default_overrides(enc.facts, RECIPE, ["~shared+nosuch"], ["90"])
    assert named(enc.facts, "variant_default_override") == [
        ("demo", "shared", "false"),
        ("demo", "cuda_arch", "90"),
    ]


def test_cuda_arch_of_the_host_only_where_the_variant_exists() -> None:
    enc = encoder()
    default_overrides(enc.facts, recipe("plain"), [], ["90"])
    assert named(enc.facts, "variant_default_override") == []


def test_values_asked_of_an_open_variant_become_possible() -> None:
    enc = encoder()
    open_variant_values(enc.facts, {("demo", "cuda_arch"): 7}, {("demo", "cuda_arch"): {"80"}})
    assert named(enc.facts, "variant_def_value") == [(7, "80")]
