from rpm_spec.repo.api import *


class PyPillow(PythonPackage):
    """Pillow: the Python Imaging Library fork; reads, writes and transforms
    raster images through C extensions over zlib and libjpeg. torchvision
    and matplotlib use it."""

    homepage = "https://python-pillow.github.io/"
    url = "https://files.pythonhosted.org/packages/source/p/pillow/pillow-13.0.0.tar.gz"
    git = "https://github.com/python-pillow/Pillow.git"

    license("MIT-CMU")

    version("13.0.0", sha256="cdcd1ba258178f7356d74170c9a81ba4eab6a5d55748bc402a5a2a6fe6be3510")
    version("12.3.0", sha256="3b8182a766685eaa002637e28b4ec8d6b18819a0c71f579bf0dbaa5830297cce")
    version("12.1.1", sha256="9ad8fa5937ab05218e2b6a4cff30295ad35afd2f83ac592e68c0d871bb0fdbc4")
    version("11.3.0", sha256="3828ee7586cd0b2091b6209e5ad53e20d0649bbe87164a459d0676e035e8f523")

    depends_on("python@3.11:", type=("build", "run"), when="@13:")
    depends_on("python@3.10:", type=("build", "run"), when="@12:")
    depends_on("python@3.9:", type=("build", "run"))
    depends_on("py-setuptools@77:", type="build")
    depends_on("py-pybind11", type="build", when="@12:")

    # zlib and JPEG are the two codecs Pillow refuses to build without.
    depends_on("zlib-api")
    depends_on("jpeg")

    # Optional codecs whose libraries have no recipe here; disabling them keeps the
    # build from picking up whatever the host happens to have installed.
    _DISABLED = ("tiff", "freetype", "raqm", "lcms", "webp", "jpeg2000", "imagequant")
    _DISABLED += ("xcb", "avif")

    def install_options(self):
        return [f"--config-settings={feature}=disable" for feature in self._DISABLED]
