"""CMake: configure with ``cmake``, then build and install; recipes give ``cmake_args``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rpm_spec.repo.directives import depends_on, variant
from rpm_spec.repo.package import PackageBase

if TYPE_CHECKING:
    from collections.abc import Sequence


class CMakePackage(PackageBase):
    """A package configured by CMake; ``build_type`` picks CMAKE_BUILD_TYPE."""

    build_system = "cmake"
    phases = ("cmake", "build", "install")

    variant(
        "build_type",
        default="Release",
        values=("Debug", "Release", "RelWithDebInfo", "MinSizeRel"),
        description="CMake build type",
    )
    depends_on("cmake", type="build")

    def cmake_args(self) -> list[str]:
        """Recipe-specific ``-D`` arguments (use :meth:`define`, :meth:`define_from_variant`)."""
        return []

    def std_cmake_args(self) -> list[str]:
        """The arguments every CMake build gets: install prefix, build type, RPATH handling."""
        build_type = self.variant_values("build_type") or ("Release",)
        return [
            self.define("CMAKE_INSTALL_PREFIX", self.prefix),
            self.define("CMAKE_BUILD_TYPE", build_type[0]),
            self.define("CMAKE_INSTALL_RPATH_USE_LINK_PATH", True),
        ]

    @staticmethod
    def define(name: str, value: bool | str | int | float | Path | Sequence[str]) -> str:
        """``-DNAME:TYPE=VALUE``: bools become ON/OFF, sequences ;-lists, paths PATH."""
        if isinstance(value, bool):
            return f"-D{name}:BOOL={'ON' if value else 'OFF'}"
        if isinstance(value, Path):
            return f"-D{name}:PATH={value}"
        if isinstance(value, str | int | float):
            return f"-D{name}:STRING={value}"
        return f"-D{name}:STRING={';'.join(str(item) for item in value)}"

    def define_from_variant(self, name: str, variant: str | None = None) -> str:
        """:meth:`define` of a variant's value (``variant`` defaults to ``name.lower()``).

        Returns "" when the variant is conditional and inactive for this spec; the
        builder drops empty arguments.
        """
        variant = variant or name.lower()
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
