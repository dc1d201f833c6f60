from rpm_spec.repo.api import *


class PySympy(PythonPackage):
    """SymPy: a computer algebra system written in pure Python (symbolic
    simplification, calculus, solvers, code generation); PyTorch uses it for
    symbolic shapes."""

    homepage = "https://www.sympy.org/"
    url = "https://files.pythonhosted.org/packages/source/s/sympy/sympy-1.14.0.tar.gz"
    git = "https://github.com/sympy/sympy.git"

    license("BSD-3-Clause")

    version("1.14.0", sha256="d3d3fe8df1e5a0b42f0e7bdf50541697dbe7d23746e894990c030e2b05e72517")
    version("1.13.3", sha256="b27fd2c6530e0ab39e275fc9b683895367e51d5da91baa8d3d64db2565fec4d9")
    version("1.13.1", sha256="9cebf7e04ff162015ce31c9c6c9144daa34a93bd082f54fd8f12deca4f47515f")
    version("1.12.1", sha256="2877b03f998cd8c08f07cd0de5b767119cd3ef40d09f41c30d722f6686b0fb88")

    depends_on("python@3.9:", type=("build", "run"), when="@1.14:")
    depends_on("python@3.8:", type=("build", "run"))
    depends_on("py-setuptools", type="build")
    depends_on("py-mpmath@1.1:1.3", type=("build", "run"))

    sanity_check_is_file = ["bin/isympy"]
