# Feature: a sticky variant: the solver must not flip ~experimental to reach @2, only a user may.
from rpm_spec.repo.api import *


class StickyVariant(Package):
    """Fake allocator whose 2.x series builds only with the experimental backend."""

    homepage = "https://example.com/sticky-variant"
    url = "https://example.com/sticky-variant-2.0.tar.gz"

    version("2.0", sha256="238d36fea0a8d0247d8a7fbd26a8f88beddf967f03c6bb21493c22848c11ad41")
    version("1.0", sha256="b9355599412237ff9ea83cae2fd8b640b288c8d41358f6d04ce49c7def6b4c27")

    variant(
        "experimental",
        default=False,
        sticky=True,
        description="Use the experimental allocation backend",
    )

    conflicts("~experimental", when="@2:", msg="2.x builds only with +experimental")
