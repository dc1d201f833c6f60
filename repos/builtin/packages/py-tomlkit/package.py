from rpm_spec.repo.api import *


class PyTomlkit(PythonPackage):
    """tomlkit: a style-preserving TOML library that reads and rewrites
    documents without losing comments or layout."""

    homepage = "https://github.com/python-poetry/tomlkit"
    url = "https://files.pythonhosted.org/packages/source/t/tomlkit/tomlkit-0.15.2.tar.gz"

    license("MIT")

    version("0.15.2", sha256="83e32755ba1d20d9340bd069ee97e9f6232ba2346b63ffcba425de01f7e327a6")
    version("0.14.0", sha256="cf00efca415dbd57575befb1f6634c4f42d2d87dbba376128adb42c121b87064")
    version("0.13.3", sha256="430cf247ee57df2b94ee3fbe588e71d362a941ebb545dec29b53961d61add2a1")

    depends_on("python@3.9:", type=("build", "run"), when="@0.14:")
    depends_on("python@3.8:", type=("build", "run"))
    depends_on("py-poetry-core@2.2:", type="build", when="@0.15:")
    depends_on("py-poetry-core@1.0.0:", type="build")
