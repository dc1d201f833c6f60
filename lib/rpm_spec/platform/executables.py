"""Finding executables by name in a list of directories (compiler and external detection).

Directories are searched in the order given, like ``$PATH``; a directory reached
twice (``/bin`` → ``/usr/bin`` on merged-usr systems) counts once, at its first
position, so the same tool is not reported under two prefixes.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

#: ``gcc-12``, ``clang++-17``, ``gcc-12.2``: distributions install side-by-side versions so.
_VERSION_SUFFIX = re.compile(r"-\d+(?:\.\d+)*$")


@dataclass(frozen=True, slots=True)
class Found:
    """An executable ``path`` matching the wanted ``name`` (``gcc`` for ``gcc-12``)."""

    name: str
    path: Path
    dir_index: int

    @property
    def suffixed(self) -> bool:
        return self.path.name != self.name

    @property
    def sort_key(self) -> tuple[int, bool, str]:
        """Earlier directory first; in one directory the plain name before ``-12``."""
        return (self.dir_index, self.suffixed, self.path.name)


def path_dirs(path_env: str | None = None) -> list[Path]:
    """The directories of ``$PATH`` (or of ``path_env``), empty entries dropped."""
    value = os.environ.get("PATH", "") if path_env is None else path_env
    return [Path(entry) for entry in value.split(os.pathsep) if entry]


def unique_dirs(dirs: Iterable[Path]) -> list[Path]:
    """Existing directories, each real directory once, in their first position."""
    seen: set[Path] = set()
    kept: list[Path] = []
    for directory in dirs:
        try:
            real = directory.resolve()
        except OSError:
            continue
        if real in seen or not real.is_dir():
            continue
        seen.add(real)
        kept.append(directory)
    return kept


def is_executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def find_executables(
    dirs: Sequence[Path], names: Iterable[str], *, versioned: bool = False
) -> Iterator[Found]:
    """Every executable called one of ``names`` in ``dirs`` (also ``name-12`` if versioned).

    Directory order first; within a directory the order of ``names``.
    """
    rank = {name: position for position, name in enumerate(dict.fromkeys(names))}
    for index, directory in enumerate(unique_dirs(dirs)):
        try:
            entries = list(directory.iterdir())
        except OSError:
            continue
        hits = []
        for entry in entries:
            base = _VERSION_SUFFIX.sub("", entry.name) if versioned else entry.name
            if base in rank and is_executable(entry):
                hits.append(Found(name=base, path=entry, dir_index=index))
        # In one directory: the order of ``names``, then plain before suffixed, then by name.
        yield from sorted(hits, key=lambda hit: (rank[hit.name], *hit.sort_key))
