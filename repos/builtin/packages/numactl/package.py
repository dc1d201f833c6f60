from rpm_spec.repo.api import *


class Numactl(AutotoolsPackage):
    """numactl and libnuma: run processes with a NUMA placement policy and
    query or set memory and CPU affinity on Linux."""

    homepage = "https://github.com/numactl/numactl"
    url = "https://github.com/numactl/numactl/archive/v2.0.18.tar.gz"
    git = "https://github.com/numactl/numactl.git"

    license("LGPL-2.1-only AND GPL-2.0-only")

    version("2.0.18", sha256="8cd6c13f3096e9c2293c1d732f56e2aa37a7ada1a98deed3fac7bd6da1aaaaf6")
    version("2.0.17", sha256="af22829cda8b5bdee3d280e61291697bbd3f9bd372afdf119c9348b88369d40b")
    version("2.0.16", sha256="a35c3bdb3efab5c65927e0de5703227760b1101f5e27ab741d8f32b3d5f0a44c")
    version("2.0.14", sha256="1ee27abd07ff6ba140aaf9bc6379b37825e54496e01d6f7343330cf1a4487035")

    # The tag archives carry no configure script; it is generated with autogen.sh.
    depends_on("autoconf", type="build")
    depends_on("automake", type="build")
    depends_on("libtool", type="build")
    depends_on("m4", type="build")

    conflicts("platform=darwin", msg="libnuma is Linux-only")

    sanity_check_is_file = ["bin/numactl", "include/numa.h"]
