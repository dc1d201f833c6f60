# Feature: a build-only tool that externals tests mark external and buildable: false.
from rpm_spec.repo.api import *


class Cmake(Package):
    """Fake CMake build tool."""

    homepage = "https://example.com/cmake"
    url = "https://example.com/cmake-3.30.tar.gz"

    version("3.30", sha256="bcd76f36a4a0dc437ba230f3f4e803b395dd7f66986d327c1a944d3b551589b6")
    version("3.27", sha256="69f0512e1c8546609d5e26fc5716ae7e72e2d9f50c551ed736c4919145c8489d")
    version("3.20", sha256="c4f751c3a75765405dc135bdc57e8cd4b0b0f4e461a51e9db6cd7eaa7eff178e")
