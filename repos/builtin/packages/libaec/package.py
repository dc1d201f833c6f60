from rpm_spec.repo.api import *


class Libaec(CMakePackage):
    """libaec: Adaptive Entropy Coding (CCSDS 121.0) of integer samples,
    including libsz, a free drop-in replacement for the SZIP library."""

    homepage = "https://gitlab.dkrz.de/k202009/libaec"
    url = "https://gitlab.dkrz.de/api/v4/projects/k202009%2Flibaec/repository/archive.tar.gz?sha=v1.1.4"
    git = "https://gitlab.dkrz.de/k202009/libaec.git"

    license("BSD-2-Clause")

    version("1.1.4", sha256="95439e861968cb0638a10b0bbdb37c9a10df1b22c5ee0293902acdbc68140f53")
    version("1.1.3", sha256="453de44eb6ea2500843a4cf4d2e97d1be251d2df7beae6c2ebe374edcb11e378")
    version("1.1.2", sha256="dc03ddbc9dabf806af1036e2c7bde44bbb1a2a6e0b186d46a6ca06390622afb9")
    version("1.0.6", sha256="abab8c237d85c982bb4d6bde9b03c1f3d611dcacbd58bca55afac2496d61d4be")

    variant("shared", default=True, description="Build shared libraries")

    provides("szip")

    depends_on("cmake@3.13:", type="build", when="@1.0.4:1.1.3")
    depends_on("cmake@3.26:", type="build", when="@1.1.4:")

    sanity_check_is_file = ["include/libaec.h", "include/szlib.h"]

    def cmake_args(self):
        return [self.define_from_variant("BUILD_SHARED_LIBS", "shared")]
