"""The spec parser: what each piece of grammar builds, roots, and caret diagnostics."""

from __future__ import annotations

import pickle

import pytest

from rpm_spec.errors import UsageError
from rpm_spec.spec import (
    AbstractSpec,
    CompilerConstraint,
    DependencyEdge,
    SpecError,
    SpecSyntaxError,
    VariantValue,
    parse_spec,
    parse_specs,
    parse_version_constraint,
    spec_text_from_args,
)


def versions(text: str) -> object:
    return parse_version_constraint(text)


def test_a_full_spec() -> None:
    spec = parse_spec("hdf5@1.14: +mpi ^[virtuals=mpi] openmpi@5 target=zen3")
    assert spec.name == "hdf5"
    assert spec.versions == versions("1.14:")
    assert spec.variants == {"mpi": VariantValue.boolean("mpi", True)}
    assert spec.target is None
    (edge,) = spec.dependencies
    assert edge.virtuals == ("mpi",)
    assert edge.spec.name == "openmpi"
    assert edge.spec.versions == versions("5")
    assert edge.spec.target == "zen3"


def test_every_node_attribute() -> None:
    spec = parse_spec(
        "builtin.hdf5@=1.14.3 ~shared ++debug api==v18 cuda_arch=90,80 %gcc@12: "
        "cflags='-O3 -g' ldlibs=-lm arch=linux-rhel9-zen3 /abc123"
    )
    assert (spec.namespace, spec.name) == ("builtin", "hdf5")
    assert spec.versions == versions("=1.14.3")
    assert spec.variants == {
        "shared": VariantValue.boolean("shared", False),
        "debug": VariantValue.boolean("debug", True, propagate=True),
        "api": VariantValue("api", ("v18",), propagate=True),
        "cuda_arch": VariantValue("cuda_arch", ("80", "90")),
    }
    assert spec.compiler == CompilerConstraint("gcc", versions("12:"))  # type: ignore[arg-type]
    assert spec.compiler_flags == {"cflags": ("-O3", "-g"), "ldlibs": ("-lm",)}
    assert (spec.platform, spec.os, spec.target) == ("linux", "rhel9", "zen3")
    assert spec.abstract_hash == "abc123"


def test_propagated_flags_and_exact_variants() -> None:
    spec = parse_spec("hdf5 cflags=='-O3 -g' cuda_arch:=80,90 ^zlib ldflags==-s cxxflags=-O1")
    assert spec.compiler_flags == {"cflags": ("-O3", "-g")}
    assert spec.propagated_flags == {"cflags"}
    assert spec.variants["cuda_arch"] == VariantValue("cuda_arch", ("80", "90"), exact=True)
    zlib = spec.dependency("zlib")
    assert zlib is not None and zlib.propagated_flags == {"ldflags"}
    assert str(spec) == 'hdf5 cuda_arch:=80,90 cflags=="-O3 -g" ^zlib cxxflags=-O1 ldflags==-s'
    assert parse_spec(str(spec)) == spec
    assert parse_spec("a cflags=-g") != parse_spec("a cflags==-g")


def test_a_hash_after_a_caret_needs_the_name() -> None:
    with pytest.raises(SpecSyntaxError) as caught:
        parse_spec("hdf5 ^/abc123")
    assert caught.value.hint == "name the installed dependency too: ^NAME/abc123"


def test_dash_and_key_equals_true_are_booleans() -> None:
    assert (
        parse_spec("zlib -shared") == parse_spec("zlib~shared") == parse_spec("zlib shared=false")
    )
    assert parse_spec("zlib +pic") == parse_spec("zlib pic=True")


@pytest.mark.parametrize(
    "text",
    ["+mpi", "@1.2:", "%gcc@12:", "target=x86_64:", "^mpi", "platform=linux", "~~shared"],
)
def test_anonymous_specs(text: str) -> None:
    (spec,) = parse_specs(text)
    assert spec.is_anonymous
    assert str(spec) == text


def test_anonymous_spec_with_only_a_dependency() -> None:
    spec = parse_spec("^mpi@3:")
    assert spec.name is None
    assert spec.dependency("mpi") == AbstractSpec("mpi", versions=parse_version_constraint("3:"))


