from rpm_spec.repo.api import *


class PyMesonPython(PythonPackage):
    """meson-python: a PEP 517 build backend that builds Python packages
    (NumPy, SciPy, pandas, ...) with Meson and Ninja."""

    homepage = "https://mesonbuild.com/meson-python/"
    url = (
        "https://files.pythonhosted.org/packages/source/m/meson_python/meson_python-0.22.1.tar.gz"
    )

    license("MIT")

    version("0.22.1", sha256="52c88628b0e5671592dc2306613fb5f6f3615fd24def059b9894f143b7f9a139")
    version("0.21.1", sha256="78b3345dcbc0fed7b939e7e37a9faab35bddaae07bf62e7542c8ad479c395af5")
    version("0.20.0", sha256="6d9726ae6cd37e22f210c74b364b30180a68c20442e97ff09f3c566a414af738")
    version("0.19.0", sha256="9959d198aa69b57fcfd354a34518c6f795b781a73ed0656f4d01660160cc2553")
    version("0.18.0", sha256="c56a99ec9df669a40662fe46960321af6e4b14106c14db228709c1628e23848d")
    version("0.17.1", sha256="efb91f69f2e19eef7bc9a471ed2a4e730088cc6b39eacaf3e49fc4f930eb5f83")
    version("0.16.0", sha256="9068c17e36c89d6c7ff709fffb2a8a9925e8cd0b02629728e5ceaf2ec505cb5f")
    version("0.15.0", sha256="fddb73eecd49e89c1c41c87937cd89c2d0b65a1c63ba28238681d4bd9484d26f")

    depends_on("python@3.10:", type=("build", "run"), when="@0.22:")
    depends_on("python@3.9:", type=("build", "run"), when="@0.19:")
    depends_on("python@3.8:", type=("build", "run"), when="@0.18:")
    depends_on("python@3.7:", type=("build", "run"))

    # meson-python builds itself (backend-path = "."), so its run
    # dependencies are needed at build time as well. meson brings ninja.
    depends_on("meson@0.64:", type=("build", "run"), when="@0.18:")
    depends_on("meson@0.63.3:", type=("build", "run"))
    depends_on("meson@1.2.3:", type=("build", "run"), when="^python@3.12:")
    depends_on("py-packaging@23.2:", type=("build", "run"), when="@0.18:")
    depends_on("py-packaging@19:", type=("build", "run"), when="@0.16:")
    depends_on("py-pyproject-metadata@0.9:", type=("build", "run"), when="@0.18:")
    depends_on("py-pyproject-metadata@0.7.1:", type=("build", "run"))
    depends_on("py-tomli@1:", type=("build", "run"), when="^python@:3.10")
