from rpm_spec.repo.api import *


class Googletest(CMakePackage):
    """GoogleTest: Google's C++ unit-testing framework (gtest), with the
    gMock mocking library."""

    homepage = "https://github.com/google/googletest"
    url = "https://github.com/google/googletest/archive/refs/tags/v1.17.0.tar.gz"
    git = "https://github.com/google/googletest.git"

    license("BSD-3-Clause")

    version("1.17.0", sha256="65fab701d9829d38cb77c14acdc431d2108bfdbf8979e40eb8ae567edf10b27c")
    version("1.15.2", sha256="7b42b4d6ed48810c5362c265a17faebe90dc2373c885e5216439d37927f02926")
    version("1.15.0", sha256="7315acb6bf10e99f332c8a43f00d5fbb1ee6ca48c52f6b936991b216c586aaad")
    version("1.14.0", sha256="8ad598c73ad796e0d8280b082cebd82a630d73e73cd3c70057938a6501bba5d7")
    version("1.13.0", sha256="ad7fdba11ea011c1d925b3289cf4af2c66a352e18d4c7264392fead75e919363")
    version("1.12.1", sha256="81964fe578e9bd7c94dfdb09c8e4d6e6759e19967e397dbea48d1c10e45d0df2")
    version("1.11.0", sha256="b4870bf121ff7795ba20d20bcdd8627b8e088f2d1dab299a031c1034eddc93d5")
    version("1.10.0", sha256="9dc9157a9a1551ec7a7e43daea9a694a0bb5fb8bec81235d8a1e6ef64c716dcb")

    variant("gmock", default=True, description="Also build and install gMock")
    variant("pthreads", default=True, description="Thread-safe assertions through pthreads")
    variant("shared", default=True, description="Build shared libraries")
    variant(
        "cxxstd",
        default="17",
        values=("11", "14", "17", "20"),
        description="C++ standard to compile with",
    )

    depends_on("cmake@3.16:", type="build", when="@1.14:")
    depends_on("cmake@3.5:", type="build")

    conflicts("cxxstd=11", when="@1.13:", msg="googletest 1.13+ needs C++14")
    conflicts("cxxstd=14", when="@1.17:", msg="googletest 1.17+ needs C++17")

    sanity_check_is_file = ["include/gtest/gtest.h"]

    def url_for_version(self, version):
        # Tags were release-X.Y.Z up to 1.12.1 and vX.Y.Z afterwards.
        text = str(version)
        major, minor = (int(part) for part in text.split(".")[:2])
        tag = f"v{text}" if (major, minor) >= (1, 13) else f"release-{text}"
        return f"https://github.com/google/googletest/archive/refs/tags/{tag}.tar.gz"

    def cmake_args(self):
        return [
            self.define_from_variant("BUILD_SHARED_LIBS", "shared"),
            self.define_from_variant("BUILD_GMOCK", "gmock"),
            self.define_from_variant("CMAKE_CXX_STANDARD", "cxxstd"),
            self.define("gtest_disable_pthreads", not self.is_enabled("pthreads")),
        ]
