"""The start-up cache: what a command would otherwise recompute from inputs that rarely change.

Every command reads config files, most load recipe metadata, and every solve needs
the host; parsing YAML, importing recipes and detecting GPUs cost more than the
rest of a small command. All of it is kept in one place, ``<user_dir>/cache/``,
one *area* per kind of entry (``config/``, ``index/``, ``host/``), under one rule:

    An entry is used only if it was made by this code from these inputs: its
    ``format`` is :data:`ENTRY_FORMAT`, its ``code`` is the stamp of rpm-spec's
    own sources (:func:`code_stamp`) and its ``key`` is the digest of its inputs
    (:func:`input_key`) as computed now. Anything else is a miss: the data is
    made again and the entry replaced.

What counts as an input is the area's business, always by content: a config
file's text, a repository's root and namespace (and, inside the index, each
recipe's file hashes), the boot id and what host detection reads. Any change to
rpm-spec's sources (an upgrade, an edit in a checkout) misses every entry, so no
area keeps a format number or a code stamp of its own.

Entries are JSON, written atomically (:func:`~rpm_spec.util.fs.atomic_write`):
concurrent commands never see a torn entry, the last writer wins. A cache only
costs speed: an area whose directory is not private to the user (another user
could plant entries) is neither read nor written, and failures to write are
ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import rpm_spec
from rpm_spec.util.fs import FileWriteError, atomic_write, usable_private_directory

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

#: Bump when the layout of an entry (the fields below) changes.
ENTRY_FORMAT = 1
#: The fields of every entry; an area's payload must not use these names.
RESERVED = frozenset({"format", "code", "key"})


@cache
def code_stamp() -> str:
    """Stamps (path, mtime, size) of rpm-spec's sources: a change misses every entry.

    Taken once per process, at the first use: the code a process runs does not change
    once it started, and every area of one command then shares the ~1 ms it costs.
    """
    lib = Path(rpm_spec.__file__).resolve().parent
    digest = hashlib.sha256()
    try:
        for path in sorted(_source_files(lib)):
            info = path.stat()
            digest.update(f"{path.relative_to(lib)}:{info.st_mtime_ns}:{info.st_size}\n".encode())
    except OSError:
        return "unknown"
    return digest.hexdigest()[:16]


def _source_files(directory: Path) -> Iterator[Path]:
    for entry in os.scandir(directory):
        if entry.is_dir() and entry.name != "__pycache__":
            yield from _source_files(Path(entry.path))
        elif entry.name.endswith((".py", ".json")):
            yield Path(entry.path)


def input_key(*inputs: str) -> str:
    """The key of an entry made from ``inputs`` (texts, digests, names), in order."""
    return hashlib.sha256("\0".join(inputs).encode("utf-8")).hexdigest()


class CacheArea:
    """One area of the start-up cache: a directory of JSON entries, one per file name."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._private: bool | None = None

    @property
    def usable(self) -> bool:
        """Whether the directory is private to this user (checked once); else no entry
        is read or written."""
        if self._private is None:
            self._private = usable_private_directory(self.directory)
        return self._private

    @property
    def code(self) -> str:
        return code_stamp()

    def path(self, name: str) -> Path:
        """Where entry ``name`` is kept."""
        return self.directory / name

    def read(self, name: str, key: str) -> dict[str, Any] | None:
        """The payload of entry ``name`` if it was made by this code with ``key``."""
        if not self.usable:
            return None
        try:
            text = self.path(name).read_text(encoding="utf-8")
        except OSError:
            return None
        return self.decode(text, key)

    def decode(self, text: str, key: str) -> dict[str, Any] | None:
        """The payload of an entry's text if it was made by this code with ``key``."""
        try:
            document = json.loads(text)
        except ValueError:
            return None
        if not isinstance(document, dict) or (
            document.get("format"),
            document.get("code"),
            document.get("key"),
        ) != (ENTRY_FORMAT, self.code, key):
            return None
        return {k: v for k, v in document.items() if k not in RESERVED}

    def encode(self, key: str, payload: Mapping[str, Any]) -> str:
        """The JSON text of an entry."""
        assert not RESERVED & set(payload), "payload fields clash with the entry's own"
        document = {"format": ENTRY_FORMAT, "code": self.code, "key": key, **payload}
        return json.dumps(document, separators=(",", ":"))

    def write(self, name: str, key: str, payload: Mapping[str, Any]) -> None:
        """Replace entry ``name`` atomically; a cache that cannot be written is not used."""
        if self.usable:
            self.write_text(name, self.encode(key, payload))

    def write_text(self, name: str, text: str) -> None:
        """Replace entry ``name`` with the text :meth:`encode` made."""
        if not self.usable:
            return
        with contextlib.suppress(FileWriteError):
            atomic_write(self.path(name), text)
