import datetime

from rpm_spec.repo.api import *

#: LAMMPS packages offered as variants (PKG_<NAME>), with their defaults: the
#: common force fields and integrators on, the rest on request.
_PACKAGES = {
    "kspace": True,
    "manybody": True,
    "molecule": True,
    "rigid": True,
    "class2": False,
    "colvars": False,
    "extra-fix": False,
    "extra-pair": False,
    "granular": False,
    "mc": False,
    "misc": False,
    "ml-snap": False,
    "openmp-package": False,
    "opt": False,
    "qeq": False,
    "reaxff": False,
    "replica": False,
}
#: cuda_arch values Kokkos can target; LAMMPS passes the same one to both.
_CUDA_ARCHS = (
    "60",
    "61",
    "70",
    "72",
    "75",
    "80",
    "86",
    "87",
    "89",
    "90",
    "100",
    "120",
)
#: Oldest Kokkos each LAMMPS release accepts as an external Kokkos (its cmake checks).
_KOKKOS_MINIMUM = (
    ("@20260704:", "5.1.0"),
    ("@20260211:", "5.0.2"),
    ("@20251210:", "4.7.01"),
    ("@20250722:", "4.6.02"),
    ("@20250204:", "4.5.01"),
    ("@20241119:", "4.4.01"),
    ("@20240627:", "4.3.01"),
)
#: Releases named stable_<date>[_updateN]; the others are feature ("patch_") releases.
_STABLE = {"20260930", "20250722.6", "20240829.4", "20230802.4"}


