# Feature: source changes: a local patch file only for 1.0, and a resource only with +testdata.
from rpm_spec.repo.api import *


class PatchedLib(Package):
    """Fake library whose 1.0 release needs a fix and whose test data ships separately."""

    homepage = "https://example.com/patched-lib"
    url = "https://example.com/patched-lib-1.1.tar.gz"

    version("1.1", sha256="19d9e18f9a95891c6b32d600c680594ac0b70e96c5c598c6755b1d4307f9931c")
    version("1.0", sha256="9bf4696b7551fa4ff8825205e1c4c6337460d231fd45b194f46fb9d39fa9e47b")

    variant("testdata", default=False, description="Fetch the reference test data")

    patch("fix-version-macro.patch", when="@1.0")
    resource(
        name="testdata",
        url="https://example.com/patched-lib-testdata-1.0.tar.gz",
        sha256="72d25a98fdb822cb3a6033f883e3e033d3bb3fd69bce6f9717a748f47b0783c0",
        destination="testdata",
        when="+testdata",
    )
