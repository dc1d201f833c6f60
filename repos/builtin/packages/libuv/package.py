from rpm_spec.repo.api import *


class Libuv(AutotoolsPackage):
    """libuv: the cross-platform asynchronous I/O and event-loop library that
    grew out of Node.js."""

    homepage = "https://libuv.org"
    url = "https://dist.libuv.org/dist/v1.44.1/libuv-v1.44.1-dist.tar.gz"
    git = "https://github.com/libuv/libuv.git"

    license("MIT")

    # The -dist tarballs (from 1.44 on) ship a generated configure script.
    version("1.44.1", sha256="b7293cefb470e17774dcf5d62c4c969636172726155b55ceef5092b7554863cc")
    version("1.44.0", sha256="6c52494401cfe8d08fb4ec245882f0bd4b1572b5a8e79d6c418b855422a1a27d")

    sanity_check_is_file = ["include/uv.h"]
