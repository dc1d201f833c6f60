# Feature: build tool the MesonPackage base class depends on.
from rpm_spec.repo.api import *


class Meson(Package):
    """Fake Meson build system."""

    homepage = "https://example.com/meson"
    url = "https://example.com/meson-1.5.tar.gz"

    version("1.5", sha256="8754c38ae7081f9d503a7dacf73a3b5776c47abadceefd37a99cec955c98bc35")
    version("1.3", sha256="8418b4ce8550f0034e2d1bf869cf155803c5549874f15922f8a04501437f468f")
