from rpm_spec.repo.api import *


class Pcre2(AutotoolsPackage):
    """PCRE2: Perl-compatible regular expressions for C, with 8-, 16- and
    32-bit code units and an optional JIT compiler (used by git, glib, SWIG,
    grep and many others)."""

    homepage = "https://www.pcre.org"
    url = "https://github.com/PCRE2Project/pcre2/releases/download/pcre2-10.44/pcre2-10.44.tar.bz2"
    git = "https://github.com/PCRE2Project/pcre2.git"

    license("BSD-3-Clause WITH PCRE2-exception")

    version("10.44", sha256="d34f02e113cf7193a1ebf2770d3ac527088d485d4e047ed10e5d217c6ef5de96")
    version("10.43", sha256="e2a53984ff0b07dfdb5ae4486bbb9b21cca8e7df2434096cc9bf1b728c350bcb")
    version("10.42", sha256="8d36cd8cb6ea2a4c2bb358ff6411b0c788633a2a45dabbf1aeb4b701d1b5e840")
    version("10.40", sha256="14e4b83c4783933dc17e964318e6324f7cae1bc75d8f3c79bc6969f00c159d68")

    variant("multibyte", default=True, description="Also build the 16- and 32-bit libraries")
    variant("jit", default=False, description="Just-in-time compilation of patterns")

    sanity_check_is_file = ["include/pcre2.h", "bin/pcre2-config"]

    def configure_args(self):
        args = [*self.enable_or_disable("jit"), "--with-pic"]
        if self.spec.satisfies("+multibyte"):
            args += ["--enable-pcre2-16", "--enable-pcre2-32"]
        return args
