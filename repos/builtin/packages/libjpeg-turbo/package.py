from rpm_spec.repo.api import *


class LibjpegTurbo(CMakePackage):
    """libjpeg-turbo: a SIMD-accelerated (SSE2/AVX2, NEON) fork of the IJG
    libjpeg, API- and ABI-compatible with libjpeg 6b (or 8 with +jpeg8),
    plus the TurboJPEG API; the usual provider of ``jpeg``."""

    homepage = "https://libjpeg-turbo.org/"
    url = "https://github.com/libjpeg-turbo/libjpeg-turbo/archive/3.0.4.tar.gz"
    git = "https://github.com/libjpeg-turbo/libjpeg-turbo.git"

    license("BSD-3-Clause AND IJG AND Zlib")

    version("3.0.4", sha256="0270f9496ad6d69e743f1e7b9e3e9398f5b4d606b6a47744df4b73df50f62e38")
    version("3.0.3", sha256="a649205a90e39a548863a3614a9576a3fb4465f8e8e66d54999f127957c25b21")
    version("3.0.2", sha256="29f2197345aafe1dcaadc8b055e4cbec9f35aad2a318d61ea081f835af2eebe9")
    version("2.1.5.1", sha256="61846251941e5791005fb7face196eec24541fce04f12570c308557529e92c75")

    variant(
        "libs",
        default="shared,static",
        values=("shared", "static"),
        multi=True,
        description="Which libjpeg flavours to build",
    )
    variant("jpeg8", default=False, description="Emulate the libjpeg v8 API/ABI")
    variant("simd", default=True, description="SIMD kernels (x86_64 ones are assembled by nasm)")

    provides("jpeg")

    depends_on("cmake@2.8.12:", type="build")
    depends_on("nasm", type="build", when="+simd target=x86_64:")

    sanity_check_is_file = ["include/jpeglib.h", "include/turbojpeg.h"]

    def cmake_args(self):
        return [
            self.define("ENABLE_SHARED", self.spec.satisfies("libs=shared")),
            self.define("ENABLE_STATIC", self.spec.satisfies("libs=static")),
            self.define_from_variant("WITH_JPEG8", "jpeg8"),
            self.define_from_variant("WITH_SIMD", "simd"),
            self.define("CMAKE_POSITION_INDEPENDENT_CODE", True),
        ]
