from rpm_spec.repo.api import *


class Fxdiv(CMakePackage):
    """FXdiv: a header-only C99/C++ library that replaces integer division by a
    precomputed fixed-point multiply and shift (used by pthreadpool and XNNPACK)."""

    homepage = "https://github.com/Maratyszcza/FXdiv"
    url = (
        "https://github.com/Maratyszcza/FXdiv/archive/b408327ac2a15ec3e43352421954f5b1967701d1.zip"
    )
    git = "https://github.com/Maratyszcza/FXdiv.git"

    license("MIT")

    # No releases; this is the commit PyTorch 1.6 and later pin.
    version(
        "2020.04.17", sha256="ab7dfb08829bee33dca38405d647868fb214ac685e379ec7ef2bebcd234cd44d"
    )

    depends_on("cmake@3.5:", type="build")

    sanity_check_is_file = ["include/fxdiv.h"]

    def cmake_args(self):
        return [
            self.define("FXDIV_BUILD_TESTS", False),
            self.define("FXDIV_BUILD_BENCHMARKS", False),
            self.define("CMAKE_POLICY_VERSION_MINIMUM", "3.5"),
        ]
