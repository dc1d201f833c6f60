from rpm_spec.repo.api import *

_EXTERNAL_ONLY = (
    "hipblas comes from the site's ROCm installation: declare it an external "
    "(packages: hipblas: externals: [{spec: hipblas@6.4.3, prefix: /opt/rocm-6.4.3}], "
    "buildable: false); building it needs the ROCm LLVM toolchain, not packaged here"
)


class Hipblas(Package):
    """hipBLAS: the portable BLAS interface of ROCm, forwarding to rocBLAS (and
    rocSOLVER) on AMD GPUs; MAGMA's HIP backend and other ROCm ports call it.

    Used as an external, like the rest of ROCm (see ``hip``): every compiler is in
    conflict with it so that the solver asks for the site's installation.
    """

    homepage = "https://github.com/ROCm/hipBLAS"
    url = "https://github.com/ROCm/hipBLAS/archive/refs/tags/rocm-6.4.3.tar.gz"
    git = "https://github.com/ROCm/hipBLAS.git"

    license("MIT")

    version("7.0.0", sha256="9500c514cb272f09cba9bea74eaac9873e8a8afc1ed30e9f5b87f795d4eda877")
    version("6.4.3", sha256="75121df09f9b0b3116c19258c9526e0cff3d8845361031305ba0369f140fd8b8")
    version("6.4.2", sha256="f56035ecb60c5244f27fd4b5f5298096212fa301689615bdce833b83bf3da733")
    version("6.4.1", sha256="3fa0a690bf96104afb093d19a4f565012a59ab6df378df8aef5420914e82d91b")
    version("6.4.0", sha256="544a302bdc494af02147dc14c75d088031927e1c3a2f7a349d817497000b1c34")
    version("6.3.3", sha256="8f645a5c9298170e71354437188eeca8272ff2b98077e9f34d1ca0fd7f27b7f8")
    version("6.2.4", sha256="3137ba35e0663d6cceed70086fc6397d9e74803e1711382be62809b91beb2f32")
    version("6.1.2", sha256="73699892855775a67f48c38beae78169a516078c17f1ed5d67c80abe5d308502")
    version("6.0.2", sha256="10c1b6c1deb0f225c0fb6b2bb88398a32cd0d32d3ffce9b5c8df9db2cf88d25c")

    # Only built nodes have a compiler, so these refuse a source build and nothing else.
    for _compiler in ("gcc", "clang", "oneapi", "nvhpc", "aocc", "apple-clang"):
        conflicts(f"%{_compiler}", msg=_EXTERNAL_ONLY)
    del _compiler

    for _ver in ("7.0.0", "6.4.3", "6.4.2", "6.4.1", "6.4.0", "6.3.3", "6.2.4", "6.1.2", "6.0.2"):
        depends_on(f"hip@{_ver}", when=f"@{_ver}")
        depends_on(f"rocblas@{_ver}", when=f"@{_ver}")
    del _ver

    sanity_check_is_file = ["include/hipblas/hipblas.h", "lib/libhipblas.so"]

    def url_for_version(self, version):
        return f"https://github.com/ROCm/hipBLAS/archive/refs/tags/rocm-{version}.tar.gz"

    def install(self, spec, prefix):
        raise RecipeError(_EXTERNAL_ONLY)
