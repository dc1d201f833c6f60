from pathlib import Path

from rpm_spec.repo.api import *


class Openssl(Package):
    """OpenSSL: the TLS/SSL protocol library (libssl), the general-purpose
    cryptography library (libcrypto) and the openssl command-line tool."""

    homepage = "https://www.openssl.org"
    url = "https://github.com/openssl/openssl/releases/download/openssl-3.5.5/openssl-3.5.5.tar.gz"
    git = "https://github.com/openssl/openssl.git"

    license("Apache-2.0")

    version("4.0.1", sha256="2db3f3a0d6ea4b59e1f094ace2c8cd536dffb87cdc39084c5afa1e6f7f37dd09")
    version("3.6.2", sha256="aaf51a1fe064384f811daeaeb4ec4dce7340ec8bd893027eee676af31e83a04f")
    version("3.6.1", sha256="b1bfedcd5b289ff22aee87c9d600f515767ebf45f77168cb6d64f231f518a82e")
    # 3.5 and 3.0 are the long-term-support series.
    version("3.5.5", sha256="b28c91532a8b65a1f983b4c28b7488174e4a01008e29ce8e69bd789f28bc2a89")
    version("3.4.4", sha256="7bdf55ac20f2779e99e5eca306f824fad2b37dee5a06cc35ed5a8b85a6060010")
    version("3.3.6", sha256="22db04f3c8f9a808c9795dcf7d2713ff40c12c410ea2d1f6435c6c9c8558958b")
    version("3.0.19", sha256="fa5a4143b8aae18be53ef2f3caf29a2e0747430b8bc74d32d88335b94ab63072")

    variant("shared", default=True, description="Build shared libraries")
    variant(
        "certs",
        default="system",
        values=("system", "none"),
        description="Use the host's CA certificates, or install none",
    )

    depends_on("perl@5.14:", type="build")
    depends_on("zlib-api")

    sanity_check_is_file = ["bin/openssl", "include/openssl/ssl.h"]

    # Where distributions keep their CA bundle and hashed certificate directory.
    _SYSTEM_CERT_DIRS = ("/etc/pki/tls", "/etc/ssl", "/usr/lib/ssl")

    def install(self, spec, prefix):
        zlib = spec["zlib-api"].prefix
        args = [
            "./config",
            f"--prefix={prefix}",
            f"--openssldir={Path(prefix) / 'etc' / 'openssl'}",
            "--libdir=lib",
            "zlib",
            f"-I{zlib / 'include'}",
            f"-L{zlib / 'lib'}",
            "shared" if spec.satisfies("+shared") else "no-shared",
        ]
        self.run(args)
        self.make()
        # OpenSSL's install rules are not parallel-safe.
        self.make("install_sw", "install_ssldirs", jobs=1)
        if spec.satisfies("certs=system"):
            self._link_system_certs(Path(prefix) / "etc" / "openssl")

    def _link_system_certs(self, ssl_dir):
        for system in map(Path, self._SYSTEM_CERT_DIRS):
            for name in ("cert.pem", "certs"):
                source, target = system / name, ssl_dir / name
                if not source.exists():
                    continue
                if target.is_dir() and not target.is_symlink() and not any(target.iterdir()):
                    target.rmdir()
                if not target.exists():
                    target.symlink_to(source)
