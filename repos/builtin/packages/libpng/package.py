from rpm_spec.repo.api import *


class Libpng(CMakePackage):
    """libpng: the reference library for reading and writing PNG images."""

    homepage = "http://www.libpng.org/pub/png/libpng.html"
    url = "https://downloads.sourceforge.net/project/libpng/libpng16/1.6.54/libpng-1.6.54.tar.xz"
    git = "https://github.com/pnggroup/libpng.git"

    license("Libpng")

    version("1.6.54", sha256="01c9d8a303c941ec2c511c14312a3b1d36cedb41e2f5168ccdaa85d53b887805")
    version("1.6.52", sha256="36bd726228ec93a3b6c22fdb49e94a67b16f2fe9b39b78b7cb65772966661ccc")
    version("1.6.47", sha256="b213cb381fbb1175327bd708a77aab708a05adde7b471bc267bd15ac99893631")
    version("1.6.39", sha256="1f4696ce70b4ee5f85f1e1623dc1229b210029fa4b7aee573df3e2ba7b036937")
    version("1.6.37", sha256="505e70834d35383537b6491e7ae8641f1a4bed1876dbfe361201fc80868d88ca")

    variant(
        "libs",
        default="shared,static",
        values=("shared", "static"),
        multi=True,
        description="Which libpng flavours to build",
    )
    variant("pic", default=True, description="Position-independent code in the static library")

    depends_on("zlib-api")
    depends_on("cmake@3.1:", type="build")
    depends_on("cmake@3.14:", type="build", when="@1.6.47:")

    sanity_check_is_file = ["include/png.h", "bin/libpng-config"]

    def url_for_version(self, version):
        return (
            "https://downloads.sourceforge.net/project/libpng/libpng16/"
            f"{version}/libpng-{version}.tar.xz"
        )

    def cmake_args(self):
        return [
            self.define("PNG_SHARED", self.spec.satisfies("libs=shared")),
            self.define("PNG_STATIC", self.spec.satisfies("libs=static")),
            self.define_from_variant("CMAKE_POSITION_INDEPENDENT_CODE", "pic"),
            self.define("PNG_TESTS", False),
            self.define("ZLIB_ROOT", self.spec["zlib-api"].prefix),
        ]
