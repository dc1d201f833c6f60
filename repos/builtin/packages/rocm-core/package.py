from rpm_spec.repo.api import *


class RocmCore(CMakePackage):
    """rocm-core: the small library and header (rocm_version.h, getROCmVersion) that
    report which ROCm release an installation is, shared by the other ROCm components.

    The one ROCm piece built from source here (it needs only CMake and a C++ compiler);
    the rest of ROCm is used from the site's installation, see ``hip``.
    """

    homepage = "https://github.com/ROCm/rocm-core"
    url = "https://github.com/ROCm/rocm-core/archive/refs/tags/rocm-6.4.3.tar.gz"
    git = "https://github.com/ROCm/rocm-core.git"

    license("MIT")

    version("7.0.0", sha256="d7741e12d184a6553f6d39b3ff4d113a2e7eeb509d5ec08e06cdaf51dcd26f90")
    version("6.4.3", sha256="dae6e06739882a3ce7be13ac300c22ab35ce80b4e853a21a1a3237fdc0411eb9")
    version("6.4.2", sha256="f3af7cfd930e20610736335ea860b9a39fb9bba4153fdc34b46ffe7da86a40ab")
    version("6.4.1", sha256="ac56938879a550ecd55ef5c00067203a0b3faf5a17a48d649728b1a3c65b040c")
    version("6.4.0", sha256="058739404c91105c1b34117803f6b48917a23191291ce67020e6b983b45450c1")
    version("6.3.3", sha256="d2a3900424dea1dcc0e303c288d2c07e1345c2d5348398449998e8007fe7fd44")
    version("6.2.4", sha256="46dcfb5d20d242cd0ce6d02ba64d92bdd3ea59c103cf47b665c7d7a4ea7dc7f1")
    version("6.1.2", sha256="ce9cbe12977f2058564ecb4cdcef4fd0d7880f6eff8591630f542441092f4fa3")
    version("6.0.2", sha256="04f01dca2862f0bf781de8afb74aabefc3c9b1d9f01bc8cadb2eb3d7395119cc")

    depends_on("cmake@3.16:", type="build")

    sanity_check_is_file = ["include/rocm-core/rocm_version.h"]

    def url_for_version(self, version):
        return f"https://github.com/ROCm/rocm-core/archive/refs/tags/rocm-{version}.tar.gz"

    def cmake_args(self):
        # The version is not read from git (tarballs have none): CMake is told it.
        return [self.define("ROCM_VERSION", str(self.spec.version))]
