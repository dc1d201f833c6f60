from rpm_spec.repo.api import *


class PyScikitBuildCore(PythonPackage):
    """scikit-build-core: a PEP 517 build backend that builds Python extension
    modules and wheels by running a CMake project (pybind11 3 builds with it)."""

    homepage = "https://scikit-build-core.readthedocs.io"
    url = (
        "https://files.pythonhosted.org/packages/source/s/scikit-build-core/"
        "scikit_build_core-1.1.2.tar.gz"
    )
    git = "https://github.com/scikit-build/scikit-build-core.git"

    license("Apache-2.0")

    version("1.1.2", sha256="7893709119c5ab1be75cd10442383132c9433b9f104dacef5185949efbea7974")
    version("1.0.3", sha256="a4d7a05978ee37975c37743510c8991e2debce7ef83afb0a07c0c576fd4f16e8")
    version("0.12.2", sha256="562e0bbc9de1a354c87825ccf732080268d6582a0200f648e8c4a2dcb1e3736d")
    version("0.11.6", sha256="5982ccd839735be99cfd3b92a8847c6c196692f476c215da84b79d2ad12f9f1b")

    depends_on("python@3.9:", type=("build", "run"), when="@1.1:")
    depends_on("python@3.8:", type=("build", "run"))

    depends_on("py-hatchling@1.24:", type="build")
    depends_on("py-hatch-vcs@0.4:", type="build")
    depends_on("py-packaging@23.2:", type=("build", "run"))
    depends_on("py-pathspec@0.12:", type=("build", "run"))
    with when("^python@:3.10"):
        depends_on("py-exceptiongroup@1:", type=("build", "run"))
        depends_on("py-tomli@1.2.2:", type=("build", "run"))
        depends_on("py-typing-extensions@4:", type=("build", "run"))
    # It drives the CMake (and Ninja) of the project being built.
    depends_on("cmake@3.15:", type="run")
    depends_on("ninja", type="run")
