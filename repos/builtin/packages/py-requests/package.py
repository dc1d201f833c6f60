from rpm_spec.repo.api import *


class PyRequests(PythonPackage):
    """Requests: the de-facto standard HTTP client library for Python, with
    sessions, connection pooling and TLS verification."""

    homepage = "https://requests.readthedocs.io/"
    url = "https://files.pythonhosted.org/packages/source/r/requests/requests-2.34.2.tar.gz"
    git = "https://github.com/psf/requests.git"

    license("Apache-2.0")

    version("2.34.2", sha256="f288924cae4e29463698d6d60bc6a4da69c89185ad1e0bcc4104f584e960b9ed")
    version("2.33.1", sha256="18817f8c57c6263968bc123d237e3b8b08ac046f5456bd1e307ee8f4250d3517")
    version("2.32.5", sha256="dbba0bac56e100853db0ea71b82b4dfd5fe2bf6d3754a8893c3af500cec7d7cf")
    version("2.32.3", sha256="55365417734eb18255590a9ff9eb97e9e1da868d4ccd6402399eaf68af20a760")

    depends_on("python@3.10:", type=("build", "run"), when="@2.33:")
    depends_on("python@3.9:", type=("build", "run"), when="@2.32.5:")
    depends_on("python@3.8:", type=("build", "run"))
    depends_on("py-setuptools@61:", type="build", when="@2.33:")
    depends_on("py-setuptools", type="build")

    depends_on("py-charset-normalizer@2:3", type=("build", "run"))
    depends_on("py-idna@2.5:3", type=("build", "run"))
    depends_on("py-urllib3@1.26:2", type=("build", "run"), when="@2.33:")
    depends_on("py-urllib3@1.21.1:2", type=("build", "run"))
    depends_on("py-certifi@2023.5.7:", type=("build", "run"), when="@2.33:")
    depends_on("py-certifi@2017.4.17:", type=("build", "run"))
