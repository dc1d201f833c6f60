"""Python distributions installed with pip from their source tree.

The interpreter's own pip (``ensurepip``) installs the package without build
isolation, so the only implicit dependency is the extended ``python``; a recipe
adds its build backend (``py-setuptools``, ``py-hatchling``, ...) itself.
"""

from __future__ import annotations

from rpm_spec.repo.directives import extends
from rpm_spec.repo.package import PackageBase


class PythonPackage(PackageBase):
    """A package installed by ``python -m pip install`` into the python extension layout."""

    build_system = "python_pip"
    phases = ("install",)

    extends("python")

    def install_options(self) -> list[str]:
        """Extra ``pip install`` arguments (``--config-settings=...``)."""
        return []
