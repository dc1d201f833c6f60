"""The CUDA and ROCm mixins and the data tables behind them."""

from __future__ import annotations

import itertools
import json
from importlib import resources

import jsonschema
import pytest

from rpm_spec.repo.metadata import ConflictDecl, DependencyDecl, VariantDecl
from rpm_spec.repo.mixins.cuda import (
    NO_CUDA_ARCH,
    OLDEST_CUDA,
    CompilerException,
    CompilerLimits,
    CudaArch,
    CudaPackage,
    HostCompilerRow,
    arch_support_conflicts,
    compute_capability,
    cuda_arch_table,
    cuda_arch_values,
    host_compiler_conflicts,
    host_compiler_exceptions,
    host_compiler_table,
)
from rpm_spec.repo.mixins.rocm import ROCmPackage, amdgpu_target_values
from rpm_spec.spec import Version, parse_spec

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
    assert arch.multi and arch.sticky and arch.when == "+cuda" and arch.default == ("none",)
    assert arch.values == ("none", *cuda_arch_values())
    deps = [d for d in CudaPackage.declarations if isinstance(d, DependencyDecl)]
    assert [(d.spec, d.when) for d in deps] == [("cuda", "+cuda")]
    conflicts = [d for d in CudaPackage.declarations if isinstance(d, ConflictDecl)]
    assert (conflicts[0].spec, conflicts[0].when, conflicts[0].msg) == (
        "cuda_arch=none",
        "+cuda",
        NO_CUDA_ARCH,
    )
    declared = {(c.spec, c.when, c.msg) for c in conflicts}
    table = [
        *arch_support_conflicts(cuda_arch_table(), OLDEST_CUDA),
        *host_compiler_conflicts(host_compiler_table(), host_compiler_exceptions()),
    ]
    canonical = {(str(parse_spec(a)), str(parse_spec(b)), msg) for a, b, msg in table}
    assert canonical <= declared
    floor = next(c for c in conflicts if c.spec == str(parse_spec("^cuda@:10")))
    assert floor.when == "+cuda" and "CUDA 11.0 or newer" in (floor.msg or "")
    assert len(conflicts) == len(table) + 2


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
        ("cuda_arch=35", "^cuda@:4", "cuda_arch=35 (Kepler) needs CUDA 5.0 or newer"),
        (
            "cuda_arch=35",
            "^cuda@12.0:",
            "cuda_arch=35 (Kepler) was removed in CUDA 12.0: use CUDA 11 or older",
        ),
        ("cuda_arch=89", "^cuda@:11.7", "cuda_arch=89 (Ada) needs CUDA 11.8 or newer"),
    ]
    floored = arch_support_conflicts(rows, oldest_cuda="11.0")
    assert [when for _, when, _ in floored] == ["^cuda@12.0:", "^cuda@:11.7"]


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


def _row(first: str, last: str, gcc: tuple[str, str | None], clang: str) -> HostCompilerRow:
    limits = (CompilerLimits("gcc", *gcc), CompilerLimits("clang", clang))
    return HostCompilerRow(first, last, limits, ("SPK",))


def test_host_compiler_conflicts_share_one_rule_per_limit() -> None:
    rows = [
        _row("11.8", "11.8", ("11", "6"), "14"),
        _row("12.0", "12.0", ("12", "6"), "14"),
        _row("12.1", "12.3", ("12", "7"), "15"),
    ]
    found = host_compiler_conflicts(rows)
    assert found == [
        (
            "%gcc@12:",
            "+cuda ^cuda@11.8",
            "nvcc of CUDA 11.8 rejects GCC 12 and newer as host compiler "
            "(its host_config.h accepts up to GCC 11)",
        ),
        (
            "%gcc@13:",
            "+cuda ^cuda@12.0:12.3",
            "nvcc of CUDA 12.0 to 12.3 rejects GCC 13 and newer as host compiler "
            "(its host_config.h accepts up to GCC 12)",
        ),
        (
            "%gcc@:5",
            "+cuda ^cuda@11.8:12.0",
            "NVIDIA supports GCC 6 and newer as host compiler of CUDA 11.8 to 12.0",
        ),
        (
            "%gcc@:6",
            "+cuda ^cuda@12.1:12.3",
            "NVIDIA supports GCC 7 and newer as host compiler of CUDA 12.1 to 12.3",
        ),
        (
            "%clang@15:",
            "+cuda ^cuda@11.8:12.0",
            "nvcc of CUDA 11.8 to 12.0 rejects Clang 15 and newer as host compiler "
            "(its host_config.h accepts up to Clang 14)",
        ),
        (
            "%clang@16:",
            "+cuda ^cuda@12.1:12.3",
            "nvcc of CUDA 12.1 to 12.3 rejects Clang 16 and newer as host compiler "
            "(its host_config.h accepts up to Clang 15)",
        ),
    ]


