from rpm_spec.repo.api import *


class Ucx(AutotoolsPackage, CudaPackage):
    """UCX (Unified Communication X): a high-performance messaging layer over
    InfiniBand/RoCE verbs, shared memory, TCP and GPU memory, used by MPI and
    PGAS runtimes."""

    homepage = "https://openucx.org"
    url = "https://github.com/openucx/ucx/releases/download/v1.22.0/ucx-1.22.0.tar.gz"
    git = "https://github.com/openucx/ucx.git"

    license("BSD-3-Clause")

    version("1.22.0", sha256="258941cddd14ca60d38c0d31b9b09ec1052c901086841011a498da8b55a3cb24")
    version("1.21.0", sha256="2374d2fcf3186fbfd5e27633ab153aabaeb6b4f503a88563d2aca67cf51ed2c1")
    version("1.20.1", sha256="545c419a7b5e04643cb8bff5a19b3b5071a8f8f0605f1e8efb36f8f3d7bfb9d3")
    version("1.19.1", sha256="dea5d821fce05b6ffe175a74e6e148386dd85791409fc71242f3d1369100fd8a")
    version("1.18.1", sha256="8018dd75f11b5e8d6e57dcdb5b798d2c1f000982c353efde1f3170025c6c3b4c")
    version("1.17.0", sha256="34658e282f99f89ce7a991c542e9727552734ac6ad408c52f22b4c2653b04276")
    version("1.16.0", sha256="f73770d3b583c91aba5fb07557e655ead0786e057018bfe42f0ebe8716e9d28c")
    version("1.15.0", sha256="4b202087076bc1c98f9249144f0c277a8ea88ad4ca6f404f94baa9cb3aebda6d")
    version("1.14.1", sha256="baa0634cafb269a3112f626eb226bcd2ca8c9fcf0fec3b8e2a3553baad5f77aa")

    variant("thread_multiple", default=False, description="Thread safety in UCP and UCT")
    variant("optimizations", default=True, description="Compile with optimisations")
    variant("assertions", default=False, description="Runtime assertions")
    variant("logging", default=False, description="Debug and trace logging")
    variant("parameter_checking", default=False, description="Check API arguments")
    variant("debug", default=False, description="Debug data and symbols")
    variant("openmp", default=True, description="Use OpenMP in the tests and perftest")
    variant("pic", default=True, description="Position-independent code")
    variant("numa", default=True, when="@:1.14", description="NUMA support through libnuma")
    variant(
        "libs",
        default="shared,static",
        values=("shared", "static"),
        multi=True,
        description="Which UCX library flavours to build",
    )
    # Transports.
    variant("cma", default=True, description="Cross Memory Attach for intra-node copies")
    variant("verbs", default=False, description="InfiniBand/RoCE through libibverbs")
    variant("rdmacm", default=False, description="Connection setup through librdmacm")
    variant("rc", default=False, description="IB Reliable Connection transport")
    variant("ud", default=False, description="IB Unreliable Datagram transport")
    variant("dc", default=False, description="IB Dynamically Connected transport (mlx5)")
    variant("mlx5_dv", default=False, description="mlx5 Direct Verbs acceleration")

    depends_on("pkgconfig", type="build")
    depends_on("numactl", when="+numa")
    depends_on("rdma-core", when="+verbs")
    depends_on("rdma-core", when="+rdmacm")

    for _ib in ("rc", "ud", "dc", "mlx5_dv", "rdmacm"):
        conflicts(f"+{_ib}", when="~verbs", msg=f"+{_ib} is an InfiniBand feature; add +verbs")
    conflicts("%gcc@15:", when="@:1.18", msg="UCX 1.18 and older do not build with GCC 15")

    sanity_check_is_file = ["bin/ucx_info", "include/ucp/api/ucp.h"]

    def configure_args(self):
        spec = self.spec
        args = [
            "--without-go",
            "--without-java",
            "--disable-doxygen-doc",
            "--enable-compiler-opt=3",
            "--enable-shared" if spec.satisfies("libs=shared") else "--disable-shared",
            "--enable-static" if spec.satisfies("libs=static") else "--disable-static",
            *self.enable_or_disable("optimizations"),
            *self.enable_or_disable("assertions"),
            *self.enable_or_disable("logging"),
            *self.enable_or_disable("debug"),
            *self.enable_or_disable("cma"),
            *self.with_or_without("openmp"),
            *self.with_or_without("pic"),
            *self.with_or_without("rc"),
            *self.with_or_without("ud"),
            *self.with_or_without("dc"),
            "--enable-mt" if spec.satisfies("+thread_multiple") else "--disable-mt",
            "--enable-params-check"
            if spec.satisfies("+parameter_checking")
            else "--disable-params-check",
        ]
        if spec.satisfies("@:1.14"):
            args += self.enable_or_disable("numa")
        # The mlx5 option was renamed in 1.18.
        mlx5 = "mlx5" if spec.satisfies("@1.18:") else "mlx5-dv"
        args.append(f"--with-{mlx5}" if spec.satisfies("+mlx5_dv") else f"--without-{mlx5}")
        rdma = spec["rdma-core"].prefix if spec.satisfies("+verbs") else None
        args.append(f"--with-verbs={rdma}" if rdma else "--without-verbs")
        args.append(f"--with-rdmacm={rdma}" if spec.satisfies("+rdmacm") else "--without-rdmacm")
        args.append(
            f"--with-cuda={spec['cuda'].prefix}" if spec.satisfies("+cuda") else "--without-cuda"
        )
        args += ["--without-rocm", "--without-knem", "--without-xpmem", "--without-gdrcopy"]
        return args
