# Feature: the newest version (2.0) is deprecated, so the solver picks 1.1 unless 2.0 is asked.
from rpm_spec.repo.api import *


class DeprecatedNewest(Package):
    """Fake library whose 2.0 release was withdrawn."""

    homepage = "https://example.com/deprecated-newest"
    url = "https://example.com/deprecated-newest-2.0.tar.gz"

    version(
        "2.0",
        sha256="6d8efc441017a611c986b825f21131bfccd59feabf1c48c45827e0a2f60248a2",
        deprecated=True,
    )
    version("1.1", sha256="e732e2fea8b588f85223de805335be023fca12e40b4326af13c97fa010c942e7")
    version("1.0", sha256="95e6f351b8e315b3dd268cf1f8311933174203ca5ebe027f811ab36dc5011ca0")
