# Feature: one side of a diamond: needs libelf@0.8.12: while libdwarf needs libelf@:0.8.12.
from rpm_spec.repo.api import *


class Dyninst(Package):
    """Fake binary instrumentation library; with libdwarf it forces a single libelf@0.8.12."""

    homepage = "https://example.com/dyninst"
    url = "https://example.com/dyninst-9.3.tar.gz"
    git = "https://example.com/dyninst.git"

    version("9.3", sha256="edf86cfe3bfdc4b01a476ef9f1f2df1bd593b549611c28b8d57191e5d4d14ee7")
    version("9.2", sha256="f239704d9ca3d24005ea321fe81f630570cb7c201d63332db03bf1f26188b990")

    depends_on("libelf@0.8.12:")
    depends_on("libdwarf")
