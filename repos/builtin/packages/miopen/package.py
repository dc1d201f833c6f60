from rpm_spec.repo.api import *

_EXTERNAL_ONLY = (
    "miopen comes from the site's ROCm installation: declare it an external "
    "(packages: miopen: externals: [{spec: miopen@6.4.2, prefix: /opt/rocm-6.4.2}], "
    "buildable: false); building it needs the ROCm LLVM toolchain, not packaged here"
)


class Miopen(Package):
    """MIOpen: AMD's deep-learning primitives for ROCm GPUs (convolutions, batch norm,
    RNNs, softmax), the library PyTorch's ROCm build uses where CUDA builds use cuDNN.
    Upstream builds it with the HIP backend (Spack calls that package miopen-hip).

    Used as an external, like the rest of ROCm (see ``hip``): its build needs the ROCm
    LLVM, composable_kernel, rocMLIR, hipBLASLt, roctracer and more, which this
    repository does not package, so every compiler is in conflict with it.
    """

    homepage = "https://github.com/ROCm/MIOpen"
    url = "https://github.com/ROCm/MIOpen/archive/rocm-6.4.2.tar.gz"
    git = "https://github.com/ROCm/MIOpen.git"

    license("MIT")

    version("6.4.2", sha256="30c475a07af5b955e40b4b5dca705d2ea5c2e51112d1b24c0216046f22f45bc1")
    version("6.4.1", sha256="3e9e8bc8d9dfb31b27e955ead3430825e88b7f1501d289ba023d34208916c724")
    version("6.4.0", sha256="5b101f9177d49654968a3f3c01c9eede561a8fe5178f2ae4d8e5acb16b0b17e6")
    version("6.3.3", sha256="755beaec2e97aa4fafcdb07e4becbcddcb0c3cef6af256a04716d46e90c2f520")
    version("6.2.4", sha256="8e4836e007e5e66fa487288887a098aaeeb95f3c63a19c2b91f6e848c023a040")
    version("6.1.2", sha256="c8ff4af72264b2049bfe2685d581ea0f3e43319db7bd00dc347159bcf2731614")
    version("6.0.2", sha256="e6f671bd6af59f7470f42cda2ff9e77441d8f6c2105772bbf855d31da1085ffa")

    # Only built nodes have a compiler, so these refuse a source build and nothing else.
    for _compiler in ("gcc", "clang", "oneapi", "nvhpc", "aocc", "apple-clang"):
        conflicts(f"%{_compiler}", msg=_EXTERNAL_ONLY)
    del _compiler

    for _ver in ("6.4.2", "6.4.1", "6.4.0", "6.3.3", "6.2.4", "6.1.2", "6.0.2"):
        depends_on(f"hip@{_ver}", when=f"@{_ver}")
        depends_on(f"rocblas@{_ver}", when=f"@{_ver}")
    del _ver

    sanity_check_is_file = ["include/miopen/miopen.h", "lib/libMIOpen.so"]

    def install(self, spec, prefix):
        raise RecipeError(_EXTERNAL_ONLY)
