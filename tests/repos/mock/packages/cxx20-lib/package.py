# Feature: a conflict with old compilers (conflicts("%gcc@:9")).
from rpm_spec.repo.api import *


class Cxx20Lib(Package):
    """Fake C++20 library that old GCC releases cannot compile."""

    homepage = "https://example.com/cxx20-lib"
    url = "https://example.com/cxx20-lib-1.0.tar.gz"

    version("1.0", sha256="8db2f83afaebafe7b4728b975fdd87ce5718eecd4201618283f4de3fe69b6935")

    conflicts("%gcc@:9", msg="cxx20-lib needs C++20 concepts, available from GCC 10")
