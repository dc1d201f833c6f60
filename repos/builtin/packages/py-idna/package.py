from rpm_spec.repo.api import *


class PyIdna(PythonPackage):
    """idna: support for Internationalised Domain Names in Applications
    (IDNA 2008) and UTS #46 mapping."""

    homepage = "https://github.com/kjd/idna"
    url = "https://files.pythonhosted.org/packages/source/i/idna/idna-3.20.tar.gz"

    license("BSD-3-Clause")

    version("3.20", sha256="a7db850025b95ded1eae8a46181a1a6c56c92c96f0e2b005d9ff8dc0210cab44")
    version("3.15", sha256="ca962446ea538f7092a95e057da437618e886f4d349216d2b1e294abfdb65fdc")
    version("3.11", sha256="795dafcc9c04ed0c1fb032c2aa73654d8e8c5023a7df64a53f39190ada629902")
    version("3.10", sha256="12f65c9b470abda6dc35cf8e63cc574b1c52b11df2c86030af0ac09b01b13ea9")

    depends_on("python@3.9:", type=("build", "run"), when="@3.16:")
    depends_on("python@3.8:", type=("build", "run"), when="@3.11:")
    depends_on("python@3.6:", type=("build", "run"))
    depends_on("py-flit-core@3.11:4", type="build", when="@3.15:")
    depends_on("py-flit-core@3.11:3", type="build", when="@3.11:3.14")
    depends_on("py-flit-core@3.2:3", type="build", when="@:3.10")
