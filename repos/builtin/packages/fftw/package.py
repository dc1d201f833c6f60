from pathlib import Path

from rpm_spec.repo.api import *


class Fftw(Package):
    """FFTW: the 'Fastest Fourier Transform in the West', a C library for
    discrete Fourier, cosine and sine transforms of any size and dimension,
    with SIMD kernels and OpenMP, threads and MPI parallelism."""

    homepage = "https://www.fftw.org"
    url = "https://www.fftw.org/fftw-3.3.10.tar.gz"
    git = "https://github.com/FFTW/fftw3.git"

    license("GPL-2.0-or-later")

    version("3.3.11", sha256="5630c24cdeb33b131612f7eb4b1a9934234754f9f388ff8617458d0be6f239a1")
    version("3.3.10", sha256="56c932549852cddcfafdab3820b0200c7742675be92179e59e6215b340e26467")
    version("3.3.9", sha256="bf2c7ce40b04ae811af714deb512510cc2c17b9ab9d6ddcf49fe4487eea7af3d")
    version("3.3.8", sha256="6113262f6e92c5bd474f2875fa1b01054c4ad5040f6b0da7c03c98821d9ae303")

    variant(
        "precision",
        default="float,double",
        values=("float", "double", "long_double", "quad"),
        multi=True,
        description="Floating-point precisions to build a library for (libfftw3f, libfftw3, ...)",
    )
    variant("mpi", default=True, description="Build the distributed-memory libfftw3_mpi")
    variant("openmp", default=False, description="Build the OpenMP-threaded libfftw3_omp")
    variant("shared", default=True, description="Build shared libraries")

    provides("fftw-api@3")

    depends_on("mpi", when="+mpi")

    conflicts("precision=quad", when="+mpi", msg="FFTW's MPI layer has no quad precision")
    conflicts("precision=quad", when="%clang", msg="quad precision needs GCC's libquadmath")

    sanity_check_is_file = ["include/fftw3.h"]

    _PRECISION_FLAG = {
        "float": "--enable-float",
        "double": None,
        "long_double": "--enable-long-double",
        "quad": "--enable-quad-precision",
    }

    def _simd_flags(self, spec, precision):
        """SIMD kernels for the target; FFTW has them for single and double precision only."""
        if precision not in ("float", "double"):
            return []
        flags = []
        if spec.satisfies("target=x86_64:"):
            flags.append("--enable-sse2")
            if spec.satisfies("target=x86_64_v3:"):
                flags += ["--enable-avx", "--enable-avx2", "--enable-fma"]
            if spec.satisfies("target=x86_64_v4:"):
                flags.append("--enable-avx512")
        elif spec.satisfies("target=aarch64:"):
            flags += ["--enable-neon", "--enable-armv8-cntvct-el0"]
        return flags

    def install(self, spec, prefix):
        source = Path.cwd()
        common = [f"--prefix={prefix}", "--enable-threads"]
        common.append("--enable-shared" if spec.satisfies("+shared") else "--disable-shared")
        if spec.satisfies("+openmp"):
            common.append("--enable-openmp")
        env = {}
        if spec.satisfies("+mpi"):
            common.append("--enable-mpi")
            env["MPICC"] = str(spec["mpi"].prefix / "bin" / "mpicc")
        # FFTW builds one precision per configure run, each in its own tree.
        for precision in self.variant_values("precision"):
            build = source / f"build-{precision}"
            build.mkdir(exist_ok=True)
            flag = self._PRECISION_FLAG[precision]
            args = [str(source / "configure"), *common, *self._simd_flags(spec, precision)]
            if flag:
                args.append(flag)
            self.run(args, cwd=build, env=env)
            self.make(cwd=build)
            self.make("install", cwd=build)
