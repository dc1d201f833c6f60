from rpm_spec.repo.api import *

# Building ROCm needs its LLVM toolchain (llvm-amdgpu, comgr, device libraries) and a
# dozen more components that this repository does not package: these recipes describe
# the site's ROCm installation instead, and refuse to be built from source.
_EXTERNAL_ONLY = (
    "hip comes from the site's ROCm installation: declare it an external "
    "(packages: hip: externals: [{spec: hip@6.4.3, prefix: /opt/rocm-6.4.3}], buildable: "
    "false); building ROCm from source needs its LLVM toolchain, not packaged here"
)


class Hip(Package):
    """HIP: AMD's C++ GPU runtime API and kernel language (hipcc, libamdhip64), the
    programming model that ROCm libraries and ``+rocm`` builds compile against; HIP
    code can also target NVIDIA GPUs through CUDA.

    Used as an external: clusters install ROCm as one tree (``/opt/rocm-X.Y.Z``) with
    its own LLVM. Building HIP from source needs the ROCm LLVM (``llvm-amdgpu``), comgr,
    the device libraries, the CLR runtime sources, rocminfo, roctracer and more, which
    this repository does not package; every compiler is therefore in conflict with
    ``hip`` so that the solver asks for the external instead of planning a build.
    The versions (ROCm release tags, with their checksums) let an external and the
    ROCm libraries that pin ``hip@X.Y.Z`` agree.
    """

    homepage = "https://github.com/ROCm/HIP"
    url = "https://github.com/ROCm/HIP/archive/rocm-6.4.3.tar.gz"
    git = "https://github.com/ROCm/HIP.git"

    license("MIT")

    version("7.0.0", sha256="762794050eb9f47d8278a3d023bb47fd075c30c91ea9c4719cae55d91535de3c")
    version("6.4.3", sha256="3def2459ca9258f04d35d1d3b0173237cea2b963814886bb8af6a0e317718d3d")
    version("6.4.2", sha256="27e3558ecafa9a7471441aabdd870648fa2619147caa721bd98514fa00d246c1")
    version("6.4.1", sha256="f26f098b08504636c6f4e1da45b162f1df2ce6608eba85606fa7932d8fea960f")
    version("6.4.0", sha256="bec899ba67df9aa7056297e5ad104b8e36938b1bab22f1f418f69a8e0043d07f")
    version("6.3.3", sha256="aa3a5466304d1dbee0d976b50fccb710dd12e2e1d5534793396447c0ff845e2c")
    version("6.2.4", sha256="7a88edd689230b422250852a391b3b377b4371bbaef1e4f36d7fb699fcb0562b")
    version("6.1.2", sha256="34b168f34d8e4365ef160863c1c9deaa193bdbe8cc98726fe7481c85534a4f64")
    version("6.0.2", sha256="84163ffb5d81f192f4a879f3f9722db2402d72c2a90f104c5b2b8a4212f4f9b0")

    # Only built nodes have a compiler, so these refuse a source build and nothing else.
    for _compiler in ("gcc", "clang", "oneapi", "nvhpc", "aocc", "apple-clang"):
        conflicts(f"%{_compiler}", msg=_EXTERNAL_ONLY)
    del _compiler

    for _ver in ("7.0.0", "6.4.3", "6.4.2", "6.4.1", "6.4.0", "6.3.3", "6.2.4", "6.1.2", "6.0.2"):
        depends_on(f"hsa-rocr-dev@{_ver}", when=f"@{_ver}")
        depends_on(f"rocm-core@{_ver}", when=f"@{_ver}")
    del _ver
    # hipcc links -lnuma into every HIP program.
    depends_on("numactl")

    sanity_check_is_file = ["bin/hipcc", "include/hip/hip_runtime.h"]

    def install(self, spec, prefix):
        raise RecipeError(_EXTERNAL_ONLY)
