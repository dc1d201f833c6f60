# Feature: middle of the long DAG; a second dependent of the mpi virtual.
from rpm_spec.repo.api import *


class Callpath(Package):
    """Fake library that records call paths, built on dyninst and MPI."""

    homepage = "https://example.com/callpath"
    url = "https://example.com/callpath-1.1.tar.gz"

    version("1.1", sha256="bd0b9604c20cb372e3ae9bd5ba2bcf49e6d74f65024df7e5742bb7e3f5852b9a")
    version("1.0", sha256="c408172adcee8fce0985e6990dc187fd6b87cd00cb33ee7bcd9ca9a344d8fe0e")

    depends_on("dyninst")
    depends_on("mpi")
