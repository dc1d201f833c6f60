from rpm_spec.repo.api import *


class Automake(AutotoolsPackage):
    """GNU Automake: generates portable, GNU-standard Makefile.in templates from
    Makefile.am descriptions, to be filled in by configure."""

    homepage = "https://www.gnu.org/software/automake/"
    url = "https://ftpmirror.gnu.org/automake/automake-1.16.5.tar.xz"
    git = "https://git.savannah.gnu.org/git/automake.git"

    license("GPL-2.0-or-later")

    version("1.18.1", sha256="168aa363278351b89af56684448f525a5bce5079d0b6842bd910fdd3f1646887")
    version("1.17", sha256="8920c1fc411e13b90bf704ef9db6f29d540e76d232cb3b2c9f4dc4cc599bd990")
    version("1.16.5", sha256="f01d58cd6d9d77fbdca9eb4bbd5ead1988228fdb73d6f7a201f5f8d6b118b469")

    depends_on("autoconf@2.65:", type=("build", "run"))
    depends_on("perl", type=("build", "run"))

    sanity_check_is_file = ["bin/automake", "bin/aclocal"]
