from rpm_spec.repo.api import *


class PyPythonDateutil(PythonPackage):
    """dateutil: extensions to the standard datetime module: relative deltas,
    a generic date parser, recurrence rules and time-zone handling."""

    homepage = "https://github.com/dateutil/dateutil"
    url = (
        "https://files.pythonhosted.org/packages/source/p/python-dateutil/"
        "python_dateutil-4.0.0.tar.gz"
    )

    license("BSD-3-Clause", when="@4:")
    license("Apache-2.0 AND BSD-3-Clause", when="@:3")

    version("4.0.0", sha256="d7295ff14fdc0f92f662100bfb6c551d160ca090f2939f1ec5b9794265c03f06")
    version("3.0.0", sha256="7ebcb3c29a92f3ceafe79a7a48a5c45677e9e004bbeec5742ac0bbb00560b7a2")
    version(
        "2.9.0.post0",
        sha256="37dd54208da7e1cd875388217d5e00ebd4179249f90fb72437e91a35459a0ad3",
        url=(
            "https://files.pythonhosted.org/packages/source/p/python-dateutil/"
            "python-dateutil-2.9.0.post0.tar.gz"
        ),
    )

    depends_on("python@3.11:", type=("build", "run"), when="@4:")

    # 4.x builds with hatchling; earlier releases with setuptools and a
    # setuptools-scm older than 8.
    depends_on("py-hatchling@1.27:", type="build", when="@4:")
    depends_on("py-hatch-vcs@0.4:", type="build", when="@4:")
    depends_on("py-hatch-fancy-pypi-readme@24.1:", type="build", when="@4:")
    depends_on("py-setuptools", type="build", when="@:3")
    depends_on("py-setuptools-scm@:7", type="build", when="@:3")
    depends_on("py-wheel", type="build", when="@:2")

    depends_on("py-six@1.6:", type=("build", "run"), when="@3")
    depends_on("py-six@1.5:", type=("build", "run"), when="@:2")
    depends_on("py-tzdata", type=("build", "run"), when="@3:")
