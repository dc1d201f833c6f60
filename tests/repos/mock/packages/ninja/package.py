# Feature: build tool the MesonPackage base class depends on.
from rpm_spec.repo.api import *


class Ninja(Package):
    """Fake Ninja build tool."""

    homepage = "https://example.com/ninja"
    url = "https://example.com/ninja-1.12.tar.gz"

    version("1.12", sha256="599a44ba9bbf95d6a88d5adf4428c514aa1e6ed1776bb5dc2a7cde6ea5a0f080")
    version("1.11", sha256="f279544242d792a64ebeeb48774ad06b3b868d562524f41b3b81ed35c6762cf5")
