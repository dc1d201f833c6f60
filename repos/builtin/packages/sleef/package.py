from rpm_spec.repo.api import *

_COMMIT = "https://github.com/shibatch/sleef/archive/{0}.tar.gz"


class Sleef(CMakePackage):
    """SLEEF: SIMD library for evaluating elementary functions, a vectorized libm
    (with error bounds of 1.0 or 3.5 ULP) for SSE, AVX, AVX-512, NEON and SVE, plus a
    discrete Fourier transform library."""

    homepage = "https://sleef.org"
    url = "https://github.com/shibatch/sleef/archive/refs/tags/3.9.0.tar.gz"
    git = "https://github.com/shibatch/sleef.git"

    license("BSL-1.0")

    version("3.9.0", sha256="af60856abac08a3b5e72a8d156dd71fec1f7ac23de8ee67793f45f9edcdf0908")
    version(
        "3.8",
        sha256="a12ccd50f57083c530e1c76f10d52865defbd19fc9e2c85b483493065709874a",
        url="https://github.com/shibatch/sleef/archive/3.8.tar.gz",
    )
    # The master-branch snapshots PyTorch 2.7 and PyTorch 1.8-2.3 pinned between releases.
    version(
        "3.7.0.2024.12.06",
        sha256="d51c477ae25bead879e8fc869fb3740e66c18b431f45ed0598ec4ba4985023a0",
        url=_COMMIT.format("56e1f79cb140fb9326d612d0be06b5250565cade"),
    )
    version("3.6", sha256="de4f3d992cf2183a872cd397f517c1defcd3ee6cafa2ce5fa36963bd7e562446")
    version(
        "3.5.1.2020.12.22",
        sha256="fdf8901ebeb58924e197dd14d264f7c04e9f80da720f4c38deb13992f1bb89ac",
        url=_COMMIT.format("e0a003ee838b75d11763aa9c3ef17bf71a725bff"),
    )
    version(
        "3.5.1",
        sha256="415ee9b1bcc5816989d3d4d92afd0cd3f9ee89cbd5a33eb008e69751e40438ab",
        url="https://github.com/shibatch/sleef/archive/3.5.1.tar.gz",
    )

    variant("shared", default=True, description="Build shared libraries")
    variant("dft", default=False, description="Build the DFT library (libsleefdft)")

    depends_on("cmake@3.4.3:", type="build")
    depends_on("cmake@3.18:", type="build", when="@3.6:")
    depends_on("ninja", type="build")

    sanity_check_is_file = ["include/sleef.h"]

    def cmake_args(self):
        # 3.6 renamed its options with a SLEEF_ prefix (the 2020 snapshot still has old names).
        prefix = "SLEEF_" if self.spec.satisfies("@3.6:") else ""
        return [
            self.define_from_variant("BUILD_SHARED_LIBS", "shared"),
            self.define(f"{prefix}BUILD_TESTS", False),
            self.define_from_variant(f"{prefix}BUILD_DFT", "dft"),
            self.define(f"{prefix}BUILD_GNUABI_LIBS", False),
            self.define("CMAKE_POSITION_INDEPENDENT_CODE", True),
        ]
