from rpm_spec.repo.api import *


class Hdf5(CMakePackage):
    """HDF5: a data model, C library and self-describing file format for
    large, complex, hierarchical scientific data, with parallel I/O over MPI."""

    homepage = "https://www.hdfgroup.org/solutions/hdf5/"
    url = "https://support.hdfgroup.org/releases/hdf5/v1_14/v1_14_6/downloads/hdf5-1.14.6.tar.gz"
    git = "https://github.com/HDFGroup/hdf5.git"

    license("BSD-3-Clause")

    version(
        "2.0.0",
        sha256="f4c2edc5668fb846627182708dbe1e16c60c467e63177a75b0b9f12c19d7efed",
        url="https://github.com/HDFGroup/hdf5/releases/download/2.0.0/hdf5-2.0.0.tar.gz",
    )
    version("1.14.6", sha256="e4defbac30f50d64e1556374aa49e574417c9e72c6b1de7a4ff88c4b1bea6e9b")
    version(
        "1.14.5",
        sha256="ec2e13c52e60f9a01491bb3158cb3778c985697131fc6a342262d32a26e58e44",
        url="https://support.hdfgroup.org/releases/hdf5/v1_14/v1_14_5/downloads/hdf5-1.14.5.tar.gz",
    )
    version(
        "1.14.3",
        sha256="09cdb287aa7a89148c1638dd20891fdbae08102cf433ef128fd345338aa237c7",
        url="https://support.hdfgroup.org/releases/hdf5/v1_14/v1_14_3/downloads/hdf5-1.14.3.tar.gz",
    )
    version("1.12.3", sha256="c15adf34647918dd48150ea1bd9dffd3b32a3aec5298991d56048cc3d39b4f6f")
    version("1.12.2", sha256="2a89af03d56ce7502dcae18232c241281ad1773561ec00c0f0e8ee2463910f14")
    version("1.10.11", sha256="341684c5c0976b8c7e6951735a400275a90693604464cac73e9f323c696fc79c")
    version("1.10.10", sha256="a6877ab7bd5d769d2d68618fdb54beb50263dcc2a8c157fe7e2186925cdb02db")
    version("1.8.23", sha256="37fa4eb6cd0e181eb49a10d54611cb00700e9537f805d03e6853503afe5abc27")

    variant("shared", default=True, description="Build shared libraries")
    variant("mpi", default=True, description="Parallel HDF5 through MPI-IO")
    variant("cxx", default=False, description="Build the C++ API")
    variant("fortran", default=False, description="Build the Fortran API")
    variant("hl", default=True, description="Build the high-level library (H5LT, H5TB, ...)")
    variant("threadsafe", default=False, description="Serialise API calls with a global lock")
    variant("tools", default=True, description="Build the command-line tools (h5dump, h5ls...)")
    variant("zlib", default=True, description="The deflate (gzip) filter")
    variant("szip", default=False, description="The szip filter, through libaec")
    variant("map", default=False, when="@1.14:", description="The experimental map API")
    variant("subfiling", default=False, when="@1.14: +mpi", description="The subfiling VFD")
    variant(
        "api",
        default="default",
        values=("default", "v200", "v114", "v112", "v110", "v18", "v16"),
        description="Map unversioned API names onto an older API generation",
    )

    depends_on("cmake@3.12:", type="build")
    depends_on("cmake@3.18:", type="build", when="@1.14:")
    depends_on("cmake@3.26:", type="build", when="@2:")
    depends_on("mpi", when="+mpi")
    depends_on("zlib-api", when="+zlib")
    depends_on("libaec", when="+szip")
    depends_on("pkgconfig", type="run")  # the h5cc-style wrappers call pkg-config

    conflicts("api=v200", when="@:1.14", msg="the 2.0 API exists from HDF5 2.0 on")
    conflicts("api=v114", when="@:1.12", msg="the 1.14 API exists from HDF5 1.14 on")
    conflicts("api=v112", when="@:1.10", msg="the 1.12 API exists from HDF5 1.12 on")
    conflicts("api=v110", when="@:1.8", msg="the 1.10 API exists from HDF5 1.10 on")
    conflicts("+fortran", when="+shared @:1.8.15", msg="shared Fortran needs HDF5 1.8.16+")
    conflicts("+mpi", when="^mpich@4.0:4.0.3", msg="MPICH 4.0.0-4.0.3 break parallel HDF5")

    sanity_check_is_file = ["bin/h5dump", "include/hdf5.h"]

    def url_for_version(self, version):
        text = str(version)
        major, minor = (int(part) for part in text.split(".")[:2])
        if (major, minor) >= (1, 14):
            return super().url_for_version(version)  # these releases carry their own url=
        series = f"{major}.{minor}"
        return (
            "https://support.hdfgroup.org/archive/support/ftp/HDF5/releases/"
            f"hdf5-{series}/hdf5-{text}/src/hdf5-{text}.tar.gz"
        )

    def cmake_args(self):
        spec = self.spec
        v2 = spec.satisfies("@2:")
        args = [
            self.define("HDF5_BUILD_EXAMPLES", False),
            self.define("BUILD_TESTING", False),
            self.define_from_variant("BUILD_SHARED_LIBS", "shared"),
            self.define("ONLY_SHARED_LIBS", False),
            self.define_from_variant("HDF5_ENABLE_PARALLEL", "mpi"),
            self.define_from_variant("HDF5_BUILD_CPP_LIB", "cxx"),
            self.define_from_variant("HDF5_BUILD_FORTRAN", "fortran"),
            self.define_from_variant("HDF5_BUILD_HL_LIB", "hl"),
            self.define_from_variant("HDF5_ENABLE_THREADSAFE", "threadsafe"),
            self.define_from_variant("HDF5_BUILD_TOOLS", "tools"),
            self.define_from_variant("HDF5_ENABLE_SZIP_SUPPORT", "szip"),
            self.define_from_variant("HDF5_ENABLE_SZIP_ENCODING", "szip"),
            self.define_from_variant("HDF5_ENABLE_MAP_API", "map"),
            self.define_from_variant("HDF5_ENABLE_SUBFILING_VFD", "subfiling"),
            self.define("HDF5_BUILD_JAVA", False),
            # HDF5 2.0 renamed several options to carry the HDF5_ prefix.
            self.define_from_variant(
                "HDF5_ENABLE_ZLIB_SUPPORT" if v2 else "HDF5_ENABLE_Z_LIB_SUPPORT", "zlib"
            ),
            # Lets unsupported combinations such as +threadsafe+hl configure at all.
            self.define("HDF5_ALLOW_UNSUPPORTED" if v2 else "ALLOW_UNSUPPORTED", True),
        ]
        api = self.variant_values("api")[0]
        if api != "default":
            args.append(
                self.define("HDF5_DEFAULT_API_VERSION" if v2 else "DEFAULT_API_VERSION", api)
            )
        if spec.satisfies("+mpi"):
            mpi_bin = spec["mpi"].prefix / "bin"
            args.append(self.define("MPI_C_COMPILER", mpi_bin / "mpicc"))
            if spec.satisfies("+cxx"):
                args.append(self.define("MPI_CXX_COMPILER", mpi_bin / "mpicxx"))
            if spec.satisfies("+fortran"):
                args.append(self.define("MPI_Fortran_COMPILER", mpi_bin / "mpifort"))
        return args
