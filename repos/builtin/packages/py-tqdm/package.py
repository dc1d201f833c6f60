from rpm_spec.repo.api import *


class PyTqdm(PythonPackage):
    """tqdm: fast, extensible progress bars for loops and pipelines, in the
    terminal and in notebooks."""

    homepage = "https://tqdm.github.io/"
    url = "https://files.pythonhosted.org/packages/source/t/tqdm/tqdm-4.70.1.tar.gz"
    git = "https://github.com/tqdm/tqdm.git"

    license("MPL-2.0 AND MIT")

    version("4.70.1", sha256="cefd0eca11b2a37a3aee776544d4f4ae913f02688135b5556b8788dfa474afc4")
    version("4.69.1", sha256="2be21080a0ce17e902c2f1baeb6a74bf551b67bbdfa4bc0109fad471d0b4cb0d")
    version("4.67.3", sha256="7d825f03f89244ef73f1d4ce193cb1774a8179fd96f31d7e1dcde62092b960bb")
    version("4.67.1", sha256="f8aef9c52c08c13a65f30ea34f4e5aac3fd1a34959879d7e59e63027286627f2")

    depends_on("python@3.8:", type=("build", "run"), when="@4.68.3:")
    depends_on("python@3.7:", type=("build", "run"))
    depends_on("py-setuptools@42:", type="build")
    depends_on("py-setuptools-scm@3.4:", type="build")
    depends_on("py-wheel", type="build", when="@:4.67.1")

    sanity_check_is_file = ["bin/tqdm"]