def test_host_compiler_conflicts_on_the_toolkit_and_exceptions() -> None:
    rows = [_row("12.4", "12.6", ("13", None), "18")]
    broken = CompilerException("gcc@13.2.0", ":12.4", "broken", ("SPK",), target="aarch64:")
    found = host_compiler_conflicts(rows, [broken], condition="@{}")
    assert [(spec, when) for spec, when, _ in found] == [
        ("%gcc@14:", "@12.4:12.6"),
        ("%clang@19:", "@12.4:12.6"),
        ("%gcc@13.2.0 target=aarch64:", "@:12.4"),
    ]
    on_toolkit = CudaPackage.toolkit_compiler_conflicts()
    assert all(not when.startswith("+cuda") for _, when, _ in on_toolkit)
    assert len(on_toolkit) == len(
        host_compiler_conflicts(host_compiler_table(), host_compiler_exceptions())
    )


def test_host_compiler_table_is_ordered_and_monotone() -> None:
    rows = host_compiler_table()
    for earlier, later in itertools.pairwise(rows):
        assert Version(earlier.first) <= Version(earlier.last) < Version(later.first)
        for compiler in ("gcc", "clang"):
            before, after = earlier.limit(compiler), later.limit(compiler)
            assert before is not None and after is not None
            assert Version(before.newest) <= Version(after.newest)


@pytest.mark.parametrize(
    ("cuda", "gcc", "clang"),
    [
        ("11.8", "11", "14"),
        ("12.4", "13", "17"),
        ("12.6", "13", "18"),
        ("12.8", "14", "19"),
        ("12.9", "14", "19"),
        ("13.0", "15", "20"),
        ("13.2", "15", "21"),
    ],
)
def test_host_compiler_facts(cuda: str, gcc: str, clang: str) -> None:
    row = next(
        r for r in host_compiler_table() if Version(r.first) <= Version(cuda) <= Version(r.last)
    )
    assert (row.limit("gcc"), row.limit("clang")) == (
        CompilerLimits("gcc", gcc, "6"),
        CompilerLimits("clang", clang, "7" if Version(cuda) >= Version("12.2") else "6"),
    )


@pytest.mark.parametrize(
    ("arch", "first", "dropped"),
    [
        ("70", "9.0", "13.0"),
        ("72", "9.0", "13.0"),
        ("75", "10.0", None),
        ("90", "11.8", None),
        ("90a", "12.0", None),
        ("100", "12.8", None),
        ("101", "12.8", "13.0"),
        ("103", "12.9", None),
        ("110", "13.0", None),
        ("120", "12.8", None),
    ],
)
def test_cuda_arch_facts(arch: str, first: str, dropped: str | None) -> None:
    row = next(r for r in cuda_arch_table() if r.arch == arch)
    assert (row.first_cuda, row.dropped_in) == (first, dropped)


def test_cuda_13_dropped_everything_before_turing() -> None:
    kept = {
        row.arch
        for row in cuda_arch_table()
        if Version(row.first_cuda) <= Version("13.0")
        and (row.dropped_in is None or Version(row.dropped_in) > Version("13.0"))
    }
    assert {arch.rstrip("af") for arch in kept} == {
        "75",
        "80",
        "86",
        "87",
        "88",
        "89",
        "90",
        "100",
        "103",
        "110",
        "120",
        "121",
    }
