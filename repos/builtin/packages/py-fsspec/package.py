from rpm_spec.repo.api import *


class PyFsspec(PythonPackage):
    """fsspec: a uniform, pluggable filesystem interface over local, memory,
    HTTP and cloud storage back ends; PyTorch and datasets libraries use it."""

    homepage = "https://filesystem-spec.readthedocs.io/"
    url = "https://files.pythonhosted.org/packages/source/f/fsspec/fsspec-2026.9.0.tar.gz"
    git = "https://github.com/fsspec/filesystem_spec.git"

    license("BSD-3-Clause")

    version("2026.9.0", sha256="0f08147951c8cb31d844c3547d631053b127863b60be04cf06e121333ee0e2fe")
    version("2026.6.0", sha256="f5bac145310fe30e16e1471bd6840b2d990d609e872251d7e674241822abf01a")
    version("2025.12.0", sha256="c505de011584597b1060ff778bb664c1bc022e87921b0e4f10cc9c44f9635973")
    version("2025.9.0", sha256="19fd429483d25d28b65ec68f9f4adc16c17ea2c7c7bf54ec61360d478fb19c19")
    version("2024.12.0", sha256="670700c977ed2fb51e0d9f9253177ed20cbde4a3e5c0283cc5385b5870c8533f")

    depends_on("python@3.10:", type=("build", "run"), when="@2025.12:")
    depends_on("python@3.9:", type=("build", "run"), when="@2025:")
    depends_on("python@3.8:", type=("build", "run"))
    depends_on("py-hatchling@1.27:", type="build", when="@2025:")
    depends_on("py-hatchling", type="build")
    depends_on("py-hatch-vcs", type="build")
