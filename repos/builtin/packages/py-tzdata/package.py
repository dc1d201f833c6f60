from rpm_spec.repo.api import *


class PyTzdata(PythonPackage):
    """tzdata: the IANA time-zone database as a Python package, the fallback
    source of zoneinfo data where the OS has none."""

    homepage = "https://github.com/python/tzdata"
    url = "https://files.pythonhosted.org/packages/source/t/tzdata/tzdata-2026.6.tar.gz"

    license("Apache-2.0")

    version("2026.6", sha256="85d2cd9c09f81f0bb29db27759fc83af4f1e620efb814f8c5bf8b4cc4feece6d")
    version("2026.1", sha256="67658a1903c75917309e753fdc349ac0efd8c27db7a0cb406a25be4840f87f98")
    version("2025.3", sha256="de39c2ca5dc7b0344f2eba86f49d614019d29f060fc4ebc8a417896a620b56a7")
    version("2025.2", sha256="b60a638fcc0daffadf82fe0f57e53d06bdec2f36c4df66280ae79bce6bd6f2b9")
    version("2024.2", sha256="7d85cc416e9382e69095b7bdf4afd9e3880418a2413feec7069d533d6b4e31cc")

    depends_on("py-setuptools@40.8:", type="build")
    depends_on("py-wheel", type="build")
