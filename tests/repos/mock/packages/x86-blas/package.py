# Feature: an x86-only provider of blas (a conflict on aarch64), preferred where it works.
from rpm_spec.repo.api import *


class X86Blas(Package):
    """Fake vendor BLAS with hand-written x86 kernels: the MKL of the mock repo."""

    homepage = "https://example.com/x86-blas"
    url = "https://example.com/x86-blas-2024.1.tar.gz"

    version("2024.1", sha256="5c4a555d5199bbe35cd182c29718bd49a35c513dc26ca18d3d8c9d2dfecdd6c6")

    provides("blas")
    conflicts("target=aarch64:", msg="x86-blas ships x86-64 kernels only")
