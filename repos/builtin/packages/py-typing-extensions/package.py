from rpm_spec.repo.api import *


class PyTypingExtensions(PythonPackage):
    """typing_extensions: backports of new typing features to older Python
    releases, plus experimental ones before they reach the standard library."""

    homepage = "https://github.com/python/typing_extensions"
    url = (
        "https://files.pythonhosted.org/packages/source/t/typing_extensions/"
        "typing_extensions-4.16.0.tar.gz"
    )

    license("PSF-2.0")

    version("4.16.0", sha256="dc983d19a509c94dba722ee6abd33940f7c05a89e243c47e907eb4db6f1a43e5")
    version("4.15.0", sha256="0cea48d173cc12fa28ecabc3b837ea3cf6f38c6d1136f85cbaaf598984861466")
    version("4.14.1", sha256="38b39f4aeeab64884ce9f74c94263ef78f3c22467c8724005483154c26648d36")
    version("4.12.2", sha256="1a7ead55c7e559dd4dee8856e3a88b41225abfe1ce8df57b7c13915fe121ffb8")

    depends_on("python@3.9:", type=("build", "run"), when="@4.14:")
    depends_on("python@3.8:", type=("build", "run"))
    depends_on("py-flit-core@3.11:3", type="build", when="@4.14:")
    depends_on("py-flit-core@3.4:3", type="build")
