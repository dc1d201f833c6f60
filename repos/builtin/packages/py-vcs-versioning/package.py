from rpm_spec.repo.api import *


class PyVcsVersioning(PythonPackage):
    """vcs-versioning: the version-from-VCS core that setuptools-scm 10 was
    split into, usable without setuptools."""

    homepage = "https://github.com/pypa/setuptools-scm"
    url = (
        "https://files.pythonhosted.org/packages/source/v/vcs_versioning/"
        "vcs_versioning-2.6.0.tar.gz"
    )

    license("MIT")

    version("2.6.0", sha256="22e9159288e2d8bca2fa6f6c31c34c9c66aec157f60e9e526f5d160d2516d60f")
    version("2.5.0", sha256="956a796e31f80fe714d219d6d1df15a6bf247d10f6d851bf4b98279d0a42da55")

    depends_on("python@3.8:", type=("build", "run"))
    depends_on("py-setuptools@45:", type="build")
    depends_on("py-packaging@26.2:", type=("build", "run"))
    depends_on("py-tomli@1:", type=("build", "run"), when="^python@:3.10")
    depends_on("py-typing-extensions@4.1:", type=("build", "run"), when="^python@:3.10")
