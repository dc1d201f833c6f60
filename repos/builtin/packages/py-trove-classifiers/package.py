from rpm_spec.repo.api import *


class PyTroveClassifiers(PythonPackage):
    """trove-classifiers: the canonical list of PyPI trove classifiers, used by
    build backends such as hatchling to validate project metadata."""

    homepage = "https://github.com/pypa/trove-classifiers"
    url = (
        "https://files.pythonhosted.org/packages/source/t/trove_classifiers/"
        "trove_classifiers-2026.9.21.13.tar.gz"
    )

    license("Apache-2.0")

    version(
        "2026.9.21.13", sha256="0a9ebc8d4e2f3e8a22848c5258033035bec17a3012ac3fea16dbaa764489eb71"
    )
    version(
        "2026.1.14.14", sha256="00492545a1402b09d4858605ba190ea33243d361e2b01c9c296ce06b5c3325f3"
    )
    version(
        "2025.9.11.17", sha256="931ca9841a5e9c9408bc2ae67b50d28acf85bef56219b56860876dd1f2d024dd"
    )

    depends_on("py-setuptools", type="build")
    depends_on("py-calver", type="build")
