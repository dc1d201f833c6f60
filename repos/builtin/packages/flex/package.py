from rpm_spec.repo.api import *


class Flex(AutotoolsPackage):
    """flex: the fast lexical analyzer generator, producing C scanners from
    regular-expression rules; the usual provider of ``lex``.

    2.6.4 is left out: its release needs a post-release configure fix (and
    help2man to regenerate the manual) to build against glibc 2.26 and
    newer, so 2.6.3 is the preferred version."""

    homepage = "https://github.com/westes/flex"
    url = "https://github.com/westes/flex/releases/download/v2.6.3/flex-2.6.3.tar.gz"
    git = "https://github.com/westes/flex.git"

    license("BSD-2-Clause")

    version("2.6.3", sha256="68b2742233e747c462f781462a2a1e299dc6207401dac8f0bbb316f48565c2aa")
    # 2.6.2 is skipped on purpose: it miscompiles scanners (westes/flex#113).
    version("2.6.1", sha256="3c43f9e658e45e8aae3cf69fa11803d60550865f023852830d557c5f0623c13b")

    variant("lex", default=True, description="Install lex and libl.a as aliases")
    variant("nls", default=False, description="Translated messages (needs gettext)")

    provides("lex")

    depends_on("bison", type="build")
    depends_on("m4", type=("build", "run"))
    depends_on("diffutils", type="build")
    depends_on("gettext@0.19:", when="+nls")

    sanity_check_is_file = ["bin/flex", "include/FlexLexer.h"]

    def configure_args(self):
        # Never run the host's flex while building this one.
        args = ["--disable-bootstrap", "LEX=:", *self.enable_or_disable("nls")]
        return args
