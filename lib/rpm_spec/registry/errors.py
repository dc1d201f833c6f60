"""Errors of the registry layer."""

from __future__ import annotations

from rpm_spec.errors import RpmSpecError


class RegistryError(RpmSpecError):
    """Base of registry errors: no registry configured, unknown namespace or version."""


class AccessDeniedError(RegistryError):
    """The user lacks the role an action needs; the message names the role and group."""

    def __init__(self, action: str, target: str, role: str, binding: str, where: str) -> None:
        super().__init__(
            f"{action} {target} needs role {role}, which is bound to {binding} ({where}); "
            "you do not have it",
            hint=f"ask an admin of the registry to add you to {binding}",
        )
        self.role = role
        self.binding = binding


class ImmutableVersionError(RegistryError):
    """Something tried to change a published version."""


class TamperedError(RegistryError):
    """A published version or the history no longer matches its signature."""
