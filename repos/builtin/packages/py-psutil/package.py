from rpm_spec.repo.api import *


class PyPsutil(PythonPackage):
    """psutil: cross-platform access to processes and system utilisation
    (CPU, memory, disks, network, sensors), through a small C extension."""

    homepage = "https://github.com/giampaolo/psutil"
    url = "https://files.pythonhosted.org/packages/source/p/psutil/psutil-7.2.2.tar.gz"

    license("BSD-3-Clause")

    version("7.2.2", sha256="0746f5f8d406af344fd547f1c8daa5f5c33dbc293bb8d6a16d80b4bb88f59372")
    version("7.1.3", sha256="6c86281738d77335af7aec228328e944b30930899ea760ecf33a4dba66be5e74")
    version("7.0.0", sha256="7be9c3eba38beccb6495ea33afd982a44074b78f28c434a1f51cc07fd315c456")
    version("6.1.1", sha256="cf8496728c18f2d0b45198f06895be52f36611711746b7f30c464b422b50e2f5")
    version("5.9.8", sha256="6be126e3225486dff286a8fb9a06246a5253f4c7c53b475ea5f5ac934e64194c")

    depends_on("python@3.6:", type=("build", "run"))
    depends_on("py-setuptools@43:", type="build")
    depends_on("py-wheel", type="build", when="@:5")
