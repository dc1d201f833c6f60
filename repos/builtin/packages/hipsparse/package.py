from rpm_spec.repo.api import *

_EXTERNAL_ONLY = (
    "hipsparse comes from the site's ROCm installation: declare it an external "
    "(packages: hipsparse: externals: [{spec: hipsparse@6.4.3, prefix: /opt/rocm-6.4.3}], "
    "buildable: false); building it needs the ROCm LLVM toolchain, not packaged here"
)


class Hipsparse(Package):
    """hipSPARSE: the portable sparse linear algebra interface of ROCm, forwarding to
    rocSPARSE on AMD GPUs; MAGMA's HIP backend needs it.

    Used as an external, like the rest of ROCm (see ``hip``): every compiler is in
    conflict with it so that the solver asks for the site's installation.
    """

    homepage = "https://github.com/ROCm/hipSPARSE"
    url = "https://github.com/ROCm/hipSPARSE/archive/rocm-6.4.3.tar.gz"
    git = "https://github.com/ROCm/hipSPARSE.git"

    license("MIT")

    version("7.0.0", sha256="09102f4a74cfcffb8371428f70a592a004b72f4f08135d35738b34c4d5a5edba")
    version("6.4.3", sha256="0ac06136778a25e7d38c69d831d169b85ad370d0ae1cd45deb5f63a43797244e")
    version("6.4.2", sha256="e6ed9a0dab093f428418c7914f3d2e1612cafc280cd0ee27ab4df8c93284a5ed")
    version("6.4.1", sha256="cae547776076066c0ee19a7f98516ac2e9a0cf3bb3b0809d7a4e474f9ee4cb90")
    version("6.4.0", sha256="aaab3e9a905f5c5f470634ed7a0929ef93e28d2c5fe4f6f89338b39a937f1825")
    version("6.3.3", sha256="61c26eb93e857c942a03ea4350a403e20191be465041e542ad7da00058e89ead")
    version("6.2.4", sha256="0ecc0ff1eeb99e9a9ac419e49e9be9ec4cd23a117d819710114ee2f35aefe88b")
    version("6.1.2", sha256="dd44f9b6000b3b0ac0fa238037a80f79d6745a689d4a6755f2d595643be1ef6d")
    version("6.0.2", sha256="40c1d2493f87c686d9afd84a00321ad10ca0d0d80d6dcfeee8e51858dd1bd8c1")

    # Only built nodes have a compiler, so these refuse a source build and nothing else.
    for _compiler in ("gcc", "clang", "oneapi", "nvhpc", "aocc", "apple-clang"):
        conflicts(f"%{_compiler}", msg=_EXTERNAL_ONLY)
    del _compiler

    for _ver in ("7.0.0", "6.4.3", "6.4.2", "6.4.1", "6.4.0", "6.3.3", "6.2.4", "6.1.2", "6.0.2"):
        depends_on(f"hip@{_ver}", when=f"@{_ver}")
    del _ver

    sanity_check_is_file = ["include/hipsparse/hipsparse.h", "lib/libhipsparse.so"]

    def install(self, spec, prefix):
        raise RecipeError(_EXTERNAL_ONLY)
