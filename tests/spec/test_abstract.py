"""AbstractSpec as a value: canonical text, equality, copies, traversal, JSON form."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from spec_strategies import specs

from rpm_spec.spec import (
    AbstractSpec,
    DependencyEdge,
    UnsatisfiableSpecError,
    VariantValue,
    parse_spec,
    parse_version_constraint,
)


@given(specs())
def test_text_parses_back_to_an_equal_spec(spec: AbstractSpec) -> None:
    text = str(spec)
    again = parse_spec(text)
    assert again == spec
    assert str(again) == text


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("hdf5 ~shared +mpi @1.14:", "hdf5@1.14:+mpi~shared"),
        ("hdf5 api=v18 +mpi %gcc@12 target=zen3", "hdf5+mpi api=v18 %gcc@12 target=zen3"),
        ("a arch=linux-rhel9-zen3", "a platform=linux os=rhel9 target=zen3"),
        ("a ^zlib ^[virtuals=mpi] openmpi ^cmake", "a ^cmake ^[virtuals=mpi] openmpi ^zlib"),
        ("a /abc ldflags=-lm cflags=-O2", "a cflags=-O2 ldflags=-lm /abc"),
        ("a x=b,a,b", "a x=a,b"),
        ("a@1.4:1.6,1.2", "a@1.2,1.4:1.6"),
        ("^mpi +x", "^mpi+x"),
    ],
)
def test_canonical_text(text: str, canonical: str) -> None:
    assert str(parse_spec(text)) == canonical


def test_equality_ignores_the_order_of_variants_and_dependencies() -> None:
    assert parse_spec("a+x~y ^b ^c") == parse_spec("a~y+x ^c ^b")
    assert parse_spec("a ^b@1") != parse_spec("a ^b@2")
    assert parse_spec("a") != "a"


def test_specs_are_not_hashable() -> None:
    with pytest.raises(TypeError):
        hash(parse_spec("a"))


def test_copy_shares_nothing_mutable() -> None:
    spec = parse_spec("a+x cflags=-g ^b@1")
    copy = spec.copy()
    assert copy == spec
    copy.variants["y"] = VariantValue.boolean("y", True)
    copy.compiler_flags["cflags"] = ("-O3",)
    dependency = copy.dependency("b")
    assert dependency is not None
    dependency.versions = parse_version_constraint("2")
    copy.dependencies.append(DependencyEdge(AbstractSpec("c")))
    assert str(spec) == "a+x cflags=-g ^b@1"


def test_dependency_by_name_or_virtual() -> None:
    spec = parse_spec("hdf5 ^[virtuals=mpi] openmpi@5 ^zlib")
    assert str(spec.dependency("openmpi")) == "openmpi@5"
    assert spec.dependency("mpi") is spec.dependency("openmpi")
    assert spec.dependency("cmake") is None


def test_traverse_visits_self_then_dependencies_once() -> None:
    spec = parse_spec("hdf5 ^zlib ^cmake")
    assert [node.name for node in spec.traverse()] == ["hdf5", "cmake", "zlib"]


def test_root_text_leaves_out_dependencies() -> None:
    assert parse_spec("hdf5@1.14+mpi ^zlib").root_text() == "hdf5@1.14+mpi"
    assert parse_spec("^zlib").root_text() == ""


def test_is_anonymous_and_fullname() -> None:
    assert parse_spec("+mpi").is_anonymous
    assert parse_spec("+mpi").fullname is None
    assert not parse_spec("builtin.zlib").is_anonymous
    assert parse_spec("builtin.zlib").fullname == "builtin.zlib"


class TestAddDependency:
    def test_merges_into_an_existing_dependency(self) -> None:
        spec = parse_spec("hdf5 ^mpi@3:")
        spec.add_dependency(parse_spec("mpi@:4 +x"), virtuals=["mpi"], deptypes=["link"])
        assert str(spec) == "hdf5 ^[virtuals=mpi deptypes=link] mpi@3:4+x"

    def test_hoists_nested_dependencies_to_the_root(self) -> None:
        spec = parse_spec("hdf5")
        spec.add_dependency(parse_spec("openmpi ^hwloc@2"))
        assert str(spec) == "hdf5 ^hwloc@2 ^openmpi"

    def test_leaves_the_spec_unchanged_on_a_clash(self) -> None:
        spec = parse_spec("hdf5 ^mpi@3")
        with pytest.raises(UnsatisfiableSpecError, match=r"mpi@3 conflicts with @4"):
            spec.add_dependency(parse_spec("mpi@4"))
        assert str(spec) == "hdf5 ^mpi@3"

    def test_needs_a_name(self) -> None:
        with pytest.raises(ValueError, match="needs a package name"):
            parse_spec("hdf5").add_dependency(parse_spec("+mpi"))


def test_dependency_edges_validate() -> None:
    with pytest.raises(ValueError, match="unknown dependency type"):
        DependencyEdge(AbstractSpec("a"), deptypes=("linker",))
    with pytest.raises(ValueError, match="belong on the root"):
        DependencyEdge(parse_spec("a ^b"))
    edge = DependencyEdge(AbstractSpec("a"), ("mpi", "blas", "mpi"), ("run", "build"))
    assert (edge.virtuals, edge.deptypes) == (("blas", "mpi"), ("build", "run"))


def test_to_dict() -> None:
    spec = parse_spec(
        "hdf5@1.14:+mpi cuda_arch=80,90 %gcc@12 cflags='-O3 -g' target=zen3 "
        "^[virtuals=mpi deptypes=build,link] openmpi@5"
    )
    data = spec.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data == {
        "text": str(spec),
        "name": "hdf5",
        "namespace": None,
        "versions": "1.14:",
        "variants": {
            "cuda_arch": {"values": ["80", "90"], "propagate": False, "exact": False},
            "mpi": {"values": ["true"], "propagate": False, "exact": False},
        },
        "compiler": {"name": "gcc", "versions": "12"},
        "platform": None,
        "os": None,
        "target": "zen3",
        "compiler_flags": {"cflags": ["-O3", "-g"]},
        "propagated_flags": [],
        "hash": None,
        "dependencies": [
            {
                "virtuals": ["mpi"],
                "deptypes": ["build", "link"],
                "spec": parse_spec("openmpi@5").to_dict(),
            }
        ],
    }


def test_to_dict_of_exact_variants_and_propagated_flags() -> None:
    data = parse_spec("py-torch cuda_arch:=80 ldflags=-s cflags==-g").to_dict()
    assert data["variants"] == {"cuda_arch": {"values": ["80"], "propagate": False, "exact": True}}
    assert data["compiler_flags"] == {"cflags": ["-g"], "ldflags": ["-s"]}
    assert data["propagated_flags"] == ["cflags"]


def test_repr() -> None:
    assert repr(parse_spec("hdf5+mpi")) == "AbstractSpec('hdf5+mpi')"
