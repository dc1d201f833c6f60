"""Meson: ``meson setup``, then ``ninja`` and ``ninja install``; recipes give ``meson_args``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rpm_spec.repo.directives import depends_on, variant
from rpm_spec.repo.package import PackageBase

if TYPE_CHECKING:
    from collections.abc import Sequence


class MesonPackage(PackageBase):
    """A package configured by Meson; ``buildtype`` picks Meson's build type."""

    build_system = "meson"
    phases = ("meson", "build", "install")

    variant(
        "buildtype",
        default="release",
        values=("plain", "debug", "debugoptimized", "release", "minsize"),
        description="Meson build type",
    )
    depends_on("meson", type="build")
    depends_on("ninja", type="build")

    def meson_args(self) -> list[str]:
        """Recipe-specific ``-D`` options (use :meth:`define`, :meth:`define_from_variant`)."""
        return []

    @staticmethod
    def define(name: str, value: bool | str | int | Sequence[str]) -> str:
        """``-Dname=value``: bools become true/false, sequences comma lists."""
        if isinstance(value, bool):
            return f"-D{name}={'true' if value else 'false'}"
        if isinstance(value, str | int):
            return f"-D{name}={value}"
        return f"-D{name}={','.join(str(item) for item in value)}"

    def define_from_variant(self, name: str, variant: str | None = None) -> str:
        """:meth:`define` of a variant's value (``variant`` defaults to ``name``); "" when
        the variant is conditional and inactive for this spec."""
        variant = variant or name
        declarations = self.variant_declarations(variant)
        if not declarations:
            raise ValueError(f"{type(self).__name__} has no variant '{variant}'")
        values = self.variant_values(variant)
        if values is None:
            return ""
        if declarations[-1].boolean:
            return self.define(name, self.is_enabled(variant))
        if declarations[-1].multi:
            return self.define(name, [value for value in values if value != "none"])
        return self.define(name, values[0])
