from rpm_spec.repo.api import *

_ARCHIVE = "https://github.com/pytorch/cpuinfo/archive/{0}.{1}"


class Cpuinfo(CMakePackage):
    """cpuinfo: detects the host CPU's vendor, microarchitecture, ISA extensions,
    caches and topology at run time; PyTorch, XNNPACK and FBGEMM pick their
    kernels with it."""

    homepage = "https://github.com/pytorch/cpuinfo"
    url = _ARCHIVE.format("f858c30bcb16f8effd5ff46996f0514539e17abc", "tar.gz")
    git = "https://github.com/pytorch/cpuinfo.git"

    license("BSD-2-Clause")

    # No releases: dated snapshots of the commits PyTorch pins as a submodule, fetched as
    # GitHub commit archives (the archive type is the one whose sha256 could be verified).
    version(
        "2025.11.14",  # PyTorch 2.10
        sha256="30c390d5ac7c59ae1c0a8a1aefb9bb70cb4d482bd15e8de706f5c8bf60357fa6",
        url=_ARCHIVE.format("f858c30bcb16f8effd5ff46996f0514539e17abc", "tar.gz"),
    )
    version(
        "2025.03.21",  # PyTorch 2.8, 2.9
        sha256="f335b437ef06ddc8916129d3baf423e986d70dd31aa2b8b8a752c36bcfa040a2",
        url=_ARCHIVE.format("5e3d2445e6a84d9599bee2bf78edbb4d80865e1d", "zip"),
    )
    version(
        "2024.09.26",  # PyTorch 2.6, 2.7
        sha256="ca31f17a86e4db01b5fc05efa1807ddc84c02ba4611464b67e185e8210bf096b",
        url=_ARCHIVE.format("1e83a2fdd3102f65c6f1fb602c1b320486218a99", "zip"),
    )
    version(
        "2024.08.30",  # PyTorch 2.5.0
        sha256="2bf2b62eb86e2d2eaf862d0b9683a6c467a4d69fb2f7f1dc47c799809148608f",
        url=_ARCHIVE.format("fa1c679da8d19e1d87f20175ae1ec10995cd3dd3", "zip"),
    )
    version(
        "2023.11.04",  # PyTorch 2.3, 2.4
        sha256="a615cac78fad03952cc3e1fd231ce789a8df6e81a5957b64350cb8200364b385",
        url=_ARCHIVE.format("d6860c477c99f1fce9e28eb206891af3c0e1a1d7", "zip"),
    )
    version(
        "2023.01.13",  # PyTorch 2.1, 2.2
        sha256="e5c47db587d3ef15537fdd32f929e070aabbcf607e86ab1d86196385dedd2db9",
        url=_ARCHIVE.format("6481e8bef08f606ddd627e4d3be89f64d62e1b8a", "tar.gz"),
    )
    version(
        "2022.08.19",  # PyTorch 2.0
        sha256="3389494589a97122779cd8d57fbffb1ac1e1ca3e795981c1d8d71b92281ae8c4",
        url=_ARCHIVE.format("8ec7bd91ad0470e61cf38f618cc1f270dede599c", "tar.gz"),
    )

    variant("shared", default=True, description="Build libcpuinfo as a shared library")
    variant("tools", default=True, description="Install cpu-info, isa-info and cache-info")

    depends_on("cmake@3.5:", type="build")
    depends_on("ninja", type="build")

    sanity_check_is_file = ["include/cpuinfo.h"]

    def cmake_args(self):
        return [
            self.define(
                "CPUINFO_LIBRARY_TYPE", "shared" if self.is_enabled("shared") else "static"
            ),
            self.define_from_variant("CPUINFO_BUILD_TOOLS", "tools"),
            self.define("CPUINFO_BUILD_UNIT_TESTS", False),
            self.define("CPUINFO_BUILD_MOCK_TESTS", False),
            self.define("CPUINFO_BUILD_BENCHMARKS", False),
            self.define("CPUINFO_LOG_LEVEL", "error"),
            self.define("CMAKE_POSITION_INDEPENDENT_CODE", True),
            # Old snapshots declare cmake_minimum_required below 3.5, which CMake 4 refuses.
            self.define("CMAKE_POLICY_VERSION_MINIMUM", "3.5"),
        ]
