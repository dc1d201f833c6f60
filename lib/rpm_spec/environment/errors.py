"""Errors of the environment layer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rpm_spec.errors import RpmSpecError

if TYPE_CHECKING:
    from collections.abc import Sequence


class EnvironmentError_(RpmSpecError):
    """Base of environment errors."""


class NoSuchEnvironmentError(EnvironmentError_):
    """A named or directory environment that does not exist."""


class LockfileError(EnvironmentError_):
    """A lockfile that cannot be read: malformed, or of an unknown format version."""


class ViewConflictError(EnvironmentError_):
    """Two packages of a view want the same file."""


class RecipeChangedError(EnvironmentError_):
    """Nodes of the lock that cannot be built from the recipe they were solved with.

    ``problems`` has one sentence per node (its recipe file, the locked and the current
    hash); the message joins them.
    """

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__(
            "; ".join(problems),
            hint="run 'rpm-spec concretize --force' to solve again with the current recipes",
        )
        self.problems = tuple(problems)
