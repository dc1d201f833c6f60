"""Errors a user can cause through configuration files, -c values and scope names.

Each carries the data a tool would want (file, line, key path); ``str()`` is the
sentence a user reads, led by the place to look: ``file:line: key:path: problem``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rpm_spec.errors import RpmSpecError, UsageError

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path


class ConfigError(RpmSpecError):
    """Something in the configuration is wrong; ``where`` says which file or option."""

    def __init__(
        self,
        message: str,
        *,
        where: str | None = None,
        path: Path | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(f"{where}: {message}" if where else message, hint=hint)
        self.where = where
        self.path = path
        self.line = line


class ConfigSyntaxError(ConfigError):
    """A configuration file is not valid YAML (or not shaped like a section file)."""


@dataclass(frozen=True)
class SchemaProblem:
    """One schema violation: where it is, which key path, and what was expected."""

    where: str
    key_path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.where}: {self.key_path}: {self.message}"


class ConfigSchemaError(ConfigError):
    """Data does not match its section's schema; one line per problem, first one first."""

    def __init__(
        self,
        problems: Sequence[SchemaProblem],
        *,
        path: Path | None = None,
        hint: str | None = None,
    ) -> None:
        first = problems[0]
        super().__init__(
            "\n".join(str(problem) for problem in problems),
            path=path,
            line=first.line,
            hint=hint,
        )
        self.where = first.where
        self.problems = tuple(problems)


class UnknownSectionError(ConfigError):
    """A section name that has no schema (``config get pakages``)."""

    def __init__(self, section: str, known: Sequence[str], *, hint: str | None = None) -> None:
        super().__init__(
            f"unknown configuration section '{section}'; valid sections: {', '.join(known)}",
            hint=hint,
        )
        self.section = section
        self.known = tuple(known)


class UnknownScopeError(ConfigError):
    """A scope name that this configuration does not have (``--scope usr``)."""

    def __init__(self, name: str, known: Sequence[str], *, hint: str | None = None) -> None:
        super().__init__(
            f"no configuration scope named '{name}'; scopes: {', '.join(known)}", hint=hint
        )
        self.scope = name
        self.known = tuple(known)


class ReadOnlyScopeError(ConfigError):
    """Writing to a scope that is shipped or held in memory (defaults, command_line)."""

    def __init__(self, name: str, *, hint: str | None = None) -> None:
        super().__init__(f"configuration scope '{name}' cannot be written to", hint=hint)
        self.scope = name


class ConfigOverrideError(ConfigError, UsageError):
    """A malformed ``-c PATH:VALUE`` (or ``config add``) argument: exit code 2."""

    def __init__(self, text: str, problem: str, *, hint: str | None = None) -> None:
        ConfigError.__init__(self, problem, where=f"-c {text}", hint=hint)
        self.text = text


class ConcurrentEditError(ConfigError):
    """A file changed on disk while the user edited a copy of it."""

    def __init__(self, path: Path, kept: Path) -> None:
        super().__init__(
            f"{path} was changed by another command while you edited it; "
            f"your version is kept in {kept}",
            path=path,
            hint=f"merge your changes into {path} by hand, or run 'config edit' again",
        )
        self.kept = kept
