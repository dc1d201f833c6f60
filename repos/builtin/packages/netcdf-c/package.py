from rpm_spec.repo.api import *


class NetcdfC(CMakePackage):
    """NetCDF-C: Unidata's C library and tools (ncdump, ncgen, nccopy) for the
    self-describing, array-oriented netCDF formats, with netCDF-4 on HDF5,
    parallel I/O through MPI and NCZarr storage."""

    homepage = "https://www.unidata.ucar.edu/software/netcdf/"
    url = "https://github.com/Unidata/netcdf-c/archive/refs/tags/v4.9.3.tar.gz"
    git = "https://github.com/Unidata/netcdf-c.git"

    license("BSD-3-Clause")

    version("4.10.0", sha256="ce160f9c1483b32d1ba8b7633d7984510259e4e439c48a218b95a023dc02fd4c")
    version("4.9.3", sha256="990f46d49525d6ab5dc4249f8684c6deeaf54de6fec63a187e9fb382cc0ffdff")
    version("4.9.2", sha256="bc104d101278c68b303359b3dc4192f81592ae8640f1aee486921138f7f88cb7")
    version("4.9.0", sha256="9f4cb864f3ab54adb75409984c6202323d2fc66c003e5308f3cdf224ed41c0a6")
    version("4.8.1", sha256="bc018cc30d5da402622bf76462480664c6668b55eb16ba205a0dfb8647161dd0")

    variant("mpi", default=True, description="Parallel I/O for netCDF-4 files (through HDF5)")
    variant(
        "parallel-netcdf",
        default=False,
        description="Parallel I/O for classic CDF-1/2/5 files through PnetCDF",
    )
    variant("shared", default=True, description="Build shared libraries (and filter plugins)")
    variant("dap", default=False, description="OPeNDAP client (DAP2/DAP4), needs curl")
    variant("byterange", default=False, description="Read remote files by HTTP byte ranges")
    variant("nczarr", default=True, description="NCZarr: Zarr-style storage in directories")
    variant("szip", default=True, description="The szip filter plugin, through libaec")
    variant("zstd", default=True, description="The Zstandard filter plugin")
    variant("logging", default=False, description="Internal logging (nc_set_log_level)")

    # netCDF-4 (always on here) needs HDF5's high-level library.
    depends_on("hdf5@1.8.9:+hl")
    depends_on("hdf5+mpi", when="+mpi")
    # H5FD_class_t changed in HDF5 2.0; 4.9.3 does not build against it (netcdf-c#3202).
    depends_on("hdf5@:1.14", when="@:4.9.3")
    # HDF5 1.14 support came with 4.9.2 (netcdf-c#2615).
    depends_on("hdf5@:1.12", when="@:4.9.1")
    depends_on("mpi", when="+mpi")
    depends_on("mpi", when="+parallel-netcdf")
    # hdf5.h includes mpi.h when HDF5 is parallel, so the build needs MPI's compiler.
    depends_on("mpi", when="^hdf5+mpi")
    depends_on("parallel-netcdf", when="+parallel-netcdf")
    depends_on("zlib-api", when="@4.9:")
    depends_on("bzip2", when="@4.9: +shared")
    depends_on("libaec", when="+szip")
    depends_on("zstd", when="+zstd")
    depends_on("curl@7.18:", when="+dap")
    depends_on("curl@7.18:", when="+byterange")
    # Before 4.9.3 the CMake build looked for curl unconditionally (netcdf-c#3016).
    depends_on("curl@7.18:", when="@:4.9.2")
    depends_on("libxml2", when="@4.9: +dap")
    depends_on("m4", type="build")  # man pages and generated sources
    depends_on("cmake@3.12:", type="build")

    conflicts("+szip", when="@:4.8", msg="filter plugins arrived in netCDF-C 4.9.0")
    conflicts("+zstd", when="@:4.8", msg="filter plugins arrived in netCDF-C 4.9.0")
    conflicts("+szip", when="~shared", msg="filter plugins are built only with +shared")
    conflicts("+zstd", when="~shared", msg="filter plugins are built only with +shared")
    requires("+dap", when="@4.9.3: +byterange", msg="byte-range I/O needs +dap from 4.9.3")

    sanity_check_is_file = ["bin/ncdump", "bin/nc-config", "include/netcdf.h"]

    def cmake_args(self):
        spec = self.spec
        # 4.9.3 prefixed every option with NETCDF_ (netcdf-c#2895).
        new = spec.satisfies("@4.9.3:")
        p = "NETCDF_" if new else ""
        args = [
            self.define_from_variant("BUILD_SHARED_LIBS", "shared"),
            self.define(f"{p}BUILD_UTILITIES", True),
            self.define("NETCDF_ENABLE_HDF5" if new else "ENABLE_NETCDF_4", True),
            self.define_from_variant(f"{p}ENABLE_PARALLEL4", "mpi"),
            self.define_from_variant(f"{p}ENABLE_PNETCDF", "parallel-netcdf"),
            self.define_from_variant(f"{p}ENABLE_DAP", "dap"),
            self.define_from_variant(f"{p}ENABLE_BYTERANGE", "byterange"),
            self.define_from_variant(f"{p}ENABLE_NCZARR", "nczarr"),
            self.define_from_variant(f"{p}ENABLE_LOGGING", "logging"),
            self.define(f"{p}ENABLE_TESTS", False),
            self.define(f"{p}ENABLE_EXAMPLES", False),
            self.define(f"{p}ENABLE_PARALLEL_TESTS", False),
            self.define(f"{p}ENABLE_FILTER_BLOSC", False),
            self.define(f"{p}ENABLE_NCZARR_ZIP", False),
            self.define(f"{p}ENABLE_S3", False),
            self.define("NETCDF_FIND_SHARED_LIBS" if new else "NC_FIND_SHARED_LIBS", True),
        ]
        if spec.satisfies("@4.9:"):
            args += [
                self.define_from_variant(f"{p}ENABLE_FILTER_SZIP", "szip"),
                self.define_from_variant(f"{p}ENABLE_FILTER_ZSTD", "zstd"),
                self.define(f"{p}ENABLE_PLUGINS", spec.satisfies("+shared")),
                self.define(
                    "NETCDF_WITH_PLUGIN_DIR" if new else "PLUGIN_INSTALL_DIR",
                    self.prefix / "plugins",
                ),
            ]
        if any(spec.satisfies(s) for s in ("+mpi", "+parallel-netcdf", "^hdf5+mpi")):
            args.append(self.define("CMAKE_C_COMPILER", spec["mpi"].prefix / "bin" / "mpicc"))
        return args
