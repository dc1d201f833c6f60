from pathlib import Path

from rpm_spec.repo.api import *

#: cuda_arch → the Kokkos_ARCH_<NAME> option for that GPU (Kokkos takes exactly one).
_CUDA_ARCH = {
    "35": "KEPLER35",
    "37": "KEPLER37",
    "50": "MAXWELL50",
    "52": "MAXWELL52",
    "53": "MAXWELL53",
    "60": "PASCAL60",
    "61": "PASCAL61",
    "70": "VOLTA70",
    "72": "VOLTA72",
    "75": "TURING75",
    "80": "AMPERE80",
    "86": "AMPERE86",
    "87": "AMPERE87",
    "89": "ADA89",
    "90": "HOPPER90",
    "100": "BLACKWELL100",
    "120": "BLACKWELL120",
}
#: amdgpu_target → Kokkos_ARCH_<NAME>.
_AMDGPU_ARCH = {
    "gfx906": "VEGA906",
    "gfx908": "VEGA908",
    "gfx90a": "VEGA90A",
    "gfx940": "AMD_GFX940",
    "gfx942": "AMD_GFX942",
    "gfx1030": "NAVI1030",
    "gfx1100": "NAVI1100",
}
#: Host CPU options, newest first: the first one the spec's target descends from wins.
#: Arm cores get no option: the compiler wrappers already pass -mcpu for the target.
_HOST_ARCH = (
    ("zen5", "ZEN5"),
    ("zen4", "ZEN4"),
    ("zen3", "ZEN3"),
    ("zen2", "ZEN2"),
    ("zen", "ZEN"),
    ("sapphirerapids", "SPR"),
    ("icelake", "ICL"),
    ("skylake_avx512", "SKX"),
    ("skylake", "SKL"),
    ("broadwell", "BDW"),
    ("haswell", "HSW"),
    ("sandybridge", "SNB"),
    ("thunderx2", "ARMV8_THUNDERX2"),
    ("a64fx", "A64FX"),
)


