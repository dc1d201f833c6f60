"""The CUDA and ROCm mixins and the data tables behind them."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from rpm_spec.repo.metadata import ConflictDecl, DependencyDecl, VariantDecl
from rpm_spec.repo.mixins.cuda import (
    CudaArch,
    CudaPackage,
    arch_support_conflicts,
    compute_capability,
    cuda_arch_table,
    cuda_arch_values,
)
from rpm_spec.repo.mixins.rocm import ROCmPackage, amdgpu_target_values
from rpm_spec.spec import parse_spec

DATA = resources.files("rpm_spec.repo").joinpath("data")


@pytest.mark.parametrize("table", ["cuda", "rocm"])
def test_shipped_tables_match_their_schema(table: str) -> None:
    data = json.loads(DATA.joinpath(f"{table}.json").read_text("utf-8"))
    schema = json.loads(DATA.joinpath(f"{table}.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema)


def test_every_data_file_has_a_schema() -> None:
    names = {entry.name for entry in DATA.iterdir() if entry.name.endswith(".json")}
    tables = {name for name in names if not name.endswith(".schema.json")}
    assert {name.replace(".json", ".schema.json") for name in tables} <= names


def test_cuda_arch_values() -> None:
    values = cuda_arch_values()
    assert len(values) == len(set(values))
    assert {"50", "80", "90", "90a", "100", "100a", "120"} <= set(values)
    hopper = next(row for row in cuda_arch_table() if row.arch == "90")
    assert (hopper.family, hopper.first_cuda, hopper.dropped_in) == ("Hopper", "11.8", None)


def test_cuda_mixin_declarations() -> None:
    variants = {d.name: d for d in CudaPackage.declarations if isinstance(d, VariantDecl)}
    assert variants["cuda"].default == ("false",) and variants["cuda"].boolean
    arch = variants["cuda_arch"]
    assert arch.multi and arch.when == "+cuda" and arch.default == ("none",)
    assert arch.values == ("none", *cuda_arch_values())
    deps = [d for d in CudaPackage.declarations if isinstance(d, DependencyDecl)]
    assert [(d.spec, d.when) for d in deps] == [("cuda", "+cuda")]
    conflicts = [d for d in CudaPackage.declarations if isinstance(d, ConflictDecl)]
    assert [(c.spec, c.when, c.msg) for c in conflicts] == [
        ("cuda_arch=none", "+cuda", "CUDA requires cuda_arch to be set")
    ]


def test_rocm_mixin_declarations() -> None:
    variants = {d.name: d for d in ROCmPackage.declarations if isinstance(d, VariantDecl)}
    target = variants["amdgpu_target"]
    assert target.when == "+rocm" and target.values == ("none", *amdgpu_target_values())
    assert {"gfx90a", "gfx942"} <= set(amdgpu_target_values())
    deps = [(d.spec, d.when) for d in ROCmPackage.declarations if isinstance(d, DependencyDecl)]
    assert deps == [("hip", "+rocm")]


def test_arch_support_conflicts_bound_the_toolkit_range() -> None:
    rows = [
        CudaArch("35", "Kepler", "5.0", "12.0", ("SPK",)),
        CudaArch("89", "Ada", "11.8", None, ("SPK",)),
    ]
    assert arch_support_conflicts(rows) == [
        ("cuda_arch=35", "+cuda ^cuda@:4", "sm_35 needs CUDA 5.0 or newer"),
        ("cuda_arch=35", "+cuda ^cuda@12.0:", "CUDA 12.0 and newer cannot compile for sm_35"),
        ("cuda_arch=89", "+cuda ^cuda@:11.7", "sm_89 needs CUDA 11.8 or newer"),
    ]


def test_arch_support_conflicts_are_valid_specs_for_every_row() -> None:
    triples = arch_support_conflicts(cuda_arch_table())
    assert len(triples) >= len(cuda_arch_table())
    for spec, when, _ in triples:
        parse_spec(spec)
        assert parse_spec(when).dependency("cuda") is not None


def test_compute_capability() -> None:
    assert compute_capability("90") == "9.0"
    assert compute_capability("90a") == "9.0a"
    assert compute_capability("100f") == "10.0f"
    assert compute_capability("121") == "12.1"
