"""Errors of the environment layer."""

from __future__ import annotations

from rpm_spec.errors import RpmSpecError


class EnvironmentError_(RpmSpecError):
    """Base of environment errors."""


class NoSuchEnvironmentError(EnvironmentError_):
    """A named or directory environment that does not exist."""


class LockfileError(EnvironmentError_):
    """A lockfile that cannot be read: malformed, or of an unknown format version."""


class ViewConflictError(EnvironmentError_):
    """Two packages of a view want the same file."""
