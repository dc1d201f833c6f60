from rpm_spec.repo.api import *


class Rhash(Package):
    """RHash: a library and console tool for computing and checking message
    digests (CRC32, MD5, SHA-1/2/3, BLAKE, BTIH and many more)."""

    homepage = "https://rhash.sourceforge.io/"
    url = "https://github.com/rhash/RHash/archive/v1.4.2.tar.gz"
    git = "https://github.com/rhash/RHash.git"

    license("0BSD")

    version("1.4.2", sha256="600d00f5f91ef04194d50903d3c79412099328c42f28ff43a0bdb777b00bec62")

    sanity_check_is_file = ["bin/rhash", "include/rhash.h"]

    def install(self, spec, prefix):
        # RHash's configure is hand-written; it takes the prefix and builds the shared library.
        self.run(["./configure", f"--prefix={prefix}", "--enable-lib-shared"])
        self.make()
        for target in (
            "install",
            "install-pkg-config",
            "install-lib-so-link",
            "install-lib-headers",
        ):
            self.make(target, jobs=1)
