from rpm_spec.repo.api import *


class Gettext(AutotoolsPackage):
    """GNU gettext: the libintl message-catalog runtime and the tools
    (xgettext, msgfmt, msgmerge, ...) for translating programs."""

    homepage = "https://www.gnu.org/software/gettext/"
    url = "https://ftpmirror.gnu.org/gettext/gettext-0.26.tar.xz"

    license("GPL-3.0-or-later AND LGPL-2.1-or-later")

    version("0.26", sha256="d1fb86e260cfe7da6031f94d2e44c0da55903dbae0a2fa0fae78c91ae1b56f00")
    version("0.23.1", sha256="c1f97a72a7385b7e71dd07b5fea6cdaf12c9b88b564976b23bd8c11857af2970")
    version("0.22.5", sha256="fe10c37353213d78a5b83d48af231e005c4da84db5ce88037d88355938259640")
    version("0.21.1", sha256="50dbc8f39797950aa2c98e939947c527e5ac9ebd2c1b99dd7b06ba33a6767ae6")

    variant("shared", default=True, description="Build shared libraries")
    variant("curses", default=True, description="Colourised output through ncurses")
    variant("libxml2", default=True, description="Use an external libxml2, not the bundled copy")
    variant("bzip2", default=True, description="Read bzip2-compressed archives in autopoint")
    variant("xz", default=True, description="Read xz-compressed archives in autopoint")

    depends_on("ncurses", when="+curses")
    depends_on("libxml2", when="+libxml2")
    depends_on("bzip2", when="+bzip2")
    depends_on("xz", when="+xz", type=("build", "link", "run"))

    conflicts("%gcc@:5", when="@0.22:", msg="gettext 0.22+ needs a C11 compiler (savannah #65811)")

    sanity_check_is_file = ["bin/msgfmt", "bin/xgettext", "include/libintl.h"]

    def configure_args(self):
        spec = self.spec
        args = [
            *self.enable_or_disable("shared"),
            "--with-pic",
            "--disable-java",
            "--disable-csharp",
            "--without-emacs",
            "--without-cvs",
            "--without-git",
            "--with-included-glib",
            "--with-included-libcroco",
            "--with-included-libunistring",
            "--with-included-gettext",  # build libintl even where the C library has one
            "--without-libiconv-prefix",  # the C library's iconv
        ]
        if spec.satisfies("@0.25:"):
            args += ["--disable-d", "--disable-modula2"]
        if spec.satisfies("+curses"):
            args.append(f"--with-ncurses-prefix={spec['ncurses'].prefix}")
        else:
            args.append("--disable-curses")
        if spec.satisfies("+libxml2"):
            args.append(f"--with-libxml2-prefix={spec['libxml2'].prefix}")
        else:
            args.append("--with-included-libxml")
        if spec.satisfies("~bzip2"):
            args.append("--without-bzip2")
        if spec.satisfies("~xz"):
            args.append("--without-xz")
        return args
