from rpm_spec.repo.api import *


class Bison(AutotoolsPackage):
    """GNU Bison: a parser generator that turns an annotated context-free
    grammar into a deterministic LR or generalized LR (GLR) parser in C, C++
    or Java; the usual provider of ``yacc``."""

    homepage = "https://www.gnu.org/software/bison/"
    url = "https://ftpmirror.gnu.org/gnu/bison/bison-3.8.2.tar.gz"

    license("GPL-3.0-or-later")

    version("3.8.2", sha256="06c9e13bdf7eb24d4ceb6b59205a4f67c2c7e7213119644430fe82fbd14a0abb")
    version("3.8.1", sha256="ce318a47196155fb7c26912b513102f3d0e14757c2e495e34608757b61339c5c")
    version("3.7.6", sha256="69dc0bb46ea8fc307d4ca1e0b61c8c355eb207d0b0c69f4f8462328e74d7b9ea")
    version("3.6.4", sha256="8183de64b5383f3634942c7b151bf2577f74273b2731574cdda8a8f3a0ab13e9")

    variant(
        "color", default=False, description="Colored diagnostics (needs gettext's libtextstyle)"
    )

    provides("yacc")

    # bison runs m4 every time it generates a parser.
    depends_on("m4@1.4.6:", type=("build", "run"))
    depends_on("diffutils", type="build")
    depends_on("gettext", when="+color")

    sanity_check_is_file = ["bin/bison", "bin/yacc"]

    def configure_args(self):
        return [] if self.spec.satisfies("+color") else ["--disable-nls"]
