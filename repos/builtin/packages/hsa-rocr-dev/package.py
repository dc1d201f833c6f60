from rpm_spec.repo.api import *

_EXTERNAL_ONLY = (
    "hsa-rocr-dev comes from the site's ROCm installation: declare it an external "
    "(packages: hsa-rocr-dev: externals: [{spec: hsa-rocr-dev@6.4.3, prefix: /opt/rocm-6.4.3}]"
    ", buildable: false); building it needs the ROCm LLVM toolchain, not packaged here"
)


class HsaRocrDev(Package):
    """ROCR-Runtime: the user-mode HSA runtime (libhsa-runtime64) through which ROCm
    finds AMD GPU agents, allocates memory and launches kernels; since ROCm 6.3 it also
    contains the kernel-driver thunk (libhsakmt).

    Used as an external, like the rest of ROCm (see ``hip``): its build compiles the
    trap handler and blit kernels with the ROCm LLVM for amdgcn and needs libdrm and
    elfutils, none packaged here, so every compiler is in conflict with it.
    """

    homepage = "https://github.com/ROCm/ROCR-Runtime"
    url = "https://github.com/ROCm/ROCR-Runtime/archive/rocm-6.4.3.tar.gz"
    git = "https://github.com/ROCm/ROCR-Runtime.git"

    license("NCSA")

    version("7.0.0", sha256="9ea2cbcf343f643ede6e16d82fbd0303771e1978759b2e546d0efc0df3263e4c")
    version("6.4.3", sha256="3b23bed04cbed72304d31d69901eb76afa2099c7ac37f055348dfcda2d25e41a")
    version("6.4.2", sha256="8ad5dbf7cb0f728b8e515f46a41db24ed3b99ca894ccdd9f4d9bac969e9e35bb")
    version("6.4.1", sha256="f72d100a46a2dd9f4c870cef156604777f1bdb1841df039d14bf37b19814b9da")
    version("6.4.0", sha256="ff740e8c8f2229c6dc47577363f707b1a44ea4254f8ad74f8f0a669998829535")
    version("6.3.3", sha256="aa2e30d3d68707d6df4840e954bb08cc13cd312cec1a98a64d97adbe07262f50")
    version("6.2.4", sha256="b7aa0055855398d1228c39a6f4feb7d7be921af4f43d82855faf0b531394bb9b")
    version("6.1.2", sha256="6eb7a02e5f1e5e3499206b9e74c9ccdd644abaafa2609dea0993124637617866")
    version("6.0.2", sha256="e7ff4d7ac35a2dd8aad1cb40b96511a77a9c23fe4d1607902328e53728e05c28")

    # Only built nodes have a compiler, so these refuse a source build and nothing else.
    for _compiler in ("gcc", "clang", "oneapi", "nvhpc", "aocc", "apple-clang"):
        conflicts(f"%{_compiler}", msg=_EXTERNAL_ONLY)
    del _compiler

    for _ver in ("7.0.0", "6.4.3", "6.4.2", "6.4.1", "6.4.0", "6.3.3", "6.2.4", "6.1.2", "6.0.2"):
        depends_on(f"rocm-core@{_ver}", when=f"@{_ver}")
    del _ver
    depends_on("numactl")

    sanity_check_is_file = ["include/hsa/hsa.h", "lib/libhsa-runtime64.so"]

    def url_for_version(self, version):
        return f"https://github.com/ROCm/ROCR-Runtime/archive/rocm-{version}.tar.gz"

    def install(self, spec, prefix):
        raise RecipeError(_EXTERNAL_ONLY)
