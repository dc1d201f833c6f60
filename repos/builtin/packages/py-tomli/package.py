from rpm_spec.repo.api import *


class PyTomli(PythonPackage):
    """tomli: a small, spec-compliant TOML parser; the standard library's
    tomllib since Python 3.11 is derived from it, so build tools only need it
    on older interpreters."""

    homepage = "https://github.com/hukkin/tomli"
    url = "https://files.pythonhosted.org/packages/source/t/tomli/tomli-2.5.0.tar.gz"

    license("MIT")

    version("2.5.0", sha256="264507556cd8b8c8e7c6ee037cdf443a463f03f4c958e57195e3d369711b8ff6")
    version("2.4.1", sha256="7c7e1a961a0b2f2472c1ac5b69affa0ae1132c39adcb67aba98568702b9cc23f")
    version("2.2.1", sha256="cd45e1dc79c835ce60f7404ec8119f2eb06d38b1deba146f07ced3bbc44505ff")
    version("2.0.1", sha256="de526c12914f0c550d15924c62d72abc48d6fe7364aa87328337a31007fe8a4f")

    depends_on("python@3.8:", type=("build", "run"), when="@2.0.2:")
    depends_on("python@3.7:", type=("build", "run"))
    depends_on("py-flit-core@3.12:4", type="build", when="@2.5:")
    depends_on("py-flit-core@3.12:3", type="build", when="@2.4")
    depends_on("py-flit-core@3.2:3", type="build", when="@:2.3")
