from rpm_spec.repo.api import *


class PyPandas(PythonPackage):
    """pandas: labelled, column-oriented data structures (DataFrame, Series)
    with fast I/O, grouping, reshaping and time-series tools; its C and
    Cython extensions are built with meson-python."""

    homepage = "https://pandas.pydata.org/"
    url = "https://files.pythonhosted.org/packages/source/p/pandas/pandas-3.1.1.tar.gz"
    git = "https://github.com/pandas-dev/pandas.git"

    license("BSD-3-Clause")

    version("3.1.1", sha256="05fed3e3b7c99b226f160e29d7d6cb7ef39638c758cbfe42b3f24ba34f04b859")
    version("3.0.6", sha256="66b07ef7315a31bfe1089cd3d71a7de781c9dca986762d0b4fe7c0ef17465d10")
    version("2.3.3", sha256="e05e1af93b977f7eafa636d043f9f94c7ee3ac81af99c13508215942e64c993b")
    version("2.2.3", sha256="4f18ba62b61d7e192368b84517265a99b4d7ee8912f8708660fb4a366cc82667")

    depends_on("python@3.11:", type=("build", "run"), when="@3:")
    depends_on("python@3.9:", type=("build", "run"))

    # NumPy: the run-time ranges (which depend on the interpreter). The sdists
    # ask for NumPy 2 at build time only for the ABI of PyPI wheels.
    depends_on("py-numpy@2.0.2:", type=("build", "run"), when="@3.1:")
    depends_on("py-numpy@1.26:", type=("build", "run"), when="@3.0")
    depends_on("py-numpy@2.3.3:", type=("build", "run"), when="@3: ^python@3.14:")
    depends_on("py-numpy@1.22.4:", type=("build", "run"), when="@:2")
    depends_on("py-numpy@1.23.2:", type=("build", "run"), when="@:2 ^python@3.11:")
    depends_on("py-numpy@1.26:", type=("build", "run"), when="@:2 ^python@3.12:")
    conflicts(
        "^py-numpy@2.5.0", when="@3:", msg="pandas 3 excludes NumPy 2.5.0 as a build dependency"
    )
    depends_on("py-python-dateutil@2.9:", type=("build", "run"), when="@3.1:")
    depends_on("py-python-dateutil@2.8.2:", type=("build", "run"))
    # pandas 3 uses the zoneinfo database of the OS on Linux.
    depends_on("py-pytz@2020.1:", type=("build", "run"), when="@:2")
    depends_on("py-tzdata@2022.7:", type=("build", "run"), when="@:2")

    # [build-system] requires. 2.2 pins meson-python 0.13.1 and meson 1.2.1 for its
    # isolated wheel builds; its meson.build accepts any newer Meson.
    depends_on("py-meson-python@0.19:0", type="build", when="@3.1:")
    depends_on("py-meson-python@0.17.1:0", type="build", when="@3.0")
    depends_on("py-meson-python@0.13.1:", type="build", when="@:2")
    depends_on("meson@1.2.3:1", type="build", when="@3.1:")
    depends_on("meson@1.2.1:1", type="build")
    depends_on("py-wheel", type="build")
    depends_on("py-cython@3.1.1:3", type="build", when="@3:")
    depends_on("py-cython@:3", type="build", when="@2.3")
    depends_on("py-cython@3.0.5:3.0", type="build", when="@2.2")
    depends_on("py-versioneer", type="build")
