from rpm_spec.repo.api import *


class Munge(AutotoolsPackage):
    """MUNGE (MUNGE Uid 'N' Gid Emporium): an authentication service that
    creates and validates credentials across a cluster sharing a secret key;
    Slurm's default authentication plugin.

    Clusters run munged as a system service, so the site's MUNGE is normally
    registered as an external; this recipe exists for the library and for
    building Slurm against it."""

    homepage = "https://dun.github.io/munge/"
    url = "https://github.com/dun/munge/releases/download/munge-0.5.14/munge-0.5.14.tar.xz"
    git = "https://github.com/dun/munge.git"

    license("GPL-3.0-or-later AND LGPL-3.0-or-later")

    version("0.5.14", sha256="6606a218f18090fa1f702e3f6fb608073eb6aafed534cf7dd81b67b2e0d30640")
    version("0.5.13", sha256="99753dfd06a4f063c36f3fb0eb1964f394feb649937d94c4734d85b7964144da")

    variant(
        "localstatedir",
        default="prefix",
        values=("prefix", "system"),
        description="Keep the socket and seed under the prefix, or in /var like a system MUNGE",
    )

    depends_on("openssl")
    depends_on("bzip2")
    depends_on("zlib-api")

    sanity_check_is_file = ["sbin/munged", "bin/munge", "include/munge.h"]

    def configure_args(self):
        args = [
            "--with-crypto-lib=openssl",
            f"--with-openssl-prefix={self.spec['openssl'].prefix}",
        ]
        if self.spec.satisfies("localstatedir=system"):
            args += ["--localstatedir=/var", "--runstatedir=/run"]
        return args
