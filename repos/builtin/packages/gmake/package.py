from rpm_spec.repo.api import *


class Gmake(AutotoolsPackage):
    """GNU Make: runs the recipes of a Makefile to rebuild only what is out of
    date, with parallel jobs and a jobserver shared with sub-makes."""

    homepage = "https://www.gnu.org/software/make/"
    url = "https://ftpmirror.gnu.org/make/make-4.4.1.tar.gz"
    git = "https://git.savannah.gnu.org/git/make.git"

    license("GPL-3.0-or-later")

    version("4.4.1", sha256="dd16fb1d67bfab79a72f5e8390735c49e3e8e70b4945a15ab1f81ddb78658fb3")
    version("4.4", sha256="581f4d4e872da74b3941c874215898a7d35802f03732bdccee1d4a7979105d18")
    version("4.3", sha256="e05fdde47c5f7ca45cb697e973894ff4f5d79e13b750ed57d7b66d8defc78e19")
    version("4.2.1", sha256="e40b8f018c1da64edd1cc9a6fce5fa63b2e707e404e20cad91fbae337c98a5b7")

    sanity_check_is_file = ["bin/make"]

    def configure_args(self):
        args = ["--without-guile", "--disable-nls"]
        if self.spec.satisfies("@4.4:"):
            args.append("--enable-year2038")
        return args

    def post_install(self):
        # Some build systems look for `gmake` explicitly.
        link = self.prefix / "bin" / "gmake"
        if not link.exists():
            link.symlink_to("make")
