from rpm_spec.repo.api import *


class Readline(Package):
    """GNU Readline: interactive line editing with Emacs and vi key bindings
    and a command history, for programs with a command line."""

    homepage = "https://tiswww.case.edu/php/chet/readline/rltop.html"
    url = "https://ftpmirror.gnu.org/readline/readline-8.2.tar.gz"

    license("GPL-3.0-or-later")

    version("8.3", sha256="fe5383204467828cd495ee8d1d3c037a7eba1389c22bc6a041f627976f9061cc")
    version("8.2", sha256="3feb7171f16a84ee82ca18a36d7b9be109a52c04f492a053331d7d1095007c35")
    version("8.1", sha256="f8ceb4ee131e3232226a17f51b164afc46cd0b9e6cef344be87c65962cb82b02")
    version("8.0", sha256="e339f51971478d369f8a053a330a190781acb9864cf4c541060f12078948e461")
    version("7.0", sha256="750d437185286f40a369e1e4f4764eda932b9459b5ec9a731628393dd3d32334")

    depends_on("ncurses")

    sanity_check_is_file = ["include/readline/readline.h", "include/readline/history.h"]

    def install(self, spec, prefix):
        # The configure-time wcwidth probe needs an installed UTF-8 locale and misfires in
        # minimal build environments; its answer only matters for ancient C libraries.
        self.run(
            ["./configure", f"--prefix={prefix}", "--with-curses", "bash_cv_wcwidth_broken=no"]
        )
        # Link libreadline.so against ncurses so consumers need not add it themselves.
        libs = "-lncursesw -ltinfow" if spec.satisfies("^ncurses+termlib") else "-lncursesw"
        self.make(f"SHLIB_LIBS={libs}")
        self.make("install")
