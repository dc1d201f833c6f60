from rpm_spec.repo.api import *


class Nasm(AutotoolsPackage):
    """NASM, the Netwide Assembler: a portable x86/x86-64 assembler (Intel
    syntax) used to build the SIMD kernels of libjpeg-turbo, x264, ISA-L and
    others, with the ndisasm disassembler."""

    homepage = "https://www.nasm.us"
    url = "https://www.nasm.us/pub/nasm/releasebuilds/2.16.03/nasm-2.16.03.tar.gz"

    license("BSD-2-Clause")

    version("2.16.03", sha256="5bc940dd8a4245686976a8f7e96ba9340a0915f2d5b88356874890e207bdb581")
    version("2.15.05", sha256="9182a118244b058651c576baa9d0366ee05983c4d4ae1d9ddd3236a9f2304997")

    sanity_check_is_file = ["bin/nasm", "bin/ndisasm"]
