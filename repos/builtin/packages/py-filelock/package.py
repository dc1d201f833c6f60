from rpm_spec.repo.api import *


class PyFilelock(PythonPackage):
    """filelock: a platform-independent, inter-process file lock; PyTorch and
    Hugging Face libraries guard shared caches with it."""

    homepage = "https://github.com/tox-dev/filelock"
    url = "https://files.pythonhosted.org/packages/source/f/filelock/filelock-4.2.9.tar.gz"

    license("MIT", when="@3.32:")
    license("Unlicense", when="@:3.20")

    # 4.2.10 and newer build with python-sbom, which is not on PyPI.
    version("4.2.9", sha256="96530b7c538d4ea08493ab067247aab7948c54d8cd622cce711c97cccc5d9896")
    version("4.2.0", sha256="7a60906c75227cf04d0c273afadc8219400f11aeb13cc69591d4f6cdc6c8036e")
    version("3.32.7", sha256="37b8a3d9811b0f9aef7e5ec5c71bb320de52df51e6ca9bcd6f5ad81187660da7")
    version("3.20.3", sha256="18c57ee915c7ec61cff0ecf7f0f869936c7c30191bb0cf406f1341778d0834e1")
    version("3.16.1", sha256="c249fbfcd5db47e5e2d6d62198e565475ee65e4831e2561c8e313fa7eb961435")

    depends_on("python@3.11:", type=("build", "run"), when="@4.1:")
    depends_on("python@3.10:", type=("build", "run"), when="@3.20:")
    depends_on("python@3.8:", type=("build", "run"))
    depends_on("py-hatchling@1.29:", type="build", when="@3.32:")
    depends_on("py-hatchling@1.27:", type="build", when="@3.20:")
    depends_on("py-hatchling@1.25:", type="build")
    depends_on("py-hatch-vcs@0.5:", type="build", when="@3.20:")
    depends_on("py-hatch-vcs@0.4:", type="build")
    depends_on("py-hatch-fancy-pypi-readme@25.1:", type="build", when="@4.2.5:")
