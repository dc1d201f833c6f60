"""The mock repository loads through the real repo API and has the shape tests rely on.

Concretizer tests pick mock packages for one feature each (tests/repos/README.md);
these checks catch a recipe that silently stops exercising its feature.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from rpm_spec.repo import RecipeMetadata, RepoPath, VariantDecl
from rpm_spec.spec import parse_spec

MOCK_REPO = Path(__file__).resolve().parents[1] / "repos" / "mock"
README = MOCK_REPO.parent / "README.md"
PACKAGE_NAMES = sorted(path.parent.name for path in MOCK_REPO.glob("packages/*/package.py"))


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> RepoPath:
    return RepoPath.from_paths([MOCK_REPO], cache_dir=tmp_path_factory.mktemp("repo-cache"))


def _canonical(text: str) -> str:
    return str(parse_spec(text))


def _variant(meta: RecipeMetadata, name: str) -> VariantDecl:
    (decl,) = meta.variants_named(name)
    return decl


def test_every_recipe_loads_without_errors(repo: RepoPath) -> None:
    assert repo.errors() == {}
    assert sorted(repo.all_names()) == PACKAGE_NAMES
    assert len(PACKAGE_NAMES) >= 25


@pytest.mark.parametrize("name", PACKAGE_NAMES)
def test_recipe_conventions(repo: RepoPath, name: str) -> None:
    meta = repo.get(name)
    assert meta.namespace == "mock"
    assert meta.description
    assert meta.versions
    first_line = (MOCK_REPO / "packages" / name / "package.py").read_text().splitlines()[0]
    assert first_line.startswith("# Feature: ")
    for decl in meta.versions:
        # Fake but well-formed checksums: sha256("<name>-<version>").
        assert decl.sha256 == hashlib.sha256(f"{name}-{decl.version}".encode()).hexdigest()


def test_readme_documents_every_package() -> None:
    documented = re.findall(r"^\| `([a-z0-9-]+)` \|", README.read_text(), flags=re.MULTILINE)
    assert sorted(documented) == PACKAGE_NAMES


def test_virtual_providers(repo: RepoPath) -> None:
    assert sorted(repo.providers_for("mpi")) == ["mpich", "zmpi"]
    assert sorted(repo.providers_for("blas")) == ["netlib-blas", "openblas", "x86-blas"]
    assert repo.providers_for("lapack") == ["openblas"]
    assert repo.is_virtual("mpi")
    assert not repo.is_virtual("zlib")


def test_virtual_versions_follow_the_provider_version(repo: RepoPath) -> None:
    provided = {(d.virtual_spec, d.when) for d in repo.get("mpich").provides}
    assert provided == {
        (_canonical("mpi@:3.1"), _canonical("@:3")),
        (_canonical("mpi@:4"), _canonical("@4:")),
    }
    (zmpi,) = repo.get("zmpi").provides
    assert zmpi.virtual_spec == _canonical("mpi@:3")
    (needed,) = repo.get("mpi4-app").dependencies
    # Only mpich's 4.x releases can satisfy mpi@4:.
    assert not parse_spec(zmpi.virtual_spec).intersects(parse_spec(needed.spec))
    assert parse_spec("mpi@=4.0").satisfies(parse_spec(needed.spec))


def test_long_dag_and_its_diamond_force_one_libelf(repo: RepoPath) -> None:
    assert repo.possible_dependencies(["mpileaks"]) >= {
        "callpath",
        "dyninst",
        "libdwarf",
        "libelf",
        "mpich",
        "zmpi",
    }
    libelf_constraints = [
        parse_spec(d.spec)
        for parent in ("dyninst", "libdwarf")
        for d in repo.get(parent).dependencies
        if d.name == "libelf"
    ]
    assert len(libelf_constraints) == 2
    fitting = [
        decl.version
        for decl in repo.get("libelf").versions
        if all(parse_spec(f"libelf@={decl.version}").satisfies(c) for c in libelf_constraints)
    ]
    assert fitting == ["0.8.12"]


def test_variant_kinds(repo: RepoPath) -> None:
    zlib = repo.get("zlib")
    assert _variant(zlib, "shared").boolean
    assert [d.lower() for d in _variant(zlib, "shared").default] == ["true"]
    assert [d.lower() for d in _variant(zlib, "pic").default] == ["false"]
    threads = _variant(repo.get("fftw"), "threads")
    assert (threads.multi, threads.default, threads.values) == (
        False,
        ("none",),
        ("none", "openmp", "pthreads"),
    )
    languages = _variant(repo.get("polyglot"), "languages")
    assert (languages.multi, languages.default) == (True, ("c", "cxx"))
    assert _variant(repo.get("conditional-variant"), "gpu").when == _canonical("@2:")
    assert _variant(repo.get("sticky-variant"), "experimental").sticky
    shifted = {d.when: d.default[0].lower() for d in repo.get("default-shift").variants}
    assert shifted == {_canonical("@:1"): "false", _canonical("@2:"): "true"}
    avx512 = _variant(repo.get("simd-kernels"), "avx512")
    assert avx512.when == _canonical("target=x86_64:")


def test_conditional_dependencies_and_types(repo: RepoPath) -> None:
    hdf5 = {(d.spec, d.when) for d in repo.get("hdf5").dependencies}
    assert hdf5 == {
        ("mpi", _canonical("+mpi")),
        ("zlib", _canonical("+compression")),
        (_canonical("zlib@1.3:"), _canonical("@1.14: +compression")),
    }
    types = {d.name: d.types for d in repo.get("deptype-sampler").dependencies}
    assert types == {
        "cmake": ("build",),
        "zlib": ("build", "link"),
        "python": ("run",),
        "libelf": ("test",),
    }
    (ranged,) = repo.get("range-consumer").dependencies
    fitting = [
        decl.version
        for decl in repo.get("polyglot").versions
        if parse_spec(f"polyglot@={decl.version}").satisfies(parse_spec(ranged.spec))
    ]
    assert sorted(fitting) == ["1.0", "1.1"]


def test_conflicts_and_requirements(repo: RepoPath) -> None:
    (old_gcc,) = repo.get("cxx20-lib").conflicts
    assert old_gcc.spec == _canonical("%gcc@:9")
    assert old_gcc.msg
    (aarch64,) = repo.get("x86-intrinsics").conflicts
    assert (aarch64.spec, aarch64.msg) == (_canonical("target=aarch64:"), "x86-only intrinsics")
    (gcc,) = repo.get("gcc-only").requires
    assert gcc.specs == (_canonical("%gcc"),)
    (backend,) = repo.get("backend-choice").requires
    assert (backend.policy, len(backend.specs)) == ("one_of", 2)
    (new_api,) = repo.get("requires-version").requires
    assert (new_api.specs, new_api.when) == ((_canonical("@2:"),), _canonical("+new"))
    (linux,) = repo.get("linux-only").requires
    assert linux.specs == (_canonical("platform=linux"),)


def test_version_preferences(repo: RepoPath) -> None:
    deprecated = {d.version for d in repo.get("deprecated-newest").versions if d.deprecated}
    assert deprecated == {"2.0"}
    newest = repo.get("preferred-older").versions_newest_first()
    assert [d.version for d in newest if d.preferred] == ["1.1"]
    assert newest[0].version == "2.0"


def test_gpu_mixins(repo: RepoPath) -> None:
    cuda_app = repo.get("cuda-app")
    assert {"cuda", "cuda_arch"} <= set(cuda_app.variant_names())
    assert ("cuda", _canonical("+cuda")) in {(d.spec, d.when) for d in cuda_app.dependencies}
    assert (_canonical("+cuda"), _canonical("@1.0")) in {
        (c.spec, c.when) for c in cuda_app.conflicts
    }
    assert [d.version for d in repo.get("cuda").versions_newest_first()] == [
        "13.0",
        "12.8",
        "12.4",
        "11.8",
    ]
    rocm_app = repo.get("rocm-app")
    assert {"rocm", "amdgpu_target"} <= set(rocm_app.variant_names())
    assert ("hip", _canonical("+rocm")) in {(d.spec, d.when) for d in rocm_app.dependencies}


def test_build_system_samplers(repo: RepoPath) -> None:
    samplers = ("py-ext", "openblas", "libelf", "cmake-sample", "meson-sample", "py-sample")
    assert len({repo.get(name).build_system for name in samplers}) == len(samplers)
    cmake_sample = repo.get("cmake-sample")
    assert "build_type" in cmake_sample.variant_names()
    assert ("cmake", ("build",)) in {(d.spec, d.types) for d in cmake_sample.dependencies}
    meson_deps = {d.name for d in repo.get("meson-sample").dependencies}
    assert meson_deps >= {"meson", "ninja"}
    for extension in ("py-ext", "py-sample"):
        assert [e.spec for e in repo.get(extension).extends] == ["python"]


def test_patch_file_and_resource(repo: RepoPath) -> None:
    patched = repo.get("patched-lib")
    (patch,) = patched.patches
    assert patch.when == _canonical("@1.0")
    assert (MOCK_REPO / "packages" / "patched-lib" / patch.source).is_file()
    (resource,) = patched.resources
    assert resource.when == _canonical("+testdata")
