from rpm_spec.repo.api import *


class ZlibNg(CMakePackage):
    """zlib-ng: a modernised zlib with SIMD-accelerated code paths; with
    +compat it is a drop-in, ABI-compatible replacement for zlib."""

    homepage = "https://github.com/zlib-ng/zlib-ng"
    url = "https://github.com/zlib-ng/zlib-ng/archive/refs/tags/2.2.4.tar.gz"
    git = "https://github.com/zlib-ng/zlib-ng.git"

    license("Zlib")

    version("2.2.4", sha256="a73343c3093e5cdc50d9377997c3815b878fd110bf6511c2c7759f2afb90f5a3")
    version("2.2.3", sha256="f2fb245c35082fe9ea7a22b332730f63cf1d42f04d84fe48294207d033cba4dd")
    version("2.2.2", sha256="fcb41dd59a3f17002aeb1bb21f04696c9b721404890bb945c5ab39d2cb69654c")
    version("2.1.7", sha256="59e68f67cbb16999842daeb517cdd86fc25b177b4affd335cd72b76ddc2a46d8")
    version("2.1.6", sha256="a5d504c0d52e2e2721e7e7d86988dec2e290d723ced2307145dedd06aeb6fef2")
    version("2.0.7", sha256="6c0853bb27738b811f2b4d4af095323c3d5ce36ceed6b50e5f773204fb8f7200")

    variant("compat", default=True, description="Build the zlib-compatible API (libz, zlib.h)")
    variant("opt", default=True, description="Enable the architecture-specific optimisations")
    variant("shared", default=True, description="Build shared libraries")
    variant("pic", default=True, description="Build position-independent code")
    variant("new_strategies", default=True, description="Enable the faster deflate strategies")

    depends_on("cmake@3.14:", type="build", when="@2.1:")
    depends_on("cmake@3.5.1:", type="build")

    provides("zlib-api", when="+compat")

    conflicts("+shared~pic", msg="shared libraries need position-independent code")

    sanity_check_is_dir = ["include"]

    def cmake_args(self):
        return [
            self.define_from_variant("ZLIB_COMPAT", "compat"),
            self.define_from_variant("WITH_OPTIM", "opt"),
            self.define_from_variant("BUILD_SHARED_LIBS", "shared"),
            self.define_from_variant("CMAKE_POSITION_INDEPENDENT_CODE", "pic"),
            self.define_from_variant("WITH_NEW_STRATEGIES", "new_strategies"),
            self.define("ZLIB_ENABLE_TESTS", False),
            self.define("WITH_GTEST", False),
        ]
