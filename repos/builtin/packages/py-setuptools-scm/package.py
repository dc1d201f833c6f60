from rpm_spec.repo.api import *


class PySetuptoolsScm(PythonPackage):
    """setuptools-scm: derives a package's version from git or Mercurial
    metadata (or the PKG-INFO of an sdist) and hands it to setuptools."""

    homepage = "https://github.com/pypa/setuptools-scm"
    url = (
        "https://files.pythonhosted.org/packages/source/s/setuptools_scm/"
        "setuptools_scm-10.3.4.tar.gz"
    )

    license("MIT")

    version("10.3.4", sha256="a69f28bfc245608781205e912faae437c2b2165773afa4e7b979d77447a69dd2")
    version("9.2.2", sha256="1c674ab4665686a0887d7e24c03ab25f24201c213e82ea689d2f3e169ef7ef57")
    version("8.3.1", sha256="3d555e92b75dacd037d32bafdf94f97af51ea29ae8c7b234cf94b7a5bd242a63")
    version("7.1.0", sha256="6c508345a771aad7d56ebff0e70628bf2b0ec7573762be9960214730de278f27")

    depends_on("python@3.8:", type=("build", "run"), when="@8:")
    depends_on("python@3.7:", type=("build", "run"))
    depends_on("py-setuptools@61:", type="build", when="@8:9")
    depends_on("py-setuptools@45:", type="build")
    depends_on("py-setuptools", type="run")
    depends_on("py-packaging@20:", type=("build", "run"))

    # 10.x moved the VCS logic into vcs-versioning.
    depends_on("py-vcs-versioning@2.5:2", type=("build", "run"), when="@10:")
    depends_on("py-tomli@1:", type=("build", "run"), when="^python@:3.10")
    # 8.x and 9.x build their own version with tomli <= 2.0.2 on old interpreters.
    depends_on("py-tomli@:2.0.2", type="build", when="@8:9 ^python@:3.10")
    depends_on("py-typing-extensions@4.1:", type=("build", "run"), when="@10: ^python@:3.10")
    depends_on("py-typing-extensions", type=("build", "run"), when="@8:9 ^python@:3.9")
    depends_on("py-typing-extensions", type=("build", "run"), when="@:7")
    depends_on("py-importlib-metadata@4.6:", type="run", when="@8 ^python@:3.9")
