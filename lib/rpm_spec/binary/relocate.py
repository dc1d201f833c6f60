"""Moving an installed prefix to another root: scan, check, rewrite, verify.

A prefix built under one store root holds that root in three kinds of places:

- *binary files* (ELF RPATH/RUNPATH in ``.dynstr``, string constants, anything with a NUL
  byte): the root sits in a NUL-terminated string whose storage cannot grow, so a path is
  rewritten in place, shortened and padded with NULs. A longer new root only fits when the
  old one was padded (``config:install_tree:padded_length``); :func:`check_fits` refuses the
  rest *before* anything is extracted;
- *text files* (scripts and their shebangs, ``.pc``, ``.cmake``, ``.la``, provenance):
  rewritten freely;
- *symbolic links* whose target names the old root: pointed at the new one.

A known limit of NUL padding, shared with other tools that relocate this way: a string a
linker stored as the tail of a longer one (``"lib"`` ending ``".../lib"``) reads as empty once
the longer one shrinks. Paths rarely end in another string's whole text.

:func:`scan_prefix` records which files are which (:class:`RelocationInfo` goes into a cache
entry's manifest), :func:`relocate` rewrites them, and :func:`leftovers` proves afterwards
that no byte of an old path is left.
"""

from __future__ import annotations

import mmap
import os
import re
import stat
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rpm_spec.binary.elf import MAGIC
from rpm_spec.binary.errors import RelocationError

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

PADDED_LENGTH_SETTING = "config:install_tree:padded_length"


