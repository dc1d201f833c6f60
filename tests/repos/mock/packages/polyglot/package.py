# Feature: a multi-valued variant (languages=c,cxx,fortran; default c,cxx).
from rpm_spec.repo.api import *


class Polyglot(Package):
    """Fake library with bindings for several languages."""

    homepage = "https://example.com/polyglot"
    url = "https://example.com/polyglot-2.1.tar.gz"

    version("2.1", sha256="4434086fad3682066593d01bc010c2891cad5873e6809914639d7faaaefbc1e1")
    version("2.0", sha256="c653e8e2499f4873c66a4e4b73af43ccd5f3f276fc92bd9e05474743e280906b")
    version("1.1", sha256="82c2738534416305909dd2072541dc5b7c74ecbc3cfb1ab1f067c4f6a4064aec")
    version("1.0", sha256="c2531767475be57c00f1562e6286d7436103bc3a8f73e4555527b8f26892476a")

    variant(
        "languages",
        default="c,cxx",
        values=("c", "cxx", "fortran"),
        multi=True,
        description="Language bindings to build",
    )
