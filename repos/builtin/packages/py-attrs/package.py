from rpm_spec.repo.api import *


class PyAttrs(PythonPackage):
    """attrs: declarative classes without boilerplate (generated __init__,
    __repr__, comparison, validators, slots)."""

    homepage = "https://www.attrs.org/"
    url = "https://files.pythonhosted.org/packages/source/a/attrs/attrs-26.1.0.tar.gz"
    git = "https://github.com/python-attrs/attrs.git"

    license("MIT")

    version("26.1.0", sha256="d03ceb89cb322a8fd706d4fb91940737b6642aa36998fe130a9bc96c985eff32")
    version("25.4.0", sha256="16d5969b87f0859ef33a48b35d55ac1be6e42ae49d5e853b597db70c35c57e11")
    version("25.3.0", sha256="75d7cefc7fb576747b2c81b4442d4d4a1ce0900973527c011d1030fd3bf4af1b")
    version("24.3.0", sha256="8f5c07333d543103541ba7be0e2ce16eeee8130cb0b3f9238ab904ce1e85baff")

    depends_on("python@3.9:", type=("build", "run"), when="@25.4:")
    depends_on("python@3.8:", type=("build", "run"))
    depends_on("py-hatchling", type="build")
    depends_on("py-hatch-vcs", type="build")
    depends_on("py-hatch-fancy-pypi-readme@23.2:", type="build")
