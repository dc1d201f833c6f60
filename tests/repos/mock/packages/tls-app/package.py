# Feature: accepts openssl 1.1 or 3 and any MPI: what site policy (deny, require on a
# virtual, licenses) narrows down.
from rpm_spec.repo.api import *


class TlsApp(Package):
    """Fake MPI service that talks TLS through either openssl series."""

    homepage = "https://example.com/tls-app"
    url = "https://example.com/tls-app-1.0.tar.gz"
    license("MIT")

    version("1.0", sha256="0d8b5e6a2f4c1e3b7a9d8c6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a")

    depends_on("openssl@1.1:3")
    depends_on("mpi")
