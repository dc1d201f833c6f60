from rpm_spec.repo.api import *


class PyPluggy(PythonPackage):
    """pluggy: the plugin and hook-calling system of pytest, also the plugin
    layer of hatchling."""

    homepage = "https://github.com/pytest-dev/pluggy"
    url = "https://files.pythonhosted.org/packages/source/p/pluggy/pluggy-1.7.0.tar.gz"

    license("MIT")

    version("1.7.0", sha256="d1eaa46ebb595891b860ab086b4d09c8588af65ebd4361b8e8f4bb8920b90ba8")
    version("1.6.0", sha256="7dcc130b76258d33b90f61b658791dede3486c3e6bfb003ee5c9bfb396dd22f3")
    version("1.5.0", sha256="2cffa88e94fdc978c4c574f15f9e59b7f4201d439195c3715ca9e2486f1d0cf1")

    depends_on("python@3.10:", type=("build", "run"), when="@1.7:")
    depends_on("python@3.9:", type=("build", "run"), when="@1.6:")
    depends_on("python@3.8:", type=("build", "run"))
    depends_on("py-setuptools@65:", type="build", when="@1.6:")
    depends_on("py-setuptools@45:", type="build")
    depends_on("py-setuptools-scm@8:", type="build", when="@1.6:")
    depends_on("py-setuptools-scm@6.2.3:", type="build")
