from rpm_spec.repo.api import *


class Pmix(AutotoolsPackage):
    """OpenPMIx: the reference implementation of the Process Management
    Interface for Exascale, through which MPI libraries, launchers and
    resource managers exchange wire-up information and events."""

    homepage = "https://openpmix.github.io/"
    url = "https://github.com/openpmix/openpmix/releases/download/v6.1.0/pmix-6.1.0.tar.bz2"
    git = "https://github.com/openpmix/openpmix.git"

    license("BSD-3-Clause-Open-MPI")

    version("6.1.0", sha256="bb9021c8e100a376f5070ecca727f83a29b5f652dfe381793b88daa79a3b98a2")
    version("6.0.0", sha256="bfe969966d0ce82e032739cac286239bd5ad74a831d7adae013284919f125318")
    version("5.0.10", sha256="78663f6b932589d68e24feaf7f8a948d60be68d91965f3effbacb4cd88cf9a95")
    version("5.0.9", sha256="38d0667636e35a092e61f97be2dd84481f4cf566bfca11bb73c6b3d5da993b7a")
    version("5.0.8", sha256="bf5f0a341d0ec7f465627a7570f4dcda3b931bc859256428a35f6c72f13462d0")
    version("5.0.7", sha256="b9e6ad482fcdcb58c9b9553ae56956b6d7df875d5605b6ecb96adaff16b2b07a")
    version("5.0.3", sha256="474ebf5bbc420de442ab93f1b61542190ac3d39ca3b0528a19f586cf3f1cbd94")
    version("4.2.9", sha256="6b11f4fd5c9d7f8e55fc6ebdee9af04b839f44d06044e58cea38c87c168784b3")
    version("4.2.6", sha256="10b0d5a7fca70272e9427c677557578ac452cea02aeb00e30dec2116d20c3cd0")
    version("4.2.2", sha256="935b2f492e4bc409017f1425a83366aa72a7039605ea187c9fac7bb1371cd73c")

    variant("python", default=False, description="Build the Python bindings")

    depends_on("pkgconfig", type="build")
    depends_on("libevent@2.0.20:")
    depends_on("hwloc@1.11:")
    depends_on("zlib-api")
    depends_on("python@3.7:", when="+python", type=("build", "link", "run"))

    sanity_check_is_file = ["include/pmix.h", "bin/pmix_info"]

    def configure_args(self):
        spec = self.spec
        args = [
            "--enable-shared",
            "--enable-static",
            "--disable-sphinx",
            "--without-munge",
            f"--with-hwloc={spec['hwloc'].prefix}",
            f"--with-libevent={spec['libevent'].prefix}",
            f"--with-zlib={spec['zlib-api'].prefix}",
        ]
        args.append(
            "--enable-python-bindings"
            if spec.satisfies("+python")
            else "--disable-python-bindings"
        )
        return args
