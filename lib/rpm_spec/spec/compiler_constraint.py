"""The compiler a spec asks for: ``%gcc``, ``%gcc@12:``, ``%oneapi@2024.1``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from rpm_spec.spec.lexer import NAME_PATTERN
from rpm_spec.spec.version_constraint import VersionConstraint

_NAME: Final = re.compile(NAME_PATTERN)


@dataclass(frozen=True, slots=True)
class CompilerConstraint:
    """A compiler name and the versions of it that are acceptable (any by default).

    Raises ValueError for a name a spec cannot spell or an empty version set.
    """

    name: str
    versions: VersionConstraint = field(default_factory=VersionConstraint.any)

    def __post_init__(self) -> None:
        if not _NAME.fullmatch(self.name):
            raise ValueError(f"not a compiler name: {self.name!r}")
        if self.versions.is_empty:
            raise ValueError(f"%{self.name} needs at least one acceptable version")

    def satisfies(self, other: CompilerConstraint) -> bool:
        """Whether every compiler meeting this one meets ``other``."""
        return self.name == other.name and self.versions.satisfies(other.versions)

    def intersects(self, other: CompilerConstraint) -> bool:
        """Whether some compiler meets both."""
        return self.name == other.name and self.versions.intersects(other.versions)

    def combined(self, other: CompilerConstraint) -> CompilerConstraint | None:
        """The compilers meeting both, or None when there are none."""
        if not self.intersects(other):
            return None
        return CompilerConstraint(self.name, self.versions.intersection(other.versions))

    def __str__(self) -> str:
        if self.versions.is_any:
            return f"%{self.name}"
        return f"%{self.name}@{self.versions}"
