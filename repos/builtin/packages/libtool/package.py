from rpm_spec.repo.api import *


class Libtool(AutotoolsPackage):
    """GNU Libtool: a portable wrapper around creating and linking shared
    libraries (libtool, libtoolize) plus the libltdl dlopen helper."""

    homepage = "https://www.gnu.org/software/libtool/"
    url = "https://ftpmirror.gnu.org/libtool/libtool-2.5.4.tar.gz"
    git = "https://git.savannah.gnu.org/git/libtool.git"

    license("GPL-2.0-or-later AND LGPL-2.0-or-later")

    version("2.6.0", sha256="80c3fe2ae1062abf56456f52518bd670f9ec3917b7f85e152b347ac6b6faf880")
    version("2.5.4", sha256="da8ebb2ce4dcf46b90098daf962cffa68f4b4f62ea60f798d0ef12929ede6adf")
    version("2.4.7", sha256="04e96c2404ea70c590c546eba4202a4e12722c640016c12b9b2f1ce3d481e9a8")
    version("2.4.6", sha256="e3bd4d5d3d025a36c21dd6af7ea818a2afcd4dfc1ea5a17b39d7854bcd0c06e3")

    depends_on("m4@1.4.6:", type="build")

    sanity_check_is_file = ["bin/libtool", "bin/libtoolize", "include/ltdl.h"]
