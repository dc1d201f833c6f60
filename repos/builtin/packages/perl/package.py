from rpm_spec.repo.api import *


class Perl(Package):
    """Perl 5: the text-processing and system scripting language, with its
    core modules; autoconf, automake and OpenSSL's build depend on it."""

    homepage = "https://www.perl.org"
    url = "https://www.cpan.org/src/5.0/perl-5.42.2.tar.gz"

    license("Artistic-1.0-Perl OR GPL-1.0-or-later")

    # Even minor numbers are the stable maintenance series.
    version("5.42.2", sha256="9384e8deb75b7b1695e5637971b752281aaecd025a3d5d4734d33c1d0adfee47")
    version("5.42.0", sha256="e093ef184d7f9a1b9797e2465296f55510adb6dab8842b0c3ed53329663096dc")
    version("5.40.2", sha256="10d4647cfbb543a7f9ae3e5f6851ec49305232ea7621aed24c7cfbb0bef4b70d")
    version("5.40.0", sha256="c740348f357396327a9795d3e8323bafd0fe8a5c7835fc1cbaba0cc8dfe7161f")

    variant("shared", default=True, description="Build libperl as a shared library")
    variant("threads", default=True, description="Interpreter threads (ithreads)")

    depends_on("gdbm")
    depends_on("bzip2")
    depends_on("zlib-api")

    sanity_check_is_file = ["bin/perl", "bin/cpan"]

    def install(self, spec, prefix):
        args = [
            "./Configure",
            "-des",
            f"-Dprefix={prefix}",
            f"-Dlocincpth={spec['gdbm'].prefix / 'include'}",
            f"-Dloclibpth={spec['gdbm'].prefix / 'lib'}",
        ]
        if spec.satisfies("+shared"):
            args.append("-Duseshrplib")
        if spec.satisfies("+threads"):
            args.append("-Dusethreads")
        # Build Compress::Raw::{Zlib,Bzip2} against the dependencies, not bundled copies.
        env = dict(
            BUILD_ZLIB="0",
            ZLIB_INCLUDE=str(spec["zlib-api"].prefix / "include"),
            ZLIB_LIB=str(spec["zlib-api"].prefix / "lib"),
            BUILD_BZIP2="0",
            BZIP2_INCLUDE=str(spec["bzip2"].prefix / "include"),
            BZIP2_LIB=str(spec["bzip2"].prefix / "lib"),
            TZ="UTC",  # Configure records the build time zone; keep it reproducible
        )
        # Configure runs make itself and confuses a parent jobserver; run it serially.
        self.run(args, env={**env, "MAKEFLAGS": ""})
        # make itself takes no extra environment, so run it through run() with the variables.
        self.run(["make", f"-j{self.make_jobs}"], env=env)
        self.run(["make", "install"], env=env)
