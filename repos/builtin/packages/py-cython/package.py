from rpm_spec.repo.api import *


class PyCython(PythonPackage):
    """Cython: an optimising compiler from Python and the Cython language
    (Python with C types) to C/C++ extension modules."""

    homepage = "https://cython.org/"
    url = "https://files.pythonhosted.org/packages/source/c/cython/cython-3.3.1.tar.gz"
    git = "https://github.com/cython/cython.git"

    license("Apache-2.0")

    version("3.3.1", sha256="e0e45989e821bef6aa9ae15c7d583ab5e055f7406c4b3624e49e06d24e90375a")
    version("3.2.9", sha256="d249c9022ab13286b17bd66f30609e800c5f95efeecb06168990c7a66cecde6c")
    version("3.2.4", sha256="84226ecd313b233da27dc2eb3601b4f222b8209c3a7216d8733b031da1dc64e6")
    version("3.1.8", sha256="518475fbe633ba30c1577669f417440f41e1a23ad6b6e2dbb20703cd457f04ef")
    version("3.0.12", sha256="b988bb297ce76c671e28c97d017b95411010f7c77fa6623dd0bb47eed1aee1bc")
    version(
        "0.29.37",
        sha256="f813d4a6dd94adee5d4ff266191d1d95bf6d4164a4facc535422c021b2504cfb",
        url="https://files.pythonhosted.org/packages/source/C/Cython/Cython-0.29.37.tar.gz",
    )

    depends_on("python@3.9:", type=("build", "run"), when="@3.3:")
    depends_on("python@3.8:", type=("build", "run"), when="@3.1:")
    depends_on("python@3.7:", type=("build", "run"))
    # A plain setup.py project; the compiled accelerator modules need a C compiler.
    depends_on("py-setuptools", type="build")

    sanity_check_is_file = ["bin/cython", "bin/cythonize"]
