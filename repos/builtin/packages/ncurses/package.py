from pathlib import Path

from rpm_spec.repo.api import *


class Ncurses(Package):
    """ncurses: the free implementation of the System V curses API and the
    terminfo database, for text user interfaces in a terminal."""

    homepage = "https://invisible-island.net/ncurses/ncurses.html"
    url = "https://ftpmirror.gnu.org/ncurses/ncurses-6.4.tar.gz"

    license("X11")

    version("6.6", sha256="355b4cbbed880b0381a04c46617b7656e362585d52e9cf84a67e2009b749ff11")
    version("6.5", sha256="136d91bc269a9a5785e5f9e980bc76ab57428f604ce3e5a5a90cebc767971cc6")
    version("6.4", sha256="6931283d9ac87c5073f30b6290c4c75f21632bb4fc3603ac8100812bed248159")
    version("6.3", sha256="97fc51ac2b085d4cde31ef4d2c3122c21abc217e9090a43a30fc5ec21684e059")
    version("6.2", sha256="30306e0c76e0f9f1f0de987cf1c82a5c21e1ce6568b9227f7da5b71cbea86c9d")

    variant("termlib", default=True, description="Put the terminfo code in a separate libtinfo")
    variant("symlinks", default=False, description="Use symlinks in the terminfo database")
    variant(
        "abi",
        default="none",
        values=("none", "5", "6"),
        description="Build a specific ncurses ABI version instead of the release default",
    )

    depends_on("pkgconfig", type="build")

    sanity_check_is_file = ["include/ncurses.h", "include/ncursesw/ncurses.h", "bin/tput"]

    def _common_args(self, spec, prefix):
        args = [
            f"--prefix={prefix}",
            "--with-shared",
            "--with-cxx-shared",
            "--without-ada",
            "--without-tests",
            "--without-manpages",
            "--disable-stripping",
            "--enable-pc-files",
            f"--with-pkg-config-libdir={Path(prefix) / 'lib' / 'pkgconfig'}",
        ]
        if spec.satisfies("+termlib"):
            args += ["--with-termlib", "--enable-termcap", "--with-versioned-syms"]
        if spec.satisfies("+symlinks"):
            args.append("--enable-symlinks")
        abi = self.variant_values("abi")[0]
        if abi != "none":
            args.append(f"--with-abi-version={abi}")
        return args

    def install(self, spec, prefix):
        # Build twice: the narrow libncurses and the wide-character libncursesw, as
        # distributions do, since consumers link against either name.
        source = Path.cwd()
        for subdir, flavour in (
            ("build-narrow", "--disable-widec"),
            ("build-wide", "--enable-widec"),
        ):
            build = source / subdir
            build.mkdir(exist_ok=True)
            args = [str(source / "configure"), *self._common_args(spec, prefix), flavour]
            self.run(args, cwd=build)
            self.make(cwd=build)
            self.make("install", cwd=build)
        # Make `#include <ncurses.h>` resolve to the wide headers.
        include = Path(prefix) / "include"
        for header in (include / "ncursesw").glob("*.h"):
            link = include / header.name
            if not link.exists():
                link.symlink_to(Path("ncursesw") / header.name)
