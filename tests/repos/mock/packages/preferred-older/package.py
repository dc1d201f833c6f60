# Feature: a preferred=True version (1.1) that is older than the newest (2.0).
from rpm_spec.repo.api import *


class PreferredOlder(Package):
    """Fake library whose maintainers recommend the 1.1 long-term release."""

    homepage = "https://example.com/preferred-older"
    url = "https://example.com/preferred-older-2.0.tar.gz"

    version("2.0", sha256="897ce4e291fae82e705c492e23d2af06c0208772b7798de56129340c2533cfdd")
    version(
        "1.1",
        sha256="fdcd42b01529fbe817c1fa4351a6af3b3b183ac1eee38bf6b30bf6af06921424",
        preferred=True,
    )
    version("1.0", sha256="0e82c9c79f99f59be826e50752f823d33922c869b51543ba441e7ebadddee774")
