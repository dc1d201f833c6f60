from rpm_spec.repo.api import *


class PyPly(PythonPackage):
    """PLY: lex and yacc parsing tools implemented in pure Python; Pythran
    parses its type specifications with it."""

    homepage = "https://www.dabeaz.com/ply/"
    url = "https://files.pythonhosted.org/packages/source/p/ply/ply-3.11.tar.gz"

    license("BSD-3-Clause")

    version("3.11", sha256="00c7c1aaa88358b9c765b6d3000c6eec0ba42abca5351b095321aef446081da3")

    depends_on("py-setuptools", type="build")
