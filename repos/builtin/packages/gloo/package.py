from rpm_spec.repo.api import *

_ARCHIVE = "https://github.com/facebookincubator/gloo/archive/{0}.tar.gz"


class Gloo(CMakePackage, CudaPackage):
    """Gloo: Meta's collective communications library (allreduce, broadcast,
    barrier ...) over TCP, ibverbs or libuv, with optional CUDA-aware algorithms;
    the CPU backend of torch.distributed."""

    homepage = "https://github.com/facebookincubator/gloo"
    url = _ARCHIVE.format("54cbae0d3a67fa890b4c3d9ee162b7860315e341")
    git = "https://github.com/facebookincubator/gloo.git"

    license("BSD-3-Clause")

    # No releases; dated snapshots of the commits PyTorch pins as a submodule.
    version(
        "2025.08.21",  # PyTorch 2.9, 2.10
        sha256="61089361dbdbc9d6f75e297148369b13f615a3e6b78de1be56cce74ca2f64940",
        url=_ARCHIVE.format("54cbae0d3a67fa890b4c3d9ee162b7860315e341"),
    )
    version(
        "2023.12.03",  # PyTorch 2.3 - 2.7
        sha256="5759a06e6c8863c58e8ceadeb56f7c701fec89b2559ba33a103a447207bf69c7",
        url=_ARCHIVE.format("5354032ea08eadd7fc4456477f7f7c6308818509"),
    )
    version(
        "2023.05.19",  # PyTorch 2.1, 2.2
        sha256="cb734b41f3f5f772312645e44ec5d583e0f4da2b1253e2b3d0ffcba7f6da190a",
        url=_ARCHIVE.format("597accfd79f5b0f9d57b228dec088ca996686475"),
    )

    variant("libuv", default=False, description="The libuv transport (Gloo's default off Linux)")
    variant("ibverbs", default=False, description="The InfiniBand verbs transport")

    depends_on("cmake@3.5:", type="build")
    depends_on("ninja", type="build")
    depends_on("pkgconfig", type="build")
    depends_on("libuv@1.26:", when="+libuv")
    depends_on("rdma-core", when="+ibverbs")

    sanity_check_is_file = ["include/gloo/allreduce.h"]

    def cmake_args(self):
        args = [
            self.define_from_variant("USE_CUDA", "cuda"),
            self.define_from_variant("USE_LIBUV", "libuv"),
            self.define_from_variant("USE_IBVERBS", "ibverbs"),
            self.define("BUILD_TEST", False),
            self.define("BUILD_BENCHMARK", False),
            self.define("CMAKE_POSITION_INDEPENDENT_CODE", True),
        ]
        if self.is_enabled("cuda"):
            # cmake/Cuda.cmake picks the -gencode list from CUDA_ARCH_BIN when asked to.
            capabilities = self.compute_capabilities(self.cuda_archs())
            args.append(self.define("CUDA_ARCH_NAME", "Manual"))
            args.append(self.define("CUDA_ARCH_BIN", " ".join(capabilities)))
            args.append(self.define("CUDA_TOOLKIT_ROOT_DIR", self.spec["cuda"].prefix))
        return args
