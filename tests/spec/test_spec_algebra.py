"""satisfies / intersects / constrain: one meaning each, by example and by property."""

from __future__ import annotations

import pytest
from hypothesis import given
from spec_strategies import specs

from rpm_spec.spec import AbstractSpec, UnsatisfiableSpecError, parse_spec

# (a, b, a.satisfies(b), a.intersects(b)); constrain is checked against intersects.
CASES = [
    # names and namespaces
    ("hdf5", "hdf5", True, True),
    ("hdf5", "zlib", False, False),
    ("hdf5+mpi", "+mpi", True, True),
    ("+mpi", "hdf5+mpi", False, True),
    ("builtin.hdf5", "hdf5", True, True),
    ("hdf5", "builtin.hdf5", False, True),
    ("builtin.hdf5", "other.hdf5", False, False),
    # versions
    ("hdf5@1.14.3", "hdf5@1.14", True, True),
    ("hdf5@1.14", "hdf5@1.14.3", False, True),
    ("hdf5@1.14", "@1.12", False, False),
    ("hdf5", "@1.12", False, True),
    ("hdf5@=1.14", "@1.14", True, True),
    # variants
    ("hdf5+mpi~shared", "+mpi", True, True),
    ("hdf5", "+mpi", False, True),
    ("hdf5+mpi", "~mpi", False, False),
    ("a cuda_arch=80,90", "cuda_arch=80", True, True),
    ("a cuda_arch=80", "cuda_arch=80,90", False, True),
    ("a build_type=Release", "build_type=Debug", False, True),
    ("a x=a", "+x", False, False),
    ("a ++mpi", "+mpi", True, True),
    ("a +mpi", "++mpi", False, True),
    # exact value sets (x:=a,b): these values and no others
    ("a cuda_arch:=80", "cuda_arch=80", True, True),
    ("a cuda_arch:=80", "cuda_arch:=80", True, True),
    ("a cuda_arch=80", "cuda_arch:=80", False, True),
    ("a cuda_arch=80,90", "cuda_arch:=80", False, False),
    ("a cuda_arch:=80", "cuda_arch=90", False, False),
    ("a cuda_arch:=80,90", "cuda_arch=90", True, True),
    ("a cuda_arch:=80", "cuda_arch:=90", False, False),
    ("a x:=true", "+x", True, True),
    # compilers
    ("a %gcc@12.3", "%gcc@12:", True, True),
    ("a %gcc", "%gcc@12:", False, True),
    ("a", "%gcc", False, True),
    ("a %gcc", "%clang", False, False),
    ("a %gcc@11", "%gcc@12:", False, False),
    # architecture
    ("a platform=linux os=rhel9", "platform=linux", True, True),
    ("a platform=linux", "platform=darwin", False, False),
    ("a os=rhel9", "os=rhel8", False, False),
    ("a target=zen3", "target=x86_64:", True, True),
    ("a target=zen3", "target=zen2:", True, True),
    ("a target=zen2", "target=zen3:", False, False),
    ("a target=zen2:", "target=:zen4", False, True),
    ("a target=zen3", "target=skylake", False, False),
    ("a target=zen3", "target=zen2,zen3", True, True),
    ("a target=neoverse_v2", "target=aarch64:", True, True),
    ("a target=mystery", "target=mystery", True, True),
    ("a target=mystery", "target=x86_64:", False, False),
    ("a", "target=zen3", False, True),
    # flags: must include, in order
    ("a cflags='-O3 -g'", "cflags=-g", True, True),
    ("a cflags='-O3 -g'", "cflags='-g -O3'", False, True),
    ("a cflags=-O3", "cflags=-g", False, True),
    ("a", "ldlibs=-lm", False, True),
    ("a cflags==-g", "cflags=-g", True, True),
    ("a cflags=-g", "cflags==-g", False, True),
    ("a cflags=='-O3 -g'", "cflags==-g", True, True),
    # hashes match by prefix
    ("a /abcdef", "/abc", True, True),
    ("a /abc", "/abcdef", False, True),
    ("a /abc", "/abd", False, False),
    # dependencies
    ("hdf5 ^openmpi@5", "^openmpi", True, True),
    ("hdf5 ^openmpi", "^openmpi@5", False, True),
    ("hdf5", "^openmpi", False, True),
    ("hdf5 ^mpi@3", "^mpi@4", False, False),
    ("hdf5 ^[virtuals=mpi] openmpi@5", "^mpi", True, True),
    ("hdf5 ^[virtuals=mpi] openmpi+cuda", "^mpi+cuda", True, True),
    ("hdf5 ^[virtuals=mpi] openmpi@5", "^mpi@3:", False, True),
    ("hdf5 ^openmpi", "^mpi", False, True),
    ("hdf5 ^[virtuals=mpi] openmpi", "^[virtuals=mpi] openmpi", True, True),
    ("hdf5 ^openmpi", "^[virtuals=mpi] openmpi", False, True),
    ("hdf5 ^[deptypes=build,link] cmake", "^[deptypes=build] cmake", True, True),
    ("hdf5 ^[deptypes=link] cmake", "^[deptypes=build] cmake", False, True),
]


@pytest.mark.parametrize(("mine", "theirs", "satisfies", "intersects"), CASES)
def test_cases(mine: str, theirs: str, satisfies: bool, intersects: bool) -> None:
    a, b = parse_spec(mine), parse_spec(theirs)
    assert a.satisfies(b) is satisfies
    assert a.intersects(b) is intersects
    assert b.intersects(a) is intersects
    if intersects:
        both = a.constrain(b)
        assert both.satisfies(a)
        assert both.satisfies(b)
    else:
        with pytest.raises(UnsatisfiableSpecError):
            a.constrain(b)


