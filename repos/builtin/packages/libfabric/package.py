from rpm_spec.repo.api import *


class Libfabric(AutotoolsPackage, CudaPackage):
    """libfabric (OpenFabrics Interfaces, OFI): a user-space API over many
    network providers (TCP, shared memory, verbs, EFA, CXI, ...) that MPICH,
    Open MPI and others use for their transport."""

    homepage = "https://ofiwg.github.io/libfabric/"
    url = "https://github.com/ofiwg/libfabric/releases/download/v2.5.0/libfabric-2.5.0.tar.bz2"
    git = "https://github.com/ofiwg/libfabric.git"

    license("BSD-2-Clause OR GPL-2.0-only")

    version("2.5.0", sha256="276019edca708dc0569cf3064a412e395ba7b1883299781caed120594f850995")
    version("2.4.0", sha256="13f508e1d770c44f872c4117d9bcbfc102dc9d7532d3292455e0e0e5ef7b3bba")
    version("2.3.1", sha256="2e939f17ce4d30a999d0445f741d3055b19dfd894eff70450e23470fe774f35a")
    version("2.2.0", sha256="ff6d05240b4a9753bb3d1eaf962f5a06205038df5142374a6ef40f931bb55ecc")
    version("2.1.0", sha256="97df312779e2d937246d2f46385b700e0958ed796d6fed7aae77e2d18923e19f")
    version("2.0.0", sha256="1a8e40f1f331d6ee2e9ace518c0088a78c8a838968f8601c2b77fd012a7bf0f5")
    version("1.22.0", sha256="485e6cafa66c9e4f6aa688d2c9526e274c47fda3a783cf1dd8f7c69a07e2d5fe")
    version("1.21.1", sha256="54befa6697352f3179c79c4a79225ae71694f29eefad5d0d5a14b5444ff986dd")
    version("1.20.2", sha256="75b89252a0b8b3eae8e60f7098af1598445a99a99e8fc1ff458e2fd5d4ef8cde")

    # Providers that need nothing beyond the C library, and those backed by a recipe here.
    _PROVIDERS = ("sockets", "tcp", "udp", "shm", "rxm", "rxd", "mrail", "verbs", "efa", "ucx")
    variant(
        "fabrics",
        default="sockets,tcp,udp,shm,rxm",
        values=_PROVIDERS,
        multi=True,
        description="Providers to build",
    )
    variant("debug", default=False, description="Debug build with extra checks")

    depends_on("rdma-core", when="fabrics=verbs")
    depends_on("rdma-core", when="fabrics=efa")
    depends_on("ucx", when="fabrics=ucx")

    conflicts("fabrics=ucx", when="@:1.17", msg="the ucx provider appeared in libfabric 1.18")

    sanity_check_is_file = ["bin/fi_info", "include/rdma/fabric.h"]

    def configure_args(self):
        spec = self.spec
        args = [*self.enable_or_disable("debug")]
        for provider in self._PROVIDERS:
            args.append(
                f"--enable-{provider}"
                if spec.satisfies(f"fabrics={provider}")
                else f"--disable-{provider}"
            )
        args.append(
            f"--with-cuda={spec['cuda'].prefix}" if spec.satisfies("+cuda") else "--without-cuda"
        )
        return args
