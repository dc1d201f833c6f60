from rpm_spec.repo.api import *

#: GMX_SIMD for x86_64 targets, newest first: the first one the target descends from wins.
#: Zen 2/3 run 256-bit AVX2 at full width, the first Zen splits it (AVX2_128).
_X86_SIMD = (
    ("zen4", "AVX_512"),
    ("zen2", "AVX2_256"),
    ("zen", "AVX2_128"),
    ("x86_64_v4", "AVX_512"),
    ("x86_64_v3", "AVX2_256"),
    ("x86_64_v2", "SSE4.1"),
)
#: Arm cores with SVE, where GMX_SIMD=ARM_SVE beats NEON.
_SVE_TARGETS = ("neoverse_v2:", "neoverse_n2:", "neoverse_v1:", "a64fx")


class Gromacs(CMakePackage, CudaPackage):
    """GROMACS: a molecular dynamics engine for biomolecular (and other)
    systems, with hand-written SIMD kernels for every CPU family, CUDA GPU
    offload of non-bonded, PME and update work, and MPI or thread-MPI
    parallelism."""

    homepage = "https://www.gromacs.org"
    url = "https://ftp.gromacs.org/gromacs/gromacs-2025.3.tar.gz"
    git = "https://gitlab.com/gromacs/gromacs.git"

    license("LGPL-2.1-or-later")

    version("2025.3", sha256="8bdfca0268f3f10a7ca3c06e59b62f73ea02420c67211c0ff3912f32d7833c65")
    version("2025.2", sha256="0df09f9d45a99ef00e66b9baa9493a27e906813763a3b6c7672217c66b43ea11")
    version("2025.1", sha256="0adf621a80fd8043f8defec84ce02811c0cdf42a052232890932d81f25c4d28a")
    version("2025.0", sha256="a27ad35a646295bbec129abe684d9d03d1e2e0bd76b0d625e9055746aaefae82")
    version("2024.6", sha256="7cbad81f51c71a144d646515a7249aa74940b3f68071f51410e3a9473f05b339")
    version("2024.5", sha256="fecf06b186cddb942cfb42ee8da5f3eb2b9993e6acc0a2f18d14ac0b014424f3")
    version("2024.4", sha256="ac618ece2e58afa86b536c5a2c4fcb937f0760318f12d18f10346b6bdebd86a8")
    version("2024.3", sha256="bbda056ee59390be7d58d84c13a9ec0d4e3635617adf2eb747034922cba1f029")

    variant("mpi", default=True, description="Real MPI (gmx_mpi); off builds thread-MPI")
    variant("openmp", default=True, description="OpenMP threads inside each rank")
    variant("double", default=False, description="Double-precision build (mdrun_d; CPU only)")
    variant("shared", default=True, description="Build libgromacs as a shared library")
    variant("hwloc", default=True, description="Use hwloc to detect the node's topology")
    variant("nosuffix", default=False, description="No _mpi/_d suffixes on binaries")
    variant(
        "sve",
        default=True,
        when="target=aarch64:",
        description="Use the SVE SIMD kernels on cores that have SVE",
    )

    depends_on("fftw-api@3")
    depends_on("blas")
    depends_on("lapack")
    depends_on("mpi", when="+mpi")
    depends_on("hwloc", when="+hwloc")
    depends_on("pkgconfig", type="build")
    depends_on("cmake@3.18.4:", type="build")
    depends_on("cmake@3.28:", type="build", when="@2025:")

    conflicts("+cuda", when="+double", msg="GROMACS GPU offload is single precision only")
    conflicts("%gcc@:8", when="@2023:", msg="GROMACS 2023 and newer need GCC 9 or later")
    conflicts(
        "+sve",
        when="%clang@20",
        msg="SVE kernels run far slower with Clang 20 (GROMACS issue 5390); use ~sve",
    )

    sanity_check_is_dir = ["include/gromacs", "share/gromacs"]

    def _simd(self):
        spec = self.spec
        if spec.satisfies("target=aarch64:"):
            sve = spec.satisfies("+sve") and any(
                spec.satisfies(f"target={t}") for t in _SVE_TARGETS
            )
            return "ARM_SVE" if sve else "ARM_NEON_ASIMD"
        if spec.satisfies("target=x86_64:"):
            for microarch, simd in _X86_SIMD:
                if spec.satisfies(f"target={microarch}:"):
                    return simd
            return "SSE2"
        return "None"

    def cmake_args(self):
        spec = self.spec
        args = [
            self.define_from_variant("GMX_OPENMP", "openmp"),
            self.define_from_variant("GMX_DOUBLE", "double"),
            self.define_from_variant("BUILD_SHARED_LIBS", "shared"),
            self.define_from_variant("GMX_HWLOC", "hwloc"),
            self.define("GMX_DEFAULT_SUFFIX", not spec.satisfies("+nosuffix")),
            self.define("GMX_SIMD", self._simd()),
            self.define("GMX_USE_RDTSCP", spec.satisfies("target=x86_64:")),
            self.define("GMX_INSTALL_LEGACY_API", True),
            self.define("GMX_EXTERNAL_BLAS", True),
            self.define("GMX_EXTERNAL_LAPACK", True),
            self.define("GMX_GPU", "CUDA" if spec.satisfies("+cuda") else "OFF"),
            self.define("REGRESSIONTEST_DOWNLOAD", False),
            self.define("GMX_BUILD_OWN_FFTW", False),
        ]
        if spec.satisfies("~shared"):
            args.append(self.define("GMXAPI", False))
        if spec.satisfies("+mpi"):
            mpi_bin = spec["mpi"].prefix / "bin"
            args += [
                self.define("GMX_MPI", True),
                self.define("MPI_C_COMPILER", mpi_bin / "mpicc"),
                self.define("MPI_CXX_COMPILER", mpi_bin / "mpicxx"),
            ]
        else:
            args += [self.define("GMX_MPI", False), self.define("GMX_THREAD_MPI", True)]
        if spec.satisfies("^intel-oneapi-mkl"):
            args.append(self.define("GMX_FFT_LIBRARY", "mkl"))
        else:
            args += [
                self.define("GMX_FFT_LIBRARY", "fftw3"),
                self.define(
                    "FFTWF_ROOT" if spec.satisfies("~double") else "FFTW_ROOT",
                    spec["fftw-api"].prefix,
                ),
            ]
        if spec.satisfies("+cuda"):
            args += [
                self.define("CUDAToolkit_ROOT", spec["cuda"].prefix),
                self.define("GMX_CUDA_TARGET_SM", list(self.cuda_archs())),
            ]
        return args
