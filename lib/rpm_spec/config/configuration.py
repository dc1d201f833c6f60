"""The merged, validated view over an ordered list of scopes.

Scopes, lowest precedence first (see :meth:`Configuration.standard`)::

    defaults   <prefix>/etc/rpm-spec/defaults   shipped with rpm-spec, read-only
    system     /etc/rpm-spec
    site       <prefix>/etc/rpm-spec/site
    user       ~/.rpm-spec or $RPM_SPEC_USER_DIR
    custom:*   one per -C DIR, a later one higher
    command_line   the -c PATH:VALUE options

Another scope (an environment's manifest) goes in by name with
:meth:`Configuration.insert_scope`, e.g. ``below="command_line"``.

A section is read only when asked for; each scope's part is validated against
the section schema as it is read (a violation names file:line), then the parts
are merged (:mod:`rpm_spec.config.merge`) and the result kept per instance.
With a :class:`~rpm_spec.config.cache.ConfigCache` (every CLI command has one),
files that did not change since they last parsed and passed are taken from it.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rpm_spec.config.blame import BlameLine, blame_lines
from rpm_spec.config.cache import ConfigCache, validity_key
from rpm_spec.config.errors import ConcurrentEditError, UnknownScopeError
from rpm_spec.config.merge import is_override, key_name, merge_all, same, strip_overrides
from rpm_spec.config.overrides import command_line_scope, parse_override
from rpm_spec.config.schema import Schemas
from rpm_spec.config.scope import DirectoryScope, MemoryScope, Scope, SectionData
from rpm_spec.config.substitution import substitute_path
from rpm_spec.config.yaml_io import read_text
from rpm_spec.util.fs import atomic_write, locked_update
from rpm_spec.util.paths import DEFAULTS_CONFIG, SITE_CONFIG, SYSTEM_CONFIG
from rpm_spec.util.suggest import did_you_mean

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


class Configuration:
    """Config sections merged over scopes; build one per session (no globals)."""

    def __init__(
        self,
        scopes: Sequence[Scope],
        *,
        user_dir: Path | None = None,
        schemas: Schemas | None = None,
        cache: ConfigCache | None = None,
    ) -> None:
        names = [scope.name for scope in scopes]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise ValueError(f"duplicate scope names: {', '.join(duplicates)}")
        self._scopes = list(scopes)
        self.user_dir = user_dir
        self.schemas = schemas or Schemas()
        #: Parsed files and passed schema checks from earlier commands; None: no cache.
        self.cache = cache
        if cache is not None:
            for scope in self._scopes:
                scope.attach_cache(cache)
        self._merged: dict[str, Any] = {}
        self._layers: dict[tuple[str, str], SectionData | None] = {}
        #: Files whose lock :meth:`editing` holds now.
        self._editing: set[Path] = set()

    # --- construction -------------------------------------------------------------------

    @classmethod
    def standard(
        cls,
        *,
        user_dir: Path,
        command_line: Sequence[str] = (),
        scope_dirs: Sequence[Path] = (),
    ) -> Configuration:
        """The scopes of a CLI command; ``-c`` values are parsed (and checked) here.

        Files (and ``-c`` values) are read through a cache in ``<user_dir>/cache/config``.
        """
        schemas = Schemas()
        cache = ConfigCache(user_dir / "cache" / "config")
        scopes: list[Scope] = [
            DirectoryScope("defaults", DEFAULTS_CONFIG, writable=False),
            DirectoryScope("system", SYSTEM_CONFIG),
            DirectoryScope("site", SITE_CONFIG),
            DirectoryScope("user", user_dir),
        ]
        taken = {scope.name for scope in scopes}
        for directory in scope_dirs:
            name = f"custom:{directory.name or directory}"
            number = 2
            while name in taken:
                name = f"custom:{directory.name}-{number}"
                number += 1
            taken.add(name)
            scopes.append(DirectoryScope(name, directory))
        scopes.append(command_line_scope(command_line, schemas, cache=cache))
        return cls(scopes, user_dir=user_dir, schemas=schemas, cache=cache)

    @classmethod
    def for_tests(
        cls,
        data: Mapping[str, Mapping[str, Any] | Sequence[Any]],
        *,
        user_dir: Path | None = None,
    ) -> Configuration:
        """Shipped defaults plus ``data`` (``{"packages": {...}}``) as the scope ``test``."""
        scopes: list[Scope] = [
            DirectoryScope("defaults", DEFAULTS_CONFIG, writable=False),
            MemoryScope("test", data, origin="test configuration"),
        ]
        return cls(scopes, user_dir=user_dir)

    # --- scopes -------------------------------------------------------------------------

    @property
    def scopes(self) -> tuple[Scope, ...]:
        """Every scope, lowest precedence first."""
        return tuple(self._scopes)

    def scope(self, name: str) -> Scope:
        """The scope called ``name``; :class:`UnknownScopeError` lists the others."""
        for scope in self._scopes:
            if scope.name == name:
                return scope
        names = [scope.name for scope in self._scopes]
        raise UnknownScopeError(name, names, hint=did_you_mean(name, names))

    def insert_scope(
        self, scope: Scope, *, above: str | None = None, below: str | None = None
    ) -> None:
        """Add a scope just above or just below a named one (or on top if neither)."""
        if any(existing.name == scope.name for existing in self._scopes):
            raise ValueError(f"a scope named {scope.name!r} exists already")
        if above is not None and below is not None:
            raise ValueError("give above= or below=, not both")
        if above is not None:
            index = self._scopes.index(self.scope(above)) + 1
        elif below is not None:
            index = self._scopes.index(self.scope(below))
        else:
            index = len(self._scopes)
        self._scopes.insert(index, scope)
        if self.cache is not None:
            scope.attach_cache(self.cache)
        self.clear_caches()

    def clear_caches(self) -> None:
        """Forget merged sections and file contents (after files changed on disk)."""
        self._merged.clear()
        self._layers.clear()
        for scope in self._scopes:
            scope.forget()

    # --- reading ------------------------------------------------------------------------

    @property
    def sections(self) -> tuple[str, ...]:
        """The names of all configuration sections."""
        return self.schemas.sections

    def get(self, section: str) -> Any:
        """The merged value of ``section`` as plain Python (a dict or a list, a fresh copy)."""
        if section not in self._merged:
            layers = self.layers(section)
            merged = merge_all(layer.data for layer in layers) if layers else None
            value = merged.get(section) if isinstance(merged, dict) else None
            self._merged[section] = self.schemas.empty(section) if value is None else value
        return copy.deepcopy(self._merged[section])

    def get_path(self, path: str, default: Any = None) -> Any:
        """One value by ``section:key:key`` (``config:build_jobs``); ``default`` if unset."""
        section, *keys = path.split(":")
        data = self.get(section)
        for key in keys:
            if not isinstance(data, Mapping) or key not in data:
                return default
            data = data[key]
        return data

    def layers(self, section: str) -> list[SectionData]:
        """Each scope's validated data for ``section``, lowest precedence first."""
        self.schemas.check_section(section)
        found = []
        for scope in self._scopes:
            layer = self._layer(scope, section)
            if layer is not None:
                found.append(layer)
        return found

    def scope_data(self, section: str, scope_name: str) -> Any:
        """What one scope says about ``section``, raw (``::`` kept); None if nothing."""
        self.schemas.check_section(section)
        layer = self._layer(self.scope(scope_name), section)
        return None if layer is None else layer.value

    def blame(self, section: str) -> list[BlameLine]:
        """The merged section as YAML lines, each with the scope and file:line it came from."""
        layers = self.layers(section)
        return blame_lines(section, self.get(section), list(reversed(layers)))

    def substitute_path(self, text: str) -> Path:
        """A configured path with ``$rpm_spec``, ``$user_dir``, ``~``... expanded."""
        return substitute_path(text, user_dir=self.user_dir)

    def _layer(self, scope: Scope, section: str) -> SectionData | None:
        cache_key = (scope.name, section)
        if cache_key not in self._layers:
            layer = scope.section(section)
            if layer is not None:
                if layer.value is None:  # ``packages:`` with nothing under it
                    layer = dataclasses.replace(
                        layer, data={layer.key: self.schemas.empty(section)}
                    )
                self._validate(section, layer)
            self._layers[cache_key] = layer
        return self._layers[cache_key]

    def _validate(self, section: str, layer: SectionData) -> None:
        """Check a layer against its schema, unless the cache knows it passed before."""
        value = strip_overrides(layer.value)
        if self.cache is None:
            self.schemas.validate(section, value, layer.locate)
            return
        key = validity_key(section, self.schemas.text(section), value)
        if not self.cache.known_valid(layer.file, key):
            self.schemas.validate(section, value, layer.locate)
            self.cache.remember_valid(layer.file, key)

    # --- writing ------------------------------------------------------------------------

    def section_file(self, section: str, scope_name: str) -> Path:
        """The file that holds ``section`` in a writable scope (it may not exist yet)."""
        self.schemas.check_section(section)
        return self.scope(scope_name).section_file(section)

    @contextlib.contextmanager
    def editing(self, section: str, scope_name: str) -> Iterator[Path]:
        """Hold the lock of the file behind ``section`` in a scope across a read-modify-write.

        Inside the block, what :meth:`scope_data` and :meth:`get` return for ``section`` is
        read from disk afresh, and :meth:`write_section` writes without locking again; so
        two processes that edit one file (``config add`` in two shells) never lose each
        other's change. Yields the file. Not re-entrant.
        """
        scope = self.scope(scope_name)
        target = self.section_file(section, scope_name)  # a read-only scope fails here
        with locked_update(target):
            self._editing.add(target)
            self._forget(section, scope)
            try:
                yield target
            finally:
                self._editing.discard(target)

    def write_section(
        self, section: str, data: Any, scope_name: str, *, where: str | None = None
    ) -> Path:
        """Validate ``data`` as ``section``'s value and write it to the scope's file.

        The file is replaced atomically, under its lock (a scope file may hold several
        sections); comments on parts that did not change are kept. To change what is
        there, read and write inside :meth:`editing`.
        """
        scope = self.scope(scope_name)
        target = self.section_file(section, scope_name)
        label = where or f"{target} (new content)"
        self.schemas.validate(section, strip_overrides(data), lambda _path: (label, None))
        if target in self._editing:
            written = scope.write(section, data)
        else:
            with locked_update(target):
                written = scope.write(section, data)
        self._forget(section, scope)
        return written

    def replace_file(
        self, section: str, scope_name: str, *, expected: str | None, text: str, kept: Path
    ) -> Path:
        """``config edit``: write ``text`` as the file behind ``section`` in a scope, if it
        still holds ``expected`` (None: no file), under its lock and atomically.

        Otherwise raise :class:`ConcurrentEditError` naming ``kept``, where the caller keeps
        the user's version: nobody's change is lost. The result is not validated here.
        """
        with self.editing(section, scope_name) as target:
            current = read_text(target)
            if current != expected:
                raise ConcurrentEditError(target, kept)
            if text != current:
                atomic_write(target, text)
        self.clear_caches()
        return target

    def add(self, path_value: str, scope_name: str) -> Path:
        """``config add``: merge one ``PATH:VALUE`` into a scope's file; lists get appended."""
        override = parse_override(path_value, self.schemas)
        section = override.section
        with self.editing(section, scope_name):
            current = self.scope_data(section, scope_name)
            if current is None:
                current = self.schemas.empty(section)
            nested = override.as_data()
            value = nested[next(iter(nested))]
            updated = value if override.replace[0] else _add_into(current, value)
            return self.write_section(
                section, updated, scope_name, where=f"config add {path_value}"
            )

    def _forget(self, section: str, scope: Scope) -> None:
        self._merged.pop(section, None)
        self._layers.pop((scope.name, section), None)
        scope.forget()


def _add_into(current: Any, new: Any) -> Any:
    """``config add`` semantics: mappings merge, lists append, anything else is replaced."""
    if isinstance(current, Mapping) and isinstance(new, Mapping):
        result = dict(current)
        for key, value in new.items():
            name = key_name(key)
            existing = next((k for k in result if key_name(k) == name), None)
            if is_override(key) or existing is None:
                if existing is not None:
                    del result[existing]
                result[key] = value
            else:
                result[existing] = _add_into(result[existing], value)
        return result
    if isinstance(current, list):
        additions = new if isinstance(new, list) else [new]
        result_list = list(current)
        for item in additions:
            if not any(same(item, old) for old in result_list):
                result_list.append(item)
        return result_list
    return new
