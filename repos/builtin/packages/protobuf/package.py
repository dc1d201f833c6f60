from rpm_spec.repo.api import *

_RELEASE = "https://github.com/protocolbuffers/protobuf/releases/download/v{0}/protobuf-{0}.tar.gz"


class Protobuf(CMakePackage):
    """Protocol Buffers: Google's language-neutral serialization format, with the
    C++ runtime (libprotobuf, libprotobuf-lite), libprotoc and the protoc compiler."""

    homepage = "https://protobuf.dev/"
    url = _RELEASE.format("33.5")
    git = "https://github.com/protocolbuffers/protobuf.git"

    license("BSD-3-Clause")

    # Since 21.x the release number drops the language prefix (C++ runtime 6.33.5 ships
    # as protobuf 33.5); these are the source archives published with each release.
    version("36.1", sha256="dc74fa582f559cbd31614ddfefb4868f43c919d7184bde514bb47f90c6025eb8")
    version("33.5", sha256="c6c7c27fadc19d40ab2eaa23ff35debfe01f6494a8345559b9bb285ce4144dd1")
    version("33.1", sha256="fda132cb0c86400381c0af1fe98bd0f775cb566cb247cdcc105e344e00acc30e")
    version("29.5", sha256="a191d2afdd75997ba59f62019425016703daed356a9d92f7425f4741439ae544")
    version("29.0", sha256="10a0d58f39a1a909e95e00e8ba0b5b1dc64d02997f741151953a2b3659f6e78c")
    version("27.2", sha256="e4ff2aeb767da6f4f52485c2e72468960ddfe5262483879ef6ad552e52757a77")
    # The 3.x line PyTorch bundles (its third_party/protobuf submodule is 3.13).
    version(
        "3.13.0",
        sha256="9b4ee22c250fe31b16f1a24d61467e40780a3fbb9b91c3b65be2a376ed913a1a",
        url="https://github.com/protocolbuffers/protobuf/archive/v3.13.0.tar.gz",
    )

    variant("shared", default=True, description="Build shared libraries")
    variant("zlib", default=True, description="GzipInputStream/GzipOutputStream through zlib")

    depends_on("cmake@3.5:", type="build")
    depends_on("cmake@3.16:", type="build", when="@27:")
    depends_on("zlib-api", when="+zlib")
    # From 22.x protobuf is built on Abseil; both must use one C++ standard, since
    # Abseil's ABI changes with it. C++17 is what protobuf 30+ requires anyway.
    depends_on("abseil-cpp@20230125.3: cxxstd=17", when="@22:")

    conflicts("%gcc@:6", when="@22:", msg="protobuf 22 and newer need C++14 (GCC 7 or newer)")

    sanity_check_is_file = ["bin/protoc", "include/google/protobuf/message.h"]

    @property
    def root_cmakelists_dir(self):
        # 3.x kept its CMake project under cmake/; later releases have it at the top.
        return "cmake" if self.spec.satisfies("@:3.20") else "."

    def cmake_args(self):
        args = [
            self.define_from_variant("BUILD_SHARED_LIBS", "shared"),
            self.define_from_variant("protobuf_WITH_ZLIB", "zlib"),
            self.define("protobuf_BUILD_TESTS", False),
            self.define("protobuf_BUILD_EXAMPLES", False),
            self.define("CMAKE_POSITION_INDEPENDENT_CODE", True),
        ]
        if self.spec.satisfies("@22:"):
            args.append(self.define("protobuf_ABSL_PROVIDER", "package"))
            args.append(self.define("CMAKE_CXX_STANDARD", "17"))
        else:
            # 3.13 asks for CMake 3.1.3, which CMake 4 refuses without this floor.
            args.append(self.define("CMAKE_POLICY_VERSION_MINIMUM", "3.5"))
        return args
