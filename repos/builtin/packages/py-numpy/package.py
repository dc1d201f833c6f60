from rpm_spec.repo.api import *


class PyNumpy(PythonPackage):
    """NumPy: the n-dimensional array type and the numerical routines
    (linear algebra, FFT, random numbers) underneath scientific Python;
    built with meson-python, optionally against an optimised BLAS/LAPACK."""

    homepage = "https://numpy.org/"
    url = "https://files.pythonhosted.org/packages/source/n/numpy/numpy-2.5.5.tar.gz"
    git = "https://github.com/numpy/numpy.git"

    license("BSD-3-Clause AND 0BSD AND MIT AND Zlib AND CC0-1.0", when="@2.4:")
    license("BSD-3-Clause")

    version("2.5.5", sha256="5cddc243c75114ba845f01b1f87aca1572dbf7b6c2d88636ed3e1d2bccd7f1bf")
    version("2.4.6", sha256="f3a3570c4a2a16746ac2c31a7c7c7b0c186b95ce902e33db6f28094ed7387dda")
    version("2.3.5", sha256="784db1dcdab56bf0517743e746dfb0f885fc68d948aba86eeec2cba234bdf1c0")
    version("2.2.6", sha256="e29554e2bef54a90aa5cc07da6ce955accb83f21ab5de01a62c8478897b264fd")
    version("2.1.3", sha256="aa08e04e08aaf974d4458def539dece0d28146d866a39da5639596f4921fd761")
    version("2.0.2", sha256="883c987dee1880e2a864ab0dc9892292582510604156762362d9326444636e78")
    version("1.26.4", sha256="2a02aba9ed12e4ac4eb3ea9421c420301a0c6460d9830d74a9df87efa4912010")

    variant(
        "blas",
        default=True,
        description="Link BLAS/LAPACK (CBLAS interface); off uses NumPy's slow internal fallback",
    )

    # Supported interpreters, from each series' release notes.
    depends_on("python@3.12:", type=("build", "run"), when="@2.5:")
    depends_on("python@3.11:", type=("build", "run"), when="@2.3:2.4")
    depends_on("python@3.10:3.13", type=("build", "run"), when="@2.1:2.2")
    depends_on("python@3.9:3.12", type=("build", "run"), when="@:2.0")

    # [build-system] requires of each sdist; NumPy drives its own vendored Meson
    # through meson-python, which brings meson and ninja.
    depends_on("py-meson-python@0.18:", type="build", when="@2.4:")
    depends_on("py-meson-python@0.15:", type="build", when="@2.0:2.3")
    depends_on("py-meson-python@0.15", type="build", when="@1.26")
    depends_on("py-cython@3.1:", type="build", when="@2.5:")
    depends_on("py-cython@3.0.6:", type="build", when="@2.0:2.4")
    depends_on("py-cython@0.29.34:3.0", type="build", when="@1.26")

    # The Meson options go in as repeated --config-settings=setup-args=..., which pip
    # collects into a list only from 23.1; older CPythons bundle an older pip
    # (3.11.2 ships 22.3.1), so bring a newer one there.
    depends_on("py-pip@23.1:", type="build", when="^python@:3.11")
    with when("+blas"):
        depends_on("blas")
        depends_on("lapack")
        depends_on("pkgconfig", type="build")

    # Minimum compilers checked by meson.build.
    conflicts("%gcc@:10.2", when="@2.5:", msg="NumPy 2.5 needs GCC 10.3 or newer")
    conflicts("%gcc@:9.2", when="@2.3:", msg="NumPy 2.3 and 2.4 need GCC 9.3 or newer")
    conflicts("%gcc@:8.3", msg="NumPy 1.26-2.2 need GCC 8.4 or newer")

    sanity_check_is_file = ["bin/f2py"]

    # Meson dependency names of the BLAS/LAPACK providers; others are looked up by
    # their package name (which is also their pkg-config name).
    _MESON_NAMES = {
        "openblas": ("openblas", "openblas"),
        "intel-oneapi-mkl": ("mkl", "mkl"),
        "netlib-lapack": ("blas", "lapack"),
    }

    def install_options(self):
        if not self.spec.satisfies("+blas"):
            # No library is called "none", so detection finds nothing and the
            # internal routines are used instead of whatever the host has.
            settings = ["-Dblas=none", "-Dlapack=none", "-Dallow-noblas=true"]
        else:
            blas = self.spec["blas"]
            lapack = self.spec["lapack"]
            blas_name = self._MESON_NAMES.get(blas.name, (blas.name, blas.name))[0]
            lapack_name = self._MESON_NAMES.get(lapack.name, (lapack.name, lapack.name))[1]
            settings = [f"-Dblas={blas_name}", f"-Dlapack={lapack_name}", "-Dallow-noblas=false"]
            if blas.satisfies("+ilp64"):
                settings.append("-Duse-ilp64=true")
        return [f"--config-settings=setup-args={setting}" for setting in settings]
