from rpm_spec.repo.api import *


class PyEditables(PythonPackage):
    """editables: helpers for build backends that implement editable
    installs (PEP 660) by redirecting imports to a source tree."""

    homepage = "https://github.com/pfmoore/editables"
    url = "https://files.pythonhosted.org/packages/source/e/editables/editables-0.6.tar.gz"

    license("MIT")

    version("0.6", sha256="1163834902381c4613787951c5914800fdf155ae08848a373b8ea5006780977c")
    version("0.5", sha256="309627d9b5c4adc0e668d8c6fa7bac1ba7c8c5d415c2d27f60f081f8e80d1de2")

    depends_on("python@3.7:", type=("build", "run"))
    depends_on("py-flit-core@3.3:", type="build")
