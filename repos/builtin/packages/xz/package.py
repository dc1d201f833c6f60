from rpm_spec.repo.api import *


class Xz(AutotoolsPackage):
    """XZ Utils: the xz/lzma command-line tools and the liblzma library, which
    compress with LZMA2 at high ratios and decompress quickly."""

    homepage = "https://tukaani.org/xz/"
    url = "https://downloads.sourceforge.net/project/lzmautils/xz-5.8.2.tar.bz2"
    git = "https://github.com/tukaani-project/xz.git"

    license("0BSD AND LGPL-2.1-or-later AND GPL-2.0-or-later")

    # 5.6.0 and 5.6.1 carry the CVE-2024-3094 backdoor and are deliberately absent.
    version(
        "5.8.3",
        sha256="3d3a1b973af218114f4f889bbaa2f4c037deaae0c8e815eec381c3d546b974a0",
        url="https://github.com/tukaani-project/xz/releases/download/v5.8.3/xz-5.8.3.tar.gz",
    )
    version("5.8.2", sha256="60345d7c0b9c8d7ffa469e96898c300def3669f5047fc76219b819340839f3d8")
    version("5.6.3", sha256="a95a49147b2dbb5487517acc0adcd77f9c2032cf00664eeae352405357d14a6c")
    version("5.6.2", sha256="e12aa03cbd200597bd4ce11d97be2d09a6e6d39a9311ce72c91ac7deacde3171")
    version("5.4.7", sha256="9976ed9cd0764e962d852d7d519ee1c3a7f87aca3b86e5d021a45650ba3ecb41")
    version("5.4.6", sha256="913851b274e8e1d31781ec949f1c23e8dbcf0ecf6e73a2436dc21769dd3e6f49")
    version("5.4.5", sha256="8ccf5fff868c006f29522e386fb4c6a1b66463fbca65a4cfc3c4bd596e895e79")
    version(
        "5.4.1",
        sha256="5d9827aa1875b21c288f78864bb26d2650b436ea8d2cad364e4921eb6266a5a5",
        url="https://tukaani.org/xz/xz-5.4.1.tar.xz",
    )
    version("5.2.10", sha256="01b71df61521d9da698ce3c33148bff06a131628ff037398c09482f3a26e5408")
    version("5.2.5", sha256="5117f930900b341493827d63aa910ff5e011e0b994197c3b71c08a20228a42df")

    variant(
        "pic", default=False, description="Compile the static library as position-independent code"
    )
    variant(
        "libs",
        default="shared,static",
        values=("shared", "static"),
        multi=True,
        description="Which liblzma flavours to build",
    )

    sanity_check_is_file = ["bin/xz", "bin/xzdec", "include/lzma.h"]

    def configure_args(self):
        args = [
            "--enable-shared" if self.spec.satisfies("libs=shared") else "--disable-shared",
            "--enable-static" if self.spec.satisfies("libs=static") else "--disable-static",
            "--disable-doc",
        ]
        if self.spec.satisfies("+pic"):
            args.append("--with-pic")
        return args
