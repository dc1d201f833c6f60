from pathlib import Path

from rpm_spec.repo.api import *


class Cutlass(CMakePackage, CudaPackage):
    """CUTLASS: NVIDIA's C++ template library (and CuTe layout algebra) for writing
    high-performance GEMM, convolution and attention kernels in CUDA.

    The library is header-only, so ``~cuda`` (the default) installs the headers and
    CMake package files, all a dependent needs; its CMake still locates nvcc, hence
    the build dependency on ``cuda``. ``+cuda`` also builds CUTLASS's precompiled
    kernel library and profiler for the requested ``cuda_arch``.
    """

    homepage = "https://github.com/NVIDIA/cutlass"
    url = "https://github.com/NVIDIA/cutlass/archive/refs/tags/v3.9.2.tar.gz"
    git = "https://github.com/NVIDIA/cutlass.git"

    license("BSD-3-Clause")

    version("4.3.5", sha256="73d8c3914a6049ff5c43b7dfb9d70f26e44dc9e10e36049db5a999b9faf6dbf0")
    version("4.2.1", sha256="a4513ba33ae82fd754843c6d8437bee1ac71a6ef1c74df886de2338e3917d4df")
    version("4.1.0", sha256="8d4675b11e9e5207e3940eaac0f46db934ada371cbb3627c9fda642d912b6230")
    version("4.0.0", sha256="44a121c5878827875856c175ebe82e955062e37cd61fcdf31ebe2e8874f2fc5c")
    version("3.9.2", sha256="4b97bd6cece9701664eec3a634a1f2f2061d85bf76d843fa5799e1a692b4db0d")
    version("3.8.0", sha256="14a5e6314f23e41295d8377b6fa6028b35392757a0ee4538a4eacaaa5d7eee37")
    version("3.7.0", sha256="dfcafb7435a1b114ce32faee4f3257e276caf08f55fea04fa8bf3efa3a83c814")
    version("3.6.0", sha256="7576f3437b90d0de5923560ccecebaa1357e5d72f36c0a59ad77c959c9790010")
    version("3.5.1", sha256="20b7247cda2d257cbf8ba59ba3ca40a9211c4da61a9c9913e32b33a2c5883a36")
    version("3.4.1", sha256="aebd4f9088bdf2fd640d65835de30788a6c7d3615532fcbdbc626ec3754becd4")

    depends_on("cmake@3.19:", type="build")
    # CUTLASS's CMakeLists requires a Python 3 interpreter at configure time.
    depends_on("python@3.5:", type="build")
    # Its CMake looks for nvcc even for the headers; 3.x and 4.x state CUDA 11.4 as the floor.
    depends_on("cuda@11.4:", type="build")

    conflicts("%gcc@:7.2", msg="CUTLASS's CMakeLists requires GCC 7.3 or newer")

    sanity_check_is_file = ["include/cutlass/cutlass.h", "include/cute/tensor.hpp"]

    def cmake_args(self):
        spec = self.spec
        kernels = spec.satisfies("+cuda")
        args = [
            self.define("CUDAToolkit_ROOT", Path(spec["cuda"].prefix)),
            self.define("CMAKE_CUDA_COMPILER", Path(spec["cuda"].prefix) / "bin" / "nvcc"),
            self.define("CUTLASS_ENABLE_HEADERS_ONLY", not kernels),
            self.define("CUTLASS_ENABLE_LIBRARY", kernels),
            self.define("CUTLASS_ENABLE_PROFILER", kernels),
            self.define("CUTLASS_ENABLE_TESTS", False),
            self.define("CUTLASS_ENABLE_EXAMPLES", False),
        ]
        if kernels:
            args.append(self.define("CUTLASS_NVCC_ARCHS", list(self.cuda_archs())))
        return args