@dataclass(frozen=True)
class RelocationInfo:
    """Where a prefix was built and which of its files name that place."""

    #: The layout root the prefix was built under (the padded path when padded).
    store_root: str
    #: ``config:install_tree:padded_length`` at build time; 0 means not padded.
    padded_length: int
    relocatable: bool
    #: Why not, when not relocatable.
    reason: str
    #: Relative paths holding an old path inside NUL-terminated strings (ELF or other).
    binary_files: tuple[str, ...]
    #: Relative paths of text files holding an old path (scripts, .pc, .cmake, .la, ...).
    text_files: tuple[str, ...]
    #: Relative paths of symbolic links whose target names an old path.
    links: tuple[str, ...] = ()
    #: Which of the scanned old paths the binary files hold (the longest at each place):
    #: :func:`check_fits` only needs these, and paths below them, to fit.
    binary_paths: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "store_root": self.store_root,
            "padded_length": self.padded_length,
            "relocatable": self.relocatable,
            "reason": self.reason,
            "binary_files": list(self.binary_files),
            "text_files": list(self.text_files),
            "links": list(self.links),
            "binary_paths": list(self.binary_paths),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RelocationInfo:
        """Read :meth:`to_json`'s output; malformed data is a RelocationError."""
        try:
            info = cls(
                store_root=_typed(data["store_root"], str),
                padded_length=_typed(data["padded_length"], int),
                relocatable=_typed(data["relocatable"], bool),
                reason=_typed(data.get("reason", ""), str),
                binary_files=_paths(data.get("binary_files", [])),
                text_files=_paths(data.get("text_files", [])),
                links=_paths(data.get("links", [])),
                binary_paths=_absolute(data.get("binary_paths", [])),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise RelocationError(f"malformed relocation data: {error}") from None
        return info


def _typed(value: Any, kind: type[Any]) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TypeError(f"{value!r} is not a {kind.__name__}")
    return value


def _paths(values: Any) -> tuple[str, ...]:
    if not isinstance(values, list):
        raise TypeError(f"{values!r} is not a list")
    paths = tuple(_typed(value, str) for value in values)
    for path in paths:
        if Path(path).is_absolute() or ".." in Path(path).parts:
            raise ValueError(f"{path!r} is not a path inside the prefix")
    return paths


def _absolute(values: Any) -> tuple[str, ...]:
    if not isinstance(values, list):
        raise TypeError(f"{values!r} is not a list")
    paths = tuple(_typed(value, str) for value in values)
    for path in paths:
        if not Path(path).is_absolute():
            raise ValueError(f"{path!r} is not an absolute path")
    return paths


def scan_prefix(
    prefix: Path, old_roots: Sequence[str], *, store_root: str, padded_length: int
) -> RelocationInfo:
    """Find every file and link of ``prefix`` that holds one of ``old_roots``.

    A file is *binary* when it is ELF or holds a NUL byte, else *text*. The prefix is not
    relocatable when a file cannot be read, or when a binary file holds an old root in a
    string with no NUL after it (its length is then unknown).
    """
    needles = _needles(old_roots)
    if not needles:
        raise ValueError("scan_prefix needs at least one old root")
    pattern = re.compile(b"|".join(re.escape(needle) for needle in needles))
    binary: list[str] = []
    text: list[str] = []
    links: list[str] = []
    problems: list[str] = []
    in_binaries: set[bytes] = set()
    for path, relative in _walk(prefix):
        if path.is_symlink():
            if any(needle in os.fsencode(path.readlink()) for needle in needles):
                links.append(relative)
            continue
        try:
            with _mapped(path) as data:
                if not any(data.find(needle) != -1 for needle in needles):
                    continue
                if data[:4] == MAGIC or data.find(b"\0") != -1:
                    binary.append(relative)
                    in_binaries.update(match.group() for match in pattern.finditer(data))
                    if _unterminated(data, needles):
                        problems.append(f"{relative} holds the root in a string without a NUL")
                else:
                    text.append(relative)
        except OSError as error:
            problems.append(f"cannot read {relative}: {error.strerror}")
    return RelocationInfo(
        store_root=store_root,
        padded_length=padded_length,
        relocatable=not problems,
        reason="; ".join(problems),
        binary_files=tuple(binary),
        text_files=tuple(text),
        links=tuple(links),
        binary_paths=tuple(sorted(os.fsdecode(path) for path in in_binaries)),
    )


def check_fits(info: RelocationInfo, mapping: Mapping[str, str]) -> None:
    """Raise RelocationError unless ``mapping`` (old path -> new path) can be applied.

    Called before anything is extracted: a path in a binary file can only get shorter, so a
    new path longer than its old one is refused, naming both lengths and the padding that
    would have made room.
    """
    changes = _changes(mapping)
    if not changes:
        return
    if not info.relocatable:
        raise RelocationError(
            f"the prefix built under {info.store_root} cannot be relocated: {info.reason}",
            hint="install it from source instead",
        )
    if not info.binary_files:
        return
    if info.binary_paths:
        changes = _binary_changes(changes, _needles(info.binary_paths))
        if not changes:
            return
    # the entry growing most; of equals, the most specific (a prefix before its root)
    old_bytes, new_bytes = max(
        changes.items(), key=lambda item: (len(item[1]) - len(item[0]), len(item[0]))
    )
    grow = len(new_bytes) - len(old_bytes)
    if grow <= 0:
        return
    needed = len(info.store_root.encode()) + grow
    padding = f"padded to {info.padded_length}" if info.padded_length else "not padded"
    old, new = os.fsdecode(old_bytes), os.fsdecode(new_bytes)
    raise RelocationError(
        f"cannot relocate {old} ({len(old_bytes)} characters) to {new} "
        f"({len(new_bytes)} characters): {len(info.binary_files)} binary file(s), e.g. "
        f"{info.binary_files[0]}, hold the old path in strings that cannot grow (the old "
        f"root was {padding}); it fits when built with '{PADDED_LENGTH_SETTING}: {needed}' "
        "or more",
        hint=f"install into a root no longer than {len(info.store_root.encode())} characters, "
        f"or rebuild and push it with {PADDED_LENGTH_SETTING}: {needed}",
    )


def _binary_changes(changes: Mapping[bytes, bytes], held: Sequence[bytes]) -> dict[bytes, bytes]:
    """The entries of ``changes`` that rewrite what binaries hold: those below a held path,
    and for each held path the longest old path it starts with (the one that matches)."""
    relevant = {old for old in changes if any(old.startswith(path) for path in held)}
    for path in held:
        above = [old for old in changes if path.startswith(old)]
        if above:
            relevant.add(max(above, key=len))
    return {old: new for old, new in changes.items() if old in relevant}


def relocate(prefix: Path, info: RelocationInfo, mapping: Mapping[str, str]) -> None:
    """Rewrite ``prefix`` so that every old path of ``mapping`` becomes its new path.

    Old paths are matched longest first (a dependency's prefix before the root holding
    it). Binary files are rewritten in place, each string shortened and NUL-padded; text
    files and link targets are rewritten freely. :func:`check_fits` runs first, so nothing
    changes when the move cannot be done.
    """
    check_fits(info, mapping)
    changes = _changes(mapping)
    if not changes:
        return
    pattern = _pattern(changes)

    def replace(match: re.Match[bytes]) -> bytes:
        return changes[match.group()]

    for relative in info.binary_files:
        with _writable(prefix / relative) as path:
            _rewrite_binary(path, pattern, replace)
    for relative in info.text_files:
        with _writable(prefix / relative) as path:
            path.write_bytes(pattern.sub(replace, path.read_bytes()))
    for relative in info.links:
        link = prefix / relative
        target = pattern.sub(replace, os.fsencode(link.readlink()))
        with _writable_directory(link.parent):
            link.unlink()
            link.symlink_to(os.fsdecode(target))


def leftovers(prefix: Path, old: Sequence[str], *, allowed: Sequence[str] = ()) -> list[str]:
    """Relative paths of files and links in ``prefix`` still holding a byte string of ``old``.

    ``allowed`` names new paths that contain an old one (a new root ``/a/store-b`` holds the
    old ``/a/store``): an occurrence inside one of them does not count.
    """
    needles = _needles(old)
    keep = _needles(allowed)
    found: list[str] = []
    for path, relative in _walk(prefix):
        try:
            if path.is_symlink():
                hit = _has_leftover(os.fsencode(path.readlink()), needles, keep)
            else:
                with _mapped(path) as data:
                    hit = _has_leftover(data, needles, keep)
        except OSError:
            hit = True  # unreadable: cannot prove it clean
        if hit:
            found.append(relative)
    return found


# -- helpers ------------------------------------------------------------------------------


def _needles(paths: Sequence[str]) -> list[bytes]:
    return sorted({os.fsencode(path) for path in paths if path}, key=len, reverse=True)


def _changes(mapping: Mapping[str, str]) -> dict[bytes, bytes]:
    return {
        os.fsencode(old): os.fsencode(new) for old, new in mapping.items() if old and old != new
    }


def _pattern(changes: Mapping[bytes, bytes]) -> re.Pattern[bytes]:
    ordered = sorted(changes, key=len, reverse=True)
    return re.compile(b"|".join(re.escape(old) for old in ordered))


def _walk(prefix: Path) -> Iterator[tuple[Path, str]]:
    """Every regular file and symbolic link below ``prefix``, with its relative path."""
    for directory, dirnames, filenames in os.walk(prefix):
        dirnames.sort()
        base = Path(directory)
        names = sorted(filenames) + [name for name in dirnames if (base / name).is_symlink()]
        for name in names:
            path = base / name
            if path.is_symlink() or path.is_file():
                yield path, path.relative_to(prefix).as_posix()


class _Empty(bytes):
    """What an empty file maps to (mmap refuses zero-length files)."""


@contextmanager
def _mapped(path: Path, *, write: bool = False) -> Iterator[Any]:
    with path.open("r+b" if write else "rb") as stream:
        if os.fstat(stream.fileno()).st_size == 0:
            yield _Empty()
            return
        access = mmap.ACCESS_WRITE if write else mmap.ACCESS_READ
        with mmap.mmap(stream.fileno(), 0, access=access) as data:
            yield data
            if write:
                data.flush()


@contextmanager
def _writable(path: Path) -> Iterator[Path]:
    """``path``, made writable by its owner for the duration (a read-only install)."""
    if not path.is_file() or path.is_symlink():
        raise RelocationError(f"cannot relocate {path}: it is missing or not a regular file")
    mode = stat.S_IMODE(path.stat().st_mode)
    if not mode & stat.S_IWUSR:
        path.chmod(mode | stat.S_IWUSR)
    try:
        yield path
    finally:
        if not mode & stat.S_IWUSR:
            path.chmod(mode)


@contextmanager
def _writable_directory(directory: Path) -> Iterator[None]:
    """``directory``, made writable by its owner for the duration (a read-only install)."""
    mode = stat.S_IMODE(directory.stat().st_mode)
    if not mode & stat.S_IWUSR:
        directory.chmod(mode | stat.S_IWUSR)
    try:
        yield
    finally:
        if not mode & stat.S_IWUSR:
            directory.chmod(mode)


def _unterminated(data: Any, needles: Sequence[bytes]) -> bool:
    """Whether an occurrence of a needle has no NUL after it in ``data``."""
    last_nul = data.rfind(b"\0")
    return any(data.rfind(needle) > last_nul for needle in needles)


def _rewrite_binary(path: Path, pattern: re.Pattern[bytes], replace: Any) -> None:
    with _mapped(path, write=True) as data:
        position = 0
        while True:
            match = pattern.search(data, position)
            if match is None:
                break
            start = match.start()
            end = data.find(b"\0", start)
            if end == -1:
                raise RelocationError(f"{path}: a path to relocate is not NUL-terminated")
            segment = bytes(data[start:end])
            rewritten = pattern.sub(replace, segment)
            if len(rewritten) > len(segment):
                raise RelocationError(
                    f"{path}: '{os.fsdecode(rewritten)}' is longer than the string it replaces"
                )
            data[start:end] = rewritten + b"\0" * (len(segment) - len(rewritten))
            position = end


def _has_leftover(data: Any, needles: Sequence[bytes], keep: Sequence[bytes]) -> bool:
    for needle in needles:
        position = data.find(needle)
        while position != -1:
            if not _inside_allowed(data, position, needle, keep):
                return True
            position = data.find(needle, position + 1)
    return False


def _inside_allowed(data: Any, position: int, needle: bytes, keep: Sequence[bytes]) -> bool:
    for allowed in keep:
        offset = allowed.find(needle)
        while offset != -1:
            start = position - offset
            if start >= 0 and data[start : start + len(allowed)] == allowed:
                return True
            offset = allowed.find(needle, offset + 1)
    return False
