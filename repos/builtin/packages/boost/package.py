import os
import shutil
from pathlib import Path

from rpm_spec.repo.api import *

# Boost libraries that need compiling (the rest are header-only and always installed).
_COMPILED = (
    "atomic",
    "chrono",
    "container",
    "context",
    "date_time",
    "exception",
    "fiber",
    "filesystem",
    "graph",
    "iostreams",
    "json",
    "locale",
    "log",
    "math",
    "mpi",
    "nowide",
    "program_options",
    "random",
    "regex",
    "serialization",
    "stacktrace",
    "system",
    "test",
    "thread",
    "timer",
    "type_erasure",
    "url",
    "wave",
)


class Boost(Package):
    """Boost: peer-reviewed portable C++ libraries, most of them header-only
    (containers, algorithms, spirit, asio, ...) and some compiled (filesystem,
    program_options, iostreams, mpi, ...).

    Every compiled library is a variant, off by default: plain ``boost``
    installs the headers only; a dependent names what it links, e.g.
    ``depends_on("boost+filesystem+program_options")``."""

    homepage = "https://www.boost.org"
    url = "https://archives.boost.io/release/1.88.0/source/boost_1_88_0.tar.bz2"
    git = "https://github.com/boostorg/boost.git"

    license("BSL-1.0")

    version("1.88.0", sha256="46d9d2c06637b219270877c9e16155cbd015b6dc84349af064c088e9b5b12f7b")
    version("1.87.0", sha256="af57be25cb4c4f4b413ed692fe378affb4352ea50fbe294a11ef548f4d527d89")
    version("1.86.0", sha256="1bed88e40401b2cb7a1f76d4bab499e352fa4d0c5f31c0dbae64e24d34d7513b")
    version("1.85.0", sha256="7009fe1faa1697476bdc7027703a2badb84e849b7b0baad5086b087b971f8617")
    version("1.84.0", sha256="cc4b893acf645c9d4b698e9a0f08ca8846aa5d6c68275c14c3e7949c24109454")
    version("1.83.0", sha256="6478edfe2f3305127cffe8caf73ea0176c53769f4bf1585be237eb30798c3b8e")
    version("1.82.0", sha256="a6e1ab9b0860e6a2881dd7b21fe9f737a095e5f33a3a874afc6a345228597ee6")
    version("1.80.0", sha256="1e19565d82e43bc59209a168f5ac899d3ba471d55c7610c677d4ccf2c9c500c0")
    version("1.79.0", sha256="475d589d51a7f8b3ba2ba4eda022b170e562ca3b760ee922c146b6c65856ef39")

    for _lib in _COMPILED:
        variant(_lib, default=False, description=f"Build and install Boost.{_lib}")
    variant("charconv", default=False, when="@1.85:", description="Build Boost.Charconv")
    variant(
        "cxxstd",
        default="17",
        values=("11", "14", "17", "20", "23"),
        description="C++ standard the compiled libraries are built with",
    )
    variant("shared", default=True, description="Build shared libraries (else static)")
    variant("pic", default=True, description="Position-independent code in static libraries")
    variant("multithreaded", default=True, description="Thread-safe builds (threading=multi)")

    depends_on("mpi", when="+mpi")
    depends_on("bzip2", when="+iostreams")
    depends_on("zlib-api", when="+iostreams")
    depends_on("zstd", when="+iostreams")
    depends_on("xz", when="+iostreams")
    depends_on("libiconv", when="+locale platform=darwin")

    conflicts("+fiber", when="~context", msg="Boost.Fiber is built on Boost.Context")
    conflicts("cxxstd=11", when="@1.84:", msg="Boost 1.84 and newer need C++14 or later")
    # Boost.MPI gained a hard dependency on Boost.Python in 1.87, which is not offered here.
    conflicts("+mpi", when="@1.87:", msg="Boost.MPI 1.87+ needs Boost.Python (not packaged)")

    sanity_check_is_file = ["include/boost/version.hpp"]

    def url_for_version(self, version):
        underscored = str(version).replace(".", "_")
        return f"https://archives.boost.io/release/{version}/source/boost_{underscored}.tar.bz2"

    def _libraries(self, spec):
        names = [*_COMPILED, "charconv"]
        return [lib for lib in names if self.variant_values(lib) and spec.satisfies(f"+{lib}")]

    def install(self, spec, prefix):
        libraries = self._libraries(spec)
        if not libraries:
            shutil.copytree("boost", Path(prefix) / "include" / "boost", dirs_exist_ok=True)
            return
        toolset = "clang" if spec.satisfies("%clang") else "gcc"
        # b2 finds compilers only through its own config; point it at the build's.
        config = [f"using {toolset} : : {os.environ.get('CXX', 'c++')} ;"]
        if spec.satisfies("+mpi"):
            config.append(f"using mpi : {spec['mpi'].prefix / 'bin' / 'mpicxx'} ;")
        Path("user-config.jam").write_text("\n".join(config) + "\n")
        self.run(
            [
                "./bootstrap.sh",
                f"--prefix={prefix}",
                f"--with-toolset={toolset}",
                f"--with-libraries={','.join(libraries)}",
            ]
        )
        b2 = [
            "./b2",
            f"-j{self.make_jobs}",
            f"--user-config={Path.cwd() / 'user-config.jam'}",
            f"toolset={toolset}",
            f"link={'shared' if spec.satisfies('+shared') else 'static'}",
            f"threading={'multi' if spec.satisfies('+multithreaded') else 'single'}",
            f"cxxstd={self.variant_values('cxxstd')[0]}",
            "variant=release",
            "--layout=system",
        ]
        if spec.satisfies("+pic"):
            b2.append("cxxflags=-fPIC")
        if spec.satisfies("+iostreams"):
            for name, dep in (("BZIP2", "bzip2"), ("ZLIB", "zlib-api"), ("ZSTD", "zstd")):
                b2.append(f"-s{name}_INCLUDE={spec[dep].prefix / 'include'}")
                b2.append(f"-s{name}_LIBPATH={spec[dep].prefix / 'lib'}")
        self.run([*b2, "install"])
