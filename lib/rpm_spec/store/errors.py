"""Errors of the store layer: a bad layout, a damaged database, unmet preconditions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rpm_spec.errors import RpmSpecError

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path


class StoreError(RpmSpecError):
    """Something about the install tree or its database."""


class LayoutError(StoreError):
    """The configured projection cannot lay out prefixes."""


class DatabaseError(StoreError):
    """The install database cannot be read or written."""

    def __init__(self, message: str, *, path: Path, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.path = path


class MissingDependencyError(StoreError):
    """A spec was registered before one of its dependencies."""

    def __init__(self, spec: str, missing: Sequence[str]) -> None:
        super().__init__(
            f"cannot register {spec}: its dependencies {', '.join(missing)} are not installed",
            hint="install dependencies first (the installer does this in order)",
        )
        self.spec = spec
        self.missing = tuple(missing)


class NotInstalledError(StoreError):
    """A hash names no installed spec."""

    def __init__(self, spec_hash: str) -> None:
        super().__init__(f"/{spec_hash[:7]} is not installed")
        self.spec_hash = spec_hash


class HasDependentsError(StoreError):
    """Removing a spec would break installed specs that link to it or run it."""

    def __init__(self, spec: str, dependents: Sequence[str]) -> None:
        super().__init__(
            f"will not uninstall {spec}: it is needed by {len(dependents)} installed "
            f"spec{'s' if len(dependents) != 1 else ''}:\n"
            + "\n".join(f"    {item}" for item in dependents),
            hint="uninstall those first, or pass --dependents to remove them too",
        )
        self.spec = spec
        self.dependents = tuple(dependents)


class NoMatchError(StoreError):
    """No installed spec matches what the user asked for."""

    def __init__(self, request: str) -> None:
        super().__init__(
            f"no installed spec matches '{request}'",
            hint="'rpm-spec find' lists what is installed",
        )
        self.request = request


class AmbiguousMatchError(StoreError):
    """Several installed specs match where exactly one is needed."""

    def __init__(self, request: str, matches: Sequence[str]) -> None:
        super().__init__(
            f"'{request}' matches {len(matches)} installed specs:\n"
            + "\n".join(f"    {item}" for item in matches),
            hint="add a version, variant or /hash to pick one",
        )
        self.request = request
        self.matches = tuple(matches)


class ReadOnlyStoreError(StoreError):
    """The install tree or its database cannot be written by this user."""

    def __init__(self, root: Path, path: Path, reason: str) -> None:
        super().__init__(
            f"cannot install into the store {root}: {path} {reason}",
            hint="set config:install_tree:root to a directory you can write "
            "(e.g. rpm-spec config add config:install_tree:root:~/rpm-spec-store), "
            "or ask the store's owner to install it",
        )
        self.root = root
        self.path = path
        self.reason = reason
