from rpm_spec.repo.api import *


class AbseilCpp(CMakePackage):
    """Abseil: Google's open-source C++ common libraries (strings, containers,
    synchronization, time, status ...), released as long-term-support snapshots
    named by date; protobuf 22 and newer are built on it."""

    homepage = "https://abseil.io/"
    url = "https://github.com/abseil/abseil-cpp/archive/refs/tags/20250814.1.tar.gz"
    git = "https://github.com/abseil/abseil-cpp.git"

    license("Apache-2.0")

    version(
        "20250814.1", sha256="1692f77d1739bacf3f94337188b78583cf09bab7e420d2dc6c5605a4f86785a1"
    )
    version(
        "20250512.1", sha256="9b7a064305e9fd94d124ffa6cc358592eb42b5da588fb4e07d09254aa40086db"
    )
    version(
        "20240722.0", sha256="f50e5ac311a81382da7fa75b97310e4b9006474f9560ac46f54a9967f07d4ae3"
    )
    version(
        "20240116.2", sha256="733726b8c3a6d39a4120d7e45ea8b41a434cdacde401cba500f14236c49b39dc"
    )
    version(
        "20230802.1", sha256="987ce98f02eefbaf930d6e38ab16aa05737234d7afbab2d5c4ea7adbe50c28ed"
    )
    version(
        "20230125.3", sha256="5366d7e7fa7ba0d915014d387b66d0d002c03236448e1ba9ef98122c13b35c36"
    )

    variant("shared", default=True, description="Build shared libraries")
    # Everything linked against Abseil must use the C++ standard it was built with
    # (absl::string_view and friends change type with it).
    variant(
        "cxxstd",
        default="17",
        values=("14", "17", "20"),
        description="C++ standard Abseil and its dependents are compiled with",
    )

    depends_on("cmake@3.10:", type="build")
    depends_on("cmake@3.16:", type="build", when="@20240722:")

    conflicts("cxxstd=14", when="@20250512:", msg="Abseil 20250512 and newer need C++17")
    conflicts("%gcc@:6", msg="Abseil needs GCC 7 or newer")

    sanity_check_is_file = ["include/absl/base/config.h"]

    def cmake_args(self):
        return [
            self.define_from_variant("BUILD_SHARED_LIBS", "shared"),
            self.define_from_variant("CMAKE_CXX_STANDARD", "cxxstd"),
            self.define("ABSL_PROPAGATE_CXX_STD", True),
            self.define("ABSL_ENABLE_INSTALL", True),
            self.define("ABSL_BUILD_TESTING", False),
            self.define("BUILD_TESTING", False),
            self.define("CMAKE_POSITION_INDEPENDENT_CODE", True),
        ]
