"""Directives record validated declarations on the class being defined, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from rpm_spec.repo.api import (
    CMakePackage,
    CudaPackage,
    Package,
    conflicts,
    depends_on,
    extends,
    license,
    maintainers,
    patch,
    provides,
    requires,
    resource,
    variant,
    version,
    when,
)
from rpm_spec.repo.directives import conjoin
from rpm_spec.repo.errors import RecipeError
from rpm_spec.repo.metadata import (
    ConflictDecl,
    DependencyDecl,
    ExtendsDecl,
    LicenseDecl,
    MaintainersDecl,
    PatchDecl,
    ProvidesDecl,
    RequiresDecl,
    ResourceDecl,
    VariantDecl,
    VersionDecl,
)

SHA = "a" * 64
SOURCE = Path(__file__).read_text().splitlines()


def source_line(line: int) -> str:
    return SOURCE[line - 1]


def test_each_directive_records_one_declaration() -> None:
    class Sample(Package):
        version("1.2", sha256=SHA, preferred=True)
        version("develop", branch="main")
        variant("mpi", default=True, description="MPI")
        depends_on("cmake@3.18:", type="build")
        conflicts("%gcc@:7", msg="too old")
        requires("+mpi", "~mpi", policy="any_of", when="@1.2")
        provides("blas", "lapack@3:")
        patch("fix.patch", when="@1.2")
        resource(name="data", url="https://example.com/d.tgz", sha256=SHA, destination="d")
        extends("python")
        license("MIT")
        maintainers("alice", "bob")

    own = Sample.own_declarations
    kinds = [type(decl) for decl in own]
    assert kinds == [
        VersionDecl,
        VersionDecl,
        VariantDecl,
        DependencyDecl,
        ConflictDecl,
        RequiresDecl,
        ProvidesDecl,
        ProvidesDecl,
        PatchDecl,
        ResourceDecl,
        ExtendsDecl,
        DependencyDecl,
        LicenseDecl,
        MaintainersDecl,
    ]
    assert own[0] == VersionDecl(
        "1.2", sha256=SHA, preferred=True, line=own[0].line, origin=__file__
    )
    assert own[1].branch == "main" and own[1].is_vcs  # type: ignore[union-attr]
    assert own[2] == VariantDecl(
        "mpi",
        default=("true",),
        values=("false", "true"),
        boolean=True,
        description="MPI",
        line=own[2].line,
        origin=__file__,
    )
    assert own[3].types == ("build",)  # type: ignore[union-attr]
    assert own[5].policy == "any_of" and own[5].when == "@1.2"  # type: ignore[union-attr]
    assert [d.virtual for d in own if isinstance(d, ProvidesDecl)] == ["blas", "lapack"]
    assert own[11] == DependencyDecl(
        "python", types=("build", "run"), line=own[10].line, origin=__file__
    )


def test_no_staging_state_is_left_on_the_class() -> None:
    class Sample(Package):
        with when("+x"):
            depends_on("zlib")

    assert not [name for name in vars(Sample) if name.startswith("_rpm_spec")]


def test_lines_point_at_the_directive() -> None:
    class Sample(Package):
        version("1.0", sha256=SHA)
        depends_on(
            "zlib",
            when="@1.0",
        )

    first, second = Sample.own_declarations
    assert 'version("1.0", sha256=SHA)' in source_line(first.line)
    assert "depends_on(" in source_line(second.line)


def test_default_dependency_types_and_type_order() -> None:
    class Sample(Package):
        depends_on("zlib")
        depends_on("python", type=("run", "build"))

    assert [d.types for d in Sample.own_declarations] == [("build", "link"), ("build", "run")]  # type: ignore[union-attr]


def test_when_blocks_nest_and_combine_with_own_condition() -> None:
    class Sample(Package):
        with when("+mpi"):
            depends_on("mpi")
            with when("@2:"):
                depends_on("hwloc", when="+hwloc")
        depends_on("zlib")

    conditions = [d.when for d in Sample.own_declarations]  # type: ignore[union-attr]
    assert conditions[0] == "+mpi"
    assert conditions[1] is not None
    assert set(conditions[1].replace("+", " +").split()) == {"@2:", "+mpi", "+hwloc"}
    assert conditions[2] is None


def test_conjoin_keeps_dependency_constraints_apart() -> None:
    combined = conjoin(["^hwloc@2", "+mpi"])
    assert combined is not None
    assert combined.startswith("+mpi")
    assert "^hwloc@2" in combined


def test_spec_texts_are_canonicalized() -> None:
    class Sample(Package):
        depends_on("zlib @1.3:  +pic")

    assert Sample.own_declarations[0].spec == "zlib@1.3:+pic"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("snippet", "message"),
    [
        ("depends_on('zlib', type='compile')", "unknown dependency type 'compile'"),
        ("depends_on('+mpi')", "must start with a package name"),
        ("depends_on('zlib', when='@@1')", "invalid when= condition '@@1'"),
        ("requires('+a', '+b', policy='all_of')", "policy must be one of one_of, any_of"),
        ("variant('api', default='v3', values=('v1', 'v2'))", "default v3 is not one of v1, v2"),
        ("variant('langs', default='c,go', values=('c',), multi=True)", "default go"),
        ("variant('x', default='a,b', values=('a', 'b'))", "single-valued"),
        ("variant('version')", "reserved"),
        ("variant('bad name')", "invalid variant name"),
        ("variant('x', default=True, multi=True)", "cannot be multi-valued"),
        ("version('1.0', sha256='abc')", "64 lowercase hex digits"),
        ("version('1.0', sha256='" + SHA + "', branch='x')", "both a sha256 and a VCS"),
        ("patch('https://example.com/x.patch')", "needs sha256="),
        ("resource(name='r', url='https://example.com/r.tgz')", "needs a sha256="),
        ("provides()", "needs at least one virtual"),
        ("conflicts('+a', when='+b ~b')", "invalid when= condition"),
        ("maintainers()", "needs one or more"),
    ],
)
def test_bad_arguments_name_the_file_and_line(snippet: str, message: str) -> None:
    namespace: dict[str, object] = {}
    exec("from rpm_spec.repo.api import *", namespace)
    code = f"class Bad(Package):\n    version('0.1', sha256='{SHA}')\n    {snippet}\n"
    with pytest.raises(RecipeError) as caught:
        exec(compile(code, "/recipes/bad/package.py", "exec"), namespace)
    error = caught.value
    assert error.path == "/recipes/bad/package.py"
    assert error.line == 3
    assert message in str(error)
    assert str(error).startswith("/recipes/bad/package.py:3: ")


def test_a_version_or_variant_declared_twice_is_an_error() -> None:
    with pytest.raises(RecipeError, match=r"version 1\.0 is declared twice"):

        class Twice(Package):
            version("1.0", sha256=SHA)
            version("1.0", sha256=SHA)

    with pytest.raises(RecipeError, match="declared twice under the same condition"):

        class TwiceVariant(Package):
            variant("x", default=False)
            variant("x", default=True)


def test_conditions_that_cannot_hold_together_are_an_error() -> None:
    with pytest.raises(RecipeError, match="cannot all hold"):

        class Clash(Package):
            with when("+mpi"):
                depends_on("mpi", when="~mpi")


def test_directives_outside_a_class_body_are_an_error() -> None:
    with pytest.raises(RecipeError, match="only be used in the body of a recipe class"):
        depends_on("zlib")


def test_multi_valued_variant_defaults() -> None:
    class Sample(Package):
        variant("langs", default="c,cxx", values=("c", "cxx", "fortran"), multi=True)
        variant("stds", default=("11", "14"), values=(11, 14, 17), multi=True)
        variant("free", default="anything")

    langs, stds, free = Sample.own_declarations
    assert langs.default == ("c", "cxx") and langs.multi  # type: ignore[union-attr]
    assert stds.values == ("11", "14", "17")  # type: ignore[union-attr]
    assert free.values is None and not free.boolean  # type: ignore[union-attr]


def test_base_class_declarations_are_inherited_and_overridable() -> None:
    class Sample(CMakePackage, CudaPackage):
        variant("build_type", default="Debug", values=("Debug", "Release"))
        depends_on("cmake@3.20:", type="build")

    names = [d.name for d in Sample.declarations if isinstance(d, VariantDecl)]
    assert names.count("build_type") == 1
    assert {"cuda", "cuda_arch", "build_type"} <= set(names)
    build_type = Sample.variant_declarations("build_type")[0]
    assert build_type.default == ("Debug",)
    deps = [d.spec for d in Sample.declarations if isinstance(d, DependencyDecl)]
    assert "cmake" in deps and "cmake@3.20:" in deps and "cuda" in deps
    # The base classes themselves are untouched.
    assert CMakePackage.variant_declarations("build_type")[0].default == ("Release",)


def test_with_when_leaves_no_state_for_the_next_class() -> None:
    class First(Package):
        with when("+a"):
            variant("b", default=False)

    class Second(Package):
        variant("c", default=False)

    assert First.own_declarations[0].when == "+a"  # type: ignore[union-attr]
    assert Second.own_declarations[0].when is None  # type: ignore[union-attr]
