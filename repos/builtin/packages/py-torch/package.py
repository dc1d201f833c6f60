import os
from pathlib import Path

from rpm_spec.repo.api import *

# GitHub release assets "pytorch-vX.Y.Z.tar.gz" carry every git submodule (the bundled
# oneDNN/ideep, FBGEMM, kineto, tensorpipe, cutlass, flash-attention ...); the plain
# "Source code" archives do not, and PyPI has no sdist at all.
_RELEASE = "https://github.com/pytorch/pytorch/releases/download/v{0}/pytorch-v{0}.tar.gz"

# Build options that map one-to-one onto PyTorch's USE_<NAME> switches.
_USE_SWITCHES = (
    "cuda",
    "cudnn",
    "nccl",
    "magma",
    "flash_attention",
    "rocm",
    "distributed",
    "mpi",
    "gloo",
    "tensorpipe",
    "mkldnn",
    "fbgemm",
    "xnnpack",
    "kineto",
    "openmp",
    "numa",
    "valgrind",
    "nnpack",
    "qnnpack",
)


_CUDA_ARCHS = tuple(
    value for value in CudaPackage.variant_declarations("cuda_arch")[0].values if value != "none"
)


class PyTorch(PythonPackage, CudaPackage, ROCmPackage):
    """PyTorch: tensors and dynamic neural networks in Python with strong GPU
    acceleration, built from source against the DAG's BLAS/LAPACK, CUDA stack
    and system copies of the small C/C++ libraries it would otherwise vendor."""

    homepage = "https://pytorch.org/"
    url = _RELEASE.format("2.14.1")
    git = "https://github.com/pytorch/pytorch.git"

    license("BSD-3-Clause")

    version("2.14.1", sha256="d0ebad9ca4219959b29b7ad9ab6469fe49a3d668f8b5a62dd115f02f3a914447")
    version("2.13.0", sha256="66614a19060f69cfd63cd0295f65a1241bd15df2fa65c60ae51066c11c2ce812")
    version("2.12.0", sha256="7cc1deb309f402ad67e9f45bbe311a40def4db19d66fddb9b01950f9bfc5ccb1")
    version("2.11.0", sha256="ab3fde9e7e382f45ac942be6ea2c2ef362c5ccd6f55ed6d5f35e6ea81d3ab88e")
    version("2.10.0", sha256="fa8ccbe87f83f48735505371c1c313b4aa6db400b0ae4f8a02844d1e150c695f")
    version("2.9.0", sha256="c6980af3c0ea311f49f90987982be715e4d702539fea41e52f55ad7f0b105dc3")
    version("2.8.0", sha256="c70a2c9488f6f6e8af5982a10d1cc2c37b7df5e6506d839daa5d5e250953d7b5")
    version("2.5.1", sha256="740eb5fff95e33cfe699bad43be83523f569c7cc7f9c285c2a255416443dd266")
    version("2.5.0", sha256="91b3ba7db9cd6ac48f672a615872dcf1e4c29783d9c615336b11553915d5298a")
    version("2.4.1", sha256="39666a43c0c10f5fd46c1a7ca95dc74d3bc39de2678b70066481cbf02e58384f")
    version("2.3.1", sha256="6c66b59345091907cd62a693b647cee224558e7f15a9b04f4f322f4f6ffeb75b")
    version("2.2.0", sha256="e12d18c3dbb12d7ae2f61f5ab9a21023e3dd179d67ed87279ef96600b9ac08c5")
    version("2.1.2", sha256="85effbcce037bffa290aea775c9a4bad5f769cb229583450c40055501ee1acd7")

    # -- Build options (CMakeLists.txt's USE_* switches) ------------------------------------
    variant("debug", default=False, description="Debug build (DEBUG=1: -O0 -g)")
    variant("cudnn", default=True, when="+cuda", description="cuDNN convolutions and RNNs")
    variant("nccl", default=True, when="+cuda", description="NCCL collectives (c10d NCCL)")
    variant("magma", default=True, when="+cuda", description="MAGMA for GPU linear algebra")
    variant(
        "flash_attention",
        default=True,
        when="+cuda",
        description="FlashAttention kernels for scaled dot-product attention (memory hungry)",
    )
    variant("distributed", default=True, description="torch.distributed (c10d)")
    variant("mpi", default=False, when="+distributed", description="The c10d MPI backend")
    variant("gloo", default=True, when="+distributed", description="The c10d Gloo backend")
    variant(
        "tensorpipe",
        default=True,
        when="+distributed",
        description="TensorPipe transport for torch.distributed.rpc (bundled copy)",
    )
    # Upstream turns MKLDNN on by default only for x86 CPUs; aarch64 builds opt in.
    variant(
        "mkldnn",
        default=True,
        when="target=x86_64:",
        description="oneDNN (ideep) CPU kernels (bundled copy)",
    )
    variant(
        "mkldnn",
        default=False,
        when="target=aarch64:",
        description="oneDNN (ideep) CPU kernels (bundled copy)",
    )
    # FBGEMM needs a compiler that emits AVX2/AVX-512 code: x86_64 only.
    variant(
        "fbgemm",
        default=True,
        when="target=x86_64:",
        description="FBGEMM quantized server kernels (bundled copy)",
    )
    variant("xnnpack", default=True, description="XNNPACK inference kernels (bundled copy)")
    variant("nnpack", default=True, description="NNPACK convolutions (bundled copy)")
    variant("qnnpack", default=True, description="QNNPACK quantized kernels (bundled copy)")
    variant("kineto", default=True, description="Kineto profiler, CUPTI-based with +cuda")
    variant("openmp", default=True, description="OpenMP intra-op parallelism")
    variant("numa", default=True, when="platform=linux", description="NUMA-aware allocation")
    variant(
        "valgrind", default=True, when="platform=linux", description="Valgrind client requests"
    )
    variant(
        "custom_protobuf",
        default=False,
        description="Build the bundled protobuf 3.13 instead of using the DAG's",
    )

    conflicts("+cuda", when="+rocm", msg="PyTorch builds for either CUDA or ROCm, not both")
    conflicts("+rocm", when="@2.3:2.4", msg="PyTorch 2.3 and 2.4 did not build with ROCm")
    conflicts(
        "~tensorpipe",
        when="+distributed",
        msg="torch.distributed does not compile without TensorPipe (pytorch/pytorch#97397)",
    )

    # -- Compilers -----------------------------------------------------------------------------
    # CMakeLists.txt stops below GCC 9.3 from 2.2 on ("GCC-9.3 or newer is required").
    conflicts("%gcc@:9.2", when="@2.2:", msg="PyTorch 2.2 and newer need GCC 9.3 or newer")
    conflicts("%gcc@:7", msg="PyTorch 2 needs a C++17 compiler (GCC 8 or newer)")

    # -- Interpreter and build tools -----------------------------------------------------------
    # Python ranges of each release's published wheels (RELEASE.md compatibility matrix,
    # PyPI requires_python).
    depends_on("python@3.11:3.15", type=("build", "link", "run"), when="@2.15:")
    depends_on("python@3.10:3.15", type=("build", "link", "run"), when="@2.13:2.14")
    depends_on("python@3.10:3.14", type=("build", "link", "run"), when="@2.9:2.12")
    depends_on("python@3.9:3.13", type=("build", "link", "run"), when="@2.5:2.8")
    depends_on("python@3.8:3.12", type=("build", "link", "run"), when="@2.2:2.4")
    depends_on("python@3.8:3.11", type=("build", "link", "run"), when="@2.0:2.1")

    depends_on("cmake@3.18:", type="build")
    depends_on("cmake@3.27:", type="build", when="@2.8:")
    depends_on("ninja@1.5:", type="build")
    depends_on("py-setuptools", type=("build", "run"))
    depends_on("py-setuptools@:79", type=("build", "run"), when="@:2.9")
    depends_on("py-setuptools@62.3:", type=("build", "run"), when="@2.8:")
    depends_on("py-setuptools@70.1:", type=("build", "run"), when="@2.9:")
    depends_on("py-setuptools@77.0.3:", type=("build", "run"), when="@2.13:")
    depends_on("py-wheel", type="build")
    depends_on("py-packaging", type="build", when="@2.9:")
    depends_on("py-pyyaml", type="build")  # torchgen reads the operator YAML
    depends_on("py-numpy", type=("build", "link", "run"))
    # https://github.com/pytorch/pytorch/issues/107302: NumPy 2 support arrived in 2.3.
    depends_on("py-numpy@:1", type=("build", "link", "run"), when="@:2.2")

    # -- Python run dependencies (install_requires of each release) -----------------------------
    depends_on("py-filelock", type=("build", "run"))
    depends_on("py-typing-extensions@4.8:", type=("build", "run"))
    depends_on("py-typing-extensions@4.10:", type=("build", "run"), when="@2.6:")
    depends_on("py-typing-extensions@4.13:", type=("build", "run"), when="@2.15:")
    depends_on("py-sympy", type=("build", "run"))
    depends_on("py-sympy@1.13.1", type=("build", "run"), when="@2.5:2.6")
    depends_on("py-sympy@1.13.3:", type=("build", "run"), when="@2.7:")
    depends_on("py-networkx", type=("build", "run"))
    depends_on("py-networkx@2.5.1:", type=("build", "run"), when="@2.9:")
    depends_on("py-jinja2", type=("build", "run"))
    depends_on("py-fsspec", type=("build", "run"))
    depends_on("py-fsspec@0.8.5:", type=("build", "run"), when="@2.9:")

    # -- Libraries PyTorch takes from the system (USE_SYSTEM_*) ---------------------------------
    depends_on("blas")
    depends_on("lapack")
    depends_on("eigen@3:", type="build")  # header-only (USE_SYSTEM_EIGEN_INSTALL)
    depends_on("fp16", type="build")  # header-only
    depends_on("fxdiv", type="build")  # header-only
    depends_on("psimd", type="build")  # header-only
    depends_on("cpuinfo")
    depends_on("cpuinfo@2023.01.13:", when="@2.1:")
    depends_on("cpuinfo@2023.11.04:", when="@2.3:")
    depends_on("cpuinfo@2024.08.30:", when="@2.5:")
    depends_on("cpuinfo@2024.09.26:", when="@2.6:")
    depends_on("cpuinfo@2025.03.21:", when="@2.8:")
    depends_on("cpuinfo@2025.11.14:", when="@2.10:")
    depends_on("pthreadpool")
    depends_on("pthreadpool@2023.08.29:", when="@2.2:")
    depends_on("sleef")
    depends_on("sleef@3.5.1.2020.12.22:", when="@:2.3")
    depends_on("sleef@3.6:", when="@2.4:")
    depends_on("sleef@3.7.0.2024.12.06:", when="@2.7:")
    depends_on("sleef@3.8:", when="@2.8:")
    depends_on("py-pybind11", type=("build", "link", "run"))
    depends_on("py-pybind11@2.11:", type=("build", "link", "run"), when="@2.1:")
    depends_on("py-pybind11@2.12:", type=("build", "link", "run"), when="@2.3:")
    depends_on("py-pybind11@2.13.5:", type=("build", "link", "run"), when="@2.5:")
    depends_on("py-pybind11@2.13.6:", type=("build", "link", "run"), when="@2.6:")
    depends_on("py-pybind11@3.0.1:", type=("build", "link", "run"), when="@2.9:")
    # 2.8 and older vendor pybind11 2.13 and were never ported to the 3.x API.
    depends_on("py-pybind11@:2", type=("build", "link", "run"), when="@:2.8")
    # pybind11 3.0.2 changed internals that 2.9 and 2.10 rely on (pytorch/pytorch#175115).
    depends_on("py-pybind11@:3.0.1", type=("build", "link", "run"), when="@2.9:2.10")
    depends_on("protobuf", when="~custom_protobuf")
    depends_on("numactl", when="+numa")

    # -- Distributed -----------------------------------------------------------------------------
    depends_on("mpi", when="+mpi")
    depends_on("gloo", when="+gloo")
    depends_on("gloo@2023.05.19", when="@2.1:2.2 +gloo")
    depends_on("gloo@2023.12.03", when="@2.3:2.7 +gloo")
    depends_on("gloo@2025.08.21:", when="@2.8: +gloo")

    # -- CUDA ----------------------------------------------------------------------------------
    # Source-build CUDA ranges: 2.0-2.3 break on CUDA 12.4+ (pytorch/pytorch#122169);
    # CUDA 13 (CCCL 3) arrived with 2.9; 2.9 dropped CUDA 11; 2.12 needs CUDA 12.6+.
    depends_on("cuda@11:12.3", type=("build", "link", "run"), when="@:2.3 +cuda")
    depends_on("cuda@11:12", type=("build", "link", "run"), when="@2.4:2.8 +cuda")
    depends_on("cuda@12:", type=("build", "link", "run"), when="@2.9: +cuda")
    depends_on("cuda@12.6:", type=("build", "link", "run"), when="@2.12: +cuda")
    depends_on("cudnn", when="+cudnn")
    depends_on("cudnn@8:8", when="@:2.2 +cudnn")
    depends_on("cudnn@8.5:9", when="@2.3: +cudnn")
    depends_on("nccl", when="+nccl")
    depends_on("magma+cuda", when="+magma")
    depends_on("gloo+cuda", when="+gloo+cuda")
    # CUDA dependencies compile device code for the same GPUs as PyTorch itself.
    for _dependency in ("gloo", "magma", "nccl"):
        for _spec, _when in CudaPackage.cuda_arch_dependencies(_dependency):
            depends_on(_spec, when=f"{_when} +{_dependency}")
    depends_on("nvtx", type="build", when="@2.6: +cuda")  # USE_SYSTEM_NVTX
    # Blackwell and newer GPUs (sm_100 and up) are known to the build from 2.7 on.
    for _arch in _CUDA_ARCHS:
        if int(_arch.rstrip("af")) < 100:
            continue
        conflicts(
            f"cuda_arch={_arch}",
            when="@:2.6 +cuda",
            msg=f"sm_{_arch} needs PyTorch 2.7 or newer",
        )

    # -- ROCm ------------------------------------------------------------------------------------
    with when("+rocm"):
        depends_on("hip")

    sanity_check_is_dir = ["lib"]

    def install(self, spec, prefix):
        env = self.build_environment()
        python = spec["python"].prefix / "bin" / "python3"
        self.run(
            [
                python,
                "-m",
                "pip",
                "install",
                "--no-deps",
                "--no-build-isolation",
                "--no-index",
                "--no-cache-dir",
                "--disable-pip-version-check",
                f"--prefix={prefix}",
                ".",
            ],
            env=env,
        )

    def build_environment(self):
        """Environment variables for setup.py, which forwards USE_*, BUILD_* and friends to
        CMake (tools/setup_helpers/cmake.py)."""
        spec = self.spec
        env = {
            "MAX_JOBS": str(self.make_jobs),
            "CMAKE_GENERATOR": "Ninja",
            "PYTORCH_BUILD_VERSION": str(spec.version),
            "PYTORCH_BUILD_NUMBER": "0",
            "BUILD_TEST": "OFF",
            "USE_XPU": "OFF",
            "USE_CUSPARSELT": "OFF",
            "USE_CUDSS": "OFF",
            "USE_NVSHMEM": "OFF",
            "USE_ITT": "OFF",
            "DEBUG": "ON" if self.is_enabled("debug") else "OFF",
            "BUILD_CUSTOM_PROTOBUF": "ON" if self.is_enabled("custom_protobuf") else "OFF",
            "USE_SYSTEM_EIGEN_INSTALL": "ON",
            "USE_SYSTEM_CPUINFO": "ON",
            "USE_SYSTEM_PTHREADPOOL": "ON",
            "USE_SYSTEM_FP16": "ON",
            "USE_SYSTEM_FXDIV": "ON",
            "USE_SYSTEM_PSIMD": "ON",
            "USE_SYSTEM_SLEEF": "ON",
            "USE_SYSTEM_PYBIND11": "ON",
        }
        for name in _USE_SWITCHES:
            env[f"USE_{name.upper()}"] = "ON" if self.is_enabled(name) else "OFF"
        env["USE_PYTORCH_QNNPACK"] = env["USE_QNNPACK"]
        env["USE_MEM_EFF_ATTENTION"] = env["USE_FLASH_ATTENTION"]
        if self.is_enabled("gloo"):
            env["USE_SYSTEM_GLOO"] = "ON"
        if self.is_enabled("cuda"):
            cuda = spec["cuda"].prefix
            env["CUDA_HOME"] = str(cuda)
            env["CUDA_TOOLKIT_ROOT_DIR"] = str(cuda)
            env["TORCH_CUDA_ARCH_LIST"] = ";".join(self.compute_capabilities(self.cuda_archs()))
            if spec.satisfies("@2.6:"):
                env["USE_SYSTEM_NVTX"] = "ON"
            if self.is_enabled("cudnn"):
                env["CUDNN_ROOT"] = str(spec["cudnn"].prefix)
            if self.is_enabled("nccl"):
                nccl = spec["nccl"].prefix
                env["USE_SYSTEM_NCCL"] = "ON"
                env["NCCL_ROOT"] = str(nccl)
                env["NCCL_INCLUDE_DIR"] = str(nccl / "include")
                env["NCCL_LIB_DIR"] = str(nccl / "lib")
            if self.is_enabled("magma"):
                env["MAGMA_HOME"] = str(spec["magma"].prefix)
        if self.is_enabled("rocm"):
            env["PYTORCH_ROCM_ARCH"] = ";".join(self.amdgpu_targets())
            env["ROCM_PATH"] = str(spec["hip"].prefix)
        if self.is_enabled("numa"):
            env["NUMA_ROOT_DIR"] = str(spec["numactl"].prefix)
        env.update(self._blas_environment())
        # find_package(pybind11 CONFIG) looks in <prefix>/share/cmake/pybind11; pip installs
        # that tree inside the pybind11 package directory.
        site = Path("lib") / f"python{spec['python'].version.up_to(2)}" / "site-packages"
        pybind11 = str(spec["py-pybind11"].prefix / site / "pybind11")
        inherited = os.environ.get("CMAKE_PREFIX_PATH")  # the build environment's own list
        env["CMAKE_PREFIX_PATH"] = os.pathsep.join(filter(None, (pybind11, inherited)))
        return env

    def _blas_environment(self):
        """PyTorch's BLAS= switch (cmake/Dependencies.cmake) for the DAG's provider."""
        spec = self.spec
        if spec.satisfies("^openblas"):
            return {"BLAS": "OpenBLAS", "OpenBLAS_HOME": str(spec["openblas"].prefix)}
        if spec.satisfies("^intel-oneapi-mkl"):
            return {"BLAS": "MKL", "MKLROOT": str(spec["intel-oneapi-mkl"].prefix)}
        return {"BLAS": "Generic", "WITH_BLAS": "generic"}
