from pathlib import Path

from rpm_spec.repo.api import *


class RdmaCore(CMakePackage):
    """rdma-core: the user-space side of Linux RDMA, libibverbs and librdmacm
    with the providers for InfiniBand, RoCE and iWARP adapters."""

    homepage = "https://github.com/linux-rdma/rdma-core"
    url = "https://github.com/linux-rdma/rdma-core/releases/download/v60.1/rdma-core-60.1.tar.gz"
    git = "https://github.com/linux-rdma/rdma-core.git"

    license("GPL-2.0-only OR BSD-2-Clause")

    version("60.1", sha256="3c83b75d952e96461338ed6320360580660ff897c62c773bc52c36c481ed8304")
    version("59.1", sha256="4491a89a721f016fac54bbfdead68cef60f1f18f5711a6844a9e2c804cd4cad6")
    version("58.1", sha256="b3be2cfa89fa0a0f0af8bf25efb9ba53fc0823f05a8d4262434a93823e6a8d91")
    version("57.1", sha256="34ae4e915c8869f42e12896fbf033f9e8d3e7eaa30436c0d011b34ca919f2fbd")
    version("56.1", sha256="63ce7f2baa7242c2dbc76375dac957c420187dd27f8c5e148efc07971ee522a8")
    version("55.1", sha256="4257c3210f5f4753682294d1920e797abdeb91e783ed8e86085de1f946eb0e43")
    version("54.2", sha256="5f8a12a41b2e895f270fe55cd2748cdf4f1c9c3fedb8827bbe264b9a80a4946f")
    version("52.3", sha256="5c3cd2a0230b329d813b7be49eef15b67647f93fae15dff169dbf10730db8505")

    variant("static", default=True, description="Also build static libraries")

    depends_on("pkgconfig", type="build")
    depends_on("python@3:", type="build")  # build scripts under buildlib/

    conflicts("platform=darwin", msg="RDMA user space is Linux/FreeBSD only")

    sanity_check_is_file = ["include/infiniband/verbs.h", "include/rdma/rdma_cma.h"]

    def cmake_args(self):
        return [
            self.define("CMAKE_INSTALL_SYSCONFDIR", Path(self.prefix) / "etc"),
            # Compiled-in paths must not point into the build stage.
            self.define("CMAKE_INSTALL_RUNDIR", "/var/run"),
            self.define_from_variant("ENABLE_STATIC", "static"),
            self.define("NO_PYVERBS", True),
            self.define("NO_MAN_PAGES", True),
            # Route resolution through netlink needs libnl; without it the kernel resolves.
            self.define("ENABLE_RESOLVE_NEIGH", False),
            # Optional host libraries without recipes here must not leak in.
            self.define("CMAKE_DISABLE_FIND_PACKAGE_UDev", True),
            self.define("CMAKE_DISABLE_FIND_PACKAGE_Systemd", True),
        ]
