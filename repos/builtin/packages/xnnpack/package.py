from rpm_spec.repo.api import *

_ARCHIVE = "https://github.com/google/XNNPACK/archive/{0}.tar.gz"


class Xnnpack(CMakePackage):
    """XNNPACK: Google's library of optimized floating-point and quantized
    neural-network inference operators for ARM, x86, WebAssembly and RISC-V.
    PyTorch's +xnnpack builds its own pinned copy (its USE_SYSTEM_XNNPACK is
    broken, pytorch/pytorch#60332); this recipe serves other consumers."""

    homepage = "https://github.com/google/XNNPACK"
    url = _ARCHIVE.format("98d809fa866180ebd962997e24a86437a27948d6")
    git = "https://github.com/google/XNNPACK.git"

    license("BSD-3-Clause")

    # No releases; dated snapshots of master, fetched as commit archives.
    version(
        "2023.07.18",
        sha256="3d136ac187567261dd6a7ea42c0d986d02e29f7b7c1f252066a88d7845511044",
        url=_ARCHIVE.format("98d809fa866180ebd962997e24a86437a27948d6"),
    )
    version(
        "2022.08.01",
        sha256="c82327543249bd333034bbaa0300ed1fc9c7060fa73673a285042e3f042540e0",
        url=_ARCHIVE.format("8e3d3359f9bec608e09fac1f7054a2a14b1bd73c"),
    )

    variant("shared", default=False, description="Build a shared library")

    depends_on("cmake@3.15:", type="build")
    depends_on("ninja", type="build")
    depends_on("python", type="build")
    # XNNPACK_USE_SYSTEM_LIBS takes these from the DAG instead of downloading them.
    depends_on("cpuinfo")
    depends_on("pthreadpool")
    depends_on("fxdiv", type="build")
    depends_on("fp16", type="build")
    depends_on("psimd", type="build")

    # NEON dot-product and AVX-512 microkernels need GCC 9 (google/XNNPACK#1551).
    conflicts("%gcc@:8", msg="XNNPACK needs GCC 9 or newer")

    sanity_check_is_file = ["include/xnnpack.h"]

    def cmake_args(self):
        return [
            self.define("XNNPACK_USE_SYSTEM_LIBS", True),
            self.define(
                "XNNPACK_LIBRARY_TYPE", "shared" if self.is_enabled("shared") else "static"
            ),
            self.define("XNNPACK_BUILD_TESTS", False),
            self.define("XNNPACK_BUILD_BENCHMARKS", False),
            self.define("CMAKE_POSITION_INDEPENDENT_CODE", True),
        ]