def test_several_roots() -> None:
    roots = parse_specs("zlib hdf5+mpi ^openmpi cmake@3.27")
    assert [root.name for root in roots] == ["zlib", "hdf5", "cmake"]
    assert roots[1].dependency("openmpi") is not None
    assert roots[0].dependencies == []
    assert roots[2].versions == versions("3.27")


def test_attributes_apply_to_the_node_named_last() -> None:
    spec = parse_spec("hdf5 ^openmpi@5 +cuda ^hwloc ~libxml2")
    openmpi, hwloc = spec.dependency("openmpi"), spec.dependency("hwloc")
    assert openmpi is not None and hwloc is not None
    assert openmpi.versions == versions("5")
    assert "cuda" in openmpi.variants
    assert "libxml2" in hwloc.variants
    assert not spec.variants


def test_anonymous_attributes_before_a_name_are_their_own_root() -> None:
    assert [str(root) for root in parse_specs("+mpi hdf5")] == ["+mpi", "hdf5"]


def test_compiler_version_needs_to_touch_the_name() -> None:
    touching = parse_spec("hdf5 %gcc@12")
    spaced = parse_spec("hdf5 %gcc @12")
    assert touching.compiler == CompilerConstraint("gcc", versions("12"))  # type: ignore[arg-type]
    assert touching.versions.is_any
    assert spaced.compiler == CompilerConstraint("gcc")
    assert spaced.versions == versions("12")


def test_edge_attributes() -> None:
    spec = parse_spec("py-numpy ^[virtuals=lapack,blas deptypes=link,build] openblas")
    assert spec.dependencies == [
        DependencyEdge(AbstractSpec("openblas"), ("blas", "lapack"), ("build", "link"))
    ]


def test_blank_text() -> None:
    assert parse_specs("  ") == []
    assert parse_spec("") == AbstractSpec()


def test_flags_split_at_whitespace() -> None:
    spec = parse_spec('zlib cflags="  -O2   -g " cxxflags=-O3')
    assert spec.compiler_flags == {"cflags": ("-O2", "-g"), "cxxflags": ("-O3",)}


def test_target_ranges_and_lists_are_kept_as_text() -> None:
    for target in ("zen2:", ":zen4", "x86_64_v3:zen4", "zen2,zen3", "armv8.1a"):
        assert parse_spec(f"a target={target}").target == target


def test_caret_diagnostic_for_a_doubled_at() -> None:
    with pytest.raises(SpecSyntaxError) as caught:
        parse_spec("hdf5@@1")
    assert str(caught.value) == (
        "unexpected '@' in spec:\n  hdf5@@1\n       ^\nexpected a version after '@'"
    )


def test_syntax_errors_are_usage_errors_that_pickle() -> None:
    with pytest.raises(SpecSyntaxError) as caught:
        parse_spec("zlib@1.2@1.3")
    error = caught.value
    assert isinstance(error, UsageError) and isinstance(error, SpecError)
    assert error.exit_code == 2
    copy = pickle.loads(pickle.dumps(error))
    assert (str(copy), copy.position, copy.length) == (str(error), 8, 4)


def message(text: str) -> str:
    with pytest.raises(SpecSyntaxError) as caught:
        parse_specs(text)
    return str(caught.value)


