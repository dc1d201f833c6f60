# Feature: the CudaPackage mixin (+cuda, cuda_arch, dep on cuda) and a version conflict on +cuda.
from rpm_spec.repo.api import *


class CudaApp(Package, CudaPackage):
    """Fake GPU application with optional CUDA kernels."""

    homepage = "https://example.com/cuda-app"
    url = "https://example.com/cuda-app-2.0.tar.gz"

    version("2.0", sha256="150f7a24a8cc26ac4a3bfad499f1b88ea8134d607be1f41e930bd799676ee2ec")
    version("1.1", sha256="b9ada90c599769abc56b75831d7a428006b502960171a38e38eb09c3da025a29")
    version("1.0", sha256="cfbdbd41001cbf0494540cee20c4fd6dc3af0cbb601a14c47d269335a6d275a4")

    conflicts("+cuda", when="@1.0", msg="CUDA support arrived in cuda-app 1.1")
