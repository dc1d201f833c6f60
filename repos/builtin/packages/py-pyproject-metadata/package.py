from rpm_spec.repo.api import *


class PyPyprojectMetadata(PythonPackage):
    """pyproject-metadata: turns the [project] table of pyproject.toml into
    core metadata (PKG-INFO/METADATA) for build backends such as meson-python."""

    homepage = "https://github.com/pypa/pyproject-metadata"
    url = (
        "https://files.pythonhosted.org/packages/source/p/pyproject_metadata/"
        "pyproject_metadata-0.12.1.tar.gz"
    )

    license("MIT")

    version("0.12.1", sha256="8809a4df6fe08279b39a8890669506ed3158e0617855ac9aff098fcbe772ae4c")
    version("0.11.0", sha256="c72fa49418bb7c5a10f25e050c418009898d1c051721d19f98a6fb6da59a66cf")
    version("0.10.0", sha256="7f5bd0ef398b60169556cb17ea261d715caf7f8561238151f51b2305084ba8d4")
    version("0.9.1", sha256="b8b2253dd1b7062b78cf949a115f02ba7fa4114aabe63fa10528e9e1a954a816")
    version("0.8.1", sha256="e6b494d4fbac8007ed0efd3a08df067bb28a299fb113b885ce77e492ad1f0600")

    depends_on("python@3.8:", type=("build", "run"), when="@0.10:")
    depends_on("python@3.7:", type=("build", "run"))
    depends_on("py-flit-core@3.11:", type="build", when="@0.10:")
    depends_on("py-flit-core", type="build")
    depends_on("py-packaging@23.2:", type=("build", "run"), when="@0.10:")
    depends_on("py-packaging@19:", type=("build", "run"))
