# Feature: one dependency of each type: build-only, build+link (default), run-only, test-only.
from rpm_spec.repo.api import *


class DeptypeSampler(Package):
    """Fake application whose four dependencies differ only in their dependency type."""

    homepage = "https://example.com/deptype-sampler"
    url = "https://example.com/deptype-sampler-1.0.tar.gz"

    version("1.0", sha256="1886221d353c18ccb2e2d4da84f51433904d248543ed810fb1af7283fa3cfe03")

    depends_on("cmake@3.20:", type="build")
    depends_on("zlib")
    depends_on("python", type="run")
    depends_on("libelf", type="test")
