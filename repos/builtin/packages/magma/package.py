from pathlib import Path

from rpm_spec.repo.api import *


class Magma(CMakePackage, CudaPackage, ROCmPackage):
    """MAGMA: dense linear algebra (LAPACK-style factorizations, solvers, eigenvalue and
    SVD routines, batched BLAS) for hybrid CPU + GPU systems, on CUDA or HIP.

    Exactly one GPU backend is built: ``+cuda`` (the default) or ``+rocm``; the CPU
    side uses the ``blas``/``lapack`` providers. ``+rocm`` needs hipBLAS and hipSPARSE,
    which this repository does not package yet (see the README's GPU section).
    """

    homepage = "https://icl.utk.edu/magma/"
    url = "https://icl.utk.edu/projectsfiles/magma/downloads/magma-2.9.0.tar.gz"
    git = "https://github.com/icl-utk-edu/magma.git"

    license("BSD-3-Clause")

    version("2.9.0", sha256="ff77fd3726b3dfec3bfb55790b06480aa5cc384396c2db35c56fdae4a82c641c")
    version("2.8.0", sha256="f4e5e75350743fe57f49b615247da2cc875e5193cc90c11b43554a7c82cc4348")
    version("2.7.2", sha256="729bc1a70e518a7422fe7a3a54537a4741035a77be3349f66eac5c362576d560")
    version("2.7.1", sha256="d9c8711c047a38cae16efde74bee2eb3333217fd2711e1e9b8606cbbb4ae1a50")

    variant("cuda", default=True, description="Build the CUDA backend")
    variant("shared", default=True, description="Build shared libraries")
    variant("fortran", default=False, description="Build the Fortran interface (needs gfortran)")

    depends_on("cmake@3.18:", type="build")
    depends_on("blas")
    depends_on("lapack")
    with when("+rocm"):
        depends_on("hipblas")
        depends_on("hipblas@:6", when="@:2.9.0")
        depends_on("hipsparse")
        depends_on("rocm-core", when="@2.8:")

    conflicts("~cuda", when="~rocm", msg="MAGMA needs a GPU backend: +cuda or +rocm")
    conflicts("+cuda", when="+rocm", msg="MAGMA builds one GPU backend: +cuda or +rocm")
    # MAGMA 2.8.0 and older fail to compile against CUDA 12.6's headers
    # (icl-utk-edu/magma issue #7).
    conflicts(
        "^cuda@12.6:", when="@:2.8.0 +cuda", msg="MAGMA 2.8.0 and older need CUDA 12.5 or older"
    )
    # Architectures MAGMA 2.8 and older do not know in GPU_TARGET (2.9.0 knows them all).
    for _arch in ("52", "53", "61", "62", "72", "86"):
        conflicts(
            f"cuda_arch={_arch}",
            when="@:2.8 +cuda",
            msg=f"MAGMA 2.8 and older do not know sm_{_arch}; use MAGMA 2.9.0",
        )
    del _arch

    sanity_check_is_file = ["include/magma_v2.h", "lib/pkgconfig/magma.pc"]

    def cmake_args(self):
        spec = self.spec
        args = [
            self.define_from_variant("BUILD_SHARED_LIBS", "shared"),
            self.define_from_variant("USE_FORTRAN", "fortran"),
            self.define("LAPACK_LIBRARIES", self._blas_lapack_libraries()),
        ]
        if spec.satisfies("+cuda"):
            archs = self.cuda_archs()
            args += [
                self.define("MAGMA_ENABLE_CUDA", True),
                self.define("GPU_TARGET", " ".join(f"sm_{arch}" for arch in archs)),
                self.define("CMAKE_CUDA_ARCHITECTURES", list(archs)),
                self.define("CMAKE_CUDA_COMPILER", Path(spec["cuda"].prefix) / "bin" / "nvcc"),
                self.define("CUDAToolkit_ROOT", Path(spec["cuda"].prefix)),
            ]
        else:
            hip = Path(spec["hip"].prefix)
            args += [
                self.define("MAGMA_ENABLE_HIP", True),
                self.define("GPU_TARGET", " ".join(self.amdgpu_targets())),
                self.define("CMAKE_CXX_COMPILER", hip / "bin" / "hipcc"),
            ]
            if spec.satisfies("@2.8:"):
                args.append(self.define("ROCM_CORE", Path(spec["rocm-core"].prefix)))
        return args

    def _blas_lapack_libraries(self):
        """The LAPACK and BLAS shared libraries of the chosen providers, LAPACK first
        (MAGMA links LAPACK_LIBRARIES only, so BLAS must be listed there too)."""
        found = []
        for virtual, stems in (
            ("lapack", ("openblas", "mkl_rt", "flexiblas", "lapack")),
            ("blas", ("openblas", "mkl_rt", "flexiblas", "blas")),
        ):
            prefix = Path(self.spec[virtual].prefix)
            candidates = [prefix / d / f"lib{stem}.so" for stem in stems for d in ("lib", "lib64")]
            library = next((str(path) for path in candidates if path.exists()), None)
            if library is None:
                raise RecipeError(f"magma: no {virtual} library found under {prefix}")
            if library not in found:
                found.append(library)
        return found
