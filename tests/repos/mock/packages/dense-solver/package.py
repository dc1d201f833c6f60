# Feature: needs two virtuals (blas and lapack); only openblas provides both.
from rpm_spec.repo.api import *


class DenseSolver(Package):
    """Fake dense linear solver built on BLAS and LAPACK."""

    homepage = "https://example.com/dense-solver"
    url = "https://example.com/dense-solver-1.1.tar.gz"

    version("1.1", sha256="12c040a534e8c8762f037b27ba1db549eeead7e023824f7065a284beb563f70c")
    version("1.0", sha256="29eb295bed96194c3324c1844851b690a74c4a52017f9c93a6c4334d4296eb78")

    depends_on("blas")
    depends_on("lapack")
