# Feature: a root built for retargeting tests: an x86-only provider choice, a target-dependent
# variant (simd-kernels +avx512) and a version a site may pin (polyglot).
from rpm_spec.repo.api import *


class RetargetApp(Package):
    """Fake application whose DAG changes in known ways when moved from x86_64 to aarch64."""

    homepage = "https://example.com/retarget-app"
    url = "https://example.com/retarget-app-1.0.tar.gz"

    version("1.0", sha256="e4abbaf2ab4ca9a59811e1ed9e65e092ccbe67863e3a6450463f39eebbb41d8a")

    depends_on("blas")
    depends_on("simd-kernels")
    depends_on("polyglot")
