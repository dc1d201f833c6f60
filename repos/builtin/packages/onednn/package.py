from rpm_spec.repo.api import *

_TAG = "https://github.com/uxlfoundation/oneDNN/archive/refs/tags/v{0}.tar.gz"


class Onednn(CMakePackage):
    """oneDNN (formerly MKL-DNN/DNNL): the UXL Foundation's performance library of
    deep-learning primitives (convolution, matmul, normalization, RNN ...) for x86-64,
    AArch64 and other CPUs. PyTorch's +mkldnn builds its own pinned copy through
    ideep; this recipe serves other frameworks and applications."""

    homepage = "https://uxlfoundation.github.io/oneDNN/"
    url = _TAG.format("3.13.1")
    git = "https://github.com/uxlfoundation/oneDNN.git"

    license("Apache-2.0")

    version("3.13.1", sha256="911275081f9cc3406cb3e7754a0f7a8200adcbff09439d6cde0a1e543f343c5b")
    version("3.12.2", sha256="d16dc7ceb69d5856f3974cab4384f3076f9732f70313b581a351a3a8eef8a642")
    version("3.11", sha256="04df98b18300daf6c3aa7cc2d5e7ce8a8f430fed1787151daed0254d8dd4e64e")
    version("3.10.2", sha256="58a7399c86789bf3756117072ed946d764ba59dd1480f0e42efd4f9b6b7b9a64")
    version("3.10", sha256="ba5834a1fdbb6d1c1b1c065dfd789438e7aa42c03fc52d92c02af85d78d1c75c")
    version("3.9.1", sha256="fa44702f5979ed5ab927f7ccc1d2947adb4e6d0e58c433149465c5fc71e3bd45")
    version("3.9", sha256="806ec963b8a89cc7555c43afbb6f5369dc9010c8cf435b85aaf708acd1a2d837")
    version("3.7.3", sha256="071f289dc961b43a3b7c8cbe8a305290a7c5d308ec4b2f586397749abdc88296")
    version("3.5.3", sha256="ddbc26c75978c5e864050f699dbefbf5bff9c0b8d2af827845708e1376471f17")

    variant(
        "cpu_runtime",
        default="omp",
        values=("omp", "seq", "threadpool"),
        description="CPU threading runtime (DNNL_CPU_RUNTIME)",
    )
    variant("graph", default=True, description="The graph API and its fusion patterns")

    depends_on("cmake@3.13:", type="build")
    depends_on("ninja", type="build")

    conflicts("%gcc@:7", msg="oneDNN 3 needs GCC 8 or newer")

    sanity_check_is_file = ["include/oneapi/dnnl/dnnl.hpp"]

    def cmake_args(self):
        runtime = self.variant_values("cpu_runtime")[0]
        return [
            self.define("DNNL_CPU_RUNTIME", runtime.upper()),
            self.define("DNNL_GPU_RUNTIME", "NONE"),
            self.define_from_variant("ONEDNN_BUILD_GRAPH", "graph"),
            self.define("DNNL_BUILD_TESTS", False),
            self.define("DNNL_BUILD_EXAMPLES", False),
            self.define("DNNL_LIBRARY_TYPE", "SHARED"),
        ]
