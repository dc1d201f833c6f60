from rpm_spec.repo.api import *


class PySix(PythonPackage):
    """six: a single-module compatibility layer for code that runs on both
    Python 2 and Python 3; still a dependency of python-dateutil."""

    homepage = "https://github.com/benjaminp/six"
    url = "https://files.pythonhosted.org/packages/source/s/six/six-1.17.0.tar.gz"

    license("MIT")

    version("1.17.0", sha256="ff70335d468e7eb6ec65b95b99d3a2836546063f63acc5171de367e834932a81")
    version("1.16.0", sha256="1e61c37477a1626458e36f7b1d82aa5c9b094fa4802892072e49de9c60c4c926")

    depends_on("py-setuptools", type="build")
