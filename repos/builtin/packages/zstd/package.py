from rpm_spec.repo.api import *


class Zstd(CMakePackage):
    """Zstandard (zstd): Meta's real-time compression algorithm and library,
    trading off speed and ratio over a wide range of levels."""

    homepage = "https://facebook.github.io/zstd/"
    url = "https://github.com/facebook/zstd/archive/refs/tags/v1.5.7.tar.gz"
    git = "https://github.com/facebook/zstd.git"

    license("BSD-3-Clause OR GPL-2.0-only")

    version("1.5.7", sha256="37d7284556b20954e56e1ca85b80226768902e2edabd3b649e9e72c0c9012ee3")
    version("1.5.6", sha256="30f35f71c1203369dc979ecde0400ffea93c27391bfd2ac5a9715d2173d92ff7")
    version("1.5.5", sha256="98e9c3d949d1b924e28e01eccb7deed865eefebf25c2f21c702e5cd5b63b85e1")
    version("1.5.2", sha256="f7de13462f7a82c29ab865820149e778cbfe01087b3a55b5332707abf9db4a6e")
    version("1.5.0", sha256="0d9ade222c64e912d6957b11c923e214e2e010a18f39bec102f572e693ba2867")
    version("1.4.9", sha256="acf714d98e3db7b876e5b540cbf6dee298f60eb3c0723104f6d3f065cd60d6a8")

    # The CMake project lives in a subdirectory of the source tree.
    root_cmakelists_dir = "build/cmake"

    variant("programs", default=True, description="Build and install the zstd command-line tools")
    variant(
        "libs",
        default="shared,static",
        values=("shared", "static"),
        multi=True,
        description="Which libzstd flavours to build",
    )
    variant("pic", default=True, description="Build the static library as position-independent code")
    variant(
        "compression",
        default="none",
        values=("none", "zlib", "lz4", "lzma"),
        multi=True,
        when="+programs",
        description="Extra formats the zstd tool can read and write",
    )
    variant("multithread", default=True, description="Enable multi-threaded compression")

    depends_on("cmake@3.10:", type="build")
    depends_on("zlib-api", when="compression=zlib")
    depends_on("lz4", when="compression=lz4")
    depends_on("xz", when="compression=lzma")

    conflicts(
        "compression=none",
        when="compression=zlib",
        msg="compression=none cannot be combined with a real format",
    )
    conflicts("compression=none", when="compression=lz4", msg="compression=none is exclusive")
    conflicts("compression=none", when="compression=lzma", msg="compression=none is exclusive")

    sanity_check_is_file = ["include/zstd.h", "include/zdict.h"]

    def cmake_args(self):
        spec = self.spec
        return [
            self.define_from_variant("ZSTD_BUILD_PROGRAMS", "programs"),
            self.define("ZSTD_BUILD_SHARED", spec.satisfies("libs=shared")),
            self.define("ZSTD_BUILD_STATIC", spec.satisfies("libs=static")),
            self.define_from_variant("CMAKE_POSITION_INDEPENDENT_CODE", "pic"),
            self.define_from_variant("ZSTD_MULTITHREAD_SUPPORT", "multithread"),
            self.define("ZSTD_ZLIB_SUPPORT", spec.satisfies("compression=zlib")),
            self.define("ZSTD_LZ4_SUPPORT", spec.satisfies("compression=lz4")),
            self.define("ZSTD_LZMA_SUPPORT", spec.satisfies("compression=lzma")),
            self.define("ZSTD_BUILD_TESTS", False),
        ]
