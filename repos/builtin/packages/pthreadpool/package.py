from pathlib import Path

from rpm_spec.repo.api import *

_FXDIV = (
    "https://github.com/Maratyszcza/FXdiv/archive/b408327ac2a15ec3e43352421954f5b1967701d1.zip"
)


class Pthreadpool(CMakePackage):
    """pthreadpool: a portable thread pool that parallelizes loops over 1-6
    dimensional index spaces, the CPU parallelism layer of XNNPACK, NNPACK and
    PyTorch's mobile kernels."""

    homepage = "https://github.com/google/pthreadpool"
    url = "https://github.com/Maratyszcza/pthreadpool/archive/4fe0e1e183925bf8cfa6aae24237e724a96479b8.zip"
    git = "https://github.com/google/pthreadpool.git"

    license("BSD-2-Clause")

    # No releases; this is the commit PyTorch 2.2 and later pin.
    version(
        "2023.08.29", sha256="a4cf06de57bfdf8d7b537c61f1c3071bce74e57524fe053e0bbd2332feca7f95"
    )

    variant(
        "shared", default=False, description="Build a shared library (PyTorch links it static)"
    )

    depends_on("cmake@3.5:", type="build")
    depends_on("ninja", type="build")

    # pthreadpool compiles against FXdiv's CMake project (it downloads it unless given one).
    resource(
        name="fxdiv",
        url=_FXDIV,
        sha256="ab7dfb08829bee33dca38405d647868fb214ac685e379ec7ef2bebcd234cd44d",
        destination="deps/fxdiv",
    )

    sanity_check_is_file = ["include/pthreadpool.h"]

    def cmake_args(self):
        # Builds run in the unpacked source tree, where the resource was expanded.
        return [
            self.define("FXDIV_SOURCE_DIR", Path.cwd() / "deps" / "fxdiv"),
            self.define(
                "PTHREADPOOL_LIBRARY_TYPE", "shared" if self.is_enabled("shared") else "static"
            ),
            self.define("PTHREADPOOL_BUILD_TESTS", False),
            self.define("PTHREADPOOL_BUILD_BENCHMARKS", False),
            # PyTorch still calls the pre-2020 pthreadpool_compute_* entry points.
            self.define("PTHREADPOOL_ALLOW_DEPRECATED_API", True),
            self.define("CMAKE_POSITION_INDEPENDENT_CODE", True),
            self.define("CMAKE_POLICY_VERSION_MINIMUM", "3.5"),
        ]
