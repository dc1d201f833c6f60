# Feature: a virtual version constraint (mpi@4:) that only one provider (mpich@4:) satisfies.
from rpm_spec.repo.api import *


class Mpi4App(Package):
    """Fake application using MPI 4 features, so zmpi and mpich@3 cannot provide its mpi."""

    homepage = "https://example.com/mpi4-app"
    url = "https://example.com/mpi4-app-1.0.tar.gz"

    version("1.0", sha256="25adb6f7c53fc5eba2eb89b22dc326832a6d7fa6c82ca62d95adac0a3abf1944")

    depends_on("mpi@4:")
