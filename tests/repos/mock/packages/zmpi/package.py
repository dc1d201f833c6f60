# Feature: an MPI provider that only implements the MPI standard up to 3 (provides("mpi@:3")).
from rpm_spec.repo.api import *


class Zmpi(Package):
    """Fake MPI library whose every release implements MPI 3 at most (a commercial license)."""

    homepage = "https://example.com/zmpi"
    url = "https://example.com/zmpi-2.0.tar.gz"
    license("LicenseRef-Zmpi-Commercial")

    version("2.0", sha256="20496ea66a63795ef87d0193c03198923d7822e46b4abcf0d10a59c967bf6e4e")
    version("1.0", sha256="0f31ecc5ede168088e6f0f2006362638511d77d8906bc9607e198e0f643500d3")

    provides("mpi@:3")
