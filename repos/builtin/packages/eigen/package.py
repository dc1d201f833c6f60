from rpm_spec.repo.api import *


class Eigen(CMakePackage):
    """Eigen: a header-only C++ template library for dense and sparse linear
    algebra (matrices, vectors, decompositions, solvers and related algorithms)."""

    homepage = "https://eigen.tuxfamily.org/"
    url = "https://gitlab.com/libeigen/eigen/-/archive/3.4.0/eigen-3.4.0.tar.gz"
    git = "https://gitlab.com/libeigen/eigen.git"

    license("MPL-2.0")

    version("5.0.0", sha256="315c881e19e17542a7d428c5aa37d113c89b9500d350c433797b730cd449c056")
    # 5.0 requires C++14 and renumbered the releases; most dependents still expect 3.4.
    version(
        "3.4.0",
        sha256="8586084f71f9bde545ee7fa6d00288b264a2b7ac3607b974e54d13e7162c1c72",
        preferred=True,
    )
    version("3.3.9", sha256="7985975b787340124786f092b3a07d594b2e9cd53bbfe5f3d9b1daee7d55f56f")
    version("3.3.8", sha256="146a480b8ed1fb6ac7cd33fec9eb5e8f8f62c3683b3f850094d9d5c35a92419a")
    version("3.3.7", sha256="d56fbad95abf993f8af608484729e3d87ef611dd85b3380a8bad1d5cbc373a57")

    depends_on("cmake@3.5:", type="build")
    depends_on("cmake@3.10:", type="build", when="@5:")

    sanity_check_is_dir = ["include/eigen3/Eigen"]

    def cmake_args(self):
        return [
            self.define("EIGEN_BUILD_DOC", False),
            self.define("EIGEN_BUILD_BLAS", False),
            self.define("EIGEN_BUILD_LAPACK", False),
            self.define("EIGEN_BUILD_TESTING", False),
            # 3.3/3.4 fail to configure with BUILD_TESTING off (libeigen/eigen#1656); their
            # tests stay out of the default build target, so leaving it on costs nothing.
            self.define("BUILD_TESTING", self.spec.satisfies("@:3.4")),
            self.define("EIGEN_LEAVE_TEST_IN_ALL_TARGET", False),
            # 3.3 asks for CMake 2.8.5, which CMake 4 refuses without this floor.
            self.define("CMAKE_POLICY_VERSION_MINIMUM", "3.5"),
        ]
