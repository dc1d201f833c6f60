from rpm_spec.repo.api import *


class Libiconv(AutotoolsPackage):
    """GNU libiconv: the iconv() character-set conversion API and the iconv
    tool, for systems whose C library lacks a complete one."""

    homepage = "https://www.gnu.org/software/libiconv/"
    url = "https://ftpmirror.gnu.org/libiconv/libiconv-1.18.tar.gz"

    license("LGPL-2.1-or-later AND GPL-3.0-or-later")

    version("1.18", sha256="3b08f5f4f9b4eb82f151a7040bfd6fe6c6fb922efe4b1659c66ea933276965e8")
    version("1.17", sha256="8f74213b56238c85a50a5329f77e06198771e70dd9a739779f4c02f65d971313")
    version("1.16", sha256="e6a1b1b589654277ee790cce3734f07876ac4ccfaecbee8afa0b649cf529cc04")

    variant(
        "libs",
        default="shared,static",
        values=("shared", "static"),
        multi=True,
        description="Which libiconv flavours to build",
    )

    provides("iconv")

    sanity_check_is_file = ["include/iconv.h", "bin/iconv"]

    def configure_args(self):
        spec = self.spec
        return [
            "--enable-extra-encodings",
            "--with-pic",
            "--enable-shared" if spec.satisfies("libs=shared") else "--disable-shared",
            "--enable-static" if spec.satisfies("libs=static") else "--disable-static",
        ]
