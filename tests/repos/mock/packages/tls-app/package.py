# Feature: accepts openssl 1.1 or 3 and any MPI: what site policy (deny, require on a
# virtual, licenses) narrows down.
from rpm_spec.repo.api import *


class TlsApp(Package):
    """Fake MPI service that talks TLS through either openssl series."""

    homepage = "https://example.com/tls-app"
    url = "https://example.com/tls-app-1.0.tar.gz"
    license("MIT")

    version("1.0", sha256="1c54918acb1e43a6409cc411d06921bb5c19170f6af00bb8ab4b7a30167fb4b9")

    depends_on("openssl@1.1:3")
    depends_on("mpi")
