"""Build-system base classes: each declares its name, phases, default directives and the
helpers its recipes call to assemble arguments. Running the phases is the build layer's job."""

from __future__ import annotations

from rpm_spec.repo.build_systems.autotools import AutotoolsPackage
from rpm_spec.repo.build_systems.cmake import CMakePackage
from rpm_spec.repo.build_systems.generic import Package
from rpm_spec.repo.build_systems.makefile import MakefilePackage
from rpm_spec.repo.build_systems.meson import MesonPackage
from rpm_spec.repo.build_systems.python import PythonPackage

__all__ = [
    "AutotoolsPackage",
    "CMakePackage",
    "MakefilePackage",
    "MesonPackage",
    "Package",
    "PythonPackage",
]
