from rpm_spec.repo.api import *


class PyPybind11(PythonPackage):
    """pybind11: a header-only C++11 library exposing C++ types to Python and
    back, the binding layer of PyTorch and many scientific extensions. The Python
    package carries the headers and the CMake config (pybind11.get_cmake_dir())."""

    homepage = "https://pybind11.readthedocs.io"
    url = "https://files.pythonhosted.org/packages/source/p/pybind11/pybind11-3.1.0.tar.gz"
    git = "https://github.com/pybind/pybind11.git"

    license("BSD-3-Clause")

    version("3.1.0", sha256="a1cc06b524ab3edca51f8ad3895f9c4fa20b8b19283173dff4ae781449dc9639")
    version("3.0.4", sha256="3286b59c8a774b9ee650169302dd5a4eedc30a8617905a0560dd8ee44775130c")
    version("3.0.3", sha256="00471cdb816882c484708bc5dde80815c8c11cea540ab2cc6410f5ddea434755")
    version("3.0.2", sha256="432f01aeb68e361a3a7fc7575c2c7f497595bf640f747acd909ff238dd766e06")
    version("3.0.1", sha256="9c0f40056a016da59bab516efb523089139fcc6f2ba7e4930854c61efb932051")
    version("3.0.0", sha256="c3f07bce3ada51c3e4b76badfa85df11688d12c46111f9d242bc5c9415af7862")
    version("2.13.6", sha256="ba6af10348c12b24e92fa086b39cfba0eff619b61ac77c406167d813b096d39a")
    version("2.13.5", sha256="ae33f635322f9d9741abde0c5f348bf9373f6c22298883395e586cb43c55574e")
    version("2.12.1", sha256="98f6af3c5ce6c8ed95eea69c19cd80225dad6640b0a18221278fa7e75c38b2c8")
    version("2.12.0", sha256="5e3c557a84b06b969247630407fc4d985bed157b4253b13153b8e8e165e0c3dc")
    version("2.11.1", sha256="00cd59116a6e8155aecd9174f37ba299d1d397ed4a6b86ac1dfe01b3e40f2cc4")
    version("2.10.4", sha256="0bb621d3c45a049aa5923debb87c5c0e2668227905c55ebe8af722608d8ed927")

    depends_on("python@3.9:", type=("build", "run"), when="@3.1:")
    depends_on("python@3.8:", type=("build", "run"), when="@3:")
    depends_on("python@3.7:", type=("build", "run"), when="@2.13:")
    depends_on("python@3.6:", type=("build", "run"))

    # 3.x builds with scikit-build-core, which runs CMake; 2.x with setuptools.
    with when("@3:"):
        depends_on("py-scikit-build-core@0.11.2:", type="build")
        depends_on("cmake@3.15:", type="build")
        depends_on("ninja", type="build")
    with when("@:2"):
        depends_on("py-setuptools@42:", type="build")
        depends_on("py-wheel", type="build")

    # https://github.com/pybind/pybind11/pull/5208: GCC 14 rejects 2.13.1 and older.
    conflicts("%gcc@14:", when="@:2.13.1", msg="pybind11 2.13.1 and older fail with GCC 14")
    conflicts("%gcc@:4.7", msg="pybind11 needs a C++11 compiler")
