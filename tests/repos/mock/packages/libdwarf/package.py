# Feature: other side of the diamond (libelf@:0.8.12); custom url_for_version.
from rpm_spec.repo.api import *


class Libdwarf(Package):
    """Fake DWARF reader; its releases live in per-version directories."""

    homepage = "https://example.com/libdwarf"
    url = "https://example.com/libdwarf/0.9/libdwarf-0.9.tar.gz"

    version("0.9", sha256="3da0fc35ec7cb8977478c99db934c61bd6dae6e4ac53afe5253a6a7e89849726")
    version("0.8", sha256="2c9214e581e4d237580f5c593deb565ff86d1c4df1f8c5126264dea47543d793")

    depends_on("libelf@:0.8.12")

    def url_for_version(self, version):
        return f"https://example.com/libdwarf/{version}/libdwarf-{version}.tar.gz"
