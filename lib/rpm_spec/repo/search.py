"""Finding packages by name (or description) for ``rpm-spec list``."""

from __future__ import annotations

import fnmatch
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rpm_spec.repo.repository import RepoPath

_GLOB_CHARACTERS = frozenset("*?[")


def matches(pattern: str, text: str) -> bool:
    """Case-insensitive: a glob must match all of ``text``, anything else is a substring."""
    pattern, text = pattern.lower(), text.lower()
    if _GLOB_CHARACTERS & set(pattern):
        return fnmatch.fnmatchcase(text, pattern)
    return pattern in text


def find_packages(
    repos: RepoPath, pattern: str | None = None, *, search_description: bool = False
) -> list[str]:
    """Package names matching ``pattern`` (all if None), sorted.

    Names come from the index without reading metadata, unless descriptions are
    searched too; a description matches a glob anywhere in it.
    """
    names = repos.all_names()
    if not pattern:
        return names
    found = [name for name in names if matches(pattern, name)]
    if search_description:
        errors = repos.errors()
        wide = pattern if not _GLOB_CHARACTERS & set(pattern) else f"*{pattern}*"
        found.extend(
            name
            for name in names
            if name not in found
            and name not in errors
            and matches(wide, repos.get(name).description)
        )
    return sorted(found)
