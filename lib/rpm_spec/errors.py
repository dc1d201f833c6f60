"""The root of rpm-spec's error hierarchy.

Every error a user can cause derives from :class:`RpmSpecError`: ``str()`` is the
sentence the user reads, ``hint`` an optional next step, and ``exit_code`` what the
CLI exits with. Layers define their own subclasses with structured fields; only
``cli/main.py`` formats and prints them. Errors must pickle, because build
subprocesses send them back to the installer.
"""

from __future__ import annotations

import enum
from typing import Any


class ExitCode(enum.IntEnum):
    """Every exit status of the ``rpm-spec`` command, documented in the README.

    Scripts and the fuzz test rely on this table: no command exits with anything else.
    """

    OK = 0
    #: The request cannot be done as asked: bad input file, unknown package, unsatisfiable
    #: spec, failed build, checksum mismatch, permission problem.
    USER_ERROR = 1
    #: The command line itself is wrong: unknown option, malformed spec.
    USAGE_ERROR = 2
    #: A bug in rpm-spec: please report it (``--debug`` shows the traceback).
    INTERNAL_ERROR = 3
    #: Stopped by Ctrl-C (SIGINT): 128 + 2, as shells report it.
    INTERRUPTED = 130
    #: Stopped by SIGTERM (a batch system's time limit, ``kill``): 128 + 15.
    TERMINATED = 143


class RpmSpecError(Exception):
    """An error with a user-facing message, an optional hint and an exit code."""

    exit_code: int = ExitCode.USER_ERROR

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

    exit_code = ExitCode.USAGE_ERROR
