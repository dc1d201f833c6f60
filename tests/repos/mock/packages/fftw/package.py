# Feature: a single-valued variant with a fixed set of values (threads=none|openmp|pthreads).
from rpm_spec.repo.api import *


class Fftw(Package):
    """Fake fast Fourier transform library."""

    homepage = "https://example.com/fftw"
    url = "https://example.com/fftw-3.3.10.tar.gz"

    version("3.3.10", sha256="824ce195b172ca1686e5d190515507e8ee42f28ef14d4a2b219af87f3c61b8ec")
    version("3.3.9", sha256="7bad38ed6ef49b1f1fdaee73789413b750a105fc1959c0a1ce383c0075aa1757")

    variant(
        "threads",
        default="none",
        values=("none", "openmp", "pthreads"),
        description="Threading layer",
    )
