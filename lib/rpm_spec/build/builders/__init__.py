"""Builders: the phases of each build system, run for one recipe instance.

:func:`builder_for` picks the builder by the recipe's ``build_system`` name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rpm_spec.build.builders.autotools import AutotoolsBuilder
from rpm_spec.build.builders.base import BuildContext, Builder, PhaseError
from rpm_spec.build.builders.cmake import CMakeBuilder
from rpm_spec.build.builders.makefile import MakefileBuilder
from rpm_spec.build.builders.meson import MesonBuilder
from rpm_spec.build.builders.python import PythonBuilder

if TYPE_CHECKING:
    from rpm_spec.build.executor import PhaseExecutor
    from rpm_spec.repo.package import PackageBase

#: Every builder; each names the build system it runs.
BUILDERS: tuple[type[Builder], ...] = (
    Builder,
    MakefileBuilder,
    AutotoolsBuilder,
    CMakeBuilder,
    MesonBuilder,
    PythonBuilder,
)


def builder_for(package: PackageBase, context: BuildContext, executor: PhaseExecutor) -> Builder:
    """The builder of ``package``'s build system."""
    for cls in BUILDERS:
        if cls.build_system == package.build_system:
            return cls(package, context, executor)
    known = ", ".join(sorted(cls.build_system for cls in BUILDERS))
    raise PhaseError(
        f"{type(package).__name__}: unknown build system '{package.build_system}'",
        hint=f"known build systems: {known}",
    )


__all__ = ["BUILDERS", "BuildContext", "Builder", "PhaseError", "builder_for"]
