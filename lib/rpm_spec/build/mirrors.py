"""Source mirrors: the ``mirrors`` config section and the mirror file layout.

A mirror is a URL (``file://``, ``https://``, or a plain directory) under which
sources sit as ``<package>/<package>-<version>.<ext>``. The source cache uses the
same layout, so a cache directory can serve as a mirror and ``mirror create`` is a
fetch into a directory. Entries in ``mirrors.yaml`` are ``name: url`` or
``name: {fetch: url, push: url, source: bool}``; mirrors of higher scopes are tried
first, and within a scope in file order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

from rpm_spec.build.errors import BuildLayerError
from rpm_spec.util.suggest import did_you_mean

if TYPE_CHECKING:
    from rpm_spec.config import Configuration

_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")


class MirrorConfigError(BuildLayerError):
    """A mirror cannot be added or removed as asked."""


@dataclass(frozen=True, slots=True)
class Mirror:
    """One configured mirror: where to fetch sources from, and where to push them."""

    name: str
    fetch_url: str
    push_url: str | None = None
    #: False for mirrors that only hold binaries (skipped when fetching sources).
    source: bool = True
    #: False for mirrors whose ``build_cache/`` is never searched (Spack's ``binary``).
    binary: bool = True
    #: The config scope that defines it (for ``mirror list``).
    scope: str | None = None

    @property
    def local_root(self) -> Path | None:
        """The directory of a ``file://`` or plain-path mirror; None for remote ones."""
        return local_path(self.fetch_url)

    def url_for(self, relative: str) -> str:
        """The URL of ``relative`` (``xz/xz-5.4.1.tar.xz``) on this mirror."""
        return self.fetch_url.rstrip("/") + "/" + relative

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "fetch": self.fetch_url,
            "push": self.push_url or self.fetch_url,
            "source": self.source,
            "binary": self.binary,
            "scope": self.scope,
        }


def mirror_path(package: str, stem: str, ext: str | None) -> str:
    """The layout shared by mirrors and the source cache: ``<package>/<stem>.<ext>``."""
    return f"{package}/{stem}.{ext}" if ext else f"{package}/{stem}"


def local_path(url: str) -> Path | None:
    """The file system path a ``file://`` URL or a plain absolute path names, else None."""
    parsed = urlparse(url)
    if parsed.scheme == "file":
        return Path(unquote(parsed.path))
    if parsed.scheme == "" and url.startswith("/"):
        return Path(url)
    return None


def normalize_mirror_url(url: str, cwd: Path) -> str:
    """A URL as stored in config: relative directories become absolute paths."""
    parsed = urlparse(url)
    if parsed.scheme in ("http", "https", "file"):
        return url
    if parsed.scheme == "":
        return url if url.startswith("/") else str((cwd / url).resolve())
    raise MirrorConfigError(
        f"mirror URL '{url}' is neither a directory nor a file://, http:// or https:// URL"
    )


def mirrors_from_config(config: Configuration) -> tuple[Mirror, ...]:
    """The configured mirrors in the order they are tried (highest scope first)."""
    merged: dict[str, Any] = config.get("mirrors") or {}
    order: list[tuple[str, str]] = []
    for layer in reversed(config.layers("mirrors")):
        for key in layer.value or {}:
            name = key.rstrip(":")
            if name in merged and all(name != seen for seen, _ in order):
                order.append((name, layer.scope))
    return tuple(_mirror(name, merged[name], scope) for name, scope in order)


def _mirror(name: str, entry: Any, scope: str | None) -> Mirror:
    if isinstance(entry, str):
        return Mirror(name, entry, scope=scope)
    return Mirror(
        name,
        entry["fetch"],
        entry.get("push"),
        source=bool(entry.get("source", True)),
        binary=bool(entry.get("binary", True)),
        scope=scope,
    )


def add_mirror(config: Configuration, name: str, url: str, scope: str) -> bool:
    """Add ``name: url`` to ``scope``; False if exactly that entry is there already."""
    if not _NAME.fullmatch(name):
        raise MirrorConfigError(
            f"invalid mirror name '{name}'",
            hint="use letters, digits, '_', '.' and '-' (e.g. 'local' or 'site-mirror')",
        )
    with config.editing("mirrors", scope):  # read and write under the file's lock
        current: dict[str, Any] = dict(config.scope_data("mirrors", scope) or {})
        existing = current.get(name)
        if existing is not None:
            existing_url = existing if isinstance(existing, str) else existing.get("fetch")
            if existing_url == url:
                return False
            raise MirrorConfigError(
                f"a mirror named '{name}' already exists in the {scope} scope ({existing_url})",
                hint=f"remove it first with 'rpm-spec mirror remove {name}'",
            )
        current[name] = url
        config.write_section("mirrors", current, scope, where=f"mirror add {name} {url}")
    return True


def remove_mirror(config: Configuration, name: str, scope: str | None = None) -> str:
    """Remove mirror ``name`` from ``scope`` (default: the highest writable scope that has
    it); the scope it was removed from."""
    candidates = [scope] if scope else [s.name for s in reversed(config.scopes) if s.writable]
    for scope_name in candidates:
        if not any(k.rstrip(":") == name for k in config.scope_data("mirrors", scope_name) or {}):
            continue
        with config.editing("mirrors", scope_name):  # read again under the file's lock
            current = config.scope_data("mirrors", scope_name) or {}
            key = next((k for k in current if k.rstrip(":") == name), None)
            if key is None:
                continue  # removed by someone else meanwhile
            remaining = {k: v for k, v in current.items() if k != key}
            config.write_section("mirrors", remaining, scope_name, where=f"mirror remove {name}")
        return scope_name
    names = [mirror.name for mirror in mirrors_from_config(config)]
    where = f"the {scope} scope" if scope else "any writable scope"
    raise MirrorConfigError(f"no mirror '{name}' in {where}", hint=did_you_mean(name, names))
