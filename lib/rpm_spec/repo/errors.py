"""Errors of the repository layer: bad repositories, bad recipes, unknown packages."""

from __future__ import annotations

from rpm_spec.errors import RpmSpecError


class RepoError(RpmSpecError):
    """A repository directory is missing, or its ``repo.yaml`` is absent or invalid."""

    def __init__(self, message: str, *, path: str | None = None, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.path = path


class RecipeError(RpmSpecError):
    """A recipe failed to load: a bad directive argument or an exception at import.

    ``str()`` reads ``path:line: message`` so that an editor can jump to the directive.
    """

    def __init__(
        self, message: str, *, path: str, line: int | None = None, hint: str | None = None
    ) -> None:
        location = f"{path}:{line}" if line else path
        super().__init__(f"{location}: {message}", hint=hint)
        self.reason = message
        self.path = path
        self.line = line


class UnknownPackageError(RpmSpecError):
    """No repository on the path has a recipe of this name."""

    def __init__(self, name: str, *, hint: str | None = None) -> None:
        super().__init__(f"unknown package '{name}'", hint=hint)
        self.name = name
