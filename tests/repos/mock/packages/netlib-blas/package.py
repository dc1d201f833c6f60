# Feature: a provider of blas only, so it cannot serve a package that also needs lapack.
from rpm_spec.repo.api import *


class NetlibBlas(Package):
    """Fake reference BLAS without LAPACK."""

    homepage = "https://example.com/netlib-blas"
    url = "https://example.com/netlib-blas-3.12.tar.gz"

    version("3.12", sha256="fc01dbd78725e9bd6abf2bf6bee06aaac3618a9c9001ee9600324379ab7c6ff9")
    version("3.11", sha256="aa15fc0efb68f3fbc995bbc6693beb3a691897f937411104f14378b5b217b93a")

    provides("blas")
