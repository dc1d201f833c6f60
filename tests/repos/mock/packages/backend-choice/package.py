# Feature: requires(..., policy="one_of"): exactly one of two off-by-default variants must be on.
from rpm_spec.repo.api import *


class BackendChoice(Package):
    """Fake solver that needs exactly one threading backend."""

    homepage = "https://example.com/backend-choice"
    url = "https://example.com/backend-choice-1.0.tar.gz"

    version("1.0", sha256="d298fb465829f26caf2ddbb43c3df2f3e6beae576528def5c01fc30c330811c6")

    variant("openmp", default=False, description="Thread with OpenMP")
    variant("threads", default=False, description="Thread with C++ std::thread")

    requires(
        "+openmp", "+threads", policy="one_of", msg="choose exactly one of +openmp and +threads"
    )
