# Feature: the CMakePackage build system (build_type variant, build dep on cmake, cmake_args).
from rpm_spec.repo.api import *


class CmakeSample(CMakePackage):
    """Fake library configured with CMake."""

    homepage = "https://example.com/cmake-sample"
    url = "https://example.com/cmake-sample-1.0.tar.gz"

    version("1.0", sha256="220ca1d6ca7d9a786ef40df5870c5369484b5fb49ffd3f9c8ff2a20ca5ebad42")

    variant("shared", default=True, description="Build shared libraries")

    def cmake_args(self):
        return [
            self.define_from_variant("BUILD_SHARED_LIBS", "shared"),
            self.define("BUILD_TESTING", False),
        ]
