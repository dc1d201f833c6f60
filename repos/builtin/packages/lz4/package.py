from rpm_spec.repo.api import *


class Lz4(MakefilePackage):
    """LZ4: a lossless compression library and tool built for very fast
    compression and decompression rather than high ratios."""

    homepage = "https://lz4.org/"
    url = "https://github.com/lz4/lz4/archive/refs/tags/v1.10.0.tar.gz"
    git = "https://github.com/lz4/lz4.git"

    license("BSD-2-Clause AND GPL-2.0-or-later")

    version("1.10.0", sha256="537512904744b35e232912055ccf8ec66d768639ff3abe5788d90d792ec5f48b")
    version("1.9.4", sha256="0b0e3aa07c8c063ddf40b082bdf7e37a1562bda40a0ff5272957f3e987e0e54b")

    variant(
        "libs",
        default="shared,static",
        values=("shared", "static"),
        multi=True,
        description="Which liblz4 flavours to build",
    )

    sanity_check_is_file = ["bin/lz4", "include/lz4.h", "include/lz4frame.h"]

    @property
    def _make_vars(self):
        return [
            f"PREFIX={self.prefix}",
            "BUILD_SHARED=" + ("yes" if self.spec.satisfies("libs=shared") else "no"),
            "BUILD_STATIC=" + ("yes" if self.spec.satisfies("libs=static") else "no"),
        ]

    @property
    def build_targets(self):
        return self._make_vars

    @property
    def install_targets(self):
        return ["install", *self._make_vars]
