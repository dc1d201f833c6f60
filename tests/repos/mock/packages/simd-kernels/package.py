# Feature: a variant (and its default) that exists only on one target family (+avx512 on x86_64).
from rpm_spec.repo.api import *


class SimdKernels(Package):
    """Fake numeric kernels with an AVX-512 code path on x86_64 and a portable one elsewhere."""

    homepage = "https://example.com/simd-kernels"
    url = "https://example.com/simd-kernels-1.1.tar.gz"

    version("1.1", sha256="f53363070363936a56470997563d161d2c68d22bf825ec2c23df5867a7031855")
    version("1.0", sha256="3ef7fb10c88226c96746f549cb87c22788debd70cd7efc207fa16e310a0fc5ae")

    variant("avx512", default=True, description="Build AVX-512 kernels", when="target=x86_64:")
