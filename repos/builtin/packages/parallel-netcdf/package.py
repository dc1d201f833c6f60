from rpm_spec.repo.api import *


class ParallelNetcdf(AutotoolsPackage):
    """PnetCDF: a high-performance parallel I/O library over MPI-IO for files
    in the classic netCDF formats (CDF-1, CDF-2 and the 64-bit CDF-5), used
    directly or as netCDF-C's parallel classic backend."""

    homepage = "https://parallel-netcdf.github.io/"
    url = "https://parallel-netcdf.github.io/Release/pnetcdf-1.14.1.tar.gz"
    git = "https://github.com/Parallel-NetCDF/PnetCDF.git"

    license("custom:pnetcdf")

    version("1.14.1", sha256="6f0f7221006c211fce9ddd2c008796b8c69dd717b2ad1be0b4027fc328fd3220")
    version("1.14.0", sha256="575f189fb01c53f93b3d6ae0e506f46e19694807c81af0b9548e947995acf704")
    version("1.13.0", sha256="aba0f1c77a51990ba359d0f6388569ff77e530ee574e40592a1e206ed9b2c491")
    version("1.12.3", sha256="439e359d09bb93d0e58a6e3f928f39c2eae965b6c97f64e67cd42220d6034f77")
    version("1.12.2", sha256="3ef1411875b07955f519a5b03278c31e566976357ddfc74c2493a1076e7d7c74")

    variant("cxx", default=True, description="Build the C++ interface")
    variant("fortran", default=False, description="Build the Fortran interface (needs mpif90)")
    variant("shared", default=True, description="Build shared libraries")
    variant("burstbuffer", default=False, description="Burst-buffer driver for staged writes")

    depends_on("mpi")
    depends_on("m4", type="build")
    depends_on("perl", type="build")

    for _mpi in ("openmpi", "mpich"):
        conflicts(f"^{_mpi}~fortran", when="+fortran", msg="+fortran needs an MPI with mpif90")

    sanity_check_is_file = ["bin/pnetcdf-config", "include/pnetcdf.h"]

    def configure_args(self):
        mpi_bin = self.spec["mpi"].prefix / "bin"
        args = [
            f"--with-mpi={self.spec['mpi'].prefix}",
            f"MPICC={mpi_bin / 'mpicc'}",
            *self.enable_or_disable("cxx"),
            *self.enable_or_disable("fortran"),
            *self.enable_or_disable("shared"),
            "--enable-static",
            "--enable-relax-coord-bound",
            "--disable-silent-rules",
        ]
        if self.spec.satisfies("+cxx"):
            args.append(f"MPICXX={mpi_bin / 'mpicxx'}")
        if self.spec.satisfies("+fortran"):
            args += [f"MPIF77={mpi_bin / 'mpif77'}", f"MPIF90={mpi_bin / 'mpif90'}"]
        if self.spec.satisfies("+burstbuffer"):
            args.append("--enable-burst-buffering")
        return args
