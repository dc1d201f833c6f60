# Feature: root of a long DAG (mpileaks -> callpath -> dyninst -> libdwarf -> libelf) on mpi.
from rpm_spec.repo.api import *


class Mpileaks(Package):
    """Fake tool that reports MPI requests never completed; depends on the mpi virtual."""

    homepage = "https://example.com/mpileaks"
    url = "https://example.com/mpileaks-2.1.tar.gz"

    version("2.1", sha256="4ecf370a0d25d1f74ecc9aa5cb4e8a5291f85c1a4eced96b9aa6535e44032739")
    version("2.0", sha256="2b22eccf575157da1f36950fac08f9e5d6a3250ecd24e4e1097f7959c0241ef1")
    version("1.0", sha256="28f24eeb4c5b43dc8a5a1d4ed8bd780a712440a769d52a71362ff3437fcdd270")

    depends_on("mpi")
    depends_on("callpath")
