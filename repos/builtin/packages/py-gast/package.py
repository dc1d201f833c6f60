from rpm_spec.repo.api import *


class PyGast(PythonPackage):
    """gast: a generic AST that is stable across Python versions, used by
    Pythran and beniget to analyse Python code."""

    homepage = "https://github.com/serge-sans-paille/gast"
    url = "https://files.pythonhosted.org/packages/source/g/gast/gast-0.7.0.tar.gz"

    license("BSD-3-Clause")

    version("0.7.0", sha256="0bb14cd1b806722e91ddbab6fb86bba148c22b40e7ff11e248974e04c8adfdae")
    version("0.6.0", sha256="88fc5300d32c7ac6ca7b515310862f71e6fdf2c029bbec7c66c0f5dd47b6b1fb")
    version("0.5.5", sha256="5f4ae749ba7199034b6912af98f05b4058d6d48fc2f065037b241be819a22924")

    depends_on("py-setuptools", type="build")
