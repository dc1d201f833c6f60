from rpm_spec.repo.api import *


class Cmake(Package):
    """CMake: Kitware's cross-platform meta build system, which generates
    Makefiles or Ninja files from CMakeLists.txt, plus CTest and CPack."""

    homepage = "https://cmake.org"
    url = "https://github.com/Kitware/CMake/releases/download/v3.31.8/cmake-3.31.8.tar.gz"
    git = "https://gitlab.kitware.com/cmake/cmake.git"

    license("BSD-3-Clause")

    version("4.3.2", sha256="b0231eb39b3c3cabdc568c619df78208a7bd95ea10c9b2236d61218bac1b367d")
    version("4.2.3", sha256="7efaccde8c5a6b2968bad6ce0fe60e19b6e10701a12fce948c2bf79bac8a11e9")
    version("4.1.0", sha256="81ee8170028865581a8e10eaf055afb620fa4baa0beb6387241241a975033508")
    version("4.0.3", sha256="8d3537b7b7732660ea247398f166be892fe6131d63cc291944b45b91279f3ffb")
    # CMake 4 dropped compatibility with cmake_minimum_required(VERSION < 3.5), which many
    # released packages still declare; the last 3.x is therefore the default.
    version(
        "3.31.8",
        sha256="e3cde3ca83dc2d3212105326b8f1b565116be808394384007e7ef1c253af6caa",
        preferred=True,
    )
    version("3.30.9", sha256="65f765bb87c8019316cabe67cbe5e8f45ede334eeb5afd161ca6874d17994e0d")
    version("3.29.6", sha256="1391313003b83d48e2ab115a8b525a557f78d8c1544618b48d1d90184a10f0af")
    version("3.28.6", sha256="c39c733900affc4eb0e9688b4d1a45435a732105d9bf9cc1e75dd2b9b81a36bb")
    version("3.27.9", sha256="609a9b98572a6a5ea477f912cffb973109ed4d0a6a6b3f9e2353d2cdc048708e")
    version("3.26.6", sha256="070b9a2422e666d2c1437e2dab239a236e8a63622d0a8d0ffe9e389613d2b76a")
    version("3.25.3", sha256="cc995701d590ca6debc4245e9989939099ca52827dd46b5d3592f093afe1901c")
    version("3.25.1", sha256="1c511d09516af493694ed9baf13c55947a36389674d657a2d5e0ccedc6b291d8")
    version("3.24.4", sha256="32c9e499510eff7070d3f0adfbabe0afea2058608c5fa93e231beb49fbfa2296")
    version("3.23.5", sha256="f2944cde7a140b992ba5ccea2009a987a92413762250de22ebbace2319a0f47d")
    version("3.22.6", sha256="73933163670ea4ea95c231549007b0c7243282293506a2cf4443714826ad5ec3")
    version("3.21.7", sha256="3523c4a5afc61ac3d7c92835301cdf092129c9b672a6ee17e68c92e928c1375a")
    version("3.20.6", sha256="a0bd485e1a38dd13c0baec89d5f4adbf61c7fd32fddb38eabc69a75bc0b65d72")

    variant(
        "ownlibs",
        default=True,
        description="Build CMake's bundled third-party libraries instead of using installed ones",
    )
    variant("ncurses", default=True, description="Build the ccmake terminal interface")
    variant("ssl", default=True, description="HTTPS support in file(DOWNLOAD) via OpenSSL")

    depends_on("gmake", type=("build", "run"))
    depends_on("ncurses", when="+ncurses")
    depends_on("openssl", when="+ssl")
    with when("~ownlibs"):
        depends_on("curl")
        depends_on("expat")
        depends_on("zlib-api")
        depends_on("bzip2")
        depends_on("xz")
        depends_on("zstd")
        depends_on("libarchive@3.3.3: compression=bz2lib,lzma,zlib,zstd")
        depends_on("libuv@1.10:")
        depends_on("rhash")
        depends_on("jsoncpp")

    conflicts(
        "~ssl",
        when="~ownlibs",
        msg="with system libraries CMake downloads through curl, which brings its own TLS",
    )

    sanity_check_is_file = ["bin/cmake", "bin/ctest", "bin/cpack"]

    def install(self, spec, prefix):
        args = [
            "./bootstrap",
            f"--prefix={prefix}",
            f"--parallel={self.make_jobs}",
            "--no-qt-gui",
            "--no-system-libs" if spec.satisfies("+ownlibs") else "--system-libs",
        ]
        if spec.satisfies("~ownlibs @3.27:"):
            args.append("--no-system-cppdap")  # cppdap has no recipe of its own
        args += [
            "--",
            "-DCMAKE_BUILD_TYPE=Release",
            f"-DBUILD_CursesDialog={'ON' if spec.satisfies('+ncurses') else 'OFF'}",
        ]
        if spec.satisfies("+ownlibs"):
            args.append(f"-DCMAKE_USE_OPENSSL={'ON' if spec.satisfies('+ssl') else 'OFF'}")
        self.run(args)
        self.make()
        self.make("install")
