# Feature: the MesonPackage build system (build dependencies on meson and ninja, meson_args).
from rpm_spec.repo.api import *


class MesonSample(MesonPackage):
    """Fake library configured with Meson."""

    homepage = "https://example.com/meson-sample"
    url = "https://example.com/meson-sample-1.0.tar.gz"

    version("1.0", sha256="eb451ce0443b318d861fe2f9ac6ce4df84041432e29f0c9e8c41903a0bba55fc")

    variant("docs", default=False, description="Build the manual")

    def meson_args(self):
        return ["-Ddocs=" + ("true" if self.spec.satisfies("+docs") else "false")]
