from rpm_spec.repo.api import *


class Libarchive(AutotoolsPackage):
    """libarchive: a C library (with bsdtar, bsdcpio and bsdcat) that reads
    and writes tar, cpio, zip, ISO 9660, 7-zip and more, compressed or not."""

    homepage = "https://www.libarchive.org"
    url = "https://www.libarchive.org/downloads/libarchive-3.8.0.tar.gz"
    git = "https://github.com/libarchive/libarchive.git"

    license("BSD-2-Clause")

    version("3.8.0", sha256="191b5b24811499d5c2e5efa3248975fa6daa5e6a227700cc7b8e54d6d7c06eef")
    version("3.7.9", sha256="aa90732c5a6bdda52fda2ad468ac98d75be981c15dde263d7b5cf6af66fd009f")
    version("3.7.8", sha256="a123d87b1bd8adb19e8c187da17ae2d957c7f9596e741b929e6b9ceefea5ad0f")
    version("3.7.7", sha256="4cc540a3e9a1eebdefa1045d2e4184831100667e6d7d5b315bb1cbc951f8ddff")

    variant(
        "compression",
        default="bz2lib,lz4,lzma,zlib,zstd",
        values=("bz2lib", "lz4", "lzma", "zlib", "zstd"),
        multi=True,
        description="Compression formats to support",
    )
    variant(
        "xar",
        default="libxml2",
        values=("libxml2", "expat"),
        description="XML parser for the xar format",
    )
    variant("crypto", default=True, description="Hashes for mtree/xar through OpenSSL")
    variant(
        "libs",
        default="shared,static",
        values=("shared", "static"),
        multi=True,
        description="Which libarchive flavours to build",
    )

    depends_on("pkgconfig", type="build")
    depends_on("bzip2", when="compression=bz2lib")
    depends_on("lz4", when="compression=lz4")
    depends_on("xz", when="compression=lzma")
    depends_on("zlib-api", when="compression=zlib")
    depends_on("zstd", when="compression=zstd")
    depends_on("libxml2", when="xar=libxml2")
    depends_on("expat", when="xar=expat")
    depends_on("openssl", when="+crypto")

    sanity_check_is_file = ["include/archive.h", "bin/bsdtar"]

    def configure_args(self):
        spec = self.spec
        args = [
            *self.with_or_without("compression"),
            *self.with_or_without("xar"),
            "--with-openssl" if spec.satisfies("+crypto") else "--without-openssl",
            "--without-nettle",
            "--without-mbedtls",
            "--without-lzo2",
            "--without-libb2",
            "--enable-shared" if spec.satisfies("libs=shared") else "--disable-shared",
            "--enable-static" if spec.satisfies("libs=static") else "--disable-static",
        ]
        return args
