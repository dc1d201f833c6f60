"""Configuration scopes: named sources of section data, read lazily.

A scope answers "what does section S say here?" with a :class:`SectionData`:
the raw data (``{"packages": {...}}``, ``::`` markers kept) and enough to say
where each key came from. Three kinds exist:

- :class:`DirectoryScope`: a directory of ``<section>.yaml`` files, each holding
  one top-level key, the section name (defaults, system, site, user, ``-C DIR``);
- :class:`FileScope`: one YAML file holding several sections, optionally under a
  key (an environment manifest's ``rpm-spec:`` mapping);
- :class:`MemoryScope`: data built in Python (tests, ``-c`` values).

A missing directory or file is an empty scope. Scopes cache what they read, per
instance; :meth:`Scope.forget` drops it after a write. File scopes given a
:class:`~rpm_spec.config.cache.ConfigCache` (:meth:`Scope.attach_cache`) read
unchanged files from it instead of parsing them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rpm_spec.config.errors import ConfigSyntaxError, ReadOnlyScopeError
from rpm_spec.config.merge import OVERRIDE, key_name
from rpm_spec.config.schema import Schemas
from rpm_spec.config.yaml_io import (
    KeyPath,
    LoadedYaml,
    dump,
    load_file,
    update_document,
)
from rpm_spec.util.fs import atomic_write
from rpm_spec.util.suggest import did_you_mean

if TYPE_CHECKING:
    from pathlib import Path

    from rpm_spec.config.cache import ConfigCache


@dataclass(frozen=True)
class SectionData:
    """What one scope says about one section, and where each part of it was written."""

    scope: str
    section: str
    #: ``{section: value}`` or ``{section + "::": value}``, exactly as the scope holds it.
    data: Mapping[str, Any]
    file: Path | None = None
    #: 1-based line of each key path (``::`` stripped, section first), for files.
    lines: Mapping[KeyPath, int] = field(default_factory=dict)
    #: For in-memory scopes: how to name the scope in a message ("command line").
    origin: str | None = None
    #: For in-memory scopes: the text that set each key path (``-c packages:all:target:zen3``).
    labels: Mapping[KeyPath, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """The top-level key as written: the section name, maybe with ``::``."""
        return next(iter(self.data))

    @property
    def value(self) -> Any:
        """The section's value in this scope (None when the file leaves it empty)."""
        return self.data[self.key]

    def line_of(self, path: KeyPath) -> int | None:
        """The line of ``path`` or of its nearest ancestor, for file scopes."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return None

    def locate(self, path: KeyPath) -> tuple[str, int | None]:
        """Where a user finds ``path``: ``file:line``, or ``command line (-c ...)``."""
        if self.file is not None:
            line = self.line_of(path)
            return (f"{self.file}:{line}" if line else str(self.file)), line
        origin = self.origin or f"scope {self.scope}"
        label = self._label(path)
        return (f"{origin} ({label})" if label else origin), None

    def _label(self, path: KeyPath) -> str | None:
        """The label whose key path shares the longest prefix with ``path`` (latest on ties)."""
        best: tuple[int, str] | None = None
        for keys, label in self.labels.items():
            common = 0
            for mine, theirs in zip(path, keys, strict=False):
                if mine != theirs:
                    break
                common += 1
            if common and (best is None or common >= best[0]):
                best = (common, label)
        return best[1] if best else None


class Scope:
    """A named source of configuration; subclasses say where the data lives."""

    #: Whether ``config add`` / ``config edit`` may change it.
    writable: bool = False

    def __init__(self, name: str) -> None:
        self.name = name

    @property
    def path(self) -> Path | None:
        """The directory or file behind the scope; None for in-memory data."""
        return None

    def section(self, section: str) -> SectionData | None:
        """This scope's data for ``section``; None when it says nothing about it."""
        raise NotImplementedError

    def section_file(self, section: str) -> Path:
        """The file ``section`` is (or would be) written to."""
        raise ReadOnlyScopeError(self.name, hint="choose a file scope with --scope")

    def write(self, section: str, value: Any) -> Path:
        """Replace ``section``'s value in this scope's file (no validation here)."""
        raise ReadOnlyScopeError(self.name, hint="choose another scope with --scope, e.g. user")

    def forget(self) -> None:
        """Drop cached file contents so that the next read sees the disk again."""

    def attach_cache(self, cache: ConfigCache) -> None:
        """Read files through ``cache`` from now on (if this scope reads files, and has none)."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r}, {self.path})"


class DirectoryScope(Scope):
    """A directory of ``<section>.yaml`` files, each with the section as top-level key."""

    def __init__(
        self,
        name: str,
        directory: Path,
        *,
        writable: bool = True,
        cache: ConfigCache | None = None,
    ) -> None:
        super().__init__(name)
        self.directory = directory
        self.writable = writable
        self.cache = cache
        self._files: dict[str, LoadedYaml | None] = {}

    @property
    def path(self) -> Path:
        return self.directory

    def section_file(self, section: str) -> Path:
        if not self.writable:
            super().section_file(section)
        return self.directory / f"{section}.yaml"

    def attach_cache(self, cache: ConfigCache) -> None:
        if self.cache is None:
            self.cache = cache

    def _load(self, section: str) -> LoadedYaml | None:
        if section not in self._files:
            file = self.directory / f"{section}.yaml"
            self._files[section] = self.cache.load(file) if self.cache else load_file(file)
        return self._files[section]

    def section(self, section: str) -> SectionData | None:
        loaded = self._load(section)
        if loaded is None:
            return None
        file = self.directory / f"{section}.yaml"
        if loaded.data is None:
            return None  # an empty file
        key = _section_key(loaded.data, section, file, loaded, allow_others=False)
        if key is None:
            return None
        return SectionData(
            scope=self.name,
            section=section,
            data={key: loaded.data[key]},
            file=file,
            lines=loaded.lines,
        )

    def write(self, section: str, value: Any) -> Path:
        if not self.writable:
            return super().write(section, value)
        file = self.section_file(section)
        loaded = load_file(file)
        if loaded is None or not isinstance(loaded.document, dict):
            document = None
            key = section
        else:
            document = loaded.document
            key = _section_key(loaded.data, section, file, loaded, allow_others=False) or section
        new = update_document(document, {key: value}) if document is not None else {key: value}
        atomic_write(file, dump(new))
        self._files.pop(section, None)
        return file

    def forget(self) -> None:
        self._files.clear()


class FileScope(Scope):
    """One YAML file holding several sections, at ``root`` (a key path) inside it."""

    def __init__(
        self,
        name: str,
        file: Path,
        *,
        root: tuple[str, ...] = (),
        writable: bool = True,
        cache: ConfigCache | None = None,
    ) -> None:
        super().__init__(name)
        self.file = file
        self.root = root
        self.writable = writable
        self.cache = cache
        self._loaded: LoadedYaml | None = None
        self._read = False

    @property
    def path(self) -> Path:
        return self.file

    def section_file(self, section: str) -> Path:
        if not self.writable:
            super().section_file(section)
        return self.file

    def attach_cache(self, cache: ConfigCache) -> None:
        if self.cache is None:
            self.cache = cache

    def _load(self) -> LoadedYaml | None:
        if not self._read:
            self._loaded = self.cache.load(self.file) if self.cache else load_file(self.file)
            self._read = True
        return self._loaded

    def _container(self, data: Any) -> Any:
        for key in self.root:
            if not isinstance(data, Mapping):
                return None
            data = data.get(key)
        return data

    def section(self, section: str) -> SectionData | None:
        loaded = self._load()
        if loaded is None:
            return None
        container = self._container(loaded.data)
        if not isinstance(container, Mapping):
            return None
        key = _section_key(container, section, self.file, loaded, allow_others=True)
        if key is None:
            return None
        depth = len(self.root)
        lines = {
            path[depth:]: line
            for path, line in loaded.lines.items()
            if path[:depth] == self.root and len(path) > depth
        }
        return SectionData(
            scope=self.name,
            section=section,
            data={key: container[key]},
            file=self.file,
            lines=lines,
        )

    def write(self, section: str, value: Any) -> Path:
        if not self.writable:
            return super().write(section, value)
        loaded = load_file(self.file)
        document = loaded.document if loaded is not None else None
        if not isinstance(document, dict):
            document = {}
        container = document
        for name in self.root:
            if not isinstance(container.get(name), dict):
                container[name] = {}
            container = container[name]
        key = section + ":" if section + ":" in container else section  # ``section::`` in YAML
        container[key] = update_document(container.get(key), value)
        atomic_write(self.file, dump(document))
        self._read = False
        return self.file

    def forget(self) -> None:
        self._read = False
        self._loaded = None


class MemoryScope(Scope):
    """Section data given in Python: ``{"packages": {...}, "config": {...}}``.

    ``origin`` names the scope in messages ("command line"); ``labels`` maps key
    paths to the text that set them, so a message can quote the right ``-c``.
    """

    def __init__(
        self,
        name: str,
        data: Mapping[str, Any],
        *,
        origin: str | None = None,
        labels: Mapping[KeyPath, str] | None = None,
    ) -> None:
        super().__init__(name)
        self.data = dict(data)
        self.origin = origin
        self.labels = dict(labels or {})

    def section(self, section: str) -> SectionData | None:
        for key in (section + OVERRIDE, section):
            if key in self.data:
                return SectionData(
                    scope=self.name,
                    section=section,
                    data={key: self.data[key]},
                    origin=self.origin,
                    labels=self.labels,
                )
        return None


def _section_key(
    data: Any, section: str, file: Path, loaded: LoadedYaml, *, allow_others: bool
) -> str | None:
    """The key holding ``section`` in a file's mapping; complain about anything else there."""
    if not isinstance(data, Mapping):
        raise ConfigSyntaxError(
            f"expected a mapping with the top-level key '{section}:'",
            where=f"{file}:{loaded.line_of(()) or 1}",
            path=file,
            line=1,
        )
    found: list[str] = [key for key in data if key_name(key) == section]
    if not allow_others:
        strangers = [key for key in data if key_name(key) != section]
        if strangers:
            line = loaded.line_of((key_name(strangers[0]),))
            raise ConfigSyntaxError(
                f"unexpected top-level key '{strangers[0]}' in {file.name}; "
                f"this file may only hold the '{section}:' section",
                where=f"{file}:{line}" if line else str(file),
                path=file,
                line=line,
                hint=_stranger_hint(key_name(strangers[0])),
            )
    if not found:
        return None
    # Of ``packages`` and ``packages::`` in one file the override is what was meant.
    return next((key for key in found if key.endswith(OVERRIDE)), found[0])


def _stranger_hint(name: str) -> str:
    """Where a top-level key that does not belong in a section file should go."""
    sections = Schemas().sections
    if name in sections:
        return f"move it to {name}.yaml"
    suggestion = did_you_mean(name, sections)
    return suggestion or f"configuration sections are: {', '.join(sections)}"
