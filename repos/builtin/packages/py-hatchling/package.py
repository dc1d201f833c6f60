from rpm_spec.repo.api import *


class PyHatchling(PythonPackage):
    """hatchling: the extensible PEP 517 build backend of the Hatch project;
    it builds itself, so its run dependencies are also its build ones."""

    homepage = "https://hatch.pypa.io/latest/"
    url = "https://files.pythonhosted.org/packages/source/h/hatchling/hatchling-1.33.0.tar.gz"

    license("MIT")

    version("1.33.0", sha256="4c422bd4d554fcff5de5b73e9596f85e41e9f97f7e553d8f7595ecb31a627bef")
    version("1.32.4", sha256="c4468f73144c054d2aab4ef0f0378c43b9878bf07f8ffd6b79690e970d375f07")
    version("1.31.0", sha256="6b48ad4068a482ed7239b3a8215bc55b47aad3345d58dfc94e553c5d2d46211b")
    version("1.29.0", sha256="793c31816d952cee405b83488ce001c719f325d9cda69f1fc4cd750527640ea6")
    version("1.27.0", sha256="971c296d9819abb3811112fc52c7a9751c8d381898f36533bb16f9791e941fd6")

    depends_on("python@3.10:", type=("build", "run"), when="@1.28:")
    depends_on("python@3.8:", type=("build", "run"))
    depends_on("py-packaging@24.2:", type=("build", "run"))
    depends_on("py-pathspec@0.10.1:", type=("build", "run"))
    depends_on("py-pluggy@1:", type=("build", "run"))
    depends_on("py-trove-classifiers", type=("build", "run"))
    depends_on("py-tomlkit@0.11.1:", type=("build", "run"), when="@1.32:")
    depends_on("py-tomli@1.2.2:", type=("build", "run"), when="^python@:3.10")

    sanity_check_is_file = ["bin/hatchling"]
