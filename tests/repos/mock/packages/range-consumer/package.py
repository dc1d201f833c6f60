# Feature: a closed version range on a dependency (polyglot@1.0:1.1 picks 1.1, not the newest 2.1).
from rpm_spec.repo.api import *


class RangeConsumer(Package):
    """Fake application still tied to the 1.x API of polyglot."""

    homepage = "https://example.com/range-consumer"
    url = "https://example.com/range-consumer-1.0.tar.gz"

    version("1.0", sha256="e0ae03a5b88e64d79bd61fbe8eba1a9bf3f871ddf12e6734d2f4cbc4f60e3d55")

    depends_on("polyglot@1.0:1.1")
