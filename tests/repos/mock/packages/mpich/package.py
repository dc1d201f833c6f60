# Feature: a provider whose virtual's version follows its own (3.x: mpi@:3.1, 4.x: mpi@:4).
from rpm_spec.repo.api import *


class Mpich(AutotoolsPackage):
    """Fake MPICH: 3.x releases implement MPI 3.1, 4.x releases implement MPI 4."""

    homepage = "https://example.com/mpich"
    url = "https://example.com/mpich-4.2.tar.gz"
    license("mpich2")

    version("4.2", sha256="39f6b98e16b21a00cf1a742971ea667277772f340dbaf99d9bed00485269df0a")
    version("4.1", sha256="a278f127f066deca096c9f4f5a947b812bbced931acf603866b9018fdb000cf3")
    version("3.4", sha256="072b888165f2390f6c340b37c6d4cd7c3e8d03be4c86d01f9117c779935d443d")

    variant("fortran", default=False, description="Build the Fortran bindings")

    provides("mpi@:3.1", when="@:3")
    provides("mpi@:4", when="@4:")

    def configure_args(self):
        return ["--with-device=ch4", "--disable-fortran"]
