from rpm_spec.repo.api import *


class PyUrllib3(PythonPackage):
    """urllib3: a thread-safe HTTP client with connection pooling, retries
    and TLS verification; the transport under Requests."""

    homepage = "https://urllib3.readthedocs.io/"
    url = "https://files.pythonhosted.org/packages/source/u/urllib3/urllib3-2.8.0.tar.gz"
    git = "https://github.com/urllib3/urllib3.git"

    license("MIT")

    version("2.8.0", sha256="63bf2ead4c879426ebf22ef2a781eeb4aa3b4ae798a0435506f8687fd5bb9b63")
    version("2.7.0", sha256="231e0ec3b63ceb14667c67be60f2f2c40a518cb38b03af60abc813da26505f4c")
    version("2.6.3", sha256="1b62b6884944a57dbe321509ab94fd4d3b307075e0c2eae991ac71ee15ad38ed")
    version("2.5.0", sha256="3fc47733c7e419d4bc3f6b3dc2b4f890bb743906a30d56ba4a5bfa4bbff92760")
    version("2.2.3", sha256="e7d814a81dad81e6caf2ec9fdedb284ecc9c73076b62654547cc64ccdcae26e9")
    version("1.26.20", sha256="40c2dc0c681e47eb8f90e7e27bf6ff7df2e677421fd46756da1161c39ca70d32")

    depends_on("python@3.10:", type=("build", "run"), when="@2.7:")
    depends_on("python@3.9:", type=("build", "run"), when="@2.3:")
    depends_on("python@3.8:", type=("build", "run"), when="@2:")

    # 2.x builds with hatchling and takes its version from git through hatch-vcs.
    with when("@2:"):
        depends_on("py-hatchling@1.27:1", type="build", when="@2.6:")
        depends_on("py-hatchling@1.6:1", type="build")
        depends_on("py-hatch-vcs@0.4:0.5", type="build", when="@2.5:")
        depends_on("py-hatch-vcs@0.4.0", type="build", when="@:2.4")
        depends_on("py-setuptools-scm@8:10", type="build", when="@2.7:")
        depends_on("py-setuptools-scm@8:9", type="build", when="@2.6")
        depends_on("py-setuptools-scm@8", type="build", when="@2.5")
    depends_on("py-setuptools", type="build", when="@:1")
