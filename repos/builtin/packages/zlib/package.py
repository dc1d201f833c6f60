import os

from rpm_spec.repo.api import *


class Zlib(Package):
    """zlib: the ubiquitous, patent-free DEFLATE compression library behind
    gzip streams, PNG and countless file formats."""

    homepage = "https://zlib.net"
    url = "https://zlib.net/fossils/zlib-1.3.1.tar.gz"
    git = "https://github.com/madler/zlib.git"

    license("Zlib")

    version("1.3.2", sha256="bb329a0a2cd0274d05519d61c667c062e06990d72e125ee2dfa8de64f0119d16")
    version("1.3.1", sha256="9a93b2b7dfdac77ceba5a558a580e74667dd6fede4585b91eefb60f03b72df23")
    version("1.3", sha256="ff0ba4c292013dbc27530b3a81e1f9a813cd39de01ca5e0f8bf355702efa593e")
    version("1.2.13", sha256="b3a24de97a8fdbc835b9833169501030b8977031bcb54b3b3ac13740f846ab30")

    variant("shared", default=True, description="Build the shared library as well as libz.a")
    variant("pic", default=True, description="Compile the static library as position-independent")
    variant("optimize", default=True, description="Compile with -O2")

    provides("zlib-api")

    sanity_check_is_file = ["include/zlib.h", "include/zconf.h", "lib/libz.a"]

    def install(self, spec, prefix):
        # zlib's configure is hand-written, not autoconf: it rejects unknown options.
        flags = []
        if spec.satisfies("+pic"):
            flags.append("-fPIC")
        if spec.satisfies("+optimize"):
            flags.append("-O2")
        cflags = " ".join([os.environ.get("CFLAGS", ""), *flags]).strip()
        args = ["./configure", f"--prefix={prefix}"]
        if spec.satisfies("~shared"):
            args.append("--static")
        self.run(args, env={"CFLAGS": cflags})
        self.make()
        self.make("install")
