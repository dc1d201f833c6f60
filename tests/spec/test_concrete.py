"""Concrete specs: compiler flags in the node and its hash, satisfaction, DAG edges."""

from __future__ import annotations

import json

import pytest

from rpm_spec.spec import Version, parse_spec
from rpm_spec.spec.concrete import (
    CompilerRef,
    ConcreteDag,
    ConcreteSpec,
    ConcreteSpecError,
    DependencyRef,
    NodeContent,
)


def node(
    name: str = "zlib",
    *,
    flags: tuple[tuple[str, tuple[str, ...]], ...] = (),
    variants: tuple[tuple[str, tuple[str, ...]], ...] = (("gpus", ("80", "90")),),
    deps: tuple[DependencyRef, ...] = (),
) -> ConcreteSpec:
    return ConcreteSpec(
        NodeContent(
            name=name,
            namespace="builtin",
            version=Version("1.3"),
            variants=variants,
            compiler=CompilerRef("gcc", "12.2.0"),
            platform="linux",
            os="debian12",
            target="zen3",
            dependencies=deps,
            compiler_flags=flags,
        )
    )


def test_flags_change_the_hash_and_show_in_the_printed_form() -> None:
    plain, flagged = node(), node(flags=(("cflags", ("-O3",)),))
    assert plain.hash != flagged.hash
    assert flagged.format(arch=False) == "zlib@1.3 gpus=80,90 cflags=-O3 %gcc@12.2.0"
    assert node(flags=(("cflags", ("-O3", "-g")),)).format_flags() == ' cflags="-O3 -g"'


def test_flag_order_within_a_kind_matters_and_kinds_are_sorted() -> None:
    one = node(flags=(("cflags", ("-O3", "-g")),))
    two = node(flags=(("cflags", ("-g", "-O3")),))
    assert one.hash != two.hash
    mixed = node(flags=(("ldflags", ("-s",)), ("cppflags", ("-DX",))))
    assert list(mixed.compiler_flags) == ["cppflags", "ldflags"]
    assert mixed == node(flags=(("cppflags", ("-DX",)), ("ldflags", ("-s",))))


def test_bad_flag_entries_are_refused() -> None:
    with pytest.raises(ConcreteSpecError, match="unknown compiler flag kind"):
        node(flags=(("cflag", ("-O3",)),))
    with pytest.raises(ConcreteSpecError, match="one entry per flag kind"):
        node(flags=(("cflags", ()),))


def test_json_keeps_the_flags_and_omits_them_when_there_are_none() -> None:
    flagged = node(flags=(("cflags", ("-O3",)), ("ldlibs", ("-lm",))))
    document = json.loads(json.dumps(flagged.to_dict()))
    assert document["compiler_flags"] == {"cflags": ["-O3"], "ldlibs": ["-lm"]}
    assert ConcreteSpec.from_dict(document) == flagged
    assert "compiler_flags" not in node().to_dict()
    document["compiler_flags"]["cflags"] = ["-O2"]
    with pytest.raises(ConcreteSpecError, match="hash mismatch"):
        ConcreteSpec.from_dict(document)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zlib cflags=-O3", True),
        ("zlib cflags='-O3 -g'", True),
        ("zlib cflags='-g -O3'", False),
        ("zlib cxxflags=-O3", False),
        ("zlib gpus=80", True),
        ("zlib gpus:=80", False),
        ("zlib gpus:=80,90", True),
    ],
)
def test_satisfies_flags_in_order_and_exact_variants(text: str, expected: bool) -> None:
    flagged = node(flags=(("cflags", ("-O3", "-fPIC", "-g")),))
    assert flagged.satisfies(parse_spec(text)) is expected


def test_a_dag_satisfies_edge_types() -> None:
    cmake = node("cmake")
    zlib = node("zlib")
    root = node(
        "hdf5",
        deps=(
            DependencyRef("cmake", cmake.hash, ("build",)),
            DependencyRef("zlib", zlib.hash, ("build", "link")),
        ),
    )
    dag = ConcreteDag((root.hash,), {n.hash: n for n in (cmake, zlib, root)})
    assert dag.satisfies(root.hash, parse_spec("hdf5 ^[deptypes=build] cmake"))
    assert dag.satisfies(root.hash, parse_spec("hdf5 ^[deptypes=build,link] zlib"))
    assert not dag.satisfies(root.hash, parse_spec("hdf5 ^[deptypes=link] cmake"))
    assert not dag.satisfies(root.hash, parse_spec("hdf5 ^[deptypes=run] zlib"))
