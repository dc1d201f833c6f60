# Feature: one provider of two virtuals (provides("blas", "lapack")); MakefilePackage sampler.
from rpm_spec.repo.api import *


class Openblas(MakefilePackage):
    """Fake optimized BLAS that also ships LAPACK."""

    homepage = "https://example.com/openblas"
    url = "https://example.com/openblas-0.3.28.tar.gz"

    version("0.3.28", sha256="2e6aae78d9d24ceedadd8e6786df203dad652d9d796cf6d728bd084aff057ccf")
    version("0.3.26", sha256="137cc6b1b3db1554e0fa9a70f24ecff362d03d81cb430eaf70257eba06da2781")

    provides("blas", "lapack")

    build_targets = ["libs", "shared"]
    install_targets = ["install"]
