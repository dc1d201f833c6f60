# Feature: a virtual's version inside when= and conflicts (^mpi@4:, ^mpi@:3.0).
from rpm_spec.repo.api import *


class MpiVersionGate(Package):
    """Fake application that needs MPI newer than 3.0 and uses zlib only with MPI 4."""

    homepage = "https://example.com/mpi-version-gate"
    url = "https://example.com/mpi-version-gate-1.0.tar.gz"

    version("1.0", sha256="39ea449d8eab5f3e38c3b6be0835e951faaf260be4d10c65039e3941b095cd0d")

    depends_on("mpi")
    depends_on("zlib", when="^mpi@4:")
    conflicts("^mpi@:3.0", msg="an MPI newer than 3.0 is needed")
