from rpm_spec.repo.api import *


class PyJinja2(PythonPackage):
    """Jinja: a fast, sandboxable template engine with Python-like syntax;
    PyTorch's code generators render their sources with it."""

    homepage = "https://jinja.palletsprojects.com/"
    url = "https://files.pythonhosted.org/packages/source/j/jinja2/jinja2-3.1.6.tar.gz"
    git = "https://github.com/pallets/jinja.git"

    license("BSD-3-Clause")

    version("3.1.6", sha256="0137fb05990d35f1275a587e9aee6d56da821fc83491a0fb838183be43f66d6d")
    version("3.1.5", sha256="8fefff8dc3034e27bb80d67c671eb8a9bc424c0ef4c0826edbff304cceff43bb")
    version("3.1.4", sha256="4a3aee7acbbe7303aede8e9648d13b8bf88a429282aa6122a993f0ac800cb369")

    depends_on("python@3.7:", type=("build", "run"))
    depends_on("py-flit-core@:3", type="build")
    depends_on("py-markupsafe@2:", type=("build", "run"))
