# Feature: a conditional requirement on the own version (requires("@2:", when="+new")).
from rpm_spec.repo.api import *


class RequiresVersion(Package):
    """Fake library whose new API exists only in 2.x releases."""

    homepage = "https://example.com/requires-version"
    url = "https://example.com/requires-version-2.1.tar.gz"

    version("2.1", sha256="cbae2c7eb60f3840604ca812ef44b0d29dc3eedd8482546749869f1eff9ea222")
    version("2.0", sha256="d2c4ad495a3dcb43d3bf727590bec390432add21fbf480627e0d083fbe3224f5")
    version("1.1", sha256="6b084768d05ff299afc29ac10c8e9c65368036bf11a2974f75e2482cec1ccf12")
    version("1.0", sha256="94473ff37edb6ee86d737e892b17ac7f67a9b6999ed90d0ebe660c74aa71becd")

    variant("new", default=False, description="Build the new API")

    requires("@2:", when="+new", msg="the new API arrived in 2.0")
