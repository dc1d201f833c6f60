"""Hypothesis strategies for abstract specs, shared by the spec tests.

The pools are small on purpose, so that generated pairs often share names, variants
and targets and the algebra meets both agreeing and clashing constraints.
"""

from __future__ import annotations

from hypothesis import strategies as st

from rpm_spec.spec import (
    COMPILER_FLAG_KINDS,
    DEPENDENCY_TYPES,
    AbstractSpec,
    CompilerConstraint,
    DependencyEdge,
    VariantValue,
    parse_version_constraint,
)

PACKAGE_NAMES = ["hdf5", "zlib", "py-torch", "openmpi", "mpi", "cmake", "3dfx", "a_b"]
VIRTUALS = ["mpi", "blas", "lapack"]

versions = st.sampled_from(
    [":", ":", "1.2", "=1.2", "1.2:1.4", "1.2:", ":1.4", "1.2,2.0:", "=1.2.3,1.4", "develop"]
).map(parse_version_constraint)

_variant_names = st.sampled_from(["mpi", "shared", "cuda_arch", "api", "x-y"])
_variant_values = st.sampled_from(["a", "b", "c++", "80", "a b", "say'hi", "=x", "/p/q"])

variants = st.one_of(
    st.builds(VariantValue.boolean, _variant_names, st.booleans(), propagate=st.booleans()),
    st.builds(
        lambda name, values, mode: VariantValue(
            name, tuple(values), mode == "propagate", mode == "exact"
        ),
        _variant_names,
        st.lists(_variant_values, min_size=1, max_size=3),
        st.sampled_from(["plain", "propagate", "exact"]),
    ),
)

compilers = st.builds(CompilerConstraint, st.sampled_from(["gcc", "clang", "oneapi"]), versions)

targets = st.sampled_from(
    ["zen3", "zen2:", ":zen4", "x86_64_v3:zen4", "zen2,zen3", "skylake", "x86_64:", "mystery"]
)

_flags = st.lists(
    st.sampled_from(["-O2", "-O3", "-g", "-march=native", '-DX="1"']), min_size=1, max_size=4
)
compiler_flags = st.dictionaries(
    st.sampled_from(COMPILER_FLAG_KINDS), _flags.map(tuple), max_size=2
)


@st.composite
def nodes(draw: st.DrawFn, name: str | None) -> AbstractSpec:
    """One node's constraints, without dependencies."""
    flags = draw(compiler_flags)
    return AbstractSpec(
        name,
        namespace=draw(st.sampled_from([None, None, "builtin"])) if name else None,
        versions=draw(versions),
        variants={variant.name: variant for variant in draw(st.lists(variants, max_size=3))},
        compiler=draw(st.none() | compilers),
        platform=draw(st.sampled_from([None, "linux", "darwin"])),
        os=draw(st.sampled_from([None, "rhel9", "ubuntu22.04"])),
        target=draw(st.none() | targets),
        compiler_flags=flags,
        propagated_flags=draw(st.frozensets(st.sampled_from(sorted(flags))))
        if flags
        else frozenset(),
        abstract_hash=draw(st.none() | st.text("abc012", min_size=1, max_size=4)),
    )


@st.composite
def specs(draw: st.DrawFn, max_dependencies: int = 3) -> AbstractSpec:
    """A root spec (named or anonymous) with up to ``max_dependencies`` ``^deps``."""
    root = draw(nodes(draw(st.none() | st.sampled_from(PACKAGE_NAMES))))
    names = draw(st.lists(st.sampled_from(PACKAGE_NAMES), unique=True, max_size=max_dependencies))
    for name in names:
        root.dependencies.append(
            DependencyEdge(
                draw(nodes(name)),
                tuple(draw(st.lists(st.sampled_from(VIRTUALS), max_size=2))),
                tuple(draw(st.lists(st.sampled_from(DEPENDENCY_TYPES), max_size=2))),
            )
        )
    return root
