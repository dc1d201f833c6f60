from rpm_spec.repo.api import *


class Curl(AutotoolsPackage):
    """curl and libcurl: transfer data over HTTP(S), FTP, SFTP and dozens of
    other URL schemes, from the command line or a C API."""

    homepage = "https://curl.se/"
    url = "https://curl.se/download/curl-8.20.0.tar.bz2"
    git = "https://github.com/curl/curl.git"

    license("curl")

    version("8.20.0", sha256="4be48e69cf467246cb97d369b85d78a08528f2b37cffef2418ee16e6a4eb596e")
    version("8.15.0", sha256="699a6d2192322792c88088576cff5fe188452e6ea71e82ca74409f07ecc62563")
    version("8.14.1", sha256="5760ed3c1a6aac68793fc502114f35c3e088e8cd5c084c2d044abdf646ee48fb")

    variant(
        "libs",
        default="shared,static",
        values=("shared", "static"),
        multi=True,
        description="Which libcurl flavours to build",
    )
    variant("ldap", default=False, description="LDAP support")

    depends_on("pkgconfig", type="build")
    depends_on("openssl")
    depends_on("zlib-api")
    # 8.15.0's build scripts use perl (curl/curl#18088).
    depends_on("perl", type="build", when="@8.15.0")

    sanity_check_is_file = ["bin/curl", "bin/curl-config", "include/curl/curl.h"]

    def configure_args(self):
        spec = self.spec
        return [
            f"--with-openssl={spec['openssl'].prefix}",
            f"--with-zlib={spec['zlib-api'].prefix}",
            "--enable-shared" if spec.satisfies("libs=shared") else "--disable-shared",
            "--enable-static" if spec.satisfies("libs=static") else "--disable-static",
            *self.enable_or_disable("ldap"),
            # Let OpenSSL's own configuration decide which certificates are trusted.
            "--without-ca-bundle",
            "--without-ca-path",
            "--with-ca-fallback",
            # Optional libraries with no recipe here must not be picked up from the host.
            "--without-nghttp2",
            "--without-libssh2",
            "--without-libssh",
            "--without-libidn2",
            "--without-librtmp",
            "--without-brotli",
            "--without-zstd",
            "--without-libpsl",
            "--without-gssapi",
            "--disable-docs",
        ]
