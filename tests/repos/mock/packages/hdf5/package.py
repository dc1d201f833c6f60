# Feature: conditional dependencies, on a variant (+mpi, +compression) and on a version (@1.14:).
from rpm_spec.repo.api import *


class Hdf5(Package):
    """Fake HDF5 whose dependencies follow its variants and version."""

    homepage = "https://example.com/hdf5"
    url = "https://example.com/hdf5-1.14.tar.gz"

    version("1.14", sha256="abdb9be0cfa975e436c5e9fe2a43d490035426b266f5ae4b3a27f54e1ff07bfb")
    version("1.12", sha256="67e318a08ba13ee78c175d317056567d07e88b79c7079e6f07415acda3373f28")

    variant("mpi", default=False, description="Parallel I/O through MPI")
    variant("compression", default=True, description="Deflate filter through zlib")

    with when("+mpi"):
        depends_on("mpi")
    depends_on("zlib", when="+compression")
    depends_on("zlib@1.3:", when="@1.14: +compression")
