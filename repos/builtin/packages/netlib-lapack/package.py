from rpm_spec.repo.api import *


class NetlibLapack(CMakePackage):
    """Reference LAPACK: the Fortran library of dense linear algebra (linear
    systems, least squares, eigenvalue and singular value problems) that
    defines the LAPACK interface, with the reference BLAS, CBLAS and LAPACKE.

    Needs a Fortran compiler (gfortran, flang, ifx); the C/C++ compiler alone
    cannot build it."""

    homepage = "https://www.netlib.org/lapack/"
    url = "https://github.com/Reference-LAPACK/lapack/archive/refs/tags/v3.12.1.tar.gz"
    git = "https://github.com/Reference-LAPACK/lapack.git"

    license("BSD-3-Clause-Open-MPI")

    version("3.12.1", sha256="2ca6407a001a474d4d4d35f3a61550156050c48016d949f0da0529c0aa052422")
    version("3.12.0", sha256="eac9570f8e0ad6f30ce4b963f4f033f0f643e7c3912fc9ee6cd99120675ad48b")
    version("3.11.0", sha256="4b9ba79bfd4921ca820e83979db76ab3363155709444a787979e81c22285ffa9")
    version("3.10.1", sha256="cd005cd021f144d7d5f7f33c943942db9f03a28d110d6a3b80d718a295f7f714")
    version("3.10.0", sha256="328c1bea493a32cac5257d84157dc686cc3ab0b004e2bea22044e0a59f6f8a19")
    version("3.9.1", sha256="d0085d2caf997ff39299c05d4bacb6f3d27001d25a4cc613d48c1f352b73e7e0")

    variant("shared", default=True, description="Build shared libraries")
    variant("pic", default=True, description="Position-independent code in static libraries")
    variant("lapacke", default=True, description="Build LAPACKE, the C interface to LAPACK")
    variant(
        "external-blas",
        default=False,
        description="Link LAPACK to another BLAS instead of building the reference one",
    )

    # The reference BLAS comes along unless another BLAS is used.
    provides("blas", when="~external-blas")
    for _version in ("3.12.1", "3.12.0", "3.11.0", "3.10.1", "3.10.0", "3.9.1"):
        provides(f"lapack@{_version}", when=f"@{_version}")

    depends_on("cmake@2.8.10:", type="build")
    depends_on("cmake@3.2:", type="build", when="@3.9:")
    depends_on("blas", when="+external-blas")

    sanity_check_is_file = ["include/cblas.h"]
    sanity_check_is_dir = ["lib/cmake"]

    def cmake_args(self):
        args = [
            self.define_from_variant("BUILD_SHARED_LIBS", "shared"),
            self.define_from_variant("CMAKE_POSITION_INDEPENDENT_CODE", "pic"),
            self.define_from_variant("LAPACKE", "lapacke"),
            self.define("CBLAS", True),
            # Deprecated routines are still called by SuiteSparse, R and others.
            self.define("BUILD_DEPRECATED", True),
            self.define("BUILD_TESTING", False),
        ]
        if self.spec.satisfies("+external-blas"):
            blas = self.spec["blas"].prefix
            args += [
                self.define("USE_OPTIMIZED_BLAS", True),
                self.define("CMAKE_PREFIX_PATH", blas),
            ]
        return args
