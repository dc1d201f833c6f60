from rpm_spec.repo.api import *


class PyPip(PythonPackage):
    """pip: the PyPA's installer for Python packages from PyPI, other indexes,
    local archives and source trees."""

    homepage = "https://pip.pypa.io/"
    url = "https://files.pythonhosted.org/packages/source/p/pip/pip-26.3.tar.gz"

    license("MIT")

    version("26.3", sha256="6c36ae7da8695be67e3cd9f7d87919667ced53f57ce2ede75d89b5912ed2bc4c")
    version("26.1.2", sha256="f49cd134c61cf2fd75e0ce2676db03e4054504a5a4986d00f8299ae632dc4605")
    version("25.3", sha256="8d0538dbbd7babbd207f261ed969c65de439f6bc9e5dbd3b3b9a77f25d95f343")
    version("24.3.1", sha256="ebcb60557f2aefabc2e0f918751cd24ea0d56d8ec5445fe1807f1d2109660b99")

    depends_on("python@3.10:", type=("build", "run"), when="@26:")
    depends_on("python@3.9:", type=("build", "run"), when="@25")
    depends_on("python@3.8:", type=("build", "run"))
    # The build backend moved from setuptools to flit_core in 25.1.
    depends_on("py-flit-core@3.11:3", type="build", when="@25.1:26.2")
    depends_on("py-flit-core@3.11:4", type="build", when="@26.3:")
    depends_on("py-setuptools@67.6.1:", type="build", when="@:25.0")

    sanity_check_is_file = ["bin/pip"]
