"""PackageBase and the build-system helpers recipes call while building."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from rpm_spec.repo.api import (
    AutotoolsPackage,
    CMakePackage,
    CudaPackage,
    MakefilePackage,
    MesonPackage,
    Package,
    PythonPackage,
    ROCmPackage,
    variant,
    version,
)
from rpm_spec.repo.loader import class_name_for
from rpm_spec.repo.metadata import DependencyDecl, ExtendsDecl
from rpm_spec.repo.package import substitute_version
from rpm_spec.spec import Version

SHA = "c" * 64


@dataclass
class FakeDependency:
    prefix: Path


@dataclass
class FakeSpec:
    """A stand-in for the concrete spec the installer will pass."""

    variants: dict[str, tuple[str, ...]] = field(default_factory=dict)
    name: str = "sample"
    version: Version = field(default_factory=lambda: Version("1.0"))
    prefix: Path = Path("/opt/sample")
    deps: dict[str, Path] = field(default_factory=dict)

    def satisfies(self, constraint: str) -> bool:
        raise NotImplementedError

    def __getitem__(self, name: str) -> FakeDependency:
        return FakeDependency(self.deps[name])


class Sample(CMakePackage):
    version("1.0", sha256=SHA)
    variant("shared", default=True)
    variant("langs", default="c", values=("c", "cxx", "fortran"), multi=True)
    variant("api", default="v2", values=("v1", "v2"))
    variant("gpu", default=False, when="@2:")


class Tools(AutotoolsPackage):
    variant("zlib", default=True)
    variant("fabrics", default="none", values=("none", "ucx", "ofi"), multi=True)
    variant("free", default="x")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("zlib", "Zlib"),
        ("py-torch", "PyTorch"),
        ("netcdf-c", "NetcdfC"),
        ("3proxy", "_3proxy"),
        ("hdf5", "Hdf5"),
        ("py-scikit-learn", "PyScikitLearn"),
        ("double--dash", "DoubleDash"),
    ],
)
def test_class_name_for(name: str, expected: str) -> None:
    assert class_name_for(name) == expected


def test_cmake_define() -> None:
    assert CMakePackage.define("BUILD_TESTING", False) == "-DBUILD_TESTING:BOOL=OFF"
    assert CMakePackage.define("X", True) == "-DX:BOOL=ON"
    assert CMakePackage.define("N", 4) == "-DN:STRING=4"
    assert CMakePackage.define("P", Path("/a b")) == "-DP:PATH=/a b"
    assert CMakePackage.define("L", ["a", "b"]) == "-DL:STRING=a;b"


def test_cmake_define_from_variant() -> None:
    package = Sample(FakeSpec({"shared": ("false",), "langs": ("c", "cxx"), "api": ("v1",)}))
    assert package.define_from_variant("BUILD_SHARED_LIBS", "shared") == (
        "-DBUILD_SHARED_LIBS:BOOL=OFF"
    )
    assert package.define_from_variant("LANGS") == "-DLANGS:STRING=c;cxx"
    assert package.define_from_variant("API", "api") == "-DAPI:STRING=v1"
    # An inactive conditional variant gives an empty argument.
    assert package.define_from_variant("GPU", "gpu") == ""
    with pytest.raises(ValueError, match="no variant 'nope'"):
        package.define_from_variant("NOPE")


def test_std_cmake_args() -> None:
    package = Sample(FakeSpec({"build_type": ("Debug",)}))
    assert package.std_cmake_args() == [
        "-DCMAKE_INSTALL_PREFIX:PATH=/opt/sample",
        "-DCMAKE_BUILD_TYPE:STRING=Debug",
        "-DCMAKE_INSTALL_RPATH_USE_LINK_PATH:BOOL=ON",
    ]
    assert package.prefix == Path("/opt/sample")


def test_autotools_flags() -> None:
    spec = FakeSpec(
        {"zlib": ("true",), "fabrics": ("ucx",), "free": ("y",)}, deps={"zlib": Path("/z")}
    )
    package = Tools(spec)
    assert package.enable_or_disable("zlib") == ["--enable-zlib"]
    assert package.with_or_without("zlib", activation_value="prefix") == ["--with-zlib=/z"]
    assert package.with_or_without("fabrics") == ["--with-ucx", "--without-ofi"]
    assert package.enable_or_disable("fabrics", activation_value=lambda v: v.upper()) == [
        "--enable-ucx=UCX",
        "--disable-ofi",
    ]
    off = Tools(FakeSpec({"zlib": ("false",)}))
    assert off.with_or_without("zlib", activation_value="prefix") == ["--without-zlib"]
    with pytest.raises(ValueError, match="free-form"):
        package.enable_or_disable("free")


def test_meson_define() -> None:
    class Lib(MesonPackage):
        variant("docs", default=False)
        variant("backends", default="a", values=("a", "b"), multi=True)

    package = Lib(FakeSpec({"docs": ("true",), "backends": ("a", "b")}))
    assert package.define_from_variant("docs") == "-Ddocs=true"
    assert package.define_from_variant("backends") == "-Dbackends=a,b"
    assert MesonPackage.define("x", 3) == "-Dx=3"


def test_build_system_shapes() -> None:
    assert (Package.build_system, Package.phases) == ("generic", ("install",))
    assert MakefilePackage.phases == ("edit", "build", "install")
    assert AutotoolsPackage.phases == ("autoreconf", "configure", "build", "install")
    assert CMakePackage.phases == ("cmake", "build", "install")
    assert MesonPackage.phases == ("meson", "build", "install")
    meson_deps = {
        d.spec: d.types for d in MesonPackage.declarations if isinstance(d, DependencyDecl)
    }
    assert meson_deps == {"meson": ("build",), "ninja": ("build",)}
    python = PythonPackage.declarations
    assert [d.spec for d in python if isinstance(d, ExtendsDecl)] == ["python"]


def test_mixin_with_a_build_system_keeps_the_build_system() -> None:
    class GpuCode(CMakePackage, CudaPackage, ROCmPackage):
        pass

    class Plain(CudaPackage):
        pass

    assert GpuCode.build_system == "cmake"
    assert Plain.build_system == "generic"


def test_url_for_version() -> None:
    class Fetched(Package):
        url = "https://example.com/fetched/v1.2.3/fetched-1.2.3.tar.gz"
        version("1.2.3", sha256=SHA)
        version("1.0", sha256=SHA, url="https://old.example.com/f-1.0.tgz")

    package = Fetched(FakeSpec())
    assert package.url_for_version("2.0.1") == (
        "https://example.com/fetched/v2.0.1/fetched-2.0.1.tar.gz"
    )
    assert package.url_for_version(Version("1.0")) == "https://old.example.com/f-1.0.tgz"


def test_substitute_version_without_declared_versions() -> None:
    assert substitute_version("https://x.org/a-1.2.tar.gz", "1.3") == "https://x.org/a-1.3.tar.gz"
    with pytest.raises(ValueError, match="no version"):
        substitute_version("https://x.org/latest.tar.gz", "1.3")


def test_gpu_mixin_helpers() -> None:
    class Gpu(Package, CudaPackage, ROCmPackage):
        pass

    package = Gpu(FakeSpec({"cuda_arch": ("80", "90a"), "amdgpu_target": ("none",)}))
    assert package.cuda_archs() == ("80", "90a")
    assert package.cuda_flags(["90a"]) == ["-gencode=arch=compute_90a,code=sm_90a"]
    assert package.compute_capabilities(["90", "100f", "120"]) == ["9.0", "10.0f", "12.0"]
    assert package.amdgpu_targets() == ()
    assert package.hip_flags(["gfx90a"]) == ["--offload-arch=gfx90a"]
