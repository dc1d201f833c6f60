from rpm_spec.repo.api import *


class Zstd(Package):
    """Zstandard (zstd): Meta's real-time compression algorithm and library,
    trading off speed and ratio over a wide range of levels."""

    homepage = "https://facebook.github.io/zstd/"
    url = "https://github.com/facebook/zstd/archive/refs/tags/v1.5.7.tar.gz"
    git = "https://github.com/facebook/zstd.git"

    license("BSD-3-Clause OR GPL-2.0-only")

    version("1.5.7", sha256="37d7284556b20954e56e1ca85b80226768902e2edabd3b649e9e72c0c9012ee3")
    version("1.5.6", sha256="30f35f71c1203369dc979ecde0400ffea93c27391bfd2ac5a9715d2173d92ff7")
    version("1.5.5", sha256="98e9c3d949d1b924e28e01eccb7deed865eefebf25c2f21c702e5cd5b63b85e1")
    version("1.5.2", sha256="f7de13462f7a82c29ab865820149e778cbfe01087b3a55b5332707abf9db4a6e")
    version("1.5.0", sha256="0d9ade222c64e912d6957b11c923e214e2e010a18f39bec102f572e693ba2867")
    version("1.4.9", sha256="acf714d98e3db7b876e5b540cbf6dee298f60eb3c0723104f6d3f065cd60d6a8")

    variant("programs", default=True, description="Build and install the zstd command-line tools")
    variant(
        "libs",
        default="shared,static",
        values=("shared", "static"),
        multi=True,
        description="Which libzstd flavours to install",
    )
    variant(
        "compression",
        default="none",
        values=("none", "zlib", "lz4", "lzma"),
        multi=True,
        when="+programs",
        description="Extra formats the zstd tool can read and write",
    )

    depends_on("zlib-api", when="compression=zlib")
    depends_on("lz4", when="compression=lz4")
    depends_on("xz", when="compression=lzma")

    for _format in ("zlib", "lz4", "lzma"):
        conflicts("compression=none", when=f"compression={_format}", msg="'none' is exclusive")

    sanity_check_is_file = ["include/zstd.h", "include/zdict.h"]

    # Built with the upstream Makefiles rather than build/cmake: CMake itself can be built
    # against zstd (cmake ~ownlibs), so zstd must not need CMake.
    def install(self, spec, prefix):
        common = [f"PREFIX={prefix}", "VERBOSE=1"]
        lib_targets = ["install-pc", "install-includes"]
        if spec.satisfies("libs=shared"):
            lib_targets.append("install-shared")
        if spec.satisfies("libs=static"):
            lib_targets.append("install-static")
        self.make("-C", "lib", *common, *lib_targets)
        if spec.satisfies("+programs"):
            # The programs' Makefile links every compression library it finds; pin the choice.
            have = {
                "HAVE_ZLIB": spec.satisfies("compression=zlib"),
                "HAVE_LZ4": spec.satisfies("compression=lz4"),
                "HAVE_LZMA": spec.satisfies("compression=lzma"),
            }
            flags = [f"{name}={int(on)}" for name, on in have.items()]
            self.make("-C", "programs", *common, *flags, "install")
