from rpm_spec.repo.api import *


class UtilLinuxUuid(AutotoolsPackage):
    """libuuid from util-linux, built on its own: generates and parses RFC
    4122 UUIDs (Python's _uuid module uses it)."""

    homepage = "https://github.com/util-linux/util-linux"
    url = "https://www.kernel.org/pub/linux/utils/util-linux/v2.40/util-linux-2.40.4.tar.gz"

    license("BSD-3-Clause")

    version("2.40.4", sha256="5b3b1435c02ba201ebaa5066bb391965a614b61721155dfb7f7b6569e95b0627")
    version("2.40.3", sha256="6d72589a24b7feccdf8db20336bb984f64c7cfc2ceb044ef01cac5dce480284e")
    version("2.40.2", sha256="7bec316b713a14c6be1a5721aa0e56a3b6170277329e6e1f1a56013cc91eece0")
    version("2.38.1", sha256="0820eb8eea90408047e3715424bc6be771417047f683950fecb4bdd2e2cbbc6e")
    version("2.37.4", sha256="c8b7b4fa541f974cc32c1c6559d9bfca33651020a456ad6ee5fc9b0cacd00151")

    depends_on("pkgconfig", type="build")

    conflicts("platform=darwin", msg="macOS ships its own libuuid")

    sanity_check_is_file = ["include/uuid/uuid.h"]

    def url_for_version(self, version):
        series = ".".join(str(version).split(".")[:2])
        return (
            f"https://www.kernel.org/pub/linux/utils/util-linux/v{series}/"
            f"util-linux-{version}.tar.gz"
        )

    def configure_args(self):
        # Build libuuid alone, none of the system utilities.
        return [
            "--disable-all-programs",
            "--enable-libuuid",
            "--disable-use-tty-group",
            "--disable-makeinstall-chown",
            "--disable-bash-completion",
            "--without-systemd",
            "--without-python",
        ]
