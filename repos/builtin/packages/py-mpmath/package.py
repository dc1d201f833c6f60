from rpm_spec.repo.api import *


class PyMpmath(PythonPackage):
    """mpmath: arbitrary-precision real and complex floating-point arithmetic
    with a large library of special functions; SymPy's numeric back end."""

    homepage = "https://mpmath.org/"
    url = "https://files.pythonhosted.org/packages/source/m/mpmath/mpmath-1.4.1.tar.gz"

    license("BSD-3-Clause")

    version("1.4.1", sha256="efd6d1b75f09d69524a67609949812668b28e81ecbfe0ab449ced8c13e92642e")
    version("1.3.0", sha256="7a28eb2a9774d00c7bc92411c19a89209d5da7c4c9a9e227be8330a23a25b91f")

    depends_on("python@3.9:", type=("build", "run"), when="@1.4:")
    depends_on("py-setuptools@77:", type="build", when="@1.4:")
    depends_on("py-setuptools@36.7:", type="build")
    depends_on("py-setuptools-scm@8:", type="build", when="@1.4:")
