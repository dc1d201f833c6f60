from rpm_spec.repo.api import *


class Psimd(CMakePackage):
    """psimd: portable 128-bit SIMD intrinsics as a header-only C library on top
    of the GCC/Clang vector extensions (used by FP16 and NNPACK)."""

    homepage = "https://github.com/Maratyszcza/psimd"
    url = (
        "https://github.com/Maratyszcza/psimd/archive/072586a71b55b7f8c584153d223e95687148a900.zip"
    )
    git = "https://github.com/Maratyszcza/psimd.git"

    license("MIT")

    # No releases; this is the commit PyTorch 1.6 and later pin.
    version(
        "2020.05.17", sha256="dc615342bcbe51ca885323e51b68b90ed9bb9fa7df0f4419dbfa0297d5e837b7"
    )

    depends_on("cmake@2.8.12:", type="build")

    sanity_check_is_file = ["include/psimd.h"]

    def cmake_args(self):
        # Its CMakeLists asks for CMake 2.8.12, which CMake 4 refuses without this floor.
        return [self.define("CMAKE_POLICY_VERSION_MINIMUM", "3.5")]
