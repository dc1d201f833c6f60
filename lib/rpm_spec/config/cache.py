"""A per-user cache of parsed configuration files and of the schema checks they passed.

Every command reads the YAML files of every scope and validates each section
against its schema. Round-trip parsing with ruamel.yaml and importing jsonschema
cost more than the rest of a small command, yet the files rarely change. So a
file's plain data and line table are kept as JSON, one entry per file under
``<user_dir>/cache/config/``, together with the validity keys of the section
values that passed their schema. A later read of the same text takes the data
from the entry: neither ruamel nor jsonschema is imported.

Entries live in the ``config`` area of the start-up cache
(:mod:`~rpm_spec.util.startup_cache`) and follow its one rule: an entry is used
only if rpm-spec's code is unchanged and its key, the path and the sha256 of the
file's text, still matches. The text's digest, not its mtime: a file rewritten
within one timestamp tick (or copied with its mtime kept) cannot be mistaken for
the old one, and reading a small file to hash it costs microseconds.
A validity key is the sha256 of (section, schema text, value): a pure function,
so a value is known valid no matter which file or scope it came from. Only what
parsed without error is stored, and a value is marked valid only after it
passed; anything else is parsed and validated again, so errors read the same.
An area whose directory is not private to the user is neither read nor written
(another user could have made it and planted entries that skip the schema checks).

Values given on the command line (``-c PATH:VALUE``) are not files, but parsing
one imports ruamel and checking it imports jsonschema all the same; so
``values.json`` keeps the parsed form of recent value texts and the validity keys
of recent command-line sections (the last :data:`MAX_VALUES` of each).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rpm_spec.config.yaml_io import LoadedYaml, parse_text, read_text
from rpm_spec.util.startup_cache import CacheArea, input_key

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from rpm_spec.config.yaml_io import KeyPath

#: How many -c value texts and command-line validity keys ``values.json`` keeps.
MAX_VALUES = 256
VALUES_FILE = "values.json"


@dataclass
class _Entry:
    """An entry as this process last read or wrote it: its JSON text and what it says."""

    text: str
    key: str
    valid: list[str]


@dataclass
class _Values:
    """``values.json``: parsed -c value texts and validity keys of values from no file."""

    parsed: dict[str, Any]
    valid: list[str]


class ConfigCache:
    """Parsed config files and passed schema checks, kept in the ``config`` area."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.area = CacheArea(directory)
        #: Entries read or written by this process, by file. The text is kept, not the
        #: data: callers own the data they were handed.
        self._entries: dict[Path, _Entry] = {}
        self._values: _Values | None = None

    @property
    def usable(self) -> bool:
        """Whether ``directory`` is private to this user (checked once); else no entry is
        read or written."""
        return self.area.usable

    def load(self, path: Path) -> LoadedYaml | None:
        """:func:`~rpm_spec.config.yaml_io.load_file`, without parsing unchanged text.

        The result has no round-trip document (writers read the file afresh).
        """
        text = read_text(path)
        if text is None:
            self._entries.pop(path, None)
            return None
        key = input_key(str(path), hashlib.sha256(text.encode("utf-8")).hexdigest())
        found = self._read_entry(path, key)
        if found is not None:
            entry, loaded = found
            self._entries[path] = entry
            return loaded
        loaded = parse_text(text, str(path), path)  # a syntax error raises: nothing stored
        payload = {
            "file": str(path),
            "data": loaded.data,
            "lines": [[list(lines_key), line] for lines_key, line in loaded.lines.items()],
            "valid": [],
        }
        entry = _Entry(self.area.encode(key, payload), key, [])
        self._entries[path] = entry
        self.area.write_text(self._entry_name(path), entry.text)
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
        payload = self.area.decode(entry.text, entry.key)
        assert payload is not None  # this process encoded or checked it
        valid = payload["valid"] = [*entry.valid, key]
        entry = _Entry(self.area.encode(entry.key, payload), entry.key, valid)
        self._entries[path] = entry
        self.area.write_text(self._entry_name(path), entry.text)

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
        return self.area.path(self._entry_name(path))

    @staticmethod
    def _entry_name(path: Path) -> str:
        return hashlib.sha256(str(path).encode("utf-8")).hexdigest()[:32] + ".json"

    def _read_entry(self, path: Path, key: str) -> tuple[_Entry, LoadedYaml] | None:
        """The stored entry of ``path`` if it holds the text with ``key`` and is well formed."""
        if not self.usable:
            return None
        try:
            text = self.entry_file(path).read_text(encoding="utf-8")
        except OSError:
            return None
        payload = self.area.decode(text, key)
        if payload is None or "data" not in payload:
            return None
        valid = payload.get("valid")
        lines = _lines_from(payload.get("lines"))
        if lines is None or not isinstance(valid, list):
            return None
        entry = _Entry(text, key, [item for item in valid if isinstance(item, str)])
        return entry, LoadedYaml(document=None, data=payload["data"], lines=lines)

    def _read_values(self) -> _Values:
        if self._values is None:
            self._values = _Values({}, [])
            payload = self.area.read(VALUES_FILE, _VALUES_KEY)
            if payload is not None:
                parsed, valid = payload.get("parsed"), payload.get("valid")
                if isinstance(parsed, dict):
                    self._values.parsed = parsed
                if isinstance(valid, list):
                    self._values.valid = [key for key in valid if isinstance(key, str)]
        return self._values

    def _write_values(self, values: _Values) -> None:
        """Keep the newest :data:`MAX_VALUES` of each kind and write them."""
        values.parsed = dict(list(values.parsed.items())[-MAX_VALUES:])
        values.valid = values.valid[-MAX_VALUES:]
        self.area.write(VALUES_FILE, _VALUES_KEY, {"parsed": values.parsed, "valid": values.valid})


#: ``values.json`` depends on no input: only the code that made it counts.
_VALUES_KEY = input_key(VALUES_FILE)


def validity_key(section: str, schema_text: str, value: Any) -> str:
    """The key under which a section value that passed its schema is remembered."""
    text = json.dumps([section, schema_text, value], separators=(",", ":"))
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
