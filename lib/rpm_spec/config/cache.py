"""A per-user cache of parsed configuration files and of the schema checks they passed.

Every command reads the YAML files of every scope and validates each section
against its schema. Round-trip parsing with ruamel.yaml and importing jsonschema
cost more than the rest of a small command, yet the files rarely change. So a
file's plain data and line table are kept as JSON, one entry per file under
``<user_dir>/cache/config/``, together with the validity keys of the section
values that passed their schema. A later read of the same text takes the data
from the entry: neither ruamel nor jsonschema is imported.

Entries are keyed by the sha256 of the file's text, not by its mtime: a file
rewritten within one timestamp tick (or copied with its mtime kept) cannot be
mistaken for the old one, and reading a small file to hash it costs microseconds.
A validity key is the sha256 of (section, schema text, value): a pure function,
so a value is known valid no matter which file or scope it came from. Only what
parsed without error is stored, and a value is marked valid only after it
passed; anything else is parsed and validated again, so errors read the same.
Entries are written atomically; an unreadable or unwritable cache is ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rpm_spec.config.yaml_io import LoadedYaml, parse_text, read_text

if TYPE_CHECKING:
    from rpm_spec.config.yaml_io import KeyPath

#: Bump when what an entry holds, or how YAML becomes plain data, changes.
CACHE_FORMAT = 1


@dataclass
class _Entry:
    """An entry as this process last read or wrote it: its JSON text and what it says."""

    text: str
    digest: str
    valid: list[str]


class ConfigCache:
    """Parsed config files and passed schema checks, kept in ``directory``."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        #: Entries read or written by this process, by file. The text is kept, not the
        #: data: callers own the data they were handed.
        self._entries: dict[Path, _Entry] = {}

    def load(self, path: Path) -> LoadedYaml | None:
        """:func:`~rpm_spec.config.yaml_io.load_file`, without parsing unchanged text.

        The result has no round-trip document (writers read the file afresh).
        """
        text = read_text(path)
        if text is None:
            self._entries.pop(path, None)
            return None
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        found = self._read_entry(path, digest)
        if found is not None:
            entry, loaded = found
            self._entries[path] = entry
            return loaded
        loaded = parse_text(text, str(path), path)  # a syntax error raises: nothing stored
        document = {
            "format": CACHE_FORMAT,
            "file": str(path),
            "digest": digest,
            "data": loaded.data,
            "lines": [[list(key), line] for key, line in loaded.lines.items()],
            "valid": [],
        }
        entry = _Entry(json.dumps(document, separators=(",", ":")), digest, [])
        self._entries[path] = entry
        self._write_entry(path, entry.text)
        return loaded

    def known_valid(self, path: Path, key: str) -> bool:
        """Whether a value with validity ``key`` passed its schema (recorded with ``path``)."""
        entry = self._entries.get(path)
        return entry is not None and key in entry.valid

    def remember_valid(self, path: Path, key: str) -> None:
        """Record, with the entry of ``path``, that a value read from it passed its schema."""
        entry = self._entries.get(path)
        if entry is None or key in entry.valid:
            return
        document = json.loads(entry.text)
        valid = document["valid"] = [*entry.valid, key]
        entry = _Entry(json.dumps(document, separators=(",", ":")), entry.digest, valid)
        self._entries[path] = entry
        self._write_entry(path, entry.text)

    def entry_file(self, path: Path) -> Path:
        """Where the entry of ``path`` is kept (named by a hash of the path)."""
        name = hashlib.sha256(str(path).encode("utf-8")).hexdigest()[:32]
        return self.directory / f"{name}.json"

    def _read_entry(self, path: Path, digest: str) -> tuple[_Entry, LoadedYaml] | None:
        """The stored entry of ``path`` if it is for text ``digest`` and well formed."""
        try:
            text = self.entry_file(path).read_text(encoding="utf-8")
            document = json.loads(text)
        except (OSError, ValueError):
            return None
        if (
            not isinstance(document, dict)
            or document.get("format") != CACHE_FORMAT
            or document.get("file") != str(path)
            or document.get("digest") != digest
            or "data" not in document
        ):
            return None
        valid = document.get("valid")
        lines = _lines_from(document.get("lines"))
        if lines is None or not isinstance(valid, list):
            return None
        entry = _Entry(text, digest, [key for key in valid if isinstance(key, str)])
        return entry, LoadedYaml(document=None, data=document["data"], lines=lines)

    def _write_entry(self, path: Path, text: str) -> None:
        """Replace the entry atomically; a cache that cannot be written is simply not used."""
        import tempfile  # lazy: startup (only on a cache miss)

        target = self.entry_file(path)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            descriptor, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        except OSError:
            return
        temporary = Path(name)
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
                stream.write(text)
            temporary.replace(target)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink()


def validity_key(section: str, schema_text: str, value: Any) -> str:
    """The key under which a section value that passed its schema is remembered."""
    text = json.dumps([CACHE_FORMAT, section, schema_text, value], separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _lines_from(table: Any) -> dict[KeyPath, int] | None:
    """The line table of an entry; None if it is not one."""
    if not isinstance(table, list):
        return None
    lines: dict[KeyPath, int] = {}
    for item in table:
        if not (isinstance(item, list) and len(item) == 2):
            return None
        key, line = item
        if not isinstance(key, list) or not isinstance(line, int):
            return None
        lines[tuple(key)] = line
    return lines
