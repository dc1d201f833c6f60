"""The generic build system: the recipe writes ``install`` itself."""

from __future__ import annotations

from rpm_spec.repo.package import PackageBase


class Package(PackageBase):
    """A package with a hand-written ``install`` phase."""

    build_system = "generic"
    phases = ("install",)
