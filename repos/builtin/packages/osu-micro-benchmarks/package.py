from rpm_spec.repo.api import *


class OsuMicroBenchmarks(AutotoolsPackage, CudaPackage, ROCmPackage):
    """OSU Micro-Benchmarks: Ohio State University's MPI latency, bandwidth,
    message-rate and collective benchmarks (osu_latency, osu_bw,
    osu_allreduce, ...), with GPU-buffer variants for CUDA and ROCm and
    NCCL/RCCL ("xccl") benchmarks."""

    homepage = "https://mvapich.cse.ohio-state.edu/benchmarks/"
    url = "https://mvapich.cse.ohio-state.edu/download/mvapich/osu-micro-benchmarks-7.5.2.tar.gz"

    license("BSD-3-Clause")

    version("7.5.2", sha256="618de3d0b1122f73a9229177d2da1e5cd62e431190580cb915f2605849cbbbdc")
    version("7.5.1", sha256="160d0d5e3c3cb022520ecb247e9875bb0973b1d3cadccd6c17624f8407c52e22")
    version("7.5", sha256="1cf84ac5419456202757a757c5f9a4f5c6ecd05c65783c7976421cfd6020b3b3")
    version("7.4", sha256="1edd0c2efa61999409bfb28740a7f39689a5b42b1a1b4c66d1656e5637f7cefc")
    version("7.3", sha256="8fa25b8aaa34e4b07ab3a4f30b7690ab46b038b08d204a853a9b6aa7bdb02f2f")
    version("7.2", sha256="1a4e1f2aab0e65404b3414e23bd46616184b69b6231ce9313d9c630bd6e633c1")
    version("7.0.1", sha256="04954aea082ba1b90a461ffab82a3cee43fe2d5a60fed99f5cb4585ac7da8c66")

    variant("xccl", default=True, when="+cuda", description="NCCL benchmarks (osu_xccl_*)")
    variant("xccl", default=True, when="+rocm", description="RCCL benchmarks (osu_xccl_*)")

    depends_on("mpi")
    depends_on("nccl", when="+cuda +xccl")
    depends_on("rccl", when="+rocm +xccl")

    sanity_check_is_dir = ["libexec/osu-micro-benchmarks/mpi/pt2pt"]

    def configure_args(self):
        spec = self.spec
        mpi_bin = spec["mpi"].prefix / "bin"
        args = [f"CC={mpi_bin / 'mpicc'}", f"CXX={mpi_bin / 'mpicxx'}"]
        if spec.satisfies("+cuda"):
            args += ["--enable-cuda", f"--with-cuda={spec['cuda'].prefix}"]
            archs = self.cuda_archs()
            if archs:
                args.append("NVCCFLAGS=" + " ".join(self.cuda_flags(archs)))
            if spec.satisfies("+xccl"):
                args += ["--enable-ncclomb", f"--with-nccl={spec['nccl'].prefix}"]
        if spec.satisfies("+rocm"):
            args += ["--enable-rocm", f"--with-rocm={spec['hip'].prefix}"]
            if spec.satisfies("+xccl"):
                args += ["--enable-rcclomb", f"--with-rccl={spec['rccl'].prefix}"]
        if spec.satisfies("platform=linux"):
            args.append("LDFLAGS=-lrt")  # clock_gettime on older glibc
        return args
