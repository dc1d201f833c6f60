"""Where a registry keeps things, and how references ``NS/ENV[@N]`` are parsed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rpm_spec.registry.errors import RegistryError
from rpm_spec.util.fs import lock_path_for
from rpm_spec.util.locks import FileLock

if TYPE_CHECKING:
    from rpm_spec.config import Configuration

_NAME = r"[A-Za-z0-9][A-Za-z0-9_.-]*"
_REF = re.compile(rf"(?P<ns>{_NAME})/(?P<env>{_NAME})(?:@(?P<version>[0-9]+))?")
#: Scopes that may say where the registry is: not the user's, an environment's or ``-c``.
_SITE_SCOPES = ("defaults", "system", "site", "test")


@dataclass(frozen=True)
class Ref:
    """``NS/ENV`` with an optional version (None: the current one)."""

    namespace: str
    name: str
    version: int | None = None

    @property
    def key(self) -> str:
        return f"{self.namespace}/{self.name}"

    def __str__(self) -> str:
        return self.key if self.version is None else f"{self.key}@{self.version}"


def is_ref(text: str) -> bool:
    """Whether ``text`` is written like ``NS/ENV[@N]`` (it may still be a directory)."""
    return _REF.fullmatch(text) is not None


def parse_ref(text: str, *, versioned: bool | None = None) -> Ref:
    """``NS/ENV[@N]``; ``versioned`` True requires ``@N``, False forbids it."""
    match = _REF.fullmatch(text)
    if match is None:
        raise RegistryError(
            f"not an environment of a registry: {text!r}",
            hint="write NAMESPACE/ENV or NAMESPACE/ENV@N",
        )
    version = int(match["version"]) if match["version"] else None
    if versioned is True and version is None:
        raise RegistryError(f"{text}: name a version", hint=f"e.g. {text}@1")
    if versioned is False and version is not None:
        raise RegistryError(f"{text}: no version here", hint=f"write {match['ns']}/{match['env']}")
    return Ref(match["ns"], match["env"], version)


def check_name(name: str, what: str) -> str:
    if not re.fullmatch(_NAME, name):
        raise RegistryError(f"invalid {what} name {name!r}", hint="letters, digits, '_', '.', '-'")
    return name


def registry_root(config: Configuration) -> Path:
    """``config:registry:root``, read from the site's scopes only (a user cannot move it)."""
    root: Any = None
    for layer in config.layers("config"):
        if layer.scope in _SITE_SCOPES or layer.scope.startswith("custom:"):
            data = layer.value if isinstance(layer.value, dict) else {}
            root = (data.get("registry") or {}).get("root", root)
    if not root:
        raise RegistryError(
            "no environment registry is configured",
            hint="the site sets it in config.yaml: 'config: {registry: {root: PATH}}'",
        )
    return config.substitute_path(str(root))


def group_lock(path: Path) -> FileLock:
    """The lock of a registry file that every editor of the namespace updates (a lock
    file the umask made 0644 would shut the others out)."""
    return FileLock(lock_path_for(path), mode=0o664)


class EnvPaths:
    """The paths of one registered environment."""

    def __init__(self, root: Path, ref: Ref) -> None:
        self.ref = ref
        self.namespace_dir = root / ref.namespace
        self.dir = self.namespace_dir / ref.name
        self.versions = self.dir / "versions"
        self.views = self.dir / "views"
        self.current = self.dir / "current"
        self.lifecycle = self.dir / "lifecycle.json"

    def version_dir(self, version: int) -> Path:
        return self.versions / str(version)

    def view_dir(self, version: int) -> Path:
        return self.views / str(version)

    def numbers(self) -> list[int]:
        """Published versions, ascending."""
        if not self.versions.is_dir():
            return []
        return sorted(int(p.name) for p in self.versions.iterdir() if p.name.isdigit())

    def current_version(self) -> int | None:
        try:
            target = Path(self.current.readlink())
        except (FileNotFoundError, OSError):
            return None
        return int(target.name) if target.name.isdigit() else None
