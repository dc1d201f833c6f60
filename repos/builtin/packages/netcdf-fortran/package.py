from rpm_spec.repo.api import *


class NetcdfFortran(AutotoolsPackage):
    """NetCDF-Fortran: the Fortran 77 and Fortran 90 interfaces to netCDF-C
    (libnetcdff and its modules).

    Needs a Fortran compiler (gfortran, flang, ifx) besides the C compiler."""

    homepage = "https://www.unidata.ucar.edu/software/netcdf/"
    url = "https://downloads.unidata.ucar.edu/netcdf-fortran/4.6.2/netcdf-fortran-4.6.2.tar.gz"
    git = "https://github.com/Unidata/netcdf-fortran.git"

    license("Apache-2.0")

    version("4.6.2", sha256="df26b99d9003c93a8bc287b58172bf1c279676f8c10d6dd0daf8bc7204877096")
    version("4.6.1", sha256="b50b0c72b8b16b140201a020936aa8aeda5c79cf265c55160986cd637807a37a")
    version("4.6.0", sha256="198bff6534cc85a121adc9e12f1c4bc53406c403bda331775a1291509e7b2f23")
    version("4.5.4", sha256="0a19b26a2b6e29fab5d29d7d7e08c24e87712d09a5cafeea90e16e0a2ab86b81")

    variant("shared", default=True, description="Build shared libraries")

    depends_on("netcdf-c")
    depends_on("netcdf-c@4.7.4:")  # nc_def_var_szip, used since 4.5.3

    sanity_check_is_file = ["bin/nf-config", "include/netcdf.mod"]

    def configure_args(self):
        args = ["--enable-static", *self.enable_or_disable("shared")]
        if self.spec.satisfies("^netcdf-c+mpi") or self.spec.satisfies(
            "^netcdf-c+parallel-netcdf"
        ):
            # The parallel tests would need a launcher; the library does not.
            args.append("--disable-parallel-tests")
        return args
