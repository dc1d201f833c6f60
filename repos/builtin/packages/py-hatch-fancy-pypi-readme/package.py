from rpm_spec.repo.api import *


class PyHatchFancyPypiReadme(PythonPackage):
    """hatch-fancy-pypi-readme: a hatchling metadata hook that assembles the
    PyPI long description from fragments of several files."""

    homepage = "https://github.com/hynek/hatch-fancy-pypi-readme"
    url = (
        "https://files.pythonhosted.org/packages/source/h/hatch_fancy_pypi_readme/"
        "hatch_fancy_pypi_readme-25.1.0.tar.gz"
    )

    license("MIT")

    version("25.1.0", sha256="9c58ed3dff90d51f43414ce37009ad1d5b0f08ffc9fc216998a06380f01c0045")
    version("24.1.0", sha256="44dd239f1a779b9dcf8ebc9401a611fd7f7e3e14578dcf22c265dfaf7c1514b8")

    depends_on("python@3.8:", type=("build", "run"), when="@25:")
    depends_on("python@3.7:", type=("build", "run"))
    depends_on("py-hatchling", type=("build", "run"))
    depends_on("py-tomli", type="run", when="^python@:3.10")
