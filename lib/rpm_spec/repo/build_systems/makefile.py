"""Plain ``make``: optionally edit the Makefile, then ``make`` and ``make install``."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rpm_spec.repo.package import PackageBase

if TYPE_CHECKING:
    from collections.abc import Sequence


class MakefilePackage(PackageBase):
    """A package built by a hand-written Makefile."""

    build_system = "makefile"
    phases = ("edit", "build", "install")
    #: Targets of the build and install phases (the default target when empty).
    build_targets: ClassVar[Sequence[str]] = ()
    install_targets: ClassVar[Sequence[str]] = ("install",)

    def make_variables(self) -> list[str]:
        """``NAME=value`` arguments given to every ``make`` call of the build and install
        phases; by default the install prefix under both usual names."""
        return [f"PREFIX={self.prefix}", f"prefix={self.prefix}"]
