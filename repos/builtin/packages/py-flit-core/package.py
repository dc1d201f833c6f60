from rpm_spec.repo.api import *


class PyFlitCore(PythonPackage):
    """flit_core: the small PEP 517 build backend of Flit, used to build pure
    Python packages (pip, wheel, packaging) and able to build itself."""

    homepage = "https://github.com/pypa/flit"
    url = "https://files.pythonhosted.org/packages/source/f/flit_core/flit_core-4.2.0.tar.gz"

    license("BSD-3-Clause")

    version("4.2.0", sha256="84e4e4d8fdd45ba2613800a3ebc6834de26d47ec9746efc3719f94181137b460")
    version("3.12.0", sha256="18f63100d6f94385c6ed57a72073443e1a71a4acb4339491615d0f16d6ff01b2")

    depends_on("python@3.8:", type=("build", "run"), when="@4:")
    depends_on("python@3.6:", type=("build", "run"))
