from pathlib import Path

from rpm_spec.repo.api import *


class Pkgconf(Package):
    """pkgconf: a small, fast implementation of pkg-config that reports the
    compiler and linker flags recorded in .pc files. It installs a `pkg-config`
    command too, so it provides the pkgconfig virtual."""

    homepage = "http://pkgconf.org/"
    url = "https://distfiles.ariadne.space/pkgconf/pkgconf-2.5.1.tar.xz"
    git = "https://github.com/pkgconf/pkgconf.git"

    license("ISC")

    version("2.5.1", sha256="cd05c9589b9f86ecf044c10a2269822bc9eb001eced2582cfffd658b0a50c243")
    version("2.3.0", sha256="3a9080ac51d03615e7c1910a0a2a8df08424892b5f13b0628a204d3fcce0ea8b")
    version("2.2.0", sha256="b06ff63a83536aa8c2f6422fa80ad45e4833f590266feb14eaddfe1d4c853c69")
    version("1.9.5", sha256="1ac1656debb27497563036f7bffc281490f83f9b8457c0d60bcfb638fb6b6171")
    version("1.8.0", sha256="ef9c7e61822b7cb8356e6e9e1dca58d9556f3200d78acab35e4347e9d4c2bbaf")

    provides("pkgconfig")

    sanity_check_is_file = [
        "bin/pkgconf",
        "bin/pkg-config",
        "include/pkgconf/libpkgconf/libpkgconf.h",
    ]

    def install(self, spec, prefix):
        self.run(["./configure", f"--prefix={prefix}", "--disable-dependency-tracking"])
        self.make()
        self.make("install")
        # Build systems call `pkg-config`; pkgconf is a drop-in replacement under that name.
        alias = Path(prefix) / "bin" / "pkg-config"
        if not alias.exists():
            alias.symlink_to("pkgconf")
