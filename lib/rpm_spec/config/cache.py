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
Entries are written atomically; an unreadable or unwritable cache is ignored, and
so is one whose directory is not private to the user (another user could have
made it and planted entries that skip the schema checks): see
:func:`~rpm_spec.util.fs.private_directory`.
Each entry also records the stamp of :mod:`~rpm_spec.config.yaml_io` (the code
that turns YAML into plain data): edit that, and every entry is parsed anew.

Values given on the command line (``-c PATH:VALUE``) are not files, but parsing
one imports ruamel and checking it imports jsonschema all the same; so
``values.json`` keeps the parsed form of recent value texts and the validity keys
of recent command-line sections (the last :data:`MAX_VALUES` of each).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rpm_spec.config import yaml_io
from rpm_spec.config.yaml_io import LoadedYaml, parse_text, read_text
from rpm_spec.util.fs import FileWriteError, atomic_write, usable_private_directory

if TYPE_CHECKING:
    from collections.abc import Callable

    from rpm_spec.config.yaml_io import KeyPath

#: Bump when what an entry holds, or how YAML becomes plain data, changes.
CACHE_FORMAT = 1
#: How many -c value texts and command-line validity keys ``values.json`` keeps.
MAX_VALUES = 256
VALUES_FILE = "values.json"


@dataclass
class _Entry:
    """An entry as this process last read or wrote it: its JSON text and what it says."""

    text: str
    digest: str
    valid: list[str]


@dataclass
class _Values:
    """``values.json``: parsed -c value texts and validity keys of values from no file."""

    parsed: dict[str, Any]
    valid: list[str]


class ConfigCache:
    """Parsed config files and passed schema checks, kept in ``directory``."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        #: Entries read or written by this process, by file. The text is kept, not the
        #: data: callers own the data they were handed.
        self._entries: dict[Path, _Entry] = {}
        self._values: _Values | None = None
        self._code: str | None = None
        self._private: bool | None = None

    @property
    def usable(self) -> bool:
        """Whether ``directory`` is private to this user (checked once); else no entry is
        read or written."""
        if self._private is None:
            self._private = usable_private_directory(self.directory)
        return self._private

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
            "code": self._code_stamp(),
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

    def known_valid(self, path: Path | None, key: str) -> bool:
        """Whether a value with validity ``key`` passed its schema (recorded with ``path``).

        ``path`` None: a value that came from no file (``-c``).
        """
        if path is None:
            return key in self._read_values().valid
        entry = self._entries.get(path)
        return entry is not None and key in entry.valid

    def remember_valid(self, path: Path | None, key: str) -> None:
        """Record, with the entry of ``path``, that a value read from it passed its schema."""
        if path is None:
            values = self._read_values()
            if key not in values.valid:
                values.valid.append(key)
                self._write_values(values)
            return
        entry = self._entries.get(path)
        if entry is None or key in entry.valid:
            return
        document = json.loads(entry.text)
        valid = document["valid"] = [*entry.valid, key]
        entry = _Entry(json.dumps(document, separators=(",", ":")), entry.digest, valid)
        self._entries[path] = entry
        self._write_entry(path, entry.text)

    def parse_value(self, text: str, parse: Callable[[str], Any]) -> Any:
        """``parse(text)`` for a ``-c`` value, remembered across commands (failures are not)."""
        values = self._read_values()
        if text in values.parsed:
            return json.loads(json.dumps(values.parsed[text]))  # the caller owns its copy
        value = parse(text)
        try:
            values.parsed[text] = json.loads(json.dumps(value))
        except (TypeError, ValueError):
            return value
        self._write_values(values)
        return value

    def entry_file(self, path: Path) -> Path:
        """Where the entry of ``path`` is kept (named by a hash of the path)."""
        name = hashlib.sha256(str(path).encode("utf-8")).hexdigest()[:32]
        return self.directory / f"{name}.json"

    def _read_entry(self, path: Path, digest: str) -> tuple[_Entry, LoadedYaml] | None:
        """The stored entry of ``path`` if it is for text ``digest`` and well formed."""
        if not self.usable:
            return None
        try:
            text = self.entry_file(path).read_text(encoding="utf-8")
            document = json.loads(text)
        except (OSError, ValueError):
            return None
        if (
            not isinstance(document, dict)
            or document.get("format") != CACHE_FORMAT
            or document.get("code") != self._code_stamp()
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

    def _code_stamp(self) -> str:
        """mtime and size of yaml_io.py: entries made by other parsing code do not count."""
        if self._code is None:
            try:
                info = Path(yaml_io.__file__).stat()
                self._code = f"{info.st_mtime_ns}:{info.st_size}"
            except OSError:
                self._code = "unknown"
        return self._code

    def _read_values(self) -> _Values:
        if self._values is None:
            self._values = _Values({}, [])
            if not self.usable:
                return self._values
            try:
                document = json.loads((self.directory / VALUES_FILE).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return self._values
            if (
                isinstance(document, dict)
                and document.get("format") == CACHE_FORMAT
                and document.get("code") == self._code_stamp()
            ):
                parsed, valid = document.get("parsed"), document.get("valid")
                if isinstance(parsed, dict):
                    self._values.parsed = parsed
                if isinstance(valid, list):
                    self._values.valid = [key for key in valid if isinstance(key, str)]
        return self._values

    def _write_values(self, values: _Values) -> None:
        """Keep the newest :data:`MAX_VALUES` of each kind and write them."""
        values.parsed = dict(list(values.parsed.items())[-MAX_VALUES:])
        values.valid = values.valid[-MAX_VALUES:]
        document = {
            "format": CACHE_FORMAT,
            "code": self._code_stamp(),
            "parsed": values.parsed,
            "valid": values.valid,
        }
        self._write(self.directory / VALUES_FILE, json.dumps(document, separators=(",", ":")))

    def _write_entry(self, path: Path, text: str) -> None:
        self._write(self.entry_file(path), text)

    def _write(self, target: Path, text: str) -> None:
        """Replace ``target`` atomically; a cache that cannot be written is simply not used."""
        if not self.usable:
            return
        try:
            atomic_write(target, text)
        except FileWriteError:
            return


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
