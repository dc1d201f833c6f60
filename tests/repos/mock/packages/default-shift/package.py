# Feature: a variant whose default changes with the version (~shared before 2.0, +shared from 2.0).
from rpm_spec.repo.api import *


class DefaultShift(Package):
    """Fake library that switched to shared libraries by default in 2.0."""

    homepage = "https://example.com/default-shift"
    url = "https://example.com/default-shift-2.0.tar.gz"

    version("2.0", sha256="f842b71bb5f7e494853463cd6ecb1d369e118cf72741fa80fe256effc35c9569")
    version("1.0", sha256="226bf0bf0275e10de8243214fcedd661c5ac85b11fc6e107b1ac68aca76249a4")

    variant("shared", default=False, description="Build shared libraries", when="@:1")
    variant("shared", default=True, description="Build shared libraries", when="@2:")
