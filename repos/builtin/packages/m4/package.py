from rpm_spec.repo.api import *


class M4(AutotoolsPackage):
    """GNU M4: the traditional Unix macro processor, which autoconf and many
    other tools use to expand text templates."""

    homepage = "https://www.gnu.org/software/m4/"
    url = "https://ftpmirror.gnu.org/m4/m4-1.4.19.tar.xz"

    license("GPL-3.0-or-later")

    version("1.4.21", sha256="f25c6ab51548a73a75558742fb031e0625d6485fe5f9155949d6486a2408ab66")
    version("1.4.20", sha256="e236ea3a1ccf5f6c270b1c4bb60726f371fa49459a8eaaebc90b216b328daf2b")
    version("1.4.19", sha256="63aede5c6d33b6d9b13511cd0be2cac046f2e70fd0a07aa9573a04a82783af96")

    sanity_check_is_file = ["bin/m4"]

    def configure_args(self):
        # --enable-c++ builds the gnulib C++ tests as well; no native language support needed.
        return ["--enable-c++", "--disable-nls"]
