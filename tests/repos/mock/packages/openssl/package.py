# Feature: an older series marked preferred (a distribution's long-term one), each series
# under its own license: what a site policy denying openssl@:1.1 moves the solver off.
from rpm_spec.repo.api import *


class Openssl(Package):
    """Fake TLS library: 1.1 is the preferred series, 3.x the current one."""

    homepage = "https://example.com/openssl"
    url = "https://example.com/openssl-3.1.4.tar.gz"
    license("Apache-2.0", when="@3:")
    license("OpenSSL", when="@:1")

    version("3.1.4", sha256="4a9ffcb5f3a2c7e1b8ad4d2a0e70e2e12a3f2b7b17a0e4a3dbe3f2d2e79d0a11")
    version("3.0.13", sha256="88525753f79d3bec27d2fa7c66aa0b92b3aa9498dafd93d7cfa4b3780cdae313")
    version(
        "1.1.1w",
        sha256="cf3098950cb4d853ad95c0841f1f9c6d3dc102dccfcacd521d93925208b76ac8",
        preferred=True,
    )

    variant("shared", default=True, description="Build shared libraries")
