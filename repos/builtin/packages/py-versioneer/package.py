from rpm_spec.repo.api import *


class PyVersioneer(PythonPackage):
    """versioneer: writes a version module into a project that computes its
    version from git tags; pandas uses it (with the toml extra) at build time."""

    homepage = "https://github.com/python-versioneer/python-versioneer"
    url = "https://files.pythonhosted.org/packages/source/v/versioneer/versioneer-0.29.tar.gz"

    license("Unlicense")

    version("0.29", sha256="5ab283b9857211d61b53318b7c792cf68e798e765ee17c27ade9f6c924235731")

    depends_on("python@3.7:", type=("build", "run"))
    depends_on("py-setuptools", type="build")
    # The "toml" extra (reading pyproject.toml) needs tomli before Python 3.11.
    depends_on("py-tomli", type=("build", "run"), when="^python@:3.10")

    sanity_check_is_file = ["bin/versioneer"]
