"""What an installed prefix held when it was installed: ``<prefix>/.rpm-spec/files.json``.

The manifest lists every regular file (sha256, size, mode) and symbolic link (its target)
below the prefix, except rpm-spec's own ``.rpm-spec`` directory, which holds it.
``rpm-spec verify`` compares a prefix with it: files modified, missing or added since.

Only a change of the owner's execute bit counts as a modified mode: the permission policy
and ``read_only_after_install`` legitimately change the other bits after the manifest is
written (see :mod:`rpm_spec.store.permissions`). A prefix relocated from a binary cache
gets a new manifest after relocation, since relocation rewrites files.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rpm_spec.store.errors import StoreError
from rpm_spec.store.layout import METADATA_DIR
from rpm_spec.util.fs import atomic_write

if TYPE_CHECKING:
    from collections.abc import Iterator

MANIFEST_FILE = "files.json"
_FORMAT = 1
_CHUNK_BYTES = 1 << 20


class FileManifestError(StoreError):
    """A prefix has no readable file manifest."""

    def __init__(self, prefix: Path, reason: str, *, hint: str | None = None) -> None:
        super().__init__(f"cannot verify {prefix}: {reason}", hint=hint)
        self.prefix = prefix
        self.reason = reason


class NoFileManifestError(FileManifestError):
    """The prefix was installed before rpm-spec recorded file manifests."""

    def __init__(self, prefix: Path) -> None:
        super().__init__(
            prefix,
            "it has no file manifest (installed before rpm-spec recorded them)",
            hint="reinstall it to record one",
        )


@dataclass(frozen=True)
class FileChanges:
    """How a prefix differs from its manifest (relative paths, sorted)."""

    modified: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    added: tuple[str, ...] = ()

    @property
    def clean(self) -> bool:
        return not (self.modified or self.missing or self.added)

    def to_json(self) -> dict[str, list[str]]:
        return {
            "modified": list(self.modified),
            "missing": list(self.missing),
            "added": list(self.added),
        }


def manifest_path(prefix: Path) -> Path:
    return prefix / METADATA_DIR / MANIFEST_FILE


def describe_prefix(prefix: Path) -> dict[str, dict[str, Any]]:
    """Relative path -> what the manifest records for it, for the prefix as it is now."""
    entries: dict[str, dict[str, Any]] = {}
    for path, relative in _walk(prefix):
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            entries[relative] = {"type": "link", "target": str(path.readlink())}
        elif stat.S_ISREG(info.st_mode):
            entries[relative] = {
                "type": "file",
                "sha256": _sha256(path),  # "" when unreadable: never matches a record
                "size": info.st_size,
                "mode": stat.S_IMODE(info.st_mode),
            }
    return entries


def write_file_manifest(prefix: Path) -> Path:
    """Record every file of ``prefix`` in its manifest (replacing an older one)."""
    path = manifest_path(prefix)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"format": _FORMAT, "files": describe_prefix(prefix)}
    atomic_write(path, json.dumps(data, indent=1, sort_keys=True) + "\n")
    return path


def read_file_manifest(prefix: Path) -> dict[str, dict[str, Any]]:
    """The recorded entries of ``prefix``; NoFileManifestError for an older install."""
    path = manifest_path(prefix)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NoFileManifestError(prefix) from None
    except (OSError, ValueError) as error:
        raise FileManifestError(prefix, f"cannot read {path}: {error}") from None
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        raise FileManifestError(prefix, f"{path} is not a file manifest rpm-spec can read")
    files = data.get("files")
    if not isinstance(files, dict) or not all(isinstance(v, dict) for v in files.values()):
        raise FileManifestError(prefix, f"{path} is damaged")
    return files


def compare(prefix: Path) -> FileChanges:
    """How ``prefix`` differs from its manifest now."""
    recorded = read_file_manifest(prefix)
    if not prefix.is_dir():
        return FileChanges(missing=tuple(sorted(recorded)))
    current = describe_prefix(prefix)
    modified = [
        name
        for name in sorted(recorded.keys() & current.keys())
        if _differs(recorded[name], current[name])
    ]
    return FileChanges(
        modified=tuple(modified),
        missing=tuple(sorted(recorded.keys() - current.keys())),
        added=tuple(sorted(current.keys() - recorded.keys())),
    )


def _differs(old: dict[str, Any], new: dict[str, Any]) -> bool:
    if old.get("type") != new["type"]:
        return True
    if new["type"] == "link":
        return bool(old.get("target") != new["target"])
    if old.get("sha256") != new["sha256"] or old.get("size") != new["size"]:
        return True
    return bool((int(old.get("mode", 0)) ^ new["mode"]) & stat.S_IXUSR)


def _walk(prefix: Path) -> Iterator[tuple[Path, str]]:
    """Files and links below ``prefix``, outside its top-level metadata directory."""
    for directory, dirnames, filenames in os.walk(prefix):
        base = Path(directory)
        if base == prefix and METADATA_DIR in dirnames:
            dirnames.remove(METADATA_DIR)
        names = filenames + [name for name in dirnames if (base / name).is_symlink()]
        for name in names:
            path = base / name
            yield path, path.relative_to(prefix).as_posix()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(_CHUNK_BYTES):
                digest.update(chunk)
    except OSError:
        return ""
    return digest.hexdigest()
