from rpm_spec.repo.api import *


class PyPathspec(PythonPackage):
    """pathspec: gitignore-style path pattern matching, used by hatchling to
    select the files of a build."""

    homepage = "https://github.com/cpburnz/python-pathspec"
    url = "https://files.pythonhosted.org/packages/source/p/pathspec/pathspec-1.1.1.tar.gz"

    license("MPL-2.0")

    version("1.1.1", sha256="17db5ecd524104a120e173814c90367a96a98d07c45b2e10c2f3919fff91bf5a")
    version("1.0.4", sha256="0210e2ae8a21a9137c0d470578cb0e595af87edaa6ebf12ff176f14a02e0e645")
    version("0.12.1", sha256="a482d51503a1ab33b1c67a6c3813a26953dbdc71c31dacaef9a838c4e29f5712")

    depends_on("python@3.9:", type=("build", "run"), when="@1:")
    depends_on("python@3.8:", type=("build", "run"))
    depends_on("py-flit-core@3.2:4", type="build", when="@1:")
    depends_on("py-flit-core@3.2:3", type="build")
