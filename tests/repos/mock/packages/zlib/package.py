# Feature: boolean variants, one default on (+shared) and one default off (~pic).
from rpm_spec.repo.api import *


class Zlib(Package):
    """Fake compression library."""

    homepage = "https://example.com/zlib"
    url = "https://example.com/zlib-1.3.1.tar.gz"
    license("Zlib")

    version("1.3.1", sha256="d9ccef5eb71178b197332ac53abdcba340f49e209d40cec08f9d329891386325")
    version("1.3", sha256="604ac39f40829a273e354a953b2d97b1719cf18fb92385b1962810a982c568cb")
    version("1.2.13", sha256="8891def9e29a321555b75ca330588c1c35abbed502b0199903f0560f0339ee84")

    variant("shared", default=True, description="Build shared libraries")
    variant("pic", default=False, description="Build position-independent static code")
