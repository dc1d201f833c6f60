from rpm_spec.repo.api import *


class PyScipy(PythonPackage):
    """SciPy: optimisation, integration, interpolation, signal processing,
    sparse matrices, statistics and special functions on top of NumPy;
    C, C++, Cython and Fortran code built with meson-python against
    BLAS/LAPACK. A Fortran compiler (gfortran) is required."""

    homepage = "https://scipy.org/"
    url = "https://files.pythonhosted.org/packages/source/s/scipy/scipy-1.18.1.tar.gz"
    git = "https://github.com/scipy/scipy.git"

    license("BSD-3-Clause")

    version("1.18.1", sha256="52c4b7422442aba924d03ad4019852b08a92e64ea187b933135687bfe2747307")
    version("1.17.1", sha256="95d8e012d8cb8816c226aef832200b1d45109ed4464303e997c5b13122b297c0")
    version("1.16.3", sha256="01e87659402762f43bd2fee13370553a17ada367d42e7487800bf2916535aecb")
    version("1.15.3", sha256="eae3cf522bc7df64b42cad3925c876e1b0b6c35c1337c93e12c0f366f55b0eaf")
    version("1.14.1", sha256="5a275584e726026a5699459aa72f828a610821006228e841b94275c4a7c08417")

    variant(
        "pythran",
        default=True,
        description="Compile the Pythran-accelerated kernels (meson option use-pythran)",
    )

    # Interpreters from each release's notes (1.16.1 added Python 3.14).
    depends_on("python@3.12:", type=("build", "run"), when="@1.18:")
    depends_on("python@3.11:", type=("build", "run"), when="@1.16:1.17")
    depends_on("python@3.10:3.13", type=("build", "run"), when="@:1.15")

    # NumPy: the run-time range of each release. The sdists ask for NumPy 2 at
    # build time only so that PyPI wheels also run on 1.x; building against the
    # NumPy that is used at run time is fine.
    depends_on("py-numpy@2.0:2.7", type=("build", "run"), when="@1.18")
    depends_on("py-numpy@1.26.4:2.6", type=("build", "run"), when="@1.17")
    depends_on("py-numpy@1.25.2:2.5", type=("build", "run"), when="@1.16")
    depends_on("py-numpy@1.23.5:2.4", type=("build", "run"), when="@1.15")
    depends_on("py-numpy@1.23.5:2.2", type=("build", "run"), when="@1.14")

    # [build-system] requires, including upstream's upper bounds.
    depends_on("py-meson-python@0.15:0.21", type="build", when="@1.18")
    depends_on("py-meson-python@0.15:0.20", type="build", when="@1.16:1.17")
    depends_on("py-meson-python@0.15:0.19", type="build", when="@1.15")
    depends_on("py-meson-python@0.15:0.18", type="build", when="@1.14")
    depends_on("meson@1.5:", type="build", when="@1.15:")
    depends_on("meson@1.1:", type="build")
    depends_on("py-cython@3.2", type="build", when="@1.18")
    depends_on("py-cython@3.0.8:3.2", type="build", when="@1.17")
    depends_on("py-cython@3.0.8:3.1", type="build", when="@1.16")
    depends_on("py-cython@3.0.8:3.0", type="build", when="@:1.15")
    depends_on("py-pybind11@2.13.2:3.0", type="build", when="@1.16:")
    depends_on("py-pybind11@2.13.2:2.13", type="build", when="@1.15")
    depends_on("py-pybind11@2.12", type="build", when="@1.14")
    with when("+pythran"):
        depends_on("py-pythran@0.18.1:0.19", type="build", when="@1.18")
        depends_on("py-pythran@0.14:0.18", type="build", when="@1.16:1.17")
        depends_on("py-pythran@0.14:0.17", type="build", when="@1.15")
        depends_on("py-pythran@0.14:0.16", type="build", when="@1.14")
    depends_on("pkgconfig", type="build")
    # The Meson options go in as repeated --config-settings=setup-args=..., which pip
    # collects into a list only from 23.1; older CPythons bundle an older pip
    # (3.11.2 ships 22.3.1), so bring a newer one there.
    depends_on("py-pip@23.1:", type="build", when="^python@:3.11")

    depends_on("blas")
    depends_on("lapack")

    # Minimum compilers checked by meson.build.
    conflicts("%gcc@:10.2", when="@1.18:", msg="SciPy 1.18 needs GCC 10.3 or newer")
    conflicts("%gcc@:9.0", msg="SciPy 1.14-1.17 need GCC 9.1 or newer")
    conflicts("%clang@:14", when="@1.16:", msg="SciPy 1.16 and newer need Clang 15 or newer")
    conflicts("%clang@:11", msg="SciPy 1.14 and 1.15 need Clang 12 or newer")

    # Meson dependency names of the BLAS/LAPACK providers; others are looked up by
    # their package name (which is also their pkg-config name).
    _MESON_NAMES = {
        "openblas": ("openblas", "openblas"),
        "intel-oneapi-mkl": ("mkl", "mkl"),
        "netlib-lapack": ("blas", "lapack"),
    }

    def install_options(self):
        blas = self.spec["blas"].name
        lapack = self.spec["lapack"].name
        settings = [
            f"-Dblas={self._MESON_NAMES.get(blas, (blas, blas))[0]}",
            f"-Dlapack={self._MESON_NAMES.get(lapack, (lapack, lapack))[1]}",
            "-Duse-pythran=" + ("true" if self.spec.satisfies("+pythran") else "false"),
        ]
        return [f"--config-settings=setup-args={setting}" for setting in settings]
