from rpm_spec.repo.api import *


class Hwloc(AutotoolsPackage, CudaPackage):
    """Portable Hardware Locality (hwloc): discovers the topology of a machine
    (NUMA nodes, packages, caches, cores, PUs, and nearby I/O devices such as
    GPUs and NICs) so runtimes can place threads and memory well."""

    homepage = "https://www.open-mpi.org/projects/hwloc/"
    url = "https://download.open-mpi.org/release/hwloc/v2.12/hwloc-2.12.2.tar.gz"
    git = "https://github.com/open-mpi/hwloc.git"

    license("BSD-3-Clause")

    version("2.12.2", sha256="ff7d309fdff7ceddfe15c1e79eaff25f3126a134f29f44d4e85571f187a6bab8")
    version("2.11.1", sha256="9f320925cfd0daeaf3a3d724c93e127ecac63750c623654dca0298504aac4c2c")
    version("2.10.0", sha256="c7fd8a1404a9719c76aadc642864b9f77aed1dc1fc8882d6af861a9260ba240d")
    version("2.9.3", sha256="5985db3a30bbe51234c2cd26ebe4ae9b4c3352ab788b1a464c40c0483bf4de59")
    version("2.9.1", sha256="a440e2299f7451dc10a57ddbfa3f116c2a6c4be1bb97c663edd3b9c7b3b3b4cf")
    version("2.8.0", sha256="20b2bd4df436827d8e50f7afeafb6f967259f2fb374ce7330244f8d0ed2dde6f")
    version("2.7.1", sha256="4cb0a781ed980b03ad8c48beb57407aa67c4b908e45722954b9730379bc7f6d5")
    version("1.11.13", sha256="a8f781ae4d347708a07d95e7549039887f151ed7f92263238527dfb0a3709b9d")

    variant("libxml2", default=True, description="Read and write XML topologies with libxml2")
    variant("pci", default=True, description="Discover PCI devices through libpciaccess")
    variant("nvml", default=False, description="Discover NVIDIA GPUs through NVML")
    variant(
        "libs",
        default="shared,static",
        values=("shared", "static"),
        multi=True,
        description="Which libhwloc flavours to build",
    )

    depends_on("pkgconfig", type="build")
    depends_on("ncurses")
    depends_on("libxml2", when="+libxml2")
    depends_on("libpciaccess", when="+pci platform=linux")
    depends_on("numactl", when="@:1.11.11 platform=linux")
    depends_on("cuda", when="+nvml")

    conflicts("+pci", when="platform=darwin", msg="libpciaccess is Linux/BSD only")

    sanity_check_is_file = ["bin/lstopo-no-graphics", "bin/hwloc-bind", "include/hwloc.h"]

    def url_for_version(self, version):
        series = ".".join(str(version).split(".")[:2])
        return f"https://download.open-mpi.org/release/hwloc/v{series}/hwloc-{version}.tar.gz"

    def configure_args(self):
        spec = self.spec
        args = [
            *self.enable_or_disable("libxml2"),
            *self.enable_or_disable("pci"),
            *self.enable_or_disable("nvml"),
            *self.enable_or_disable("cuda"),
            "--enable-shared" if spec.satisfies("libs=shared") else "--disable-shared",
            "--enable-static" if spec.satisfies("libs=static") else "--disable-static",
            # Do not let configure pick up optional GPU stacks found on the build host.
            "--disable-opencl",
            "--disable-rsmi",
            "--disable-levelzero",
            "--disable-cairo",
        ]
        if spec.satisfies("+cuda"):
            args.append(f"--with-cuda={spec['cuda'].prefix}")
            args.append(f"--with-cuda-version={spec['cuda'].version}")
        return args
