from rpm_spec.repo.api import *


class PyPackaging(PythonPackage):
    """packaging: the reference implementations of Python packaging standards
    (version specifiers, markers, requirements, tags)."""

    homepage = "https://github.com/pypa/packaging"
    url = "https://files.pythonhosted.org/packages/source/p/packaging/packaging-26.3.tar.gz"

    license("Apache-2.0 OR BSD-2-Clause")

    version("26.3", sha256="94edc256424af38762eb31306eed28beb9f0efc50a8837492c9d6fd6004aed79")
    version("25.0", sha256="d443872c98d677bf60f6a1f2f8c1cb748e8fe762d2bf9d3148b5599295b0fc4f")
    version("24.2", sha256="c228a6dc5e932d346bc5739379109d49e8853dd8223571c7c5b55260edc0b97f")

    depends_on("python@3.9:", type=("build", "run"), when="@26:")
    depends_on("python@3.8:", type=("build", "run"))
    depends_on("py-flit-core@3.12:", type="build", when="@26:")
    depends_on("py-flit-core@3.3:", type="build")
