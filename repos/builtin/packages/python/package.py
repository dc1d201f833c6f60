from rpm_spec.repo.api import *


class Python(AutotoolsPackage):
    """CPython, the reference interpreter of the Python language, with its
    standard library; optional C extension modules follow the variants."""

    homepage = "https://www.python.org/"
    url = "https://www.python.org/ftp/python/3.13.14/Python-3.13.14.tgz"

    license("Python-2.0")

    version("3.14.6", sha256="74d0d71d0600e477651a077101d6e62d1e2e69b8e992ba18c993dd643b7ba222")
    version("3.13.14", sha256="5ae535a36af0ebca6fca176ecb8197f5db9c1cb8c8f0cd12cdf1787046db1f41")
    version("3.13.2", sha256="b8d79530e3b7c96a5cb2d40d431ddb512af4a563e863728d8713039aa50203f9")
    version("3.12.9", sha256="45313e4c5f0e8acdec9580161d565cf5fea578e3eabf25df7cc6355bf4afa1ee")
    version("3.12.8", sha256="5978435c479a376648cb02854df3b892ace9ed7d32b1fead652712bee9d03a45")
    version("3.11.11", sha256="883bddee3c92fcb91cf9c09c5343196953cbb9ced826213545849693970868ed")
    version("3.11.2", sha256="2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849")
    version("3.10.16", sha256="f2e22ed965a93cfeb642378ed6e6cdbc127682664b24123679f3d013fafe9cd0")
    version("3.9.21", sha256="667c3ba2ca98d39ead1162f6548c3475768582e2ff89e0821d25eb956ac09944")
    version(
        "3.8.20",
        sha256="9f2d5962c2583e67ef75924cd56d0c1af78bf45ec57035cf8a2cc09f74f4bf78",
        deprecated=True,
    )

    variant("shared", default=True, description="Build libpython as a shared library")
    variant("optimizations", default=False, description="Profile-guided optimisation and LTO")
    variant("debug", default=False, description="Debug build with extra runtime checks")
    variant("ensurepip", default=True, description="Install pip into the new interpreter")
    # Optional extension modules of the standard library.
    variant("readline", default=True, description="Line editing in the REPL (readline module)")
    variant("ssl", default=True, description="ssl and hashlib through OpenSSL")
    variant("sqlite3", default=True, description="sqlite3 module")
    variant("dbm", default=True, description="dbm.gnu module through GDBM")
    variant("zlib", default=True, description="zlib module")
    variant("bz2", default=True, description="bz2 module")
    variant("lzma", default=True, description="lzma module")
    variant("pyexpat", default=True, description="XML parsing with a system expat")
    variant("ctypes", default=True, description="ctypes module through libffi")
    variant("uuid", default=True, description="Fast _uuid module through libuuid")
    variant("zstd", default=True, when="@3.14:", description="compression.zstd module")

    depends_on("pkgconfig@0.9:", type="build")
    depends_on("readline", when="+readline")
    depends_on("ncurses", when="+readline")
    depends_on("openssl@1.1.1:", when="+ssl")
    depends_on("sqlite@3.7.15:", when="+sqlite3")
    depends_on("sqlite@3.15.2:", when="@3.13: +sqlite3")
    depends_on("gdbm", when="+dbm")
    depends_on("zlib-api", when="+zlib")
    depends_on("bzip2", when="+bz2")
    depends_on("xz libs=shared", when="+lzma")
    depends_on("expat", when="+pyexpat")
    depends_on("libffi", when="+ctypes")
    depends_on("util-linux-uuid", when="+uuid")
    depends_on("zstd@1.4.5: libs=shared", when="@3.14: +zstd")

    sanity_check_is_file = ["bin/python3", "bin/python3-config"]
    sanity_check_is_dir = ["include", "lib"]

    # Standard-library modules each variant turns off (configure honours py_cv_module_X=n/a
    # since 3.11; older releases simply skip modules whose library is missing).
    _MODULES = {
        "readline": ("readline",),
        "ssl": ("_ssl", "_hashlib"),
        "sqlite3": ("_sqlite3",),
        "dbm": ("_dbm", "_gdbm"),
        "zlib": ("zlib",),
        "bz2": ("_bz2",),
        "lzma": ("_lzma",),
        "pyexpat": ("pyexpat",),
        "ctypes": ("_ctypes",),
        "uuid": ("_uuid",),
        "zstd": ("_zstd",),
    }

    def configure_args(self):
        spec = self.spec
        args = [
            *self.enable_or_disable("shared"),
            "--with-ensurepip=" + ("install" if spec.satisfies("+ensurepip") else "no"),
        ]
        if spec.satisfies("+optimizations"):
            args += ["--enable-optimizations", "--with-lto"]
        if spec.satisfies("+debug"):
            args.append("--with-pydebug")
        if spec.satisfies("+ssl"):
            args.append(f"--with-openssl={spec['openssl'].prefix}")
        if spec.satisfies("+pyexpat"):
            args.append("--with-system-expat")
        if spec.satisfies("+sqlite3"):
            args.append("--enable-loadable-sqlite-extensions")
        args.append("--with-dbmliborder=" + ("gdbm" if spec.satisfies("+dbm") else ""))
        if spec.satisfies("@3.11:"):
            for name, modules in self._MODULES.items():
                if self.variant_values(name) is not None and not self.is_enabled(name):
                    args += [f"py_cv_module_{module}=n/a" for module in modules]
        return args
