from rpm_spec.repo.api import *

_ARCHIVE = "https://github.com/asmjit/asmjit/archive/{0}.zip"


class Asmjit(CMakePackage):
    """AsmJit: a lightweight C++ library for machine code generation at run time
    (x86/x86-64 and AArch64 assemblers and a register allocator); FBGEMM generates
    its GEMM microkernels with it."""

    homepage = "https://asmjit.com/"
    url = _ARCHIVE.format("c87860217e43e2a06060fcaae5b468f6a55b9963")
    git = "https://github.com/asmjit/asmjit.git"

    license("Zlib")

    # No releases; dated snapshots of master, fetched as commit archives.
    version(
        "2025.12.09",
        sha256="9d1fa350c1595ea473667ab68f9921b67ee540b63a7ccdbb320e7565d4177ea9",
        url=_ARCHIVE.format("c87860217e43e2a06060fcaae5b468f6a55b9963"),
    )
    version(
        "2024.12.16",
        sha256="fc1dd360336e271e915808db513128855c2482d3794e4786757ffc0f31013f80",
        url=_ARCHIVE.format("cfc9f813cc6ccda63cad872edb32b38e0662bedb"),
    )
    version(
        "2024.05.31",
        sha256="678549712d4708d0513fb0017d03211df415387aea4c031923d4dd5c07b43db6",
        url=_ARCHIVE.format("d6c5be2212b9a50ba56ec6d1e9b68693c62136c1"),
    )
    version(
        "2023.03.25",
        sha256="4f62b1b6247864417fb50a2928d541ccf8e9273b0c3ce36ccd443c9d6ca7bc9a",
        url=_ARCHIVE.format("51b10b19b6631434d3f9ad536a6fb140944a36d2"),
    )

    variant("shared", default=True, description="Build a shared library (else ASMJIT_STATIC)")

    depends_on("cmake@3.19:", type="build")
    depends_on("ninja", type="build")

    sanity_check_is_file = ["include/asmjit/asmjit.h"]

    def cmake_args(self):
        return [
            self.define("ASMJIT_STATIC", not self.is_enabled("shared")),
            self.define("ASMJIT_TEST", False),
            self.define("CMAKE_POSITION_INDEPENDENT_CODE", True),
        ]
