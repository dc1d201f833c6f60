from rpm_spec.repo.api import *


class PyWheel(PythonPackage):
    """wheel: the reference tool for the built-package (wheel) format:
    unpack, repack and retag .whl files."""

    homepage = "https://github.com/pypa/wheel"
    url = "https://files.pythonhosted.org/packages/source/w/wheel/wheel-0.48.0.tar.gz"

    license("MIT")

    version("0.48.0", sha256="94800765601e9171bf5d58d066e640662842bcedcbab982b2c90787a2c987322")
    version("0.47.0", sha256="cc72bd1009ba0cf63922e28f94d9d83b920aa2bb28f798a31d0691b02fa3c9b3")
    version("0.45.1", sha256="661e1abd9198507b1409a20c02106d9670b2576e916d58f520316666abca6729")

    depends_on("python@3.9:", type=("build", "run"), when="@0.46:")
    depends_on("python@3.8:", type=("build", "run"))
    depends_on("py-flit-core@3.11:4", type="build", when="@0.48:")
    depends_on("py-flit-core@3.11:3", type="build", when="@0.46:0.47")
    depends_on("py-flit-core@3.8:3", type="build", when="@:0.45")
    depends_on("py-packaging@24:", type=("build", "run"), when="@0.46:")
