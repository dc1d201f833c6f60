from rpm_spec.repo.api import *


class PyPytz(PythonPackage):
    """pytz: the Olson/IANA time-zone database packaged for Python, with
    accurate cross-platform time-zone calculations."""

    homepage = "https://pythonhosted.org/pytz/"
    url = "https://files.pythonhosted.org/packages/source/p/pytz/pytz-2026.6.tar.gz"

    license("MIT")

    version("2026.6", sha256="3b0fc2727707663d6e517936f444fd8a8b240f1fc32f4bf7ee03274245945284")
    version("2026.1", sha256="10413c35476919b4c07bda6b9810c6e24d914378c430070bdb1869e18a37eee5")
    version("2025.2", sha256="360b9e3dbb49a209c21ad61809c7fb453643e048b38924c765813546746e81c3")
    version("2024.2", sha256="2aa355083c50a0f93fa581709deac0c9ad65cca8a9e9beac660adcbd493c798a")

    # A setup.py project without pyproject.toml.
    depends_on("py-setuptools", type="build")
