"""The root of rpm-spec's error hierarchy.

Every error a user can cause derives from :class:`RpmSpecError`: ``str()`` is the
sentence the user reads, ``hint`` an optional next step, and ``exit_code`` what the
CLI exits with. Layers define their own subclasses with structured fields; only
``cli/main.py`` formats and prints them. Errors must pickle, because build
subprocesses send them back to the installer.
"""

from __future__ import annotations

from typing import Any


class RpmSpecError(Exception):
    """An error with a user-facing message, an optional hint and an exit code."""

    exit_code: int = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        # Subclasses with extra constructor arguments keep working through __dict__.
        return (_rebuild, (type(self), self.message, self.__dict__))


def _rebuild(cls: type[RpmSpecError], message: str, state: dict[str, Any]) -> RpmSpecError:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    return error


class UsageError(RpmSpecError):
    """The command line itself is wrong (bad option, malformed spec): exit 2."""

    exit_code = 2
