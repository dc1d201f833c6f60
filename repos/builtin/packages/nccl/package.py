from rpm_spec.repo.api import *


class Nccl(MakefilePackage, CudaPackage):
    """NCCL: NVIDIA's collective communication library (all-reduce, all-gather,
    broadcast, reduce-scatter, send/receive) for multi-GPU and multi-node training,
    over NVLink, PCIe, InfiniBand/RoCE (libibverbs, loaded at run time) and sockets.

    Built from the GitHub release tags with its own Makefiles: ``make src.build``
    with ``CUDA_HOME`` and ``NVCC_GENCODE`` (from ``cuda_arch``), then
    ``make src.install PREFIX=...``. NCCL has no CPU-only build, so ``+cuda`` is the
    default and ``~cuda`` is refused.
    """

    homepage = "https://developer.nvidia.com/nccl"
    url = "https://github.com/NVIDIA/nccl/archive/v2.27.7-1.tar.gz"
    git = "https://github.com/NVIDIA/nccl.git"

    license("BSD-3-Clause")

    version("2.27.7-1", sha256="98e6262bd55932c51e7c8ffc50cc764f019e4b94a8fd6694d839ae828ec8d128")
    version("2.27.5-1", sha256="e8a8972fc7f7517703510ef23608d41f6484db5331fca37827b4af3f66995344")
    version("2.27.3-1", sha256="97cde99265d0b76004b96e258deea6365df18ff9a292b8588f648e59c3ce1f2e")
    version("2.26.6-1", sha256="2a4f86198510e1f0764c116b33ff70e082240f87d158b2017d7f34c7c3768ac6")
    version("2.26.2-1", sha256="74c6ab40c864d79c2139508e9419de5970cb406ec85f001d5f834d5f5c0c4f3b")
    version("2.25.1-1", sha256="7b154ad1f8ccafa795ed6696507d402b1b4ccac944c5fceb7f4e29b19a39cc47")
    version("2.24.3-1", sha256="3028730b41e952d8e0441a2a62cf06a2267ec5a875c511a28c7904acc3d10b2a")
    version("2.23.4-1", sha256="6b946b70a9d2d01871842cbd15ec56488d358abe9a0f3767e372fddc3e241ba7")
    version("2.22.3-1", sha256="45151629a9494460e73375281e8b0fe379141528879301899ece9b776faca024")
    version("2.21.5-1", sha256="1923596984d85e310b5b6c52b2c72a1b93da57218f2bc5a5c7ac3d59297a3303")
    version("2.20.3-1", sha256="19456bd63ca7d23a8319cbbdbaaf6c25949dd51161a9f8809f6b7453282983dd")
    version("2.19.3-1", sha256="1c5474553afedb88e878c772f13d6f90b9226b3f2971dfa6f873adb9443100c2")
    version("2.18.5-1", sha256="16ac98f3e926c024ce48e10ab220e19ce734adc48c423cfd55ad6f509bd1179f")

    variant("cuda", default=True, description="Build with CUDA (NCCL has no other backend)")

    conflicts("~cuda", msg="NCCL is a CUDA library: it cannot be built without +cuda")

    # The CUDA majors each release series builds against (NVIDIA's per-CUDA packages:
    # the last CUDA 11 build is 2.21.5, the first CUDA 13 build 2.27.7).
    depends_on("cuda@11:12", when="@:2.21")
    depends_on("cuda@12", when="@2.22:2.27.6")
    depends_on("cuda@12:13", when="@2.27.7:")
    # src/device/generate.py writes the device kernels' sources since 2.19.
    depends_on("python@3:", type="build", when="@2.19:")
    depends_on("gmake", type="build")

    conflicts(
        "%gcc@14:",
        when="@:2.27.5",
        msg="NCCL 2.27.5 and older compile with -std=c++11, which GCC 14's headers reject",
    )

    build_targets = ("src.build",)
    install_targets = ("src.install",)

    sanity_check_is_file = ["include/nccl.h", "lib/libnccl.so", "lib/libnccl_static.a"]

    def make_variables(self):
        return [
            f"PREFIX={self.prefix}",
            f"CUDA_HOME={self.spec['cuda'].prefix}",
            "NVCC_GENCODE=" + " ".join(self.cuda_flags(self.cuda_archs())),
        ]
