from rpm_spec.repo.api import *


class PyHatchVcs(PythonPackage):
    """hatch-vcs: a hatchling plugin that takes the version from git tags
    through setuptools-scm."""

    homepage = "https://github.com/ofek/hatch-vcs"
    url = "https://files.pythonhosted.org/packages/source/h/hatch_vcs/hatch_vcs-0.5.0.tar.gz"

    license("MIT")

    version("0.5.0", sha256="0395fa126940340215090c344a2bf4e2a77bcbe7daab16f41b37b98c95809ff9")
    version("0.4.0", sha256="093810748fe01db0d451fabcf2c1ac2688caefd232d4ede967090b1c1b07d9f7")

    depends_on("python@3.9:", type=("build", "run"), when="@0.5:")
    depends_on("python@3.8:", type=("build", "run"))
    depends_on("py-hatchling@1.1:", type=("build", "run"))
    depends_on("py-setuptools-scm@8.2:", type="run", when="@0.5:")
    depends_on("py-setuptools-scm@6.4:", type="run")
