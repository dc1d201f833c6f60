from rpm_spec.repo.api import *


class Texinfo(AutotoolsPackage):
    """GNU Texinfo: the documentation system of the GNU project, with
    makeinfo (texi2any) producing Info, HTML and PDF from one source, and
    the standalone Info reader."""

    homepage = "https://www.gnu.org/software/texinfo/"
    url = "https://ftpmirror.gnu.org/gnu/texinfo/texinfo-7.2.tar.gz"

    license("GPL-3.0-or-later")

    version("7.2", sha256="e86de7dfef6b352aa1bf647de3a6213d1567c70129eccbf8977706d9c91919c8")
    version("7.1", sha256="dd5710b3a53ac002644677a06145748e260592a35be182dc830ebebb79c5d5a0")
    version("7.0.3", sha256="3cc5706fb086b895e1dc2b407aade9f95a3a233ff856273e2b659b089f117683")
    version("6.8", sha256="8e09cf753ad1833695d2bac0f57dc3bd6bcbbfbf279450e1ba3bc2d7fb297d08")

    # makeinfo is a Perl program; info links ncurses.
    depends_on("perl", type=("build", "link", "run"))
    depends_on("ncurses")
    depends_on("gettext")

    sanity_check_is_file = ["bin/info", "bin/makeinfo"]
