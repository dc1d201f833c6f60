"""Everything a recipe uses: ``from rpm_spec.repo.api import *``.

The directives, ``when``, the build-system base classes and the GPU mixins.
Recipes import nothing else from rpm-spec, so this list is the DSL's surface.
"""

from __future__ import annotations

from rpm_spec.repo.build_systems import (
    AutotoolsPackage,
    CMakePackage,
    MakefilePackage,
    MesonPackage,
    Package,
    PythonPackage,
)
from rpm_spec.repo.directives import (
    conflicts,
    depends_on,
    extends,
    license,
    maintainers,
    patch,
    provides,
    requires,
    resource,
    variant,
    version,
    when,
)
from rpm_spec.repo.errors import RecipeError
from rpm_spec.repo.mixins import CudaPackage, ROCmPackage
from rpm_spec.repo.package import BuildSpec, PackageBase

__all__ = [
    "AutotoolsPackage",
    "BuildSpec",
    "CMakePackage",
    "CudaPackage",
    "MakefilePackage",
    "MesonPackage",
    "Package",
    "PackageBase",
    "PythonPackage",
    "ROCmPackage",
    "RecipeError",
    "conflicts",
    "depends_on",
    "extends",
    "license",
    "maintainers",
    "patch",
    "provides",
    "requires",
    "resource",
    "variant",
    "version",
    "when",
]
