# Feature: the PythonPackage build system (pip install; extends python implicitly).
from rpm_spec.repo.api import *


class PySample(PythonPackage):
    """Fake Python distribution installed with pip."""

    homepage = "https://example.com/py-sample"
    url = "https://example.com/py-sample-0.2.tar.gz"

    version("0.2", sha256="5e52fdc56d9468fc1e72a2ce3c476ff08b7a6365ec94fa2b5d145b684de8b9b5")
    version("0.1", sha256="e5e3637c9039fb30bc5ce28b6e8c00e50f5d91d0da8d6ee1c8909411e4799a98")
