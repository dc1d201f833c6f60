from rpm_spec.repo.api import *


class Fbgemm(CMakePackage):
    """FBGEMM: Meta's low-precision, high-performance matrix multiplication and
    convolution library for server-side inference on x86-64 (AVX2/AVX-512), with
    kernels generated at run time by asmjit. PyTorch's +fbgemm builds its own
    pinned copy; this recipe serves other consumers."""

    homepage = "https://github.com/pytorch/FBGEMM"
    url = "https://github.com/pytorch/FBGEMM/archive/refs/tags/v0.8.0.tar.gz"
    git = "https://github.com/pytorch/FBGEMM.git"

    license("BSD-3-Clause")

    version("0.8.0", sha256="f754dbc6becf8ece0474872c4e797445b55c21799c1f1d219470c0c5818207dd")

    variant("shared", default=True, description="Build a shared library")

    depends_on("cmake@3.21:", type="build")
    depends_on("ninja", type="build")
    depends_on("python", type="build")

    # The release archive lacks the external/ submodules; CMake adds both as subprojects.
    resource(
        name="asmjit",
        url="https://github.com/asmjit/asmjit/archive/d6c5be2212b9a50ba56ec6d1e9b68693c62136c1.zip",
        sha256="678549712d4708d0513fb0017d03211df415387aea4c031923d4dd5c07b43db6",
        destination="external/asmjit",
    )
    resource(
        name="cpuinfo",
        url="https://github.com/pytorch/cpuinfo/archive/fa1c679da8d19e1d87f20175ae1ec10995cd3dd3.zip",
        sha256="2bf2b62eb86e2d2eaf862d0b9683a6c467a4d69fb2f7f1dc47c799809148608f",
        destination="external/cpuinfo",
    )

    conflicts(
        "target=aarch64:",
        msg="FBGEMM's CPU kernels are x86-64 only (AVX2/AVX-512); it does not build for aarch64",
    )
    conflicts("%gcc@:8", msg="FBGEMM needs C++17 and AVX-512 intrinsics (GCC 9 or newer)")

    sanity_check_is_file = ["include/fbgemm/Fbgemm.h"]

    def cmake_args(self):
        return [
            self.define(
                "FBGEMM_LIBRARY_TYPE", "shared" if self.is_enabled("shared") else "static"
            ),
            self.define("FBGEMM_BUILD_TESTS", False),
            self.define("FBGEMM_BUILD_BENCHMARKS", False),
            self.define("FBGEMM_BUILD_DOCS", False),
            self.define("CMAKE_POSITION_INDEPENDENT_CODE", True),
        ]
