import os
import shutil
from pathlib import Path

from rpm_spec.repo.api import *


class Bzip2(Package):
    """bzip2: a block-sorting (Burrows-Wheeler) file compressor and the
    libbz2 library, slower than gzip but with noticeably better ratios."""

    homepage = "https://sourceware.org/bzip2/"
    url = "https://sourceware.org/pub/bzip2/bzip2-1.0.8.tar.gz"
    git = "https://gitlab.com/bzip2/bzip2.git"

    license("bzip2-1.0.6")

    version("1.0.8", sha256="ab5a03176ee106d3f0fa90e381da478ddae405918153cca248e682cd0c4a2269")
    version("1.0.7", sha256="e768a87c5b1a79511499beb41500bcc4caf203726fff46a6f5f9ad27fe08ab2b")
    version("1.0.6", sha256="a2848f34fcd5d6cf47def00461fcb528a0484d8edef8208d6d2e2909dc61d9cd")

    variant("shared", default=True, description="Also build and install libbz2.so")
    variant("pic", default=False, description="Compile the static library as position-independent")

    # The default make target also runs the self-tests, which compare files with cmp: build
    # the real targets instead, so only a test run needs diffutils.
    depends_on("diffutils", type="test")

    conflicts("+shared", when="platform=darwin", msg="the upstream shared Makefile is ELF-only")

    sanity_check_is_file = ["bin/bzip2", "include/bzlib.h", "lib/libbz2.a"]

    def install(self, spec, prefix):
        # bzip2 has two hand-written Makefiles, one for the shared library and one for the
        # rest; both hard-code CC=gcc, so hand them the build environment's compiler.
        cflags = "-Wall -Winline -O2 -g -D_FILE_OFFSET_BITS=64"
        if spec.satisfies("+pic"):
            cflags += " -fPIC"
        cc = f"CC={os.environ.get('CC', 'cc')}"
        if spec.satisfies("+shared"):
            self.make("-f", "Makefile-libbz2_so", cc)
        self.make("libbz2.a", "bzip2", "bzip2recover", cc, f"CFLAGS={cflags}")
        self.make("install", f"PREFIX={prefix}", cc, f"CFLAGS={cflags}", jobs=1)
        if spec.satisfies("+shared"):
            full = f"libbz2.so.{spec.version}"
            lib = Path(prefix) / "lib"
            shutil.copy2(full, lib / full)
            for alias in ("libbz2.so", "libbz2.so.1", "libbz2.so.1.0"):
                (lib / alias).unlink(missing_ok=True)
                (lib / alias).symlink_to(full)
            # The dynamically linked tool replaces the static one.
            shutil.copy2("bzip2-shared", Path(prefix) / "bin" / "bzip2")
