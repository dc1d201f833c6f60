from rpm_spec.repo.api import *


class Gdbm(AutotoolsPackage):
    """GNU dbm (GDBM): a library of hashed key/value database files with the
    classic dbm/ndbm interfaces, plus the gdbmtool shell."""

    homepage = "https://www.gnu.org.ua/software/gdbm/gdbm.html"
    url = "https://ftpmirror.gnu.org/gdbm/gdbm-1.23.tar.gz"

    license("GPL-3.0-or-later")

    version("1.25", sha256="d02db3c5926ed877f8817b81cd1f92f53ef74ca8c6db543fbba0271b34f393ec")
    version("1.24", sha256="695e9827fdf763513f133910bc7e6cfdb9187943a4fec943e57449723d2b8dbf")
    version("1.23", sha256="74b1081d21fff13ae4bd7c16e5d6e504a4c26f7cde1dca0d963a484174bbcacd")
    version("1.22", sha256="f366c823a6724af313b6bbe975b2809f9a157e5f6a43612a72949138d161d762")
    version("1.21", sha256="b0b7dbdefd798de7ddccdd8edf6693a30494f7789777838042991ef107339cc2")
    version("1.20", sha256="3aeac05648b3482a10a2da986b9f3a380a29ad650be80b9817a435fb8114a292")
    version("1.19", sha256="37ed12214122b972e18a0d94995039e57748191939ef74115b1d41d8811364bc")

    variant("readline", default=True, description="Line editing in gdbmtool")

    depends_on("readline", when="+readline")

    sanity_check_is_file = ["include/gdbm.h", "include/ndbm.h", "bin/gdbmtool"]

    def configure_args(self):
        return [
            "--enable-libgdbm-compat",  # the ndbm/dbm API that Python's dbm.ndbm uses
            "--disable-nls",
            *self.with_or_without("readline"),
            # gdbm uses GNU extensions without requesting them itself.
            "CPPFLAGS=-D_GNU_SOURCE",
        ]
