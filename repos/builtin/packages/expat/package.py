from rpm_spec.repo.api import *


class Expat(AutotoolsPackage):
    """Expat: a small, fast, stream-oriented XML parser library in C, used by
    Python's pyexpat, CMake and many others."""

    homepage = "https://libexpat.github.io/"
    url = "https://github.com/libexpat/libexpat/releases/download/R_2_8_1/expat-2.8.1.tar.bz2"
    git = "https://github.com/libexpat/libexpat.git"

    license("MIT")

    version("2.8.1", sha256="f5833dd2e1cd7739ec9182804a1a29c4f0cc7c2f26b633d3a2188b7766a88ecb")
    version("2.7.5", sha256="386a423d40580f1e392e8b512b7635cac5083fe0631961e74e036b0a7a830d77")
    version("2.7.4", sha256="e6af11b01e32e5ef64906a5cca8809eabc4beb7ff2f9a0e6aabbd42e825135d0")
    version("2.7.3", sha256="59c31441fec9a66205307749eccfee551055f2d792f329f18d97099e919a3b2f")
    version("2.7.2", sha256="976f6c2d358953c22398d64cd93790ba5abc62e02a1bbc204a3a264adea149b8")
    # Releases before 2.7.2 are affected by CVE-2025-59375.
    version(
        "2.7.1",
        sha256="45c98ae1e9b5127325d25186cf8c511fa814078e9efeae7987a574b482b79b3d",
        deprecated=True,
    )

    variant("shared", default=True, description="Build the shared library")

    sanity_check_is_file = ["include/expat.h", "bin/xmlwf"]

    def url_for_version(self, version):
        tag = "R_" + str(version).replace(".", "_")
        return (
            f"https://github.com/libexpat/libexpat/releases/download/{tag}/expat-{version}.tar.bz2"
        )

    def configure_args(self):
        return [
            *self.enable_or_disable("shared"),
            "--enable-static",
            "--without-docbook",
            "--without-examples",
            "--without-tests",
        ]