class Kokkos(CMakePackage, CudaPackage, ROCmPackage):
    """Kokkos: a C++ performance-portability programming model (parallel
    patterns, multidimensional views, memory spaces) with backends for
    serial, OpenMP and C++ threads on CPUs and CUDA, HIP and SYCL on GPUs.

    Kokkos compiles for exactly one GPU architecture: ``cuda_arch`` and
    ``amdgpu_target`` take a single value here. With ``+cuda`` the code is
    compiled either as CMake's CUDA language (``+cmake_lang``, the default)
    or through the ``nvcc_wrapper`` shipped in the source tree, which calls
    nvcc with the host C++ compiler named by ``NVCC_WRAPPER_DEFAULT_COMPILER``;
    clang compiles CUDA itself and needs neither."""

    homepage = "https://kokkos.org"
    url = "https://github.com/kokkos/kokkos/releases/download/4.6.02/kokkos-4.6.02.tar.gz"
    git = "https://github.com/kokkos/kokkos.git"

    license("Apache-2.0 WITH LLVM-exception")

    version("5.2.2", sha256="d6557aaef39302282a15f9c770433d1fcdf4e961dfd6d9ed726b9d0d0f546b9f")
    version("5.2.1", sha256="3f754c99aa6130b1dd6520d904db7b2fd44ed618cd91e0dfd921956f23f6812d")
    version("5.1.0", sha256="7bdbdfc88033ed7d940c7940ed8919e1f2b78a9656c69276beb76ad45c41ec4e")
    version("5.0.2", sha256="188817bb452ca805ee8701f1c5adbbb4fb83dc8d1c50624566a18a719ba0fa5e")
    version("5.0.1", sha256="cf7d8515ca993229929be9f051aecd8f93cde325adac8a4f82ed6848adace218")
    version("5.0.0", sha256="c45f3e19c3eb71fc8b7210cb04cac658015fc1839e7cc0571f7406588ff9bcef")
    version("4.7.02", sha256="a81826ac0a167933d13506bc2a986fb5517038df9abb780fe9bb2c1d4e80803b")
    version("4.7.01", sha256="404cf33e76159e83b8b4ad5d86f6899d442b5da4624820ab457412116cdcd201")
    version("4.6.02", sha256="baf1ebbe67abe2bbb8bb6aed81b4247d53ae98ab8475e516d9c87e87fa2422ce")
    version("4.6.01", sha256="b9d70e4653b87a06dbb48d63291bf248058c7c7db4bd91979676ad5609bb1a3a")
    version("4.6.00", sha256="be72cf7fc6ef6b99c614f29b945960013a2aaa23859bfe1a560d8d9aa526ec9c")
    version("4.5.01", sha256="52d003ffbbe05f30c89966e4009c017efb1662b02b2b73190670d3418719564c")
    version("4.5.00", sha256="cbfb742feeb9e649db9eca0394e6ca9a22aa017a1e6aab8576990772a0e3135b")
    version("4.4.01", sha256="3413f0cb39912128d91424ebd92e8832009e7eeaf6fa8da58e99b0d37860d972")
    version("4.4.00", sha256="0b46372f38c48aa088411ac1b7c173a5c90f0fdb69ab40271827688fc134f58b")
    version(
        "4.3.01",
        sha256="5998b7c732664d6b5e219ccc445cd3077f0e3968b4be480c29cd194b4f45ec70",
        url="https://github.com/kokkos/kokkos/archive/4.3.01.tar.gz",
    )

    variant("serial", default=True, description="Serial host backend")
    variant("openmp", default=False, description="OpenMP host backend")
    variant("threads", default=False, description="C++ std::thread host backend")
    variant(
        "cuda_arch",
        default="none",
        values=("none", *_CUDA_ARCH),
        when="+cuda",
        description="The one NVIDIA GPU architecture to compile for",
    )
    variant(
        "amdgpu_target",
        default="none",
        values=("none", *_AMDGPU_ARCH),
        when="+rocm",
        description="The one AMD GPU architecture to compile for",
    )
    variant(
        "cmake_lang",
        default=True,
        when="+cuda",
        description="Compile as CMake's CUDA language instead of through nvcc_wrapper",
    )
    variant("cuda_lambda", default=True, when="@:4 +cuda", description="Extended device lambdas")
    variant(
        "cuda_relocatable_device_code",
        default=False,
        when="+cuda",
        description="Relocatable device code (separate compilation, static libraries only)",
    )
    variant(
        "cxxstd", default="17", values=("17", "20", "23"), when="@:4", description="C++ standard"
    )
    variant("cxxstd", default="20", values=("20", "23"), when="@5:", description="C++ standard")
    variant("shared", default=True, description="Build shared libraries")
    variant("pic", default=False, description="Position-independent code")
    variant("hwloc", default=False, description="Use hwloc for thread placement")
    variant("debug_bounds_check", default=False, description="Bounds-check every View access")
    variant("aggressive_vectorization", default=False, description="Vectorization pragmas")
    variant("tuning", default=False, description="Bindings for Kokkos Tools tuning")

    depends_on("cmake@3.16:", type="build")
    depends_on("cmake@3.22:", type="build", when="@5:")
    depends_on("cmake@3.25.2:", type="build", when="@5: +cuda +cmake_lang")
    depends_on("hwloc", when="+hwloc")
    depends_on("cuda@11:", when="+cuda")
    depends_on("cuda@12.2:", when="@5: +cuda")
    depends_on("hip@6.2:", when="@5: +rocm")

    conflicts("~serial", when="~openmp ~threads", msg="Kokkos needs at least one host backend")
    conflicts("+cuda", when="+rocm", msg="Kokkos builds one GPU backend: +cuda or +rocm")
    conflicts("^cuda@13:", when="@:4.7.00", msg="CUDA 13 support arrived in Kokkos 4.7.01")
    conflicts("%gcc@:10.3", when="@5:", msg="Kokkos 5 requires C++20: GCC 10.4 or newer")
    conflicts("%clang@:13", when="@5:", msg="Kokkos 5 requires C++20: Clang 14 or newer")
    conflicts("cuda_arch=35", when="@5:", msg="Kokkos 5 removed Kepler support")
    conflicts("cuda_arch=37", when="@5:", msg="Kokkos 5 removed Kepler support")
    for _arch in ("100", "120"):
        conflicts(
            f"cuda_arch={_arch}",
            when="@:4.5",
            msg="Kokkos 4.6 is the first release with Blackwell architecture options",
        )
    conflicts(
        "+shared",
        when="+cuda_relocatable_device_code",
        msg="relocatable device code needs static libraries (~shared)",
    )

    sanity_check_is_file = ["include/Kokkos_Core.hpp", "include/KokkosCore_config.h"]
    sanity_check_is_dir = ["bin"]

    def _host_arch(self):
        for microarch, name in _HOST_ARCH:
            if self.spec.satisfies(f"target={microarch}:"):
                return name
        return None

    def cmake_args(self):
        spec = self.spec
        args = [
            self.define_from_variant("BUILD_SHARED_LIBS", "shared"),
            self.define_from_variant("CMAKE_POSITION_INDEPENDENT_CODE", "pic"),
            self.define_from_variant("CMAKE_CXX_STANDARD", "cxxstd"),
            self.define_from_variant("Kokkos_ENABLE_SERIAL", "serial"),
            self.define_from_variant("Kokkos_ENABLE_OPENMP", "openmp"),
            self.define_from_variant("Kokkos_ENABLE_THREADS", "threads"),
            self.define_from_variant("Kokkos_ENABLE_CUDA", "cuda"),
            self.define_from_variant("Kokkos_ENABLE_HIP", "rocm"),
            self.define_from_variant("Kokkos_ENABLE_HWLOC", "hwloc"),
            self.define_from_variant("Kokkos_ENABLE_DEBUG_BOUNDS_CHECK", "debug_bounds_check"),
            self.define_from_variant(
                "Kokkos_ENABLE_AGGRESSIVE_VECTORIZATION", "aggressive_vectorization"
            ),
            self.define_from_variant("Kokkos_ENABLE_TUNING", "tuning"),
            self.define("Kokkos_ENABLE_TESTS", False),
            self.define("Kokkos_ENABLE_EXAMPLES", False),
        ]
        host = self._host_arch()
        if host:
            args.append(self.define(f"Kokkos_ARCH_{host}", True))
        if spec.satisfies("+hwloc"):
            args.append(self.define("HWLOC_DIR", spec["hwloc"].prefix))
        if spec.satisfies("+cuda"):
            args += self._cuda_args()
        if spec.satisfies("+rocm"):
            target = self.variant_values("amdgpu_target")[0]
            args += [
                self.define(f"Kokkos_ARCH_{_AMDGPU_ARCH[target]}", True),
                self.define("CMAKE_CXX_COMPILER", spec["hip"].prefix / "bin" / "hipcc"),
            ]
        return args

    def _cuda_args(self):
        spec = self.spec
        arch = self.variant_values("cuda_arch")[0]
        args = [
            self.define(f"Kokkos_ARCH_{_CUDA_ARCH[arch]}", True),
            self.define_from_variant("Kokkos_ENABLE_CUDA_LAMBDA", "cuda_lambda"),
            self.define_from_variant(
                "Kokkos_ENABLE_CUDA_RELOCATABLE_DEVICE_CODE", "cuda_relocatable_device_code"
            ),
        ]
        nvcc = spec["cuda"].prefix / "bin" / "nvcc"
        if spec.satisfies("%clang"):
            return args  # clang is a CUDA compiler itself
        if spec.satisfies("+cmake_lang"):
            args += [
                self.define("Kokkos_ENABLE_COMPILE_AS_CMAKE_LANGUAGE", True),
                self.define("CMAKE_CUDA_COMPILER", nvcc),
                self.define("CMAKE_CUDA_ARCHITECTURES", arch),
                self.define_from_variant("CMAKE_CUDA_STANDARD", "cxxstd"),
            ]
        else:
            args.append(self.define("CMAKE_CXX_COMPILER", Path.cwd() / "bin" / "nvcc_wrapper"))
        return args
