from pathlib import Path

from rpm_spec.repo.api import *

_PSIMD = (
    "https://github.com/Maratyszcza/psimd/archive/072586a71b55b7f8c584153d223e95687148a900.zip"
)


class Fp16(CMakePackage):
    """FP16: header-only C99/C++ conversions between IEEE half precision and
    single precision floats, with portable and SIMD variants."""

    homepage = "https://github.com/Maratyszcza/FP16"
    url = (
        "https://github.com/Maratyszcza/FP16/archive/4dfe081cf6bcd15db339cf2680b9281b8451eeb3.zip"
    )
    git = "https://github.com/Maratyszcza/FP16.git"

    license("MIT")

    # No releases; this is the commit PyTorch 1.6 and later pin.
    version(
        "2020.05.14", sha256="d973501a40c55126b31accc2d9f08d931ec3cc190c0430309a5e341d3c0ce32a"
    )

    depends_on("cmake@2.8.12:", type="build")

    # FP16's CMakeLists adds psimd as a subproject (it downloads it unless given a tree).
    resource(
        name="psimd",
        url=_PSIMD,
        sha256="dc615342bcbe51ca885323e51b68b90ed9bb9fa7df0f4419dbfa0297d5e837b7",
        destination="deps/psimd",
    )

    sanity_check_is_file = ["include/fp16.h"]

    def cmake_args(self):
        # Builds run in the unpacked source tree, where the resource was expanded.
        return [
            self.define("PSIMD_SOURCE_DIR", Path.cwd() / "deps" / "psimd"),
            self.define("FP16_BUILD_TESTS", False),
            self.define("FP16_BUILD_BENCHMARKS", False),
            self.define("CMAKE_POLICY_VERSION_MINIMUM", "3.5"),
        ]
