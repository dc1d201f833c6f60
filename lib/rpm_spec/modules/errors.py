"""Errors of the modules layer: two specs for one module name, a bad setting, a file in
the way."""

from __future__ import annotations

from rpm_spec.errors import RpmSpecError


class ModulesError(RpmSpecError):
    """Module files cannot be generated or written as configured."""


class ModuleNameClashError(ModulesError):
    """Two installed specs would get the same module file."""


class ForeignModuleFileError(ModulesError):
    """A module file we would write exists, and rpm-spec did not write it."""