@pytest.mark.parametrize(
    ("mine", "theirs", "result"),
    [
        ("@1.14", "hdf5+mpi", "hdf5@1.14+mpi"),
        ("hdf5@1.12:", "@:1.14", "hdf5@1.12:1.14"),
        ("a x=a,b", "x=c", "a x=a,b,c"),
        ("a x=a", "x==b", "a x==a,b"),
        ("a %gcc@11:", "%gcc@:13", "a %gcc@11:13"),
        ("a cflags=-O3", "cflags=-g", 'a cflags="-O3 -g"'),
        ("a cflags='-O3 -g'", "cflags=-g", 'a cflags="-O3 -g"'),
        ("a cflags=-g", "cflags='-O3 -g'", 'a cflags="-O3 -g"'),
        ("a cflags=-g", "cflags==-O3", 'a cflags=="-g -O3"'),
        ("a x=80", "x:=80,90", "a x:=80,90"),
        ("a x:=80,90", "x=90", "a x:=80,90"),
        ("a target=zen2:", "target=:zen4", "a target=zen2,zen3,zen4"),
        ("a target=x86_64:", "target=zen3", "a target=zen3"),
        ("a /abc", "/abcdef", "a /abcdef"),
        ("a platform=linux", "os=rhel9", "a platform=linux os=rhel9"),
        ("a ^b@1:", "^b@:2 ^c", "a ^b@1:2 ^c"),
        ("a ^[virtuals=mpi] b", "^[deptypes=link] b+x", "a ^[virtuals=mpi deptypes=link] b+x"),
        ("a ^[virtuals=mpi] openmpi", "^mpi", "a ^mpi ^[virtuals=mpi] openmpi"),
        ("^mpi", "hdf5", "hdf5 ^mpi"),
    ],
)
def test_constrain_results(mine: str, theirs: str, result: str) -> None:
    assert str(parse_spec(mine).constrain(parse_spec(theirs))) == result


@pytest.mark.parametrize(
    ("mine", "theirs", "message", "attribute"),
    [
        ("hdf5@1.14", "@1.12", "hdf5@1.14 conflicts with @1.12", "version"),
        ("@1.14", "@1.12", "@1.14 conflicts with @1.12", "version"),
        ("hdf5", "zlib", "hdf5 conflicts with zlib", "name"),
        ("builtin.hdf5", "other.hdf5", "builtin.hdf5 conflicts with other.hdf5", "namespace"),
        ("hdf5+mpi", "~mpi", "hdf5+mpi conflicts with ~mpi", "variant 'mpi'"),
        ("hdf5 x=a", "~x", "hdf5 x=a conflicts with ~x", "variant 'x'"),
        ("hdf5 %gcc@12", "%clang", "hdf5 %gcc@12 conflicts with %clang", "compiler"),
        ("hdf5 target=zen3", "target=skylake", "hdf5 target=zen3 conflicts with target=skylake",
         "target"),
        ("hdf5 os=rhel9", "os=rhel8", "hdf5 os=rhel9 conflicts with os=rhel8", "os"),
        ("hdf5 platform=linux", "platform=darwin",
         "hdf5 platform=linux conflicts with platform=darwin", "platform"),
        ("hdf5 /abc", "/abd", "hdf5 /abc conflicts with /abd", "hash"),
        ("hdf5 ^mpi@3", "^mpi@4", "mpi@3 conflicts with @4", "version"),
    ],
)  # fmt: skip
def test_clashes_are_named_in_user_words(
    mine: str, theirs: str, message: str, attribute: str
) -> None:
    with pytest.raises(UnsatisfiableSpecError) as caught:
        parse_spec(mine).constrain(parse_spec(theirs))
    assert str(caught.value) == message
    assert caught.value.attribute == attribute
    assert caught.value.exit_code == 1


@given(specs())
def test_every_spec_satisfies_and_intersects_itself(spec: AbstractSpec) -> None:
    assert spec.satisfies(spec)
    assert spec.intersects(spec)
    assert spec.constrain(spec) == spec


@given(specs(), specs())
def test_constrain_holds_both_or_raises_exactly_when_disjoint(
    a: AbstractSpec, b: AbstractSpec
) -> None:
    before = (str(a), str(b))
    assert a.intersects(b) == b.intersects(a)
    if a.intersects(b):
        both = a.constrain(b)
        assert both.satisfies(a)
        assert both.satisfies(b)
        assert both.constrain(b) == both
    else:
        with pytest.raises(UnsatisfiableSpecError):
            a.constrain(b)
    assert (str(a), str(b)) == before


@given(specs(), specs())
def test_satisfies_agrees_with_constrain(a: AbstractSpec, b: AbstractSpec) -> None:
    if a.satisfies(b):
        assert a.intersects(b)
        names = {edge.name for edge in a.dependencies}
        if all(edge.name in names for edge in b.dependencies):
            assert a.constrain(b) == a


@given(specs(max_dependencies=1))
def test_a_spec_with_fewer_constraints_is_satisfied(spec: AbstractSpec) -> None:
    for looser in (AbstractSpec(), AbstractSpec(spec.name)):
        assert spec.satisfies(looser)
    assert spec.satisfies(parse_spec(spec.root_text()))
