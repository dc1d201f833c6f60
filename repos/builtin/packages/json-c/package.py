from rpm_spec.repo.api import *


class JsonC(CMakePackage):
    """json-c: a C library to build JSON objects, serialize them to strings
    and parse JSON text back (used by Slurm, systemd tools, ...)."""

    homepage = "https://github.com/json-c/json-c/wiki"
    url = "https://s3.amazonaws.com/json-c_releases/releases/json-c-0.18.tar.gz"
    git = "https://github.com/json-c/json-c.git"

    license("MIT")

    version("0.18", sha256="876ab046479166b869afc6896d288183bbc0e5843f141200c677b3e8dfb11724")
    version("0.16", sha256="8e45ac8f96ec7791eaf3bb7ee50e9c2100bbbc87b8d0f1d030c5ba8a0288d96b")
    version("0.15", sha256="b8d80a1ddb718b3ba7492916237bbf86609e9709fb007e7f7d4322f02341a4c6")

    variant("shared", default=True, description="Build the shared library")

    depends_on("cmake@3.9:", type="build", when="@0.17:")
    depends_on("cmake@2.8:", type="build")

    sanity_check_is_file = ["include/json-c/json.h"]

    def cmake_args(self):
        return [
            self.define_from_variant("BUILD_SHARED_LIBS", "shared"),
            self.define("BUILD_STATIC_LIBS", True),
            self.define("DISABLE_WERROR", True),
            self.define("BUILD_TESTING", False),
        ]
