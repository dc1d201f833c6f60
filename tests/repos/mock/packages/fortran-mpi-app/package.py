# Feature: a variant asked of a virtual dependency (depends_on("mpi+fortran")) binds its provider.
from rpm_spec.repo.api import *


class FortranMpiApp(Package):
    """Fake Fortran MPI code: only an MPI with Fortran bindings will do."""

    homepage = "https://example.com/fortran-mpi-app"
    url = "https://example.com/fortran-mpi-app-1.0.tar.gz"

    version("1.0", sha256="67ff8f3b1dcbf0cfe344728e6fe3b04622f54282d4dfc967c841a19076b4835f")

    depends_on("mpi+fortran")
