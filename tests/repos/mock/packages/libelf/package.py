# Feature: leaf of the diamond (libdwarf rules out the newest 0.8.13); AutotoolsPackage sampler.
from rpm_spec.repo.api import *


class Libelf(AutotoolsPackage):
    """Fake ELF object file access library."""

    homepage = "https://example.com/libelf"
    url = "https://example.com/libelf-0.8.13.tar.gz"

    version("0.8.13", sha256="ed7d32d43118663d367e44e5f1e3475105f853fcf8fdfb05ada1a6b6b3d59822")
    version("0.8.12", sha256="31602ed67f35acf4a0bb65f0cdfe2e40638034cf76778fbaf26c984a0ab5141c")
    version("0.8.10", sha256="e21b39127222785e07dd5f30e11f26e78a3d6a4029deaefba7cc8ef3cc4bf55f")

    def configure_args(self):
        return ["--enable-shared", "--disable-debug"]
