from rpm_spec.repo.api import *


class PyBeniget(PythonPackage):
    """beniget: def-use chains and use-def chains for Python programs,
    computed on gast trees; a dependency of Pythran."""

    homepage = "https://github.com/serge-sans-paille/beniget"
    url = "https://files.pythonhosted.org/packages/source/b/beniget/beniget-0.5.0.tar.gz"

    license("BSD-3-Clause")

    version("0.5.0", sha256="e7af11fa8ec7de3d3eb3d98b1e722d15d44017d8b35d8aa11d54f6719b312f22")
    version(
        "0.4.2.post1", sha256="a0258537e65e7e14ec33a86802f865a667f949bb6c73646d55e42f7c45a052ae"
    )

    depends_on("python@3.6:", type=("build", "run"))
    depends_on("py-setuptools", type="build")
    depends_on("py-gast@0.7:", type=("build", "run"), when="@0.5:")
    depends_on("py-gast@0.5:", type=("build", "run"))
