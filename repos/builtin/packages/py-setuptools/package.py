from rpm_spec.repo.api import *


class PySetuptools(PythonPackage):
    """setuptools: the most widely used build backend for Python
    distributions, including ones with C/C++ extension modules."""

    homepage = "https://github.com/pypa/setuptools"
    url = "https://files.pythonhosted.org/packages/source/s/setuptools/setuptools-84.2.1.tar.gz"

    license("MIT")

    version("84.2.1", sha256="3ff8b3b5492a0aa66960f4419365a86b84e013070d4313e4d4a6894f5d64d6bc")
    version("80.9.0", sha256="f36b47402ecde768dbfafc46e8e4207b4360c654f1f3bb84475f0a28628fb19c")
    version("75.8.2", sha256="4880473a969e5f23f2a2be3646b2dfd84af9028716d398e46192f84bc36900d2")

    # setuptools builds itself (its pyproject points the backend at its own tree).
    depends_on("python@3.10:", type=("build", "run"), when="@84:")
    depends_on("python@3.9:", type=("build", "run"))
