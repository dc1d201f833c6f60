from rpm_spec.repo.api import *


class PyPoetryCore(PythonPackage):
    """poetry-core: the PEP 517 build backend of Poetry, with its
    dependencies vendored so that it can build itself."""

    homepage = "https://github.com/python-poetry/poetry-core"
    url = "https://files.pythonhosted.org/packages/source/p/poetry_core/poetry_core-2.5.0.tar.gz"

    license("MIT")

    version("2.5.0", sha256="81d04c9253b19d0604718268d781867c8f7b2128e5b25bbf1e84141eec6b89c4")
    version("2.3.2", sha256="20cb71be27b774628da9f384effd9183dfceb53bcef84063248a8672aa47031f")
    version("2.2.1", sha256="97e50d8593c8729d3f49364b428583e044087ee3def1e010c6496db76bd65ac5")
    version("1.9.1", sha256="7a2d49214bf58b4f17f99d6891d947a9836c9899a67a5069f52d7b67217f61b8")

    # The backend builds itself from its own source tree (backend-path = src).
    depends_on("python@3.10:3", type=("build", "run"), when="@2.3:")
    depends_on("python@3.9:3", type=("build", "run"), when="@2:")
    depends_on("python@3.8:3", type=("build", "run"))
