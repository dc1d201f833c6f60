# Feature: an explicit extension (extends("python")); the generic Package sampler with install().
from pathlib import Path

from rpm_spec.repo.api import *


class PyExt(Package):
    """Fake pure-Python module installed by hand into the extended interpreter's layout."""

    homepage = "https://example.com/py-ext"
    url = "https://example.com/py-ext-1.0.tar.gz"

    version("1.0", sha256="dea79a919d7b4150f66dac3c592f14c9841013f863ea0c0612925a2ddaec7f2b")

    extends("python")

    sanity_check_is_dir = ["lib"]

    def install(self, spec, prefix):
        site = Path(prefix) / "lib" / "python3" / "site-packages"
        site.mkdir(parents=True, exist_ok=True)
        (site / "py_ext.py").write_text("VERSION = '1.0'\n")
