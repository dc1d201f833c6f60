from rpm_spec.repo.api import *


class Autoconf(AutotoolsPackage):
    """GNU Autoconf: turns a configure.ac of M4 macros into a portable shell
    `configure` script that probes the host before a build."""

    homepage = "https://www.gnu.org/software/autoconf/"
    url = "https://ftpmirror.gnu.org/autoconf/autoconf-2.72.tar.gz"
    git = "https://git.savannah.gnu.org/git/autoconf.git"

    license("GPL-3.0-or-later WITH Autoconf-exception-3.0", when="@2.62:")
    license("GPL-2.0-or-later WITH Autoconf-exception-2.0", when="@:2.59")

    version("2.73", sha256="259ddfa3bddc799cfb81489cc0f17dfdf1bd6d1505dda53c0f45ff60d6a4f9a7")
    version("2.72", sha256="afb181a76e1ee72832f6581c0eddf8df032b83e2e0239ef79ebedc4467d92d6e")
    version("2.71", sha256="431075ad0bf529ef13cb41e9042c542381103e80015686222b8a9d4abef42a1c")
    version("2.70", sha256="f05f410fda74323ada4bdc4610db37f8dbd556602ba65bc843edb4d4d4a1b2b7")
    version("2.69", sha256="954bd69b391edc12d6a4a51a2dd1476543da5c6bbf05a95b59dc0dd6fd4c2969")

    # autoconf's scripts are perl and drive m4 at run time.
    depends_on("m4@1.4.6:", type=("build", "run"))
    depends_on("m4@1.4.8:", type=("build", "run"), when="@2.72:")
    depends_on("perl", type=("build", "run"))

    sanity_check_is_file = ["bin/autoconf", "bin/autoreconf", "bin/autoheader", "bin/autom4te"]
