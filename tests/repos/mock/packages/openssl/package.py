# Feature: an older series marked preferred (a distribution's long-term one), each series
# under its own license: what a site policy denying openssl@:1.1 moves the solver off.
from rpm_spec.repo.api import *


class Openssl(Package):
    """Fake TLS library: 1.1 is the preferred series, 3.x the current one."""

    homepage = "https://example.com/openssl"
    url = "https://example.com/openssl-3.1.4.tar.gz"
    license("Apache-2.0", when="@3:")
    license("OpenSSL", when="@:1")

    version("3.1.4", sha256="c0f96a8317d422462eaeea4ca07bb42f4c59b8cc3a3b5a5a81a1d5f4b5704c3c")
    version("3.0.13", sha256="94670ace4ac106f565dda96fc6fb2469de25057bec85870346e2ac5c2b9869f9")
    version(
        "1.1.1w",
        sha256="dd30da459be2b88433d7194fb2c7942419744786cb2a824b2dbb22cc39013a89",
        preferred=True,
    )

    variant("shared", default=True, description="Build shared libraries")
