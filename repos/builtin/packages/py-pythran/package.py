from rpm_spec.repo.api import *


class PyPythran(PythonPackage):
    """Pythran: an ahead-of-time compiler from a numeric subset of Python
    (with NumPy) to C++ extension modules; SciPy compiles some kernels with
    it. Its C++ runtime bundles the Boost and xsimd headers it needs."""

    homepage = "https://github.com/serge-sans-paille/pythran"
    url = "https://files.pythonhosted.org/packages/source/p/pythran/pythran-0.19.0.tar.gz"

    license("BSD-3-Clause")

    version("0.19.0", sha256="18a096daa8b4bbe3ace06ce5d7325be5ff57aec4cf67b91834cf1b757b3e5392")
    version("0.18.1", sha256="8803ed948bf841a11bbbb10472a8ff6ea24ebd70e67c3f77b77be3db900eccfe")
    version("0.17.0", sha256="3b77d6d970a6cf5b448facc7d4f6229c3e73909ac27ea2480c843afdadbad0fb")
    version("0.16.1", sha256="861748c0f9c7d422b32724b114b3817d818ed4eab86c09781aa0a3f7ceabb7f9")

    depends_on("python@3.7:", type=("build", "run"))
    # 0.19 wants setuptools < 60 (for numpy.distutils) on interpreters before 3.12.
    depends_on("py-setuptools@62:", type=("build", "run"), when="@:0.18")
    depends_on("py-setuptools@62:", type=("build", "run"), when="@0.19: ^python@3.12:")
    depends_on("py-setuptools@:59", type=("build", "run"), when="@0.19: ^python@:3.11")

    depends_on("py-ply@3.4:", type=("build", "run"))
    depends_on("py-gast@0.7", type=("build", "run"), when="@0.19:")
    depends_on("py-gast@0.6", type=("build", "run"), when="@0.17:0.18")
    depends_on("py-gast@0.5", type=("build", "run"), when="@0.16")
    depends_on("py-beniget@0.5", type=("build", "run"), when="@0.19:")
    depends_on("py-beniget@0.4", type=("build", "run"), when="@:0.18")
    depends_on("py-numpy", type=("build", "run"))

    sanity_check_is_file = ["bin/pythran"]