@pytest.mark.parametrize(
    ("text", "caret", "words"),
    [
        ("zlib@1.2@1.3", "        ^^^^", "version given twice"),
        ("zlib+pic~pic", "        ^^^^", "variant 'pic' given twice"),
        ("zlib+pic pic=false", "         ^^^^^^^^^", "variant 'pic' given twice"),
        ("a %gcc %clang", "       ^", "compiler given twice"),
        ("a target=zen3 arch=linux-rhel9-zen2", "              ^^^^^^^^^^^^^^^^^^^^^", "target"),
        ("a cflags=-O2 cflags=-g", "             ^^^^^^^^^", "cflags given twice"),
        ("a /abc /def", "       ^^^^", "hash given twice"),
        ("a ^mpi ^b ^mpi", "           ^^^", "dependency 'mpi' given twice"),
        ("a@1.5:1.4", "  ^^^^^^^", "the range is empty"),
        ("a@1.2,,1.4", "  ^^^^^^^^", "stray ','"),
        ("a x=a,,b", "    ^^^^", "a value cannot be empty"),
        ("a x=''", "     ^", "a value cannot be empty"),
        ("a cflags=' '", "          ^", "at least one flag"),
        ("a target=zen3::", "         ^^^^^^", "not a target name or a range"),
        ("a target=,zen3", "         ^^^^^", "empty item"),
        ("a os=rhel:9", "     ^^^^^^", "expected a os name"),
        ("a arch=linux-zen3", "       ^^^^^^^^^^", "arch=PLATFORM-OS-TARGET"),
        ("a target==zen3", "  ^^^^^^^^^^^^", "only variants and compiler flags propagate"),
        ("a cflags:=-O3", "  ^^^^^^^^^^^", "is for multi-valued variants"),
        ("a target:=zen3", "  ^^^^^^^^^^^^", "is for multi-valued variants"),
        ("a ^/abc123", "   ^^^^^^^", "expected a package name after '^'"),
        ("a virtuals=mpi b", "  ^^^^^^^^^^^^", "inside '^[...]'"),
        ("a ^", "   ^", "expected a package name after '^'"),
        ("a ^+mpi", "   ^^^^", "expected a package name after '^'"),
        ("a ^[virtuals=mpi]", "                 ^", "expected a package name after '^'"),
        ("a ^[] b", "   ^^", "virtuals=NAMES or deptypes=TYPES"),
        ("a ^[when=+x] b", "    ^^^^^^^", "virtuals=NAMES or deptypes=TYPES"),
        ("a ^[deptypes=link deptypes=run] b", "                  ^^^^^^^^^^^^", "twice"),
        ("a ^[deptypes=linker] b", "             ^^^^^^", "build, link, run, test"),
        ("a ^[virtuals=m.p.i] b", "             ^^^^^", "virtual package names"),
        ("a ^[virtuals==mpi] b", "    ^^^^^^^^^^^^^", "not '=='"),
        ("a ^[virtuals=mpi", "                ^", "expected ']'"),
        ("a ]", "  ^", "expected a package name"),
        ("a %", "   ^", "expected a compiler name after '%'"),
        ("a %my.gcc", "   ^^^^^^", "expected a compiler name after '%'"),
    ],
)
def test_errors_show_a_caret_under_the_problem(text: str, caret: str, words: str) -> None:
    lines = message(text).splitlines()
    assert lines[1] == f"  {text}"
    assert lines[2] == f"  {caret}"
    assert words in lines[0] + lines[3]


def test_more_than_one_root_is_an_error_for_parse_spec() -> None:
    with pytest.raises(SpecSyntaxError) as caught:
        parse_spec("hdf5 mpi")
    lines = str(caught.value).splitlines()
    assert lines == [
        "expected one spec, found 2:",
        "  hdf5 mpi",
        "       ^^^",
        "a package name after a complete spec starts another spec; write ^name to make it a"
        " dependency",
    ]


def test_long_text_is_shown_around_the_problem() -> None:
    text = "a " + " ".join(f"+v{i}" for i in range(40)) + " @@"
    lines = message(text).splitlines()
    assert lines[1].startswith("  ...")
    assert lines[2].index("^") == len(lines[1]) - 1
    assert len(lines[1]) < 90


def test_tabs_and_newlines_do_not_shift_the_caret() -> None:
    lines = message("a\t+x\n@@").splitlines()
    assert lines[1:3] == ["  a +x @@", "        ^"]


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (["hdf5", "+mpi"], "hdf5 +mpi"),
        (["hdf5", "cflags=-O3 -g"], 'hdf5 cflags="-O3 -g"'),
        (["a", 'cflags=-DX="1" -g'], "a cflags='-DX=\"1\" -g'"),
        (["a", "cflags='-O3 -g'"], "a cflags='-O3 -g'"),
        (["a b"], "a b"),
    ],
)
def test_spec_text_from_args(args: list[str], text: str) -> None:
    assert spec_text_from_args(args) == text


def test_joined_args_keep_flags_together() -> None:
    spec = parse_spec(spec_text_from_args(["hdf5", "cflags=-O3 -g"]))
    assert spec.compiler_flags == {"cflags": ("-O3", "-g")}
    assert not spec.variants
