from rpm_spec.repo.api import *


class Meson(PythonPackage):
    """Meson: a fast, user-friendly build system written in Python that
    generates Ninja build files from meson.build descriptions."""

    homepage = "https://mesonbuild.com/"
    url = "https://files.pythonhosted.org/packages/source/m/meson/meson-1.12.1.tar.gz"
    git = "https://github.com/mesonbuild/meson.git"

    license("Apache-2.0")

    version("1.12.1", sha256="ab0a6ca09f8ef70c564c8241fb5a23957886a0b53fb58412b5e07eaf07dba743")
    version("1.11.2", sha256="698feae069cef3ecd4d7aaf281d7df359bdfcf555a9a1564383d3b913fa8a736")
    version("1.10.2", sha256="7890287d911dd4ee1ebd0efb61ed0321bfcd87c725df923a837cf90c6508f96b")
    version("1.9.2", sha256="3499b59bb23982496e01e57b4103ac2f826f9c3a3f59e507a0a832487fe55e3d")

    depends_on("python@3.10:", type=("build", "run"), when="@1.12:")
    depends_on("python@3.7:", type=("build", "run"))
    depends_on("py-setuptools@42:", type="build")
    depends_on("py-wheel", type="build", when="@:1.10")
    # meson drives ninja at run time.
    depends_on("ninja@1.8.2:", type="run")

    sanity_check_is_file = ["bin/meson"]