class Lammps(CMakePackage, CudaPackage, ROCmPackage):
    """LAMMPS: the Large-scale Atomic/Molecular Massively Parallel Simulator,
    a classical molecular dynamics code for materials, soft matter and
    coarse-grained systems, parallel over MPI with OpenMP, GPU (CUDA, HIP)
    and Kokkos acceleration packages.

    Versions are release dates (``20250722.6`` = stable 22 Jul 2025, update
    6). Optional physics comes as LAMMPS "packages", each a variant here."""

    homepage = "https://www.lammps.org"
    url = "https://github.com/lammps/lammps/archive/stable_22Jul2025_update6.tar.gz"
    git = "https://github.com/lammps/lammps.git"

    license("GPL-2.0-only")

    version("20260930", sha256="56e6670161cc0e4c5a4816a95edc80c00c9507a98445d0756b9ad8b5eb29748e")
    version(
        "20250722.6", sha256="40780d0269c656ffa983a8e3e6ed047fedfe1d0b7344b77ace25bf8c7c535f01"
    )
    version(
        "20240829.4", sha256="e7d6d60b94ada5acc2e1e9966ae12547fd550d6967d4511b8655c77e24878728"
    )
    version(
        "20230802.4", sha256="6eed007cc24cda80b5dd43372b2ad4268b3982bb612669742c8c336b79137b5b"
    )

    for _name, _default in _PACKAGES.items():
        variant(_name, default=_default, description=f"The {_name.upper()} package")
    variant("kokkos", default=False, description="The KOKKOS package, on an external Kokkos")
    variant("netcdf", default=False, description="NetCDF dump styles (NETCDF package)")
    variant("h5md", default=False, description="HDF5-based H5MD dump style (H5MD package)")
    variant("mpi", default=True, description="Build with MPI (else the serial MPI stub)")
    variant("openmp", default=True, description="Compile with OpenMP")
    variant("lib", default=True, description="Also build and install liblammps")
    variant("png", default=False, description="Write PNG images from dump image")
    variant("jpeg", default=False, description="Write JPEG images from dump image")
    variant(
        "lammps_sizes",
        default="smallbig",
        values=("smallbig", "bigbig", "smallsmall"),
        description="Integer sizes: smallbig (64-bit step/atom counts), bigbig, smallsmall",
    )
    variant(
        "fft",
        default="fftw3",
        values=("fftw3", "kiss", "mkl"),
        when="+kspace",
        description="FFT library for KSPACE (kiss is the bundled one)",
    )
    variant("gpu", default=True, when="+cuda", description="The GPU package (CUDA)")
    variant("gpu", default=True, when="+rocm", description="The GPU package (HIP)")
    variant(
        "gpu_precision",
        default="mixed",
        values=("single", "mixed", "double"),
        when="+gpu",
        description="Floating-point precision of the GPU package",
    )
    variant(
        "cuda_arch",
        default="none",
        values=("none", *_CUDA_ARCHS),
        when="+cuda",
        description="The NVIDIA GPU architecture to compile for (one)",
    )

    depends_on("cmake@3.16:", type="build")
    depends_on("cmake@3.20:", type="build", when="@20250910:")
    depends_on("mpi", when="+mpi")
    depends_on("fftw-api@3", when="+kspace fft=fftw3")
    depends_on("intel-oneapi-mkl", when="+kspace fft=mkl")
    depends_on("netcdf-c+mpi", when="+netcdf")
    depends_on("hdf5", when="+h5md")
    depends_on("mpi", when="+h5md")
    depends_on("libpng", when="+png")
    depends_on("jpeg", when="+jpeg")
    with when("+kokkos"):
        depends_on("kokkos+shared")
        depends_on("kokkos@3.7.01:")
        for _range, _minimum in _KOKKOS_MINIMUM:
            depends_on(f"kokkos@{_minimum}:", when=_range)
        depends_on("kokkos+cuda", when="+cuda")
        depends_on("kokkos+rocm", when="+rocm")
        for _arch in _CUDA_ARCHS:
            depends_on(f"kokkos cuda_arch={_arch}", when=f"+cuda cuda_arch={_arch}")

    conflicts("^kokkos@5:", when="@:20251210", msg="Kokkos 5 support arrived in LAMMPS 20260211")
    conflicts(
        "lammps_sizes=smallsmall", when="@20250402:", msg="smallsmall was removed in 20250402"
    )
    conflicts("+qeq", when="~manybody", msg="QEQ needs MANYBODY")
    conflicts("+cuda", when="+rocm", msg="choose one GPU backend")

    sanity_check_is_file = ["bin/lmp"]

    #: LAMMPS keeps its CMakeLists.txt in cmake/, not at the top of the tree.
    root_cmakelists_dir = "cmake"

    def url_for_version(self, version):
        text = str(version)
        date, _, update = text.partition(".")
        tag = datetime.datetime.strptime(date, "%Y%m%d").strftime("%d%b%Y").lstrip("0")
        kind = "stable" if text in _STABLE else "patch"
        suffix = f"_update{update}" if update else ""
        return f"https://github.com/lammps/lammps/archive/{kind}_{tag}{suffix}.tar.gz"

    def cmake_args(self):
        spec = self.spec
        args = [
            self.define_from_variant("BUILD_MPI", "mpi"),
            self.define_from_variant("BUILD_OMP", "openmp"),
            self.define_from_variant("BUILD_SHARED_LIBS", "lib"),
            self.define_from_variant("BUILD_LIB", "lib"),
            self.define_from_variant("LAMMPS_SIZES", "lammps_sizes"),
            self.define_from_variant("WITH_PNG", "png"),
            self.define_from_variant("WITH_JPEG", "jpeg"),
            self.define("WITH_FFMPEG", False),
            self.define("DOWNLOAD_POTENTIALS", False),
            self.define("ENABLE_TESTING", False),
            self.define_from_variant("PKG_KOKKOS", "kokkos"),
            self.define_from_variant("PKG_NETCDF", "netcdf"),
            self.define_from_variant("PKG_H5MD", "h5md"),
        ]
        for name in _PACKAGES:
            option = "PKG_" + name.removesuffix("-package").upper()
            args.append(self.define(option, spec.satisfies(f"+{name}")))
        if spec.satisfies("+kspace"):
            args.append(self.define_from_variant("FFT", "fft"))
        if spec.satisfies("+kokkos"):
            args.append(self.define("EXTERNAL_KOKKOS", True))
        gpu = spec.satisfies("+cuda") or spec.satisfies("+rocm")
        args.append(self.define("PKG_GPU", gpu and spec.satisfies("+gpu")))
        if gpu and spec.satisfies("+gpu"):
            args.append(self.define_from_variant("GPU_PREC", "gpu_precision"))
            if spec.satisfies("+cuda"):
                args += [
                    self.define("GPU_API", "cuda"),
                    self.define("GPU_ARCH", f"sm_{self.variant_values('cuda_arch')[0]}"),
                ]
            else:
                args += [
                    self.define("GPU_API", "hip"),
                    self.define("HIP_ARCH", self.amdgpu_targets()[0]),
                ]
        return args
