from rpm_spec.repo.api import *

# Target names OpenBLAS's Makefile accepts (TargetList.txt), for the archspec
# microarchitectures a cluster meets, newest first within each family: the first
# one the spec's target descends from wins. Neoverse V2 (Grace) has no TARGET name
# of its own in every release we list, so it builds with the Neoverse N2 kernels,
# the same SVE2-capable armv9 generation.
_X86_TARGETS = (
    ("sapphirerapids", "SAPPHIRERAPIDS"),
    ("cooperlake", "COOPERLAKE"),
    ("skylake_avx512", "SKYLAKEX"),
    ("zen", "ZEN"),
    ("haswell", "HASWELL"),
    ("sandybridge", "SANDYBRIDGE"),
    ("nehalem", "NEHALEM"),
)
_ARM_TARGETS = (
    ("neoverse_v2", "NEOVERSEN2"),
    ("neoverse_n2", "NEOVERSEN2"),
    ("neoverse_v1", "NEOVERSEV1"),
    ("a64fx", "A64FX"),
    ("neoverse_n1", "NEOVERSEN1"),
    ("thunderx2", "THUNDERX2T99"),
)


class Openblas(MakefilePackage):
    """OpenBLAS: an optimized BLAS library descended from GotoBLAS2, with
    hand-tuned kernels per CPU, CBLAS, and the reference LAPACK/LAPACKE built
    on top of it (from an f2c-converted copy when there is no Fortran compiler)."""

    homepage = "https://www.openblas.net"
    url = (
        "https://github.com/OpenMathLib/OpenBLAS/releases/download/v0.3.30/OpenBLAS-0.3.30.tar.gz"
    )
    git = "https://github.com/OpenMathLib/OpenBLAS.git"

    license("BSD-3-Clause")

    version("0.3.32", sha256="f8a1138e01fddca9e4c29f9684fd570ba39dedc9ca76055e1425d5d4b1a4a766")
    version("0.3.30", sha256="27342cff518646afb4c2b976d809102e368957974c250a25ccc965e53063c95d")
    version("0.3.29", sha256="38240eee1b29e2bde47ebb5d61160207dc68668a54cac62c076bb5032013b1eb")
    version("0.3.28", sha256="f1003466ad074e9b0c8d421a204121100b0751c96fc6fcf3d1456bd12f8a00a1")
    version("0.3.27", sha256="aa2d68b1564fe2b13bc292672608e9cdeeeb6dc34995512e65c3b10f4599e897")
    version("0.3.26", sha256="4e6e4f5cb14c209262e33e6816d70221a2fe49eb69eaf0a06f065598ac602c68")
    version("0.3.25", sha256="4c25cb30c4bb23eddca05d7d0a85997b8db6144f5464ba7f8c09ce91e2f35543")
    version("0.3.24", sha256="ceadc5065da97bd92404cac7254da66cc6eb192679cf1002098688978d4d5132")
    version("0.3.23", sha256="5d9491d07168a5d00116cdc068a40022c3455bf9293c7cb86a65b1054d7e5114")
    version("0.3.21", sha256="f36ba3d7a60e7c8bcc54cd9aaa9b1223dd42eaf02c811791c37e8ca707c241ca")

    variant(
        "threads",
        default="none",
        values=("none", "pthreads", "openmp"),
        description="Threading of the BLAS kernels (USE_THREAD / USE_OPENMP)",
    )
    variant("ilp64", default=False, description="64-bit integers in the interface (INTERFACE64)")
    variant("shared", default=True, description="Build the shared library too (else NO_SHARED)")
    variant(
        "dynamic_dispatch",
        default=True,
        description="Build the family's other kernels too and pick one at run time (DYNAMIC_ARCH)",
    )
    variant(
        "fortran",
        default=False,
        description="Compile LAPACK with a Fortran compiler; off builds its f2c-converted copy",
    )
    variant("locking", default=True, description="Thread-safe calls even in serial builds")
    variant(
        "num_threads",
        default="512",
        values=("64", "128", "256", "512", "1024"),
        description="Most threads the library can use (NUM_THREADS); not taken from the host",
    )
    variant(
        "symbol_suffix",
        default="none",
        values=("none", "64_"),
        description="Suffix for every exported symbol (SYMBOLSUFFIX), e.g. 64_ for ILP64 side by side",
    )

    provides("blas", "lapack")
    provides("lapack@3.11:", when="@0.3.22:")
    provides("lapack@3.10.1:", when="@0.3.21")

    depends_on("perl", type="build", when="@:0.3.20")

    conflicts("threads=pthreads", when="~locking", msg="pthreads builds need +locking")
    conflicts("threads=openmp", when="%apple-clang", msg="Apple's clang has no OpenMP runtime")
    conflicts(
        "symbol_suffix=64_",
        when="~ilp64",
        msg="the 64_ suffix marks the ILP64 interface; add +ilp64",
    )

    sanity_check_is_file = ["include/cblas.h", "include/lapacke.h", "include/openblas_config.h"]
    sanity_check_is_dir = ["lib/cmake/openblas"]

    def _target(self):
        """OpenBLAS's TARGET for the spec's microarchitecture (None: let it probe)."""
        spec = self.spec
        if spec.satisfies("target=x86_64:"):
            table = _X86_TARGETS
        elif spec.satisfies("target=aarch64:"):
            table = _ARM_TARGETS
        else:
            return None
        for microarch, name in table:
            if spec.satisfies(f"target={microarch}:"):
                return name
        return "GENERIC"

    @property
    def _make_vars(self):
        spec = self.spec
        threads = self.variant_values("threads")[0]
        args = [
            "MAKE_NB_JOBS=0",  # parallelism comes from our make -jN
            "RANLIB=ranlib",
            f"USE_THREAD={0 if threads == 'none' else 1}",
            f"USE_OPENMP={1 if threads == 'openmp' else 0}",
            f"USE_LOCKING={1 if spec.satisfies('+locking') else 0}",
        ]
        if threads != "none":
            args.append(f"NUM_THREADS={self.variant_values('num_threads')[0]}")
        if spec.satisfies("~fortran"):
            args.append("NOFORTRAN=1")
        if spec.satisfies("+ilp64"):
            args.append("INTERFACE64=1")
        suffix = self.variant_values("symbol_suffix")[0]
        if suffix != "none":
            args.append(f"SYMBOLSUFFIX={suffix}")
        if spec.satisfies("~shared"):
            args.append("NO_SHARED=1")
        # The compiler wrappers build everything for the spec's target, so TARGET
        # names the same CPU; DYNAMIC_ARCH adds the family's other kernels and
        # picks the best one the running CPU can execute.
        target = self._target()
        if target:
            args.append(f"TARGET={target}")
        if spec.satisfies("+dynamic_dispatch"):
            args.append("DYNAMIC_ARCH=1")
        if not spec.satisfies("target=x86_64_v4:"):
            args.append("NO_AVX512=1")
        return args

    @property
    def build_targets(self):
        # 'libs netlib shared' is the documented order; a plain 'make' also runs tests.
        return [*self._make_vars, "libs", "netlib", "shared"]

    @property
    def install_targets(self):
        return [*self._make_vars, f"PREFIX={self.prefix}", "install"]
