"""Rewriting a copied prefix so that it works from wherever its archive is unpacked.

An exported prefix keeps the absolute paths of the store it was built in. Three kinds of
places are rewritten, all relative to the file itself, so no tool runs at unpack time:

- ELF ``DT_RUNPATH``/``DT_RPATH`` entries pointing into an exported prefix become
  ``$ORIGIN/<relative path>``. The loader expands ``$ORIGIN`` to the directory of the
  object (of the real file, through symlinks), so libraries are found from any directory.
  The string is rewritten in place; the relative form must not be longer than the
  absolute one (it almost never is: store paths are long), else the export is refused;
- symbolic links whose target is inside an exported prefix become relative links;
- ``#!`` lines naming a program of an exported prefix become ``#!/usr/bin/env NAME``
  (found on the ``PATH`` the activation script sets).

What is *not* rewritten, and listed in the export's ``EXPORT.json``: any other
occurrence of an old prefix, in text (``.pc``, ``.cmake``, ``.la`` files, scripts'
bodies, configuration) or compiled into a binary as a string constant. Such a file keeps
working only where the old store is still there.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rpm_spec.binary.elf import MAGIC, search_path_offsets
from rpm_spec.export.errors import ExportError

if TYPE_CHECKING:
    from collections.abc import Mapping

_SHEBANG = re.compile(rb"#![ \t]*(\S+)([^\n]*)\n?")


@dataclass
class Rewrites:
    """What :func:`rewrite_prefix` changed, and what it had to leave."""

    runpaths: int = 0
    links: int = 0
    shebangs: int = 0
    #: Archive paths still holding an old absolute prefix.
    left: list[str] = field(default_factory=list)


def rewrite_prefix(
    staged: Path, stage_root: Path, moves: Mapping[str, Path], report: Rewrites
) -> None:
    """Rewrite every file of ``staged`` (a copy below ``stage_root``); ``moves`` maps each
    old absolute prefix to its copy's path in the stage."""
    ordered = sorted(moves, key=len, reverse=True)
    needles = [os.fsencode(old) for old in ordered]
    for directory, dirnames, filenames in os.walk(staged):
        dirnames.sort()
        base = Path(directory)
        for name in sorted(filenames) + [d for d in dirnames if (base / d).is_symlink()]:
            path = base / name
            if path.is_symlink():
                _rewrite_link(path, ordered, moves, report)
            elif path.is_file():
                _rewrite_file(path, ordered, moves, needles, report, stage_root)


def _moved(target: str, ordered: list[str], moves: Mapping[str, Path]) -> Path | None:
    """Where ``target`` (an absolute path) is in the stage, if inside an exported prefix."""
    for old in ordered:
        if target == old or target.startswith(old.rstrip("/") + "/"):
            return moves[old] / os.path.relpath(target, old)
    return None


def _rewrite_link(
    path: Path, ordered: list[str], moves: Mapping[str, Path], report: Rewrites
) -> None:
    moved = _moved(str(path.readlink()), ordered, moves)
    if moved is None:
        return
    path.unlink()
    path.symlink_to(os.path.normpath(os.path.relpath(moved, path.parent)))
    report.links += 1


def _rewrite_file(
    path: Path,
    ordered: list[str],
    moves: Mapping[str, Path],
    needles: list[bytes],
    report: Rewrites,
    stage_root: Path,
) -> None:
    data = path.read_bytes()
    if not any(needle in data for needle in needles):
        return
    if data[:4] == MAGIC:
        data = _rewrite_runpaths(path, bytearray(data), ordered, moves, report)
    elif data.startswith(b"#!") and b"\0" not in data:
        data = _rewrite_shebang(data, ordered, moves, report)
    mode = stat.S_IMODE(path.stat().st_mode)
    path.chmod(mode | stat.S_IWUSR)  # a copy of a read-only install
    try:
        path.write_bytes(data)
    finally:
        path.chmod(mode)
    if any(needle in data for needle in needles):
        report.left.append(path.relative_to(stage_root).as_posix())


def _rewrite_runpaths(
    path: Path, data: bytearray, ordered: list[str], moves: Mapping[str, Path], report: Rewrites
) -> bytes:
    for offset in search_path_offsets(bytes(data)):
        end = data.index(b"\0", offset)
        old = os.fsdecode(bytes(data[offset:end]))
        parts = []
        for entry in old.split(":"):
            moved = _moved(entry, ordered, moves)
            if moved is None:
                parts.append(entry)
            else:
                relative = os.path.normpath(os.path.relpath(moved, path.resolve().parent))
                parts.append("$ORIGIN" if relative == "." else f"$ORIGIN/{relative}")
        new = os.fsencode(":".join(parts))
        if len(new) > end - offset:
            raise ExportError(
                f"{path.name}: the relative RUNPATH {os.fsdecode(new)!r} is longer than "
                f"the absolute one it replaces ({end - offset} bytes)",
                hint="install the environment into a store with a longer root "
                "(config:install_tree:padded_length) and export again",
            )
        if new != os.fsencode(old):
            data[offset:end] = new + b"\0" * (end - offset - len(new))
            report.runpaths += 1
    return bytes(data)


def _rewrite_shebang(
    data: bytes, ordered: list[str], moves: Mapping[str, Path], report: Rewrites
) -> bytes:
    match = _SHEBANG.match(data)
    if match is None or match.group(2).strip():
        return data  # arguments after the interpreter: /usr/bin/env cannot pass them on
    interpreter = os.fsdecode(match.group(1))
    if _moved(interpreter, ordered, moves) is None:
        return data
    report.shebangs += 1
    line = b"#!/usr/bin/env " + os.fsencode(Path(interpreter).name) + b"\n"
    return line + data[match.end() :]
