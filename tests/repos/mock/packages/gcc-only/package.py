# Feature: a compiler requirement (requires("%gcc")).
from rpm_spec.repo.api import *


class GccOnly(Package):
    """Fake code base that relies on GNU extensions and builds only with GCC."""

    homepage = "https://example.com/gcc-only"
    url = "https://example.com/gcc-only-1.0.tar.gz"

    version("1.0", sha256="3cd2a46225565deceda3611e9dcca5b40172518ad9a2fbb288665b36fda9e23d")

    requires("%gcc", msg="gcc-only uses GNU C extensions")
