# Feature: a platform requirement (requires("platform=linux")).
from rpm_spec.repo.api import *


class LinuxOnly(Package):
    """Fake system tool that reads /proc and so runs only on Linux."""

    homepage = "https://example.com/linux-only"
    url = "https://example.com/linux-only-1.0.tar.gz"

    version("1.0", sha256="80ed62687d70f995800f98ec73a5535783ae808aa3272cf7e6b9e666e55fc4e3")

    requires("platform=linux", msg="linux-only reads /proc")
