from rpm_spec.repo.api import *


class PyNetworkx(PythonPackage):
    """NetworkX: creation, manipulation and analysis of graphs and complex
    networks in pure Python; PyTorch's compiler stack uses it."""

    homepage = "https://networkx.org/"
    url = "https://files.pythonhosted.org/packages/source/n/networkx/networkx-3.7.tar.gz"
    git = "https://github.com/networkx/networkx.git"

    license("BSD-3-Clause")

    version("3.7", sha256="fd77a511bd90f39f3d016351345b52cf5319b813bdca01de3f755d3cca62e96a")
    version("3.6.1", sha256="26b7c357accc0c8cde558ad486283728b65b6a95d85ee1cd66bafab4c8168509")
    version("3.5", sha256="d4c6f9cf81f52d69230866796b82afbccdec3db7ae4fbd1b65ea750feed50037")
    version("3.4.2", sha256="307c3669428c5362aab27c8a1260aa8f47c4e91d3891f48be0141738d8d053e1")
    version("3.2.1", sha256="9f1bb5cf3409bf324e0a722c20bdb4c20ee39bf1c30ce8ae499c8502b0b5e0c6")

    depends_on("python@3.12:", type=("build", "run"), when="@3.7:")
    depends_on("python@3.11:", type=("build", "run"), when="@3.5:")
    depends_on("python@3.10:", type=("build", "run"), when="@3.3:")
    depends_on("python@3.9:", type=("build", "run"))
    conflicts(
        "^python@3.14.1", when="@3.6.1:", msg="networkx 3.6.1 and newer exclude Python 3.14.1"
    )
    depends_on("py-setuptools@77.0.3:", type="build", when="@3.6:")
    depends_on("py-setuptools@61.2:", type="build")
