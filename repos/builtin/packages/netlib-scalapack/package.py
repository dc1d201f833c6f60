from rpm_spec.repo.api import *


class NetlibScalapack(CMakePackage):
    """ScaLAPACK: LAPACK for distributed-memory machines, block-cyclic dense
    linear algebra over MPI, with the BLACS communication layer and PBLAS.

    Mostly Fortran: it needs a Fortran compiler next to the C compiler."""

    homepage = "https://www.netlib.org/scalapack/"
    url = "https://github.com/Reference-ScaLAPACK/scalapack/archive/refs/tags/v2.2.2.tar.gz"
    git = "https://github.com/Reference-ScaLAPACK/scalapack.git"

    license("BSD-3-Clause-Open-MPI")

    version("2.2.3", sha256="5d93701eca663925e98010dd8d0f45fd79b2191d74e5afa5711d587370a8b9dd")
    version("2.2.2", sha256="a2f0c9180a210bf7ffe126c9cb81099cf337da1a7120ddb4cbe4894eb7b7d022")
    version("2.2.0", sha256="8862fc9673acf5f87a474aaa71cd74ae27e9bbeee475dbd7292cec5b8bcbdcf3")
    version("2.1.0", sha256="f03fda720a152030b582a237f8387014da878b84cbd43c568390e9f05d24617f")

    variant("shared", default=True, description="Build the shared library (else static)")
    variant("pic", default=False, description="Position-independent code in the static library")

    provides("scalapack")

    depends_on("mpi")
    depends_on("blas")
    depends_on("lapack")
    depends_on("cmake@2.8:", type="build")
    depends_on("cmake@3.26:", type="build", when="@2.2.3:")

    sanity_check_is_dir = ["lib/cmake"]

    def url_for_version(self, version):
        if self.spec.satisfies("@2.2:"):
            return super().url_for_version(version)
        return f"https://www.netlib.org/scalapack/scalapack-{version}.tgz"

    def cmake_args(self):
        spec = self.spec
        mpi_bin = spec["mpi"].prefix / "bin"
        args = [
            self.define_from_variant("BUILD_SHARED_LIBS", "shared"),
            self.define("BUILD_STATIC_LIBS", not spec.satisfies("+shared")),
            self.define_from_variant("CMAKE_POSITION_INDEPENDENT_CODE", "pic"),
            self.define("BUILD_TESTING", False),
            self.define("SCALAPACK_BUILD_TESTS", False),
            self.define("MPI_C_COMPILER", mpi_bin / "mpicc"),
            self.define("MPI_Fortran_COMPILER", mpi_bin / "mpif90"),
            # Let FindBLAS/FindLAPACK search the chosen providers first.
            self.define(
                "CMAKE_PREFIX_PATH", [str(spec["blas"].prefix), str(spec["lapack"].prefix)]
            ),
        ]
        # GCC 14 turned implicit declarations into errors; the BLACS C code has many.
        if spec.satisfies("%gcc@14:") or spec.satisfies("%clang"):
            args.append(self.define("CMAKE_C_FLAGS", "-Wno-error=implicit-function-declaration"))
        return args
